import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/layout/page-title";
import { CloseMonevForm, MonevCriteriaForm, MonevStatusForm } from "@/components/monev/monev-forms";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { formatWib } from "@/lib/format/dates";
import { todayWib } from "@/lib/kim/kim-status";
import { monevHasScores } from "@/lib/monev/monev-rounds";
import { getMonevOverview } from "@/lib/monev/monev-sheets";

export const metadata: Metadata = { title: "Monev KIM" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

const score = (n: number | null) => (n === null ? "—" : n.toFixed(2));

/** One Monev: its criteria, the KIMs of the region by kecamatan with their totals and decisions, results per kecamatan, closing. */
export default async function MonevPage({ params }: Props) {
  const { id } = await params;
  const actor = await requirePageActor(["organiser"], `/admin/monev/${id}`);
  const db = getDb();
  const data = await getMonevOverview(db, actor, id).catch((error: unknown) => {
    if (error instanceof AppError) notFound();
    throw error;
  });
  const [t, ts, locale, locked] = await Promise.all([getTranslations("monev"), getTranslations("status"), getLocale(), monevHasScores(db, id)]);
  const { round, criteria, rows, byDistrict } = data;
  const decision = (d: "aktif" | "tidak_aktif" | null) => (d ? ts(d) : "—");
  return (
    <div className="mx-auto max-w-4xl space-y-8">
      <p>
        <Link href="/admin/monev">← {t("title")}</Link>
      </p>
      <PageTitle title={round.title} subtitle={t("page.subtitle", { year: round.year, threshold: round.threshold })} />
      <p className="card" data-testid="monev-status">
        {t("page.status")}: <strong>{t(`statuses.${round.status}`)}</strong>
        {round.closedAt && <span className="block text-sm text-muted">{t("page.closedAt", { date: formatWib(round.closedAt, locale) })}</span>}
      </p>

      <section aria-labelledby="h-criteria" className="card space-y-3">
        <h2 id="h-criteria" className="text-xl font-semibold">
          {t("criteria.heading")}
        </h2>
        {locked || round.status === "selesai" ? (
          <>
            <p className="text-sm text-muted">{t("criteria.locked")}</p>
            <ul className="list-disc space-y-1 pl-5" data-testid="monev-criteria">
              {criteria.map((c) => (
                <li key={c.id}>{t("criteria.line", { name: c.name, max: c.maxScore, weight: c.weight })}</li>
              ))}
            </ul>
          </>
        ) : (
          <>
            <p className="text-sm text-muted">{t("criteria.hint")}</p>
            <MonevCriteriaForm monevId={round.id} rows={criteria.map((c) => ({ id: c.id, name: c.name, description: c.description ?? "", maxScore: String(c.maxScore), weight: String(c.weight) }))} />
          </>
        )}
        {round.status === "draf" && <MonevStatusForm monevId={round.id} next="berjalan" />}
        {round.status === "berjalan" && !locked && <MonevStatusForm monevId={round.id} next="draf" />}
      </section>

      <section aria-labelledby="h-kims" className="space-y-2">
        <h2 id="h-kims" className="text-xl font-semibold">
          {t("sheets.heading")}
        </h2>
        <p className="text-sm text-muted">{t("sheets.hint", { threshold: round.threshold })}</p>
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t("sheets.caption")}>
          <table className="w-full text-left text-sm" data-testid="monev-kims">
            <caption className="sr-only">{t("sheets.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("sheets.district")}</th>
                <th scope="col">{t("sheets.kim")}</th>
                <th scope="col">{t("sheets.total")}</th>
                <th scope="col">{t("sheets.proposal")}</th>
                <th scope="col">{t("sheets.decision")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.kim.id} className="border-t border-line" data-kim={r.kim.name}>
                  <td>{r.kim.districtName}</td>
                  <td className="break-words">
                    <Link href={`/admin/monev/${round.id}/kim/${r.kim.id}`}>{r.kim.name}</Link>
                    <span className="block text-muted">{t("sheets.now", { status: ts(r.kim.status) })}</span>
                  </td>
                  <td>{score(r.total)}</td>
                  <td>{decision(r.proposal)}</td>
                  <td>
                    {decision(r.final)}
                    {r.decision && r.decision !== r.proposal && <span className="block text-muted">{t("sheets.override")}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="h-district" className="space-y-2">
        <h2 id="h-district" className="text-xl font-semibold">
          {t("results.heading")}
        </h2>
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t("results.caption")}>
          <table className="w-full text-left text-sm" data-testid="monev-districts">
            <caption className="sr-only">{t("results.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("sheets.district")}</th>
                <th scope="col">{t("results.scored")}</th>
                <th scope="col">{t("results.average")}</th>
                <th scope="col">{ts("aktif")}</th>
                <th scope="col">{ts("tidak_aktif")}</th>
              </tr>
            </thead>
            <tbody>
              {byDistrict.map((d) => (
                <tr key={d.districtCode} className="border-t border-line">
                  <th scope="row" className="font-normal">
                    {d.districtName}
                  </th>
                  <td>{t("results.scoredOf", { scored: d.scored, kims: d.kims })}</td>
                  <td>{score(d.average)}</td>
                  <td>{d.aktif}</td>
                  <td>{d.tidakAktif}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {round.status === "berjalan" && (
        <section aria-labelledby="h-close" className="card space-y-3">
          <h2 id="h-close" className="text-xl font-semibold">
            {t("close.heading")}
          </h2>
          <p className="text-sm">{t("close.explain", { decided: rows.filter((r) => r.final).length, undecided: rows.filter((r) => !r.final).length })}</p>
          <CloseMonevForm monevId={round.id} today={todayWib()} />
        </section>
      )}
    </div>
  );
}
