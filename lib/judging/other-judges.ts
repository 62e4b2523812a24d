type Row = { sheetId: string; criterionId: string; score: number | null; comment: string | null };
type Criterion = { id: string; weight: number; maxScore: number };

export type OtherSheet = { judge: number; values: Record<string, { score: number | null; comment: string }> };

/** Rows of (sheet, criterion) into sheets numbered in row order: judges are "Juri 1", "Juri 2", never named. */
export function groupSheets(rows: Row[]): OtherSheet[] {
  const bySheet = new Map<string, OtherSheet>();
  for (const row of rows) {
    let sheet = bySheet.get(row.sheetId);
    if (!sheet) bySheet.set(row.sheetId, (sheet = { judge: bySheet.size + 1, values: {} }));
    sheet.values[row.criterionId] = { score: row.score, comment: row.comment ?? "" };
  }
  return [...bySheet.values()];
}

/** A sheet's weighted total on 0-100, as the ranking computes it: 100 × Σ wᵢ·sᵢ/maxᵢ ÷ Σ wᵢ. Null while a criterion is unscored. */
export function weightedTotal(criteria: Criterion[], values: OtherSheet["values"]): number | null {
  let sum = 0;
  let weights = 0;
  for (const c of criteria) {
    const score = values[c.id]?.score;
    if (score === null || score === undefined) return null;
    sum += (c.weight * score) / c.maxScore;
    weights += c.weight;
  }
  return weights > 0 ? (100 * sum) / weights : null;
}
