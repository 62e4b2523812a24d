const podium = ["Juara I", "Juara II", "Juara III", "Juara Harapan I", "Juara Harapan II", "Juara Harapan III"] as const;

/**
 * Placements for the seeded sample edition: films by mean sheet total, best first.
 * The demo scores are built without ties; the festival's own ranking (with
 * normalisation and tie-breaks) belongs to lib/results.
 */
export function rankPlacement(films: { filmId: string; kimId: string; totals: number[] }[]) {
  return films
    .map((f) => ({ ...f, score: Math.round((f.totals.reduce((a, b) => a + b, 0) / f.totals.length) * 100) / 100 }))
    .sort((a, b) => b.score - a.score)
    .slice(0, podium.length)
    .map((f, i) => ({ filmId: f.filmId, kimId: f.kimId, score: f.score, rank: i + 1, placement: podium[i] }));
}
