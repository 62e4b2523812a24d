import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { filmMedia } from "@/lib/db/schema";
import { posterVersion } from "@/lib/films/poster-sizes";
import { voteCounts } from "./admin";
import { editionWithPhase, groupByCategory, hasClosed, hasOpened, isOpen, listNominees } from "./phase";
import { votedCategories } from "./vote";
import type { BallotState } from "./ballot-cookie";

/**
 * What the public vote page shows: the window and, once opened, the nominees by category
 * (title and code only: never a count while the vote is open), and where this visitor is.
 * Null when the edition has no favorit phase.
 */
export async function publicFavorit(db: Db, slug: string, ballot: BallotState | null, now = new Date()) {
  const row = await editionWithPhase(db, slug);
  if (!row?.phase) return null;
  const { edition, phase } = row;
  const opened = hasOpened(phase, now);
  const nominees = opened ? await listNominees(db, edition.id) : [];
  const ids = nominees.map((n) => n.filmId);
  const posters = ids.length
    ? await db
        .select({ filmId: filmMedia.filmId, id: filmMedia.id })
        .from(filmMedia)
        .where(and(inArray(filmMedia.filmId, ids), eq(filmMedia.kind, "poster"), eq(filmMedia.isCurrent, true), eq(filmMedia.status, "ok")))
    : [];
  const posterOf = new Map(posters.map((p) => [p.filmId, posterVersion(p.id)]));
  const groups = groupByCategory(nominees).map((g) => ({ ...g, films: g.films.map((f) => ({ ...f, posterVersion: posterOf.get(f.filmId) ?? null })) }));
  const voted = ballot?.step === "pilih" ? await votedCategories(db, edition.id, ballot.codeId) : [];
  return { edition: { id: edition.id, slug: edition.slug, title: edition.title }, opensAt: phase.opensAt, closesAt: phase.closesAt, open: isOpen(phase, now), opened, groups, voted };
}

/** Whether an edition's vote is open now (the festival page's link). */
export async function favoritIsOpen(db: Db, slug: string, now = new Date()) {
  const row = await editionWithPhase(db, slug);
  return isOpen(row?.phase ?? null, now);
}

/**
 * GET /api/v1/editions/{slug}/favorit: the window, the nominees once opened, and the results
 * only after the window closes (valid votes per nominee, with the totals). Null: no phase.
 */
export async function favoritApi(db: Db, slug: string, now = new Date()) {
  const row = await editionWithPhase(db, slug);
  if (!row?.phase) return null;
  const { edition, phase } = row;
  const nominees = hasOpened(phase, now) ? await listNominees(db, edition.id) : [];
  const counts = hasClosed(phase, now) ? await voteCounts(db, edition.id) : null;
  return {
    open: isOpen(phase, now),
    opensAt: phase.opensAt.toISOString(),
    closesAt: phase.closesAt.toISOString(),
    nominees: nominees.map((n) => ({ filmId: n.filmId, code: n.code, title: n.title, ...(n.categoryId ? { categoryId: n.categoryId } : {}) })),
    results: counts
      ? counts.films.map((f) => ({ filmId: f.filmId, code: f.code, title: f.title, votes: f.votes, ...(f.categoryId ? { categoryId: f.categoryId } : {}) }))
      : null,
    totals: counts ? { valid: counts.valid, voided: counts.voided } : null,
  };
}
