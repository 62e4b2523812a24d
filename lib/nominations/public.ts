import { and, asc, count, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/lib/db/client";
import { editions, filmNominations, films, placements, regions } from "@/lib/db/schema";
import { editionIntake } from "./rules";

/**
 * What the public reads of nominations (docs/decisions/0035): the path of a promoted film
 * ("dari Festival … Kabupaten … (Juara II)") and, for a provincial edition, its intake and
 * the confirmed nominations per regency: a count while judging, the films once published.
 */

const source = alias(films, "source_film");

export type PromotedPath = { editionTitle: string; editionSlug: string; placement: string | null };

/** For promoted films among `filmIds`: the published regency edition they came from and their placement there. */
export async function promotedPaths(db: Db, filmIds: (string | null)[]): Promise<Map<string, PromotedPath>> {
  const ids = [...new Set(filmIds.filter((id): id is string => !!id))];
  const out = new Map<string, PromotedPath>();
  if (ids.length === 0) return out;
  const rows = await db
    .select({ filmId: films.id, editionTitle: editions.title, editionSlug: editions.slug, placement: placements.placement })
    .from(films)
    .innerJoin(source, eq(source.id, films.promotedFromFilmId))
    .innerJoin(editions, and(eq(editions.id, source.editionId), eq(editions.status, "diumumkan")))
    .leftJoin(placements, and(eq(placements.filmId, source.id), eq(placements.editionId, source.editionId)))
    .where(inArray(films.id, ids));
  for (const r of rows) out.set(r.filmId, { editionTitle: r.editionTitle, editionSlug: r.editionSlug, placement: r.placement });
  return out;
}

/** "dari Festival … (Juara II)": the line shown under a promoted film. */
export function promotedLine(path: PromotedPath, locale = "id"): string {
  const from = locale === "en" ? "from" : "dari";
  return path.placement ? `${from} ${path.editionTitle} (${path.placement})` : `${from} ${path.editionTitle}`;
}

export type RegionNominations = {
  regionCode: string;
  regionName: string;
  /** Confirmed nominations (films now in the provincial edition). */
  films: number;
  /** Only once the provincial results are public: the promoted films, their provincial code and placement. */
  list?: { id: string; code: string; title: string; placement: string | null }[];
};

/**
 * The API's view of a provincial edition's intake: `intake` (null for direct entries only)
 * and the confirmed nominations per regency. Titles only after publication.
 */
export async function publicNominations(db: Db, edition: { id: string; level: string; intake: unknown }, published: boolean) {
  if (edition.level !== "provinsi") return { intake: null, nominationsByRegion: [] as RegionNominations[] };
  const intake = edition.intake ? editionIntake(edition.intake) : null;
  const counts = await db
    .select({ regionCode: filmNominations.regionCode, regionName: regions.name, films: count() })
    .from(filmNominations)
    .innerJoin(regions, eq(regions.code, filmNominations.regionCode))
    .where(and(eq(filmNominations.targetEditionId, edition.id), eq(filmNominations.status, "dikonfirmasi")))
    .groupBy(filmNominations.regionCode, regions.name)
    .orderBy(asc(filmNominations.regionCode));
  const byRegion: RegionNominations[] = counts.map((c) => ({ regionCode: c.regionCode, regionName: c.regionName, films: c.films }));
  if (published && byRegion.length) {
    const rows = await db
      .select({ regionCode: filmNominations.regionCode, id: films.id, code: films.code, title: films.title, placement: placements.placement })
      .from(filmNominations)
      .innerJoin(films, eq(films.id, filmNominations.promotedFilmId))
      .leftJoin(placements, and(eq(placements.filmId, films.id), eq(placements.editionId, edition.id)))
      .where(and(eq(filmNominations.targetEditionId, edition.id), eq(filmNominations.status, "dikonfirmasi")))
      .orderBy(asc(films.code));
    for (const r of byRegion) r.list = rows.filter((x) => x.regionCode === r.regionCode).map(({ regionCode: _r, ...f }) => (void _r, f));
  }
  return { intake: intake && { mode: intake.mode, quotaKind: intake.quotaKind, quotaPerRegency: intake.quotaPerRegency }, nominationsByRegion: byRegion };
}
