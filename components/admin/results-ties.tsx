import { getTranslations } from "next-intl/server";
import { JuryDecisionForm, RevokeDecisionForm } from "@/components/admin/results-forms";
import { formatWib } from "@/lib/format/dates";
import type { EditionResults } from "@/lib/results/edition-results";
import type { JuryDecisionView } from "@/lib/results/jury-decisions";
import { formatScore, placementFor } from "@/lib/results/rank";
import { filmLabel } from "@/lib/results/ranked";

type Props = { slug: string; results: EditionResults; decisions: JuryDecisionView[]; editable: boolean; locale: string };

/** Ties below the placements listed by name: the nearest ones; a big edition has hundreds, none of them decide a placement (issue 17). */
const BELOW_SHOWN = 20;

/**
 * The ties of the ranking, by film code and title: each open tie in the placements with what
 * the tie-break criteria did and a form for the jury's decision, the ties below the placements,
 * the ties the criteria or a decision resolved, and every recorded decision.
 */
export async function ResultsTies({ slug, results, decisions, editable, locale }: Props) {
  const t = await getTranslations("hasil.ties");
  const { ranking } = results;
  const film = new Map(results.films.map((f) => [f.id, f]));
  const label = (id: string) => (film.get(id) ? filmLabel(film.get(id)!) : id);
  const criterion = new Map(results.criteria.map((c) => [c.id, c.name]));
  const category = new Map(results.categories.map((c) => [c.id, c]));
  const inCategory = (id: string | undefined) => (id === undefined ? "" : t("inCategory", { category: category.get(id)?.name ?? "" }));
  const counts = (id: string | undefined) => {
    const own = id === undefined ? undefined : category.get(id);
    return { juara: own?.juara ?? results.settings.placements.juara, harapan: own?.harapan ?? results.settings.placements.harapan };
  };
  const criteriaNames = (n: number) => ranking.tieBreak.slice(0, n).map((id) => criterion.get(id) ?? id).join(", ");
  // Tied films by code, as the organiser finds them in the entries list.
  const byCode = (ids: string[]) => [...ids].sort((a, b) => (film.get(a)?.code ?? a).localeCompare(film.get(b)?.code ?? b));
  const ties = ranking.ties.map((tie) => ({ ...tie, filmIds: byCode(tie.filmIds) }));
  const open = ties.filter((tie) => tie.blocking);
  const below = ties.filter((tie) => !tie.blocking);
  const broken = ranking.brokenTies.filter((b) => b.inZone);

  return (
    <section aria-labelledby="h-ties" className={`card space-y-4 ${open.length ? "border-amber-300" : ""}`} data-testid="results-ties">
      <h2 id="h-ties" className="text-lg font-semibold">
        {t("title")}
      </h2>
      {open.length === 0 && <p>{t("none")}</p>}
      {open.map((tie) => {
        const key = `tie-${tie.category ?? "all"}-${tie.position}`;
        const places = tie.filmIds.map((_, i) => {
          const rank = tie.position + i;
          const placement = placementFor(rank, counts(tie.category));
          return { value: String(i + 1), label: placement ? t("placeWith", { rank, placement }) : t("place", { rank }) };
        });
        return (
          <article key={key} aria-labelledby={`${key}-h`} className="space-y-3 rounded-md border border-amber-300 bg-amber-50 p-3" data-testid="open-tie">
            <h3 id={`${key}-h`} className="font-semibold">
              {t("heading", { position: tie.position, category: inCategory(tie.category), count: tie.filmIds.length, score: formatScore(tie.score) })}
            </h3>
            <ul className="list-disc pl-5">
              {tie.filmIds.map((id) => (
                <li key={id}>
                  {label(id)}
                  {film.get(id)?.kimName ? <span className="text-muted"> · {film.get(id)!.kimName}</span> : null}
                </li>
              ))}
            </ul>
            {ranking.tieBreak.length === 0 ? (
              <p className="text-sm">
                {t("tieBreakNone")} <a href={`/admin/festival/${slug}/pengaturan`}>{t("settingsLink")}</a>
              </p>
            ) : (
              <p className="text-sm">{t("tieBreakApplied", { criteria: ranking.tieBreak.map((id, i) => `${criterion.get(id) ?? id} ${formatScore(tie.tieBreak[i])}`).join(" → ") })}</p>
            )}
            {tie.conflict && <p className="text-sm font-medium text-danger">{t("conflict")}</p>}
            {editable && (
              <details className="rounded-md border border-line bg-white p-3">
                <summary className="cursor-pointer font-medium">{t("decide")}</summary>
                <p className="my-2 text-sm text-muted">{t("decideIntro")}</p>
                <JuryDecisionForm slug={slug} formId={key} films={tie.filmIds.map((id) => ({ id, label: label(id) }))} places={places} />
              </details>
            )}
          </article>
        );
      })}
      {below.length > 0 && (
        <div>
          <h3 className="font-semibold">{t("below")}</h3>
          <ul className="list-disc pl-5 text-sm">
            {below.slice(0, BELOW_SHOWN).map((tie) => (
              <li key={`${tie.category}-${tie.position}`}>{t("belowLine", { position: tie.position, category: inCategory(tie.category), films: tie.filmIds.map(label).join("; ") })}</li>
            ))}
          </ul>
          {below.length > BELOW_SHOWN && <p className="text-sm text-muted">{t("belowMore", { count: below.length - BELOW_SHOWN })}</p>}
        </div>
      )}
      {broken.length > 0 && (
        <div>
          <h3 className="font-semibold">{t("broken")}</h3>
          <ul className="list-disc pl-5 text-sm" data-testid="broken-ties">
            {broken.map((b) => {
              const how = b.criteriaUsed && b.decided ? t("byBoth", { criteria: criteriaNames(b.criteriaUsed) }) : b.decided ? t("byDecision") : t("byCriteria", { criteria: criteriaNames(b.criteriaUsed) });
              return <li key={`${b.category}-${b.position}`}>{t("brokenLine", { position: b.position, category: inCategory(b.category), score: formatScore(b.score), films: b.filmIds.map(label).join(" → "), how })}</li>;
            })}
          </ul>
        </div>
      )}
      <Decisions slug={slug} results={results} decisions={decisions} editable={editable} locale={locale} />
    </section>
  );
}

async function Decisions({ slug, results, decisions, editable, locale }: Props) {
  const t = await getTranslations("hasil.decisions");
  if (decisions.length === 0) return null;
  const outcome = new Map(results.decisions.map((d) => [d.id, d.outcome]));
  const badge = (d: JuryDecisionView) => {
    if (d.revokedAt) return <span className="badge bg-gray-200 text-gray-800">{t("revoked")}</span>;
    const o = outcome.get(d.id);
    if (!o) return <span className="badge bg-gray-200 text-gray-800">{t("otherRound")}</span>;
    if (o === "used") return <span className="badge bg-emerald-100 text-emerald-900">{t("used")}</span>;
    if (o === "conflict") return <span className="badge bg-red-100 text-red-900">{t("conflict")}</span>;
    return <span className="badge bg-gray-200 text-gray-800">{t("unused")}</span>;
  };
  return (
    <div className="space-y-2">
      <h3 className="font-semibold">{t("title")}</h3>
      <ul className="divide-y divide-line" data-testid="jury-decisions">
        {decisions.map((d) => (
          <li key={d.id} className="space-y-1 py-2 text-sm">
            <p className="flex flex-wrap items-baseline gap-2">
              <span className="font-medium">{t("order", { films: d.films.map((f) => f.label).join(" → ") })}</span>
              {badge(d)}
            </p>
            <p>{t("reason", { reason: d.reason })}</p>
            <p>{t("decidedBy", { name: d.decidedBy })}</p>
            <p className="text-muted">{t("recorded", { date: formatWib(d.createdAt, locale), name: d.recordedByName })}</p>
            {d.revokedAt && <p className="text-muted">{t("revokedLine", { date: formatWib(d.revokedAt, locale), name: d.revokedByName ?? "", reason: d.revokeReason ?? "" })}</p>}
            {editable && !d.revokedAt && (
              <details>
                <summary className="cursor-pointer">{t("revoke")}</summary>
                <RevokeDecisionForm slug={slug} decisionId={d.id} />
              </details>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
