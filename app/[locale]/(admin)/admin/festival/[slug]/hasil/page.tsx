import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/layout/page-title";
import { PublishForm, RemoveSpecialAwardForm, SealForm, SpecialAwardForm, UnsealForm } from "@/components/admin/judging-forms";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { formatWib } from "@/lib/format/dates";
import { organiserEdition } from "@/lib/judging/assignment-plan";
import { computeEditionResults } from "@/lib/results/edition-results";
import { judgeSeverity } from "@/lib/results/judge-severity";
import { formatScore } from "@/lib/results/rank";
import { awardableFilms, listSpecialAwards, suggestedAwardNames } from "@/lib/results/special-awards";

export const metadata: Metadata = { title: "Hasil" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

export default async function ResultsAdminPage({ params }: Props) {
  const { slug } = await params;
  const actor = await requirePageActor(["organiser"], `/admin/festival/${slug}/hasil`);
  const db = getDb();
  const edition = await organiserEdition(db, actor, slug).catch((error: unknown) => {
    if (error instanceof AppError) notFound();
    throw error;
  });
  const [results, awards, awardable, t, locale] = await Promise.all([
    computeEditionResults(db, edition),
    listSpecialAwards(db, edition.id),
    awardableFilms(db, edition.id),
    getTranslations("hasil"),
    getLocale(),
  ]);
  const { ranking } = results;
  const films = new Map(results.films.map((f) => [f.id, f]));
  const judgeNames = new Map(results.judges.map((j) => [j.id, j.name]));
  const severity = judgeSeverity(ranking.films);
  const zscore = (edition.settings?.rankingMethod ?? "mean") === "zscore";
  const placements = edition.settings?.placements ?? { juara: 3, harapan: 3 };
  const state =
    edition.status === "diumumkan"
      ? t("statePublished", { date: formatWib(edition.publishedAt, locale) })
      : edition.status === "disegel"
        ? `${t("stateSealed", { date: formatWib(edition.sealedAt, locale) })}${edition.scheduledPublishAt ? ` ${t("stateScheduled", { date: formatWib(edition.scheduledPublishAt, locale) })}` : ""}`
        : t("stateJudging");

  return (
    <div className="space-y-6">
      <PageTitle title={`${t("title")}: ${edition.title}`} subtitle={t("method", { method: zscore ? t("zscore") : t("mean"), ...placements })} />

      <section aria-labelledby="h-state" className="card space-y-3">
        <h2 id="h-state" className="sr-only">
          Status
        </h2>
        <p data-testid="results-state">{state}</p>
        {edition.status === "penjurian" && <SealForm slug={slug} />}
        {(edition.status === "disegel" || edition.status === "diumumkan") && (
          <ul className="flex flex-wrap gap-x-4 gap-y-1" aria-label={t("documents")}>
            {(["rekap.xlsx", "rekap.csv", "berita-acara.pdf", "piagam.pdf"] as const).map((doc) => (
              <li key={doc}>
                <a href={`/api/festival/${slug}/dokumen/${doc}`}>{t(`doc.${doc.replace(".", "_")}`)}</a>
              </li>
            ))}
          </ul>
        )}
        {edition.status === "disegel" && (
          <>
            <PublishForm slug={slug} />
            <details>
              <summary className="cursor-pointer text-sm">{t("unseal")}</summary>
              <UnsealForm slug={slug} />
            </details>
          </>
        )}
      </section>

      <section aria-labelledby="h-problems" className={`card ${ranking.problems.length ? "border-amber-300 bg-amber-50" : ""}`}>
        <h2 id="h-problems" className="mb-2 text-lg font-semibold">
          {t("problems")}
        </h2>
        {ranking.problems.length === 0 ? (
          <p>{t("noProblems")}</p>
        ) : (
          <ul className="list-disc pl-5" data-testid="results-problems">
            {ranking.problems.map((p) => (
              <li key={p}>{p.replace(/\b[0-9a-f]{8}-[0-9a-f-]{27}\b/g, (id) => films.get(id)?.code ?? judgeNames.get(id) ?? id)}</li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="h-ranking" className="card">
        <h2 id="h-ranking" className="mb-2 text-lg font-semibold">
          {t("ranking")}
        </h2>
        {results.round.kind === "final" && (
          <p className="mb-2 text-sm text-muted" data-testid="final-ranking-note">
            {t("fromFinal")}
          </p>
        )}
        {ranking.films.length === 0 && <p className="text-muted">{t("none")}</p>}
        <ol className="divide-y divide-line" data-testid="ranking">
          {ranking.films.map((f) => {
            const film = films.get(f.filmId);
            return (
              <li key={f.filmId} className="space-y-1 py-2">
                <p className="flex flex-wrap items-baseline justify-between gap-2">
                  <span className="font-semibold">
                    {f.rank ?? "—"}. {film?.code} · {film?.title}
                  </span>
                  {f.placement && <span className="badge bg-amber-100 text-amber-900">{f.placement}</span>}
                  {f.tied && <span className="badge bg-red-100 text-red-900">{t("tied")}</span>}
                  {f.flagged && <span className="badge bg-gray-200 text-gray-800">{t("flagged")}</span>}
                </p>
                <p className="text-sm text-muted">
                  {film?.kimName}
                  {film?.categoryName ? ` · ${film.categoryName}` : ""}
                </p>
                <p className="text-sm tabular-nums">
                  {t("raw")}: {formatScore(f.rawMean)}
                  {zscore && ` · ${t("score")}: ${formatScore(f.score)}`}
                </p>
                <p className="text-sm tabular-nums text-muted">
                  {t("judges")}:{" "}
                  {Object.entries(f.judgeTotals)
                    .map(([id, total]) => `${judgeNames.get(id) ?? id} ${formatScore(total)}`)
                    .join(" · ")}
                </p>
              </li>
            );
          })}
        </ol>
      </section>

      <section aria-labelledby="h-awards" className="card space-y-3" data-testid="special-awards">
        <h2 id="h-awards" className="text-lg font-semibold">
          {t("awards")}
        </h2>
        <p className="text-sm text-muted">{t("awardsIntro")}</p>
        {awards.length > 0 && (
          <ul className="divide-y divide-line">
            {awards.map((a) => (
              <li key={a.id} className="space-y-1 py-2">
                <p>{t("awardLine", { name: a.name, code: a.filmCode, title: a.filmTitle, kim: a.kimName })}</p>
                {a.note && <p className="text-sm text-muted">{a.note}</p>}
                <details>
                  <summary className="cursor-pointer text-sm">{t("awardRemove")}</summary>
                  <RemoveSpecialAwardForm slug={slug} awardId={a.id} />
                </details>
              </li>
            ))}
          </ul>
        )}
        {edition.status === "draf" || edition.status === "pendaftaran" ? (
          <p className="text-sm">{t("awardsLater")}</p>
        ) : (
          <SpecialAwardForm slug={slug} films={awardable.map((f) => ({ id: f.id, label: `${f.code} · ${f.title} · ${f.kimName}` }))} suggestions={suggestedAwardNames} />
        )}
      </section>

      <section aria-labelledby="h-severity" className="card space-y-2">
        <h2 id="h-severity" className="text-lg font-semibold">
          {t("severity")}
        </h2>
        <p className="text-sm text-muted">{t("severityIntro")}</p>
        <ul className="space-y-1 text-sm tabular-nums">
          {severity.map((s) => (
            <li key={s.judgeId}>{t("severityLine", { name: judgeNames.get(s.judgeId) ?? s.judgeId, sheets: s.sheets, mean: formatScore(s.mean), spread: formatScore(s.spread), offset: formatScore(s.offset) })}</li>
          ))}
        </ul>
      </section>
    </div>
  );
}
