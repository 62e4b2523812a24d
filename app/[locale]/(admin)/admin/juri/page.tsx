import type { Metadata } from "next";
import Link from "next/link";
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
  const [t, tr] = await Promise.all([getTranslations("invite"), getTranslations("juriRoster.adminJudges")]);
  return (
    <div className="mx-auto max-w-lg space-y-6">
      <PageTitle title={t("title")} subtitle={t("intro")} />
      {editions.length > 0 && (
        <section aria-labelledby="h-rosters" className="card space-y-2">
          <h2 id="h-rosters" className="text-lg font-semibold">
            {tr("rostersTitle")}
          </h2>
          <p className="text-sm text-muted">{tr("rostersHint")}</p>
          <ul className="list-disc space-y-1 pl-5">
            {editions.map((e) => (
              <li key={e.id}>
                <Link href={`/admin/festival/${e.slug}/juri`}>{e.title}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <InviteJudgeForm editions={editions.map((e) => ({ id: e.id, title: e.title }))} />
    </div>
  );
}
