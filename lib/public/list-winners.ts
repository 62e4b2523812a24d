import { and, eq, inArray, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/lib/db/client";
import { categories, filmMedia, films, kimGroups, placements, regions } from "@/lib/db/schema";
import { posterVersion } from "@/lib/films/poster-sizes";
import { promotedPaths } from "@/lib/nominations/public";
import { podiumIndex } from "./placements";

const regency = alias(regions, "regency");

/**
 * Placements of the given editions with what a winners list shows: film, KIM,
 * regency, poster. Callers pass only editions whose results are public.
 */
export async function listWinners(db: Db, editionIds: string[], kimWhere?: SQL) {
  if (editionIds.length === 0) return [];
  const rows = await db
    .select({
      editionId: placements.editionId,
      placement: placements.placement,
      note: placements.note,
      category: categories.name,
      filmId: films.id,
      filmTitle: films.title,
      kimName: kimGroups.name,
      kimSlug: kimGroups.slug,
      regencyCode: kimGroups.regencyCode,
      regencyName: regency.name,
    })
    .from(placements)
    .innerJoin(kimGroups, eq(kimGroups.id, placements.kimId))
    .innerJoin(regency, eq(regency.code, kimGroups.regencyCode))
    .leftJoin(films, eq(films.id, placements.filmId))
    .leftJoin(categories, eq(categories.id, placements.categoryId))
    .where(and(inArray(placements.editionId, editionIds), kimWhere));
  const [media, paths] = await Promise.all([mediaKinds(db, rows.map((r) => r.filmId)), promotedPaths(db, rows.map((r) => r.filmId))]);
  return rows
    .sort((a, b) => (a.category ?? "").localeCompare(b.category ?? "") || podiumIndex(a.placement) - podiumIndex(b.placement))
    // A film nominated up from a regency edition names where it came from (docs/decisions/0035).
    .map((r) => ({ ...r, ...mediaFacts(media, r.filmId), promotedFrom: (r.filmId && paths.get(r.filmId)) || null }));
}

export type Winner = Awaited<ReturnType<typeof listWinners>>[number];

/** What a list shows of a film's media: whether it has a poster (and its version for the size URLs) and a video. */
export function mediaFacts(media: Map<string, Map<string, string>>, filmId: string | null) {
  const kinds = filmId ? media.get(filmId) : undefined;
  const poster = kinds?.get("poster");
  return { hasPoster: !!poster, posterVersion: poster ? posterVersion(poster) : null, hasVideo: !!kinds?.has("video") };
}

/** Which current, accepted media each film has (video, poster, subtitle), with each one's media id. */
export async function mediaKinds(db: Db, filmIds: (string | null)[]): Promise<Map<string, Map<string, string>>> {
  const ids = [...new Set(filmIds.filter((id): id is string => !!id))];
  const out = new Map<string, Map<string, string>>();
  if (ids.length === 0) return out;
  const rows = await db
    .select({ filmId: filmMedia.filmId, kind: filmMedia.kind, id: filmMedia.id })
    .from(filmMedia)
    .where(and(inArray(filmMedia.filmId, ids), eq(filmMedia.isCurrent, true), eq(filmMedia.status, "ok"), inArray(filmMedia.kind, ["video", "poster", "subtitle"])));
  for (const r of rows) out.set(r.filmId, (out.get(r.filmId) ?? new Map<string, string>()).set(r.kind, r.id));
  return out;
}
