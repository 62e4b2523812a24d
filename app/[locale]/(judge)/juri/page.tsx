import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { OwnCertificates } from "@/components/documents/own-certificates";
import { PageTitle } from "@/components/layout/page-title";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/client";
import { formatWib } from "@/lib/format/dates";
import { judgeEditionPhase, listJudgeEditions } from "@/lib/judging/judge-progress";
import { regionName } from "@/lib/regions/region-name";

export const dynamic = "force-dynamic";

export default async function JudgeDashboard() {
  const actor = await requirePageActor(["judge"], "/juri");
  const db = getDb();
  const [t, tr, locale, editions, home] = await Promise.all([getTranslations(), getTranslations("juriRoster.dashboard"), getLocale(), listJudgeEditions(db, actor), regionName(db, actor.regionCode)]);
  const now = new Date();
  return (
    <div className="space-y-6">
      <PageTitle title={t("dashboard.judge")} subtitle={`${t("dashboard.hello", { name: actor.name })} · ${t("dashboard.homeRegency", { region: home })}`} />
      <section aria-labelledby="h-judge-editions">
        <h2 id="h-judge-editions" className="mb-2 text-xl font-semibold">
          {t("dashboard.judgeEditions")}
        </h2>
        {editions.length === 0 ? (
          <p className="text-muted">{t("dashboard.noAssignments")}</p>
        ) : (
          <ul className="space-y-2">
            {editions.map((e) => {
              const { phase, close } = judgeEditionPhase(e, now);
              const closeText = close.kind === "at" ? tr("closes", { date: formatWib(close.date, locale) }) : close.kind === "closed" ? tr("closed") : tr("noClose");
              return (
                <li key={e.slug} className="card">
                  <p className="font-medium">
                    <Link href={`/juri/${e.slug}`}>{e.title}</Link>
                  </p>
                  <p className="text-sm text-muted" data-testid="judge-edition-phase">
                    {tr(`phase_${phase}`)} {closeText}.
                  </p>
                  {phase === "pendaftaran" || phase === "draf" ? (
                    <p className="mt-1 text-sm">{e.submissionClosesAt ? tr("waitingWithDate", { date: formatWib(e.submissionClosesAt, locale) }) : tr("waiting")}</p>
                  ) : (
                    <>
                      <p className="mt-1">
                        {t("dashboard.progress", { submitted: e.submitted, assigned: e.assigned })} {e.drafted > 0 && `· ${t("dashboard.drafts", { count: e.drafted })}`}
                      </p>
                      <progress className="mt-2 w-full" max={Math.max(e.assigned, 1)} value={e.submitted} aria-label={t("dashboard.progress", { submitted: e.submitted, assigned: e.assigned })} />
                    </>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <OwnCertificates actor={actor} />
    </div>
  );
}
