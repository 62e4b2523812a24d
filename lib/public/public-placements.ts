import { and, eq, inArray, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/lib/db/client";
import { films, kimGroups, placements, regions } from "@/lib/db/schema";
import { mediaKinds } from "./list-winners";
import { omit } from "./omit";
import { podiumIndex } from "./placements";
import type { PublishedEdition } from "./published-editions";

const regency = alias(regions, "regency");

/**
 * Placements in the given published editions of the KIMs matching `kimWhere`
 * (one KIM, or the KIMs of a region), each with its edition, newest year first.
 */
export async function listPublicPlacements(db: Db, published: PublishedEdition[], kimWhere: SQL) {
  if (published.length === 0) return [];
  const byId = new Map(published.map((e, i) => [e.id, { ...e, order: i }]));
  const rows = await db
    .select({
      editionId: placements.editionId,
      placement: placements.placement,
      note: placements.note,
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
    .where(and(inArray(placements.editionId, [...byId.keys()]), kimWhere));
  const media = await mediaKinds(db, rows.map((r) => r.filmId));
  return rows
    .map(({ editionId, ...r }) => {
      const e = byId.get(editionId)!;
      return {
        ...r,
        hasPoster: !!r.filmId && !!media.get(r.filmId)?.has("poster"),
        hasVideo: !!r.filmId && !!media.get(r.filmId)?.has("video"),
        order: e.order,
        year: e.year,
        edition: { slug: e.slug, title: e.title, year: e.year, periodNote: e.periodNote, level: e.level, regionCode: e.regionCode, regionName: e.regionName, theme: e.theme },
      };
    })
    .sort((a, b) => a.order - b.order || podiumIndex(a.placement) - podiumIndex(b.placement) || a.kimName.localeCompare(b.kimName))
    .map((r) => omit(r, "order"));
}

export type PublicPlacement = Awaited<ReturnType<typeof listPublicPlacements>>[number];
