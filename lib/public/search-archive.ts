import { and, asc, count, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/lib/db/client";
import { editions, films, kimGroups, placements, regions } from "@/lib/db/schema";
import { resultsArePublicWhere } from "@/lib/editions/list-editions";
import { noYear, type ArchiveQuery } from "./archive-query";
import { mediaFacts, mediaKinds } from "./list-winners";
import { placementFromSlug } from "./placements";
import { sharedRead } from "./shared-read";
import { hasWords, wordPrefixQuery } from "./text-search";

const regency = alias(regions, "regency");
const province = alias(regions, "province");
export const archivePageSize = 20;
/** Most rows one page of the JSON archive carries (README, Public API). */
export const ARCHIVE_PAGE_MAX = 100;

/**
 * The archive of published results: every placement of every edition whose
 * results are public, searchable by words of the film title or KIM name (word
 * prefixes, on full-text indexes) and filtered by year, level, regency, KIM, placement
 * and theme. Unpublished editions are excluded in the same query as every filter, so no
 * filter can reach them. Bounded at any size: one page of rows, a count, and filter
 * choices that grow with regencies, not with KIMs (docs/decisions/0039). `shared`: the
 * regency choices, alike for every request, come from a shared read (lib/public/shared-read.ts;
 * the route and the page ask for it, at the present time).
 */
export async function searchArchive(db: Db, query: ArchiveQuery, now = new Date(), { pageSize = archivePageSize, shared = false }: { pageSize?: number; shared?: boolean } = {}) {
  const page = query.halaman ?? 1;
  // Every filter is a condition on placements and editions (KIM and film conditions through
  // their own indexes, by id), so the count and the page need no join to the 80,000 KIMs; the
  // page's twenty rows are then read with their KIM, film and regency.
  const where = and(resultsArePublicWhere(now), ...filters(db, query));
  // One pass over the matches gives the page and their count (a window over the whole match,
  // counted before the limit); only a page past the end needs the count on its own.
  const [pageRows, options] = await Promise.all([
    db
      .select({ id: placements.id, total: sql<number>`count(*) over ()`.mapWith(Number) })
      .from(placements)
      .innerJoin(editions, eq(editions.id, placements.editionId))
      .where(where)
      // The placement enum is declared in podium order, so it sorts as the podium reads.
      .orderBy(sql`${editions.year} desc nulls last`, asc(editions.title), asc(placements.placement), desc(placements.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    filterOptions(db, query, now, shared),
  ]);
  const total = pageRows.length
    ? pageRows[0].total
    : (await db.select({ n: count() }).from(placements).innerJoin(editions, eq(editions.id, placements.editionId)).where(where))[0].n;
  const ids = pageRows.map((r) => r.id);
  const found = ids.length
    ? await db
        .select({
          id: placements.id,
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
        .where(inArray(placements.id, ids))
    : [];
  const byId = new Map(found.map(({ id, ...row }) => [id, row]));
  const rows = ids.map((id) => byId.get(id)).filter((r) => r !== undefined);
  const media = await mediaKinds(db, rows.map((r) => r.filmId));
  return {
    items: rows.map((r) => ({ ...r, ...mediaFacts(media, r.filmId) })),
    total,
    page,
    pageSize,
    pageCount: Math.ceil(total / pageSize),
    options,
  };
}

export type ArchiveResult = Awaited<ReturnType<typeof searchArchive>>;
export type ArchiveItem = ArchiveResult["items"][number];

function filters(db: Db, q: ArchiveQuery): SQL[] {
  const out: SQL[] = [];
  if (q.q) {
    const words = wordPrefixQuery(q.q);
    // Each side through its own index, then matched to placements by id.
    out.push(
      words
        ? or(
            inArray(placements.filmId, db.select({ id: films.id }).from(films).where(hasWords(films.title, words))),
            inArray(placements.kimId, db.select({ id: kimGroups.id }).from(kimGroups).where(hasWords(kimGroups.name, words))),
          )!
        : sql`false`,
    );
  }
  if (q.tahun === noYear) out.push(isNull(editions.year));
  else if (q.tahun) out.push(eq(editions.year, Number(q.tahun)));
  if (q.tingkat) out.push(eq(editions.level, q.tingkat));
  if (q.kabupaten) out.push(inArray(placements.kimId, db.select({ id: kimGroups.id }).from(kimGroups).where(eq(kimGroups.regencyCode, q.kabupaten))));
  if (q.kim) out.push(inArray(placements.kimId, db.select({ id: kimGroups.id }).from(kimGroups).where(eq(kimGroups.slug, q.kim))));
  if (q.juara) out.push(eq(placements.placement, placementFromSlug(q.juara)));
  if (q.tema) out.push(ilike(editions.theme, `%${q.tema.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  return out;
}

/**
 * What the filters offer, from published results only: the years, and the regencies grouped
 * by province (at most Indonesia's 514). KIMs and themes are typed, not chosen from a list
 * (80,000 KIMs, a theme per edition); the chosen KIM is named so the form can show it.
 */
async function filterOptions(db: Db, query: ArchiveQuery, now: Date, shared: boolean) {
  const [yearRows, regencies, kims] = await Promise.all([
    db.selectDistinct({ year: editions.year }).from(editions).where(resultsArePublicWhere(now)),
    shared ? sharedRead(db, "archive-regencies", () => listArchiveRegencies(db, now)) : listArchiveRegencies(db, now),
    query.kim ? db.select({ slug: kimGroups.slug, name: kimGroups.name }).from(kimGroups).where(eq(kimGroups.slug, query.kim)) : Promise.resolve([]),
  ]);
  const years = yearRows.map((r) => r.year).sort((a, b) => (a === null ? 1 : b === null ? -1 : b - a));
  return { years, regencies, kims };
}

/** The regencies with a KIM in a published result, by province then name (the heaviest choice to read: every public placement). */
function listArchiveRegencies(db: Db, now: Date) {
  return db
    .selectDistinct({ code: regency.code, name: regency.name, provinceCode: province.code, provinceName: province.name })
    .from(placements)
    .innerJoin(editions, eq(editions.id, placements.editionId))
    .innerJoin(kimGroups, eq(kimGroups.id, placements.kimId))
    .innerJoin(regency, eq(regency.code, kimGroups.regencyCode))
    .innerJoin(province, eq(province.code, regency.parentCode))
    .where(resultsArePublicWhere(now))
    .orderBy(asc(province.name), asc(regency.name));
}
