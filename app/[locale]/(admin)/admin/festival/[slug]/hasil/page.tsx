import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ExcludedFilms, SealChecklist } from "@/components/admin/results-checklist";
import { PublishForms, RemoveSpecialAwardForm, SpecialAwardForm, UnsealForm } from "@/components/admin/results-forms";
import { ResultsTies } from "@/components/admin/results-ties";
import { PageLinks, pageSlice } from "@/components/layout/page-links";
import { PageTitle } from "@/components/layout/page-title";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { formatWib } from "@/lib/format/dates";
import { translateMessage } from "@/lib/i18n/translate-message";
import { organiserEdition } from "@/lib/judging/assignment-plan";
import { computeEditionResults, type EditionResults } from "@/lib/results/edition-results";
import { listExcludedFilms } from "@/lib/results/exclusions";
import { judgeSeverity } from "@/lib/results/judge-severity";
import { listJuryDecisions } from "@/lib/results/jury-decisions";
import { formatScore } from "@/lib/results/rank";
import { resultsState } from "@/lib/results/results-state";
import { sealChecklist } from "@/lib/results/seal-checklist";
import { awardableFilms, listSpecialAwards, suggestedAwardNames } from "@/lib/results/special-awards";

export const metadata: Metadata = { title: "Hasil" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }>; searchParams?: Promise<Record<string, string | string[] | undefined>> };

/** Ranked films per page: the placed ones lead page 1; an edition of 4,000 films stays a page of about 100 KB (issue 17). */
const RANKING_PAGE = 50;
type Translate = Awaited<ReturnType<typeof getTranslations<"hasil">>>;

export default async function ResultsAdminPage({ params, searchParams }: Props) {
  const [{ slug }, query = {}] = await Promise.all([params, searchParams]);
  const actor = await requirePageActor(["organiser"], `/admin/festival/${slug}/hasil`);
  const db = getDb();
  const edition = await organiserEdition(db, actor, slug).catch((error: unknown) => {
    if (error instanceof AppError) notFound();
    throw error;
  });
  const [t, td, locale] = await Promise.all([getTranslations("hasil"), getTranslations("dokumen.docs"), getLocale()]);
  const state = resultsState(edition);
  const stateText = t(`state.${state}`, { date: formatWib(state === "published" ? edition.publishedAt : edition.sealedAt, locale), at: formatWib(edition.scheduledPublishAt, locale) });

  // Before judging there is nothing to rank, tie or seal.
  if (state === "draft" || state === "registration") {
    return (
      <div className="space-y-6">
        <PageTitle title={`${t("title")}: ${edition.title}`} />
        <section aria-labelledby="h-state" className="card space-y-2">
          <h2 id="h-state" className="text-lg font-semibold">
            {t("stateHeading")}
          </h2>
          <p data-testid="results-state">{stateText}</p>
          <p className="text-sm text-muted">{t("notYet")}</p>
        </section>
      </div>
    );
  }

  const judging = edition.status === "penjurian";
  const results = await computeEditionResults(db, edition);
  const [checklist, decisions, excluded, awards, awardable] = await Promise.all([
    judging ? sealChecklist(db, edition, results) : Promise.resolve([]),
    listJuryDecisions(db, edition.id),
    listExcludedFilms(db, edition.id),
    listSpecialAwards(db, edition.id),
    awardableFilms(db, edition.id),
  ]);
  const { ranking } = results;
  const { page: rankingPage, pages: rankingPages, shown: shownRanking } = pageSlice(ranking.films, RANKING_PAGE, query.peringkat);
  // The special award's film choice: the films of this ranking page (every film when few).
  const shownIds = new Set(shownRanking.map((f) => f.filmId));
  const awardChoices = awardable.length > RANKING_PAGE ? awardable.filter((f) => shownIds.has(f.id)) : awardable;
  const films = new Map(results.films.map((f) => [f.id, f]));
  const judgeNames = new Map(results.judges.map((j) => [j.id, j.name]));
  const severity = judgeSeverity(ranking.films);
  const zscore = results.settings.rankingMethod === "zscore";
  // Ties, flagged films and decisions are laid out above and in the ranking; these are the rest.
  const notes = ranking.issues.filter((i) => i.kind === "zscore" || (!judging && i.kind === "input"));

  return (
    <div className="space-y-6">
      <PageTitle title={`${t("title")}: ${edition.title}`} subtitle={subtitle(t, results)} />

      <section aria-labelledby="h-state" className="card space-y-3">
        <h2 id="h-state" className="text-lg font-semibold">
          {t("stateHeading")}
        </h2>
        <p data-testid="results-state">{stateText}</p>
        {(edition.status === "disegel" || edition.status === "diumumkan") && (
          <ul className="flex flex-wrap gap-x-4 gap-y-1" aria-label={t("documents")}>
            {/* The same names as on the documents page, which says more about each. */}
            {(["rekap.xlsx", "rekap.csv", "rekap-titik.csv", "berita-acara.pdf", "piagam.pdf", "piagam-peserta.pdf", "piagam-juri.pdf"] as const).map((doc) => (
              <li key={doc}>
                <a href={`/api/festival/${slug}/dokumen/${doc}`}>{td(`${doc.replace(/[.-]/g, "_")}.label` as "rekap_xlsx.label")}</a>
              </li>
            ))}
            <li>
              <a href={`/admin/festival/${slug}/dokumen`}>{t("documentsPage")}</a>
            </li>
          </ul>
        )}
        {edition.status === "disegel" && (
          <>
            <h3 className="font-semibold">{t("publishHeading")}</h3>
            <PublishForms slug={slug} />
            <details>
              <summary className="cursor-pointer">{t("unseal")}</summary>
              <div className="mt-2">
                <UnsealForm slug={slug} />
              </div>
            </details>
          </>
        )}
      </section>

      {judging && <SealChecklist slug={slug} items={checklist} locale={locale} />}

      <ResultsTies slug={slug} results={results} decisions={decisions} editable={judging} locale={locale} />

      <ExcludedFilms slug={slug} films={excluded} editable={judging} />

      {notes.length > 0 && (
        <section aria-labelledby="h-notes" className="card">
          <h2 id="h-notes" className="mb-2 text-lg font-semibold">
            {t("notes")}
          </h2>
          <ul className="list-disc pl-5 text-sm" data-testid="results-notes">
            {notes.map((n) => (
              <li key={n.text}>{translateMessage(n.text, locale)}</li>
            ))}
          </ul>
        </section>
      )}

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
          {shownRanking.map((f) => {
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
                    .map(([id, total]) => `${judgeNames.get(id) ?? "—"} ${formatScore(total)}`)
                    .join(" · ")}
                </p>
              </li>
            );
          })}
        </ol>
        <PageLinks
          label={t("rankingPages")}
          param="peringkat"
          page={rankingPage}
          pages={rankingPages}
          query={{ peringkat: rankingPage > 1 ? String(rankingPage) : undefined }}
          texts={{ previous: t("previous"), next: t("next"), pageOf: t("pageOf", { page: rankingPage, pages: rankingPages }) }}
        />
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
        {awardChoices.length < awardable.length && <p className="text-sm text-muted">{t("awardChoicesHint")}</p>}
        <SpecialAwardForm slug={slug} films={awardChoices.map((f) => ({ id: f.id, label: `${f.code} · ${f.title} · ${f.kimName}` }))} suggestions={suggestedAwardNames} />
      </section>

      <section aria-labelledby="h-severity" className="card space-y-2">
        <h2 id="h-severity" className="text-lg font-semibold">
          {t("severity")}
        </h2>
        <p className="text-sm text-muted">{t("severityIntro")}</p>
        <ul className="space-y-1 text-sm tabular-nums">
          {severity.map((s) => (
            <li key={s.judgeId}>{t("severityLine", { name: judgeNames.get(s.judgeId) ?? "—", sheets: s.sheets, mean: formatScore(s.mean), spread: formatScore(s.spread), offset: formatScore(s.offset) })}</li>
          ))}
        </ul>
      </section>
    </div>
  );
}

/** The method, the placements (per category when a category has its own) and the tie-break criteria by name. */
function subtitle(t: Translate, results: EditionResults): string {
  const { settings, categories, criteria, ranking } = results;
  const own = categories.some((c) => c.juara !== null || c.harapan !== null);
  const placements = own
    ? categories.map((c) => t("placementsCategory", { category: c.name, juara: c.juara ?? settings.placements.juara, harapan: c.harapan ?? settings.placements.harapan })).join(" · ")
    : t("placementsAll", settings.placements);
  const names = ranking.tieBreak.map((id) => criteria.find((c) => c.id === id)?.name ?? "").filter(Boolean);
  const tieBreak = names.length ? t("tieBreakLine", { criteria: names.join(", ") }) : t("tieBreakNoneLine");
  return `${t("method", { method: settings.rankingMethod === "zscore" ? t("zscore") : t("mean") })} · ${placements}. ${tieBreak}.`;
}
