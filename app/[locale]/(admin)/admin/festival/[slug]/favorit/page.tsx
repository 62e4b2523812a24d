import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { AwardForm, PhaseForm, VoidBurstForm, VoidSelectedForm } from "@/components/favorit/favorit-admin-forms";
import { PageTitle } from "@/components/layout/page-title";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/client";
import { toWibInput } from "@/lib/editions/edition-schemas";
import { AppError } from "@/lib/errors";
import { favoritAdminView } from "@/lib/favorit/admin";
import { formatWib } from "@/lib/format/dates";

export const metadata: Metadata = { title: "Film Terfavorit" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

const burstOptions = { burstVotes: 10, burstMinutes: 10 };

export default async function FavoritAdminPage({ params }: Props) {
  const { slug } = await params;
  const actor = await requirePageActor(["organiser"], `/admin/festival/${slug}/favorit`);
  const now = new Date();
  const view = await favoritAdminView(getDb(), actor, slug, now, burstOptions).catch((error: unknown) => {
    if (error instanceof AppError) notFound();
    throw error;
  });
  const [t, locale] = await Promise.all([getTranslations("favorit.admin"), getLocale()]);
  const { edition, phase, report } = view;
  const opened = !!phase && phase.opensAt <= now;
  const closed = !!phase && phase.closesAt <= now;
  const status = !phase
    ? t("statusNone")
    : phase.awardedAt
      ? t("statusAwarded", { at: formatWib(phase.awardedAt, locale) })
      : closed
        ? t("statusClosed", { closes: formatWib(phase.closesAt, locale) })
        : opened
          ? t("statusOpen", { closes: formatWib(phase.closesAt, locale) })
          : t("statusWaiting", { opens: formatWib(phase.opensAt, locale), closes: formatWib(phase.closesAt, locale) });
  const wib = (d: Date) => formatWib(d, locale);

  return (
    <div className="space-y-6">
      <PageTitle title={`${t("title")}: ${edition.title}`} />
      <section aria-labelledby="h-status" className="card space-y-2">
        <h2 id="h-status" className="text-lg font-semibold">{t("status")}</h2>
        <p data-testid="favorit-status">{status}</p>
        <p>{t("intro")}</p>
        {phase && (
          <p>
            <Link href={`/festival/${edition.slug}/favorit`}>{t("publicPage")}</Link>
          </p>
        )}
      </section>

      {!phase?.awardedAt && (
        <section aria-labelledby="h-phase" className="card space-y-3">
          <h2 id="h-phase" className="text-lg font-semibold">{t("nominees")}</h2>
          <PhaseForm
            slug={edition.slug}
            films={view.nominable}
            chosen={view.nominees.map((n) => n.filmId)}
            opensAt={phase ? toWibInput(phase.opensAt) : ""}
            closesAt={phase ? toWibInput(phase.closesAt) : ""}
            locked={opened}
          />
        </section>
      )}

      {phase && (
        <section aria-labelledby="h-report" className="card space-y-4" data-testid="favorit-report">
          <h2 id="h-report" className="text-lg font-semibold">{t("report")}</h2>
          <p className="text-sm">{t("reportHint")}</p>
          <p>
            {t("valid", { count: report.valid })} · {t("voided", { count: report.voided })}
          </p>
          {report.valid + report.voided === 0 ? (
            <p>{t("none")}</p>
          ) : (
            <>
              <div className="grid gap-4 md:grid-cols-3">
                <Table caption={t("perHour")} head={[t("hour"), t("votes")]} rows={report.perHour.map((h) => [wib(h.hour), String(h.votes)])} />
                <Table caption={t("perNetwork")} head={[t("network"), t("votes")]} rows={report.perNetwork.map((n) => [n.network, String(n.votes)])} />
                <Table caption={t("perDomain")} head={[t("domain"), t("votes")]} rows={report.perDomain.map((d) => [d.domain, String(d.votes)])} />
              </div>
              <div className="space-y-2" data-testid="favorit-bursts">
                <h3 className="font-semibold">{t("bursts")}</h3>
                <p className="text-sm">{t("burstsHint", { votes: burstOptions.burstVotes, minutes: burstOptions.burstMinutes })}</p>
                {report.bursts.length === 0 && <p>{t("noBursts")}</p>}
                <ul className="space-y-3">
                  {report.bursts.map((burst, i) => (
                    <li key={`${burst.network}-${burst.from.toISOString()}`} className="rounded border p-3 space-y-2">
                      <p className="break-all">
                        {burst.network}: {t("votes")} {burst.votes} · {t("from")} {wib(burst.from)} · {t("to")} {wib(burst.to)}
                      </p>
                      {!phase.awardedAt && <VoidBurstForm slug={edition.slug} voteIds={burst.voteIds} index={i} />}
                    </li>
                  ))}
                </ul>
              </div>
              {report.spikes.length > 0 && (
                <Table caption={t("spikes")} head={[t("minute"), t("votes"), t("median")]} rows={report.spikes.map((s) => [wib(s.minute), String(s.votes), String(s.median)])} />
              )}
              {!phase.awardedAt && (
                <div className="space-y-2">
                  <h3 className="font-semibold">{t("recent")}</h3>
                  <VoidSelectedForm slug={edition.slug} votes={view.recent.map((v) => ({ id: v.id, time: wib(v.votedAt), network: v.network, emailDomain: v.emailDomain, voided: v.voidedAt !== null }))} />
                </div>
              )}
            </>
          )}
        </section>
      )}

      {view.results && (
        <section aria-labelledby="h-results" className="card space-y-3" data-testid="favorit-results">
          <h2 id="h-results" className="text-lg font-semibold">{t("results")}</h2>
          <Table
            caption={t("results")}
            head={[t("film"), t("votes")]}
            rows={view.results.films.map((f) => [`${f.categoryName ? `${f.categoryName} · ` : ""}${f.code} · ${f.title}`, String(f.votes)])}
          />
          {!phase?.awardedAt && (
            <>
              <p className="text-sm">{t("awardHint")}</p>
              <AwardForm slug={edition.slug} />
            </>
          )}
        </section>
      )}
    </div>
  );
}

function Table({ caption, head, rows }: { caption: string; head: string[]; rows: string[][] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="text-left font-medium">{caption}</caption>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col" className="text-left">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              {row.map((cell, j) => (
                <td key={j} className="break-all">
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
