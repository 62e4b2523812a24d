import type { RankedFilm } from "./rank";

export type JudgeSeverity = { judgeId: string; sheets: number; mean: number; spread: number; offset: number };

/**
 * How each judge scores compared with the panel: their mean total and standard
 * deviation, and how far their mean sits from the panel's mean of the same films
 * (negative: stricter than the others on the films they shared).
 */
export function judgeSeverity(films: Pick<RankedFilm, "judgeTotals">[]): JudgeSeverity[] {
  const byJudge = new Map<string, { totals: number[]; offsets: number[] }>();
  for (const film of films) {
    const entries = Object.entries(film.judgeTotals);
    const filmMean = entries.reduce((a, [, v]) => a + v, 0) / (entries.length || 1);
    for (const [judgeId, total] of entries) {
      const j = byJudge.get(judgeId) ?? { totals: [], offsets: [] };
      j.totals.push(total);
      if (entries.length > 1) j.offsets.push(total - filmMean);
      byJudge.set(judgeId, j);
    }
  }
  return [...byJudge.entries()]
    .map(([judgeId, { totals, offsets }]) => {
      const mean = totals.reduce((a, b) => a + b, 0) / totals.length;
      const spread = Math.sqrt(totals.reduce((a, b) => a + (b - mean) ** 2, 0) / totals.length);
      const offset = offsets.length ? offsets.reduce((a, b) => a + b, 0) / offsets.length : 0;
      return { judgeId, sheets: totals.length, mean, spread, offset };
    })
    .sort((a, b) => a.judgeId.localeCompare(b.judgeId));
}
