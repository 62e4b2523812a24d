import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
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
      <PageTitle title={(await getTranslations("invite"))("title")} subtitle={(await getTranslations("invite"))("intro")} />
      <InviteJudgeForm editions={editions.map((e) => ({ id: e.id, title: e.title }))} />
    </div>
  );
}
