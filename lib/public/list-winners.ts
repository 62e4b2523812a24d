import { and, eq, inArray, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/lib/db/client";
import { categories, filmMedia, films, kimGroups, placements, regions } from "@/lib/db/schema";
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
  const media = await mediaKinds(db, rows.map((r) => r.filmId));
  return rows
    .sort((a, b) => (a.category ?? "").localeCompare(b.category ?? "") || podiumIndex(a.placement) - podiumIndex(b.placement))
    .map((r) => ({ ...r, hasPoster: !!r.filmId && !!media.get(r.filmId)?.has("poster"), hasVideo: !!r.filmId && !!media.get(r.filmId)?.has("video") }));
}

export type Winner = Awaited<ReturnType<typeof listWinners>>[number];

/** Which current, accepted media each film has (video, poster, subtitle). */
export async function mediaKinds(db: Db, filmIds: (string | null)[]): Promise<Map<string, Set<string>>> {
  const ids = [...new Set(filmIds.filter((id): id is string => !!id))];
  const out = new Map<string, Set<string>>();
  if (ids.length === 0) return out;
  const rows = await db
    .select({ filmId: filmMedia.filmId, kind: filmMedia.kind })
    .from(filmMedia)
    .where(and(inArray(filmMedia.filmId, ids), eq(filmMedia.isCurrent, true), eq(filmMedia.status, "ok"), inArray(filmMedia.kind, ["video", "poster", "subtitle"])));
  for (const r of rows) out.set(r.filmId, (out.get(r.filmId) ?? new Set()).add(r.kind));
  return out;
}
