import type { Metadata } from "next";
import { PageTitle } from "@/components/layout/page-title";
import { InviteJudgeForm } from "@/components/admin/invite-judge-form";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/client";
import { listOrganiserEditions } from "@/lib/editions/list-organiser-editions";

export const metadata: Metadata = { title: "Undang juri" };
export const dynamic = "force-dynamic";

export default async function InviteJudgesPage() {
  const actor = await requirePageActor(["organiser"], "/admin/juri");
  const editions = (await listOrganiserEditions(getDb(), actor)).filter((e) => !e.isHistorical && e.status !== "diumumkan");
  return (
    <div className="mx-auto max-w-lg">
      <PageTitle title="Undang juri" subtitle="Juri membuat akunnya sendiri lewat tautan undangan (berlaku 14 hari). Film dari kabupaten asal juri tidak pernah ditugaskan kepadanya." />
      <InviteJudgeForm editions={editions.map((e) => ({ id: e.id, title: e.title }))} />
    </div>
  );
}
