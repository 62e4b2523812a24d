import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { DbLike } from "@/lib/db/client";
import { categories, editions, favoritNominees, favoritPhases, films } from "@/lib/db/schema";

// Reading an edition's favorit phase: the window and the nominees. Shared by the organiser's
// page, the public vote page, the API and the vote itself.

export type FavoritPhase = typeof favoritPhases.$inferSelect;

/** The edition (not draft, not a historical record) by slug with its phase, or null. */
export async function editionWithPhase(db: DbLike, slug: string) {
  const [row] = await db
    .select({ edition: editions, phase: favoritPhases })
    .from(editions)
    .leftJoin(favoritPhases, eq(favoritPhases.editionId, editions.id))
    .where(and(eq(editions.slug, slug), sql`${editions.status} <> 'draf'`, eq(editions.isHistorical, false)));
  return row ?? null;
}

/** The vote is open: opened and not yet closed. */
export const isOpen = (phase: Pick<FavoritPhase, "opensAt" | "closesAt"> | null, now: Date) => !!phase && phase.opensAt <= now && now < phase.closesAt;
/** The nominees are public once the phase has opened. */
export const hasOpened = (phase: Pick<FavoritPhase, "opensAt"> | null, now: Date) => !!phase && phase.opensAt <= now;
/** The window is over: results may be shown. */
export const hasClosed = (phase: Pick<FavoritPhase, "closesAt"> | null, now: Date) => !!phase && phase.closesAt <= now;

export type Nominee = { filmId: string; code: string; title: string; categoryId: string | null; categoryName: string | null; position: number };

/** An edition's nominees in their categories' order, then the organiser's order. */
export async function listNominees(db: DbLike, editionId: string): Promise<Nominee[]> {
  return db
    .select({ filmId: films.id, code: films.code, title: films.title, categoryId: favoritNominees.categoryId, categoryName: categories.name, position: favoritNominees.position })
    .from(favoritNominees)
    .innerJoin(films, eq(films.id, favoritNominees.filmId))
    .leftJoin(categories, eq(categories.id, favoritNominees.categoryId))
    .where(eq(favoritNominees.editionId, editionId))
    .orderBy(asc(categories.position), asc(categories.name), asc(favoritNominees.position), asc(films.code));
}

/** The category key a vote is stored under: the category's id, "" when the edition has none. */
export const categoryKey = (categoryId: string | null) => categoryId ?? "";

/** Nominees grouped by category (one group with a null id when the edition has no categories). */
export function groupByCategory(nominees: Nominee[]) {
  const groups: { key: string; categoryId: string | null; name: string | null; films: Nominee[] }[] = [];
  for (const nominee of nominees) {
    const key = categoryKey(nominee.categoryId);
    let group = groups.find((g) => g.key === key);
    if (!group) groups.push((group = { key, categoryId: nominee.categoryId, name: nominee.categoryName, films: [] }));
    group.films.push(nominee);
  }
  return groups;
}

/** Whether these films are nominees of the edition (for the media rule's tests and the seed). */
export async function nomineeIds(db: DbLike, editionId: string, filmIds: string[]) {
  if (filmIds.length === 0) return new Set<string>();
  const rows = await db.select({ id: favoritNominees.filmId }).from(favoritNominees).where(and(eq(favoritNominees.editionId, editionId), inArray(favoritNominees.filmId, filmIds)));
  return new Set(rows.map((r) => r.id));
}
