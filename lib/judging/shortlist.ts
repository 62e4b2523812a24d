import type { RankedFilm } from "@/lib/results/rank";

export type Nominee = { filmId: string; category?: string; rank: number; score: number };

/**
 * The nominees for a final round: within each category, every ranked film whose
 * (shared) rank is at most `size`. Films tied at the boundary all go through, so the
 * shortlist can be longer than `size` but never drops a film that scored the same as
 * one kept. Flagged films (too few sheets) have no rank and are not nominated.
 */
export function selectShortlist(films: RankedFilm[], size: number): Nominee[] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`shortlist size must be a positive integer, got ${size}`);
  return films
    .filter((f): f is RankedFilm & { rank: number } => f.rank !== null && f.rank <= size)
    .map((f) => ({ filmId: f.filmId, category: f.category, rank: f.rank, score: f.score }));
}
