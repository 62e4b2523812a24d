import { and, asc, count, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/lib/db/client";
import { editions, films, kimGroups, placements, regions } from "@/lib/db/schema";
import { noYear, type ArchiveQuery } from "./archive-query";
import { mediaFacts, mediaKinds } from "./list-winners";
import { placementFromSlug } from "./placements";
import { listPublishedEditions, type PublishedEdition } from "./published-editions";

const regency = alias(regions, "regency");
export const archivePageSize = 20;

/**
 * The archive of published results: every placement of every edition whose
 * results are public, searchable by film title or KIM name and filtered by year,
 * level, regency, KIM, placement and theme. Unpublished editions are excluded
 * before any filter applies, so no filter can reach them.
 */
export async function searchArchive(db: Db, query: ArchiveQuery, now = new Date()) {
  const published = await listPublishedEditions(db, now);
  const page = query.halaman ?? 1;
  if (published.length === 0) return { items: [], total: 0, page, pageSize: archivePageSize, pageCount: 0, options: await filterOptions(db, published) };
  const where = and(inArray(placements.editionId, published.map((e) => e.id)), ...filters(query));
  const [[{ n: total }], rows, options] = await Promise.all([
    db
      .select({ n: count() })
      .from(placements)
      .innerJoin(editions, eq(editions.id, placements.editionId))
      .innerJoin(kimGroups, eq(kimGroups.id, placements.kimId))
      .leftJoin(films, eq(films.id, placements.filmId))
      .where(where),
    db
      .select({
        editionSlug: editions.slug,
        editionTitle: editions.title,
        year: editions.year,
        periodNote: editions.periodNote,
        level: editions.level,
        theme: editions.theme,
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
      .innerJoin(editions, eq(editions.id, placements.editionId))
      .innerJoin(kimGroups, eq(kimGroups.id, placements.kimId))
      .innerJoin(regency, eq(regency.code, kimGroups.regencyCode))
      .leftJoin(films, eq(films.id, placements.filmId))
      .where(where)
      // The placement enum is declared in podium order, so it sorts as the podium reads.
      .orderBy(sql`${editions.year} desc nulls last`, asc(editions.title), asc(placements.placement), asc(kimGroups.name), desc(placements.id))
      .limit(archivePageSize)
      .offset((page - 1) * archivePageSize),
    filterOptions(db, published),
  ]);
  const media = await mediaKinds(db, rows.map((r) => r.filmId));
  return {
    items: rows.map((r) => ({ ...r, ...mediaFacts(media, r.filmId) })),
    total,
    page,
    pageSize: archivePageSize,
    pageCount: Math.ceil(total / archivePageSize),
    options,
  };
}

export type ArchiveResult = Awaited<ReturnType<typeof searchArchive>>;
export type ArchiveItem = ArchiveResult["items"][number];

function filters(q: ArchiveQuery): SQL[] {
  const out: SQL[] = [];
  if (q.q) {
    const pattern = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    out.push(or(ilike(films.title, pattern), ilike(kimGroups.name, pattern))!);
  }
  if (q.tahun === noYear) out.push(isNull(editions.year));
  else if (q.tahun) out.push(eq(editions.year, Number(q.tahun)));
  if (q.tingkat) out.push(eq(editions.level, q.tingkat));
  if (q.kabupaten) out.push(eq(kimGroups.regencyCode, q.kabupaten));
  if (q.kim) out.push(eq(kimGroups.slug, q.kim));
  if (q.juara) out.push(eq(placements.placement, placementFromSlug(q.juara)));
  if (q.tema) out.push(eq(editions.theme, q.tema));
  return out;
}

/** What the filter lists offer: values found in published results only. */
async function filterOptions(db: Db, published: PublishedEdition[]) {
  const years = [...new Set(published.map((e) => e.year))].sort((a, b) => (a === null ? 1 : b === null ? -1 : b - a));
  const themes = [...new Set(published.map((e) => e.theme).filter((t): t is string => !!t))].sort((a, b) => a.localeCompare(b));
  if (published.length === 0) return { years, themes, regencies: [], kims: [] };
  const ids = published.map((e) => e.id);
  const [regencies, kims] = await Promise.all([
    db
      .selectDistinct({ code: regency.code, name: regency.name })
      .from(placements)
      .innerJoin(kimGroups, eq(kimGroups.id, placements.kimId))
      .innerJoin(regency, eq(regency.code, kimGroups.regencyCode))
      .where(inArray(placements.editionId, ids))
      .orderBy(asc(regency.name)),
    db
      .selectDistinct({ slug: kimGroups.slug, name: kimGroups.name })
      .from(placements)
      .innerJoin(kimGroups, eq(kimGroups.id, placements.kimId))
      .where(inArray(placements.editionId, ids))
      .orderBy(asc(kimGroups.name)),
  ]);
  return { years, themes, regencies, kims };
}
