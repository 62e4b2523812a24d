/**
 * The arithmetic of a Monev, pure: no database, no clock.
 *
 * - A sheet's total is the weighted share of the maximum, 0-100 with two decimals:
 *   100 × Σ(weight × score / maxScore) / Σ weight. Each criterion counts by its weight
 *   whatever its range, so a 0-5 criterion and a 0-100 one of the same weight weigh the same.
 *   A sheet with a criterion still unscored has no total (null): a half-filled sheet never
 *   looks like a low score.
 * - The proposal: aktif when the total reaches the threshold (≥), tidak aktif below it,
 *   none without a total. The organiser confirms or overrides it; the decision that counts
 *   is theirs when given, else the proposal.
 */

export type MonevCriterionFacts = { id: string; maxScore: number; weight: number };
export type KimDecision = "aktif" | "tidak_aktif";

const round2 = (value: number) => Math.round((value + Number.EPSILON) * 100) / 100;

/** The weighted share of the maximum (0-100, two decimals), or null while a criterion has no valid score. */
export function monevTotal(criteria: readonly MonevCriterionFacts[], scores: Readonly<Record<string, number | null | undefined>>): number | null {
  if (criteria.length === 0) return null;
  let weights = 0;
  let sum = 0;
  for (const c of criteria) {
    const score = scores[c.id];
    if (score === null || score === undefined || !Number.isFinite(score) || score < 0 || score > c.maxScore || c.maxScore <= 0) return null;
    if (!(c.weight > 0)) continue;
    weights += c.weight;
    sum += (c.weight * score) / c.maxScore;
  }
  if (weights === 0) return null;
  return round2((100 * sum) / weights);
}

/** Aktif when the total reaches the threshold, tidak aktif below it, null without a total. */
export function proposeDecision(total: number | null, threshold: number): KimDecision | null {
  if (total === null) return null;
  return total >= threshold ? "aktif" : "tidak_aktif";
}

/** The decision that counts: the organiser's when given, else the proposal. */
export function finalDecision(sheet: { total: number | null; decision: KimDecision | null }, threshold: number): KimDecision | null {
  return sheet.decision ?? proposeDecision(sheet.total, threshold);
}

/** An override (a decision other than the proposal) needs the organiser's reason. */
export function isOverride(total: number | null, threshold: number, decision: KimDecision | null): boolean {
  return decision !== null && decision !== proposeDecision(total, threshold);
}

/** Problems with the scores of a sheet, by criterion id: a number between 0 and the criterion's maximum, at most two decimals. */
export function scoreProblems(criteria: readonly MonevCriterionFacts[], scores: Readonly<Record<string, number | null | undefined>>): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const c of criteria) {
    const score = scores[c.id];
    if (score === null || score === undefined) continue;
    if (!Number.isFinite(score) || score < 0 || score > c.maxScore) errors[c.id] = [`Nilai harus antara 0 dan ${c.maxScore}.`];
    else if (Math.abs(Math.round(score * 100) - score * 100) > 1e-6) errors[c.id] = ["Nilai paling banyak dua angka di belakang koma."];
  }
  return errors;
}

export type DistrictRow = { districtCode: string; districtName: string; total: number | null; decision: KimDecision | null };
export type DistrictResult = { districtCode: string; districtName: string; kims: number; scored: number; average: number | null; aktif: number; tidakAktif: number };

/** Results per kecamatan, in the order the kecamatan first appear: KIMs, scored sheets, the average total, decisions. */
export function resultsByDistrict(rows: readonly DistrictRow[]): DistrictResult[] {
  const out = new Map<string, DistrictResult & { sum: number }>();
  for (const row of rows) {
    const d = out.get(row.districtCode) ?? { districtCode: row.districtCode, districtName: row.districtName, kims: 0, scored: 0, average: null, aktif: 0, tidakAktif: 0, sum: 0 };
    d.kims += 1;
    if (row.total !== null) {
      d.scored += 1;
      d.sum += row.total;
    }
    if (row.decision === "aktif") d.aktif += 1;
    if (row.decision === "tidak_aktif") d.tidakAktif += 1;
    out.set(row.districtCode, d);
  }
  return [...out.values()].map(({ sum, ...d }) => ({ ...d, average: d.scored ? round2(sum / d.scored) : null }));
}
