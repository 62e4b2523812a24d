import { and, asc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/lib/db/client";
import { categories, editions, filmMedia, films, kimGroups, placements, regions, specialAwards } from "@/lib/db/schema";
import { resultsArePublic } from "@/lib/editions/list-editions";
import { posterVersion } from "@/lib/films/poster-sizes";
import { renditionsSummary } from "@/lib/films/serve-renditions";
import { omit } from "./omit";
import { podiumIndex } from "./placements";

const editionRegion = alias(regions, "edition_region");
const regency = alias(regions, "regency");
const district = alias(regions, "district");

/**
 * A film's public page: only for a film placed, or given a special award, in an
 * edition whose results are public (the rule lib/films/media-access.ts applies to
 * its media). Any other id, existing or not, is null.
 */
export async function getPublicFilm(db: Db, filmId: string, now = new Date()) {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(filmId)) return null;
  const [row] = await db
    .select({
      id: films.id,
      title: films.title,
      synopsis: films.synopsis,
      language: films.language,
      crew: films.crew,
      isSample: films.isSample,
      category: categories.name,
      edition: {
        id: editions.id,
        slug: editions.slug,
        title: editions.title,
        year: editions.year,
        periodNote: editions.periodNote,
        level: editions.level,
        regionName: editionRegion.name,
        theme: editions.theme,
        status: editions.status,
        scheduledPublishAt: editions.scheduledPublishAt,
        publishedAt: editions.publishedAt,
        isHistorical: editions.isHistorical,
      },
      kim: { name: kimGroups.name, slug: kimGroups.slug, regencyCode: kimGroups.regencyCode, regencyName: regency.name, districtName: district.name, isSample: kimGroups.isSample },
    })
    .from(films)
    .innerJoin(editions, eq(editions.id, films.editionId))
    .innerJoin(editionRegion, eq(editionRegion.code, editions.regionCode))
    .innerJoin(kimGroups, eq(kimGroups.id, films.kimId))
    .innerJoin(regency, eq(regency.code, kimGroups.regencyCode))
    .innerJoin(district, eq(district.code, kimGroups.districtCode))
    .leftJoin(categories, eq(categories.id, films.categoryId))
    .where(eq(films.id, filmId));
  if (!row || !resultsArePublic(row.edition, now)) return null;
  const [placed, special, media, renditions] = await Promise.all([
    db.select({ placement: placements.placement, note: placements.note }).from(placements).where(and(eq(placements.filmId, filmId), eq(placements.editionId, row.edition.id))),
    db.select({ name: specialAwards.name, note: specialAwards.note }).from(specialAwards).where(and(eq(specialAwards.filmId, filmId), eq(specialAwards.editionId, row.edition.id))).orderBy(asc(specialAwards.name)),
    db
      .select({ id: filmMedia.id, kind: filmMedia.kind, probe: filmMedia.probe, mimeType: filmMedia.mimeType })
      .from(filmMedia)
      .where(and(eq(filmMedia.filmId, filmId), eq(filmMedia.isCurrent, true), eq(filmMedia.status, "ok"))),
    renditionsSummary(db, filmId),
  ]);
  // A special award alone makes a film public too: the festival page links it.
  if (placed.length === 0 && special.length === 0) return null;
  const video = media.find((m) => m.kind === "video");
  const poster = media.find((m) => m.kind === "poster");
  const { scheduledPublishAt, publishedAt, ...edition } = omit(row.edition, "id", "status");
  return {
    ...row,
    edition: { ...edition, publishedAt: publishedAt ?? scheduledPublishAt },
    placements: placed.sort((a, b) => podiumIndex(a.placement) - podiumIndex(b.placement)),
    specialAwards: special,
    video: video ? { mimeType: video.mimeType ?? "video/mp4", durationSeconds: video.probe?.durationSeconds ?? null } : null,
    /** HLS renditions and the 360p download, once made (docs/decisions/0026). */
    renditions,
    hasPoster: Boolean(poster),
    posterVersion: poster ? posterVersion(poster.id) : null,
    hasSubtitles: media.some((m) => m.kind === "subtitle"),
  };
}

export type PublicFilm = NonNullable<Awaited<ReturnType<typeof getPublicFilm>>>;
