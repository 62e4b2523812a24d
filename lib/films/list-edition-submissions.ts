import { and, asc, count, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Db, DbLike } from "@/lib/db/client";
import { categories, filmMedia, filmStatus, films, kimGroups, regions, type editions } from "@/lib/db/schema";
import type { SessionUser } from "@/lib/auth/authenticate";
import { editionRules } from "@/lib/editions/defaults";
import { organiserEdition } from "@/lib/judging/assignment-plan";
import { groupBy } from "@/lib/group-by";
import { nameText } from "@/lib/text/sanitise";

/**
 * The organiser's entries overview of one edition: a filtered, paginated list of its
 * films with the last video check, and how many KIMs of each kecamatan have entered.
 * The edition is found through organiserEdition, so another region's edition is
 * "not found" before any film is read.
 */

export const entriesPageSize = 25;
type Edition = typeof editions.$inferSelect;

const district = alias(regions, "district");
const regency = alias(regions, "regency");
const village = alias(regions, "village");

// The filters as they read in the URL (?cari=&status=&kecamatan=&kategori=&halaman=).
const fields = {
  cari: nameText().trim().min(1).max(100),
  status: z.enum(filmStatus.enumValues),
  kecamatan: z.string().regex(/^\d{2}\.\d{2}\.\d{2}$/),
  kategori: z.uuid(),
  halaman: z.coerce.number().int().min(1).max(100_000),
};
type Fields = typeof fields;
export type EntriesQuery = { [K in keyof Fields]?: z.infer<Fields[K]> };
const filterNames = Object.keys(fields) as (keyof Fields)[];

/** A hand-edited link's malformed filter is ignored, not an error; an over-long search is cut to 100 characters. */
export function parseEntriesQuery(params: Record<string, string | string[] | undefined>): EntriesQuery {
  const out: Record<string, unknown> = {};
  for (const name of filterNames) {
    const raw = params[name];
    const value = (Array.isArray(raw) ? raw[0] : raw)?.slice(0, name === "cari" ? 100 : 200);
    if (!value?.trim()) continue;
    const parsed = fields[name].safeParse(value);
    if (parsed.success) out[name] = parsed.data;
  }
  return out as EntriesQuery;
}

/** The same filters on another page of the list (or with `page` 1 left out). */
export function entriesHref(slug: string, query: EntriesQuery, page?: number): string {
  const params = new URLSearchParams();
  for (const name of filterNames) {
    const value = name === "halaman" ? page : query[name];
    if (value !== undefined && !(name === "halaman" && value === 1)) params.set(name, String(value));
  }
  const text = params.toString();
  return `/admin/festival/${slug}/film${text ? `?${text}` : ""}`;
}

/** `%` and `_` typed by a user are searched for, not wildcards. */
const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function filters(editionId: string, query: EntriesQuery): SQL | undefined {
  const search = query.cari ? `%${likeEscape(query.cari)}%` : undefined;
  return and(
    eq(films.editionId, editionId),
    search ? or(ilike(films.code, search), ilike(films.title, search), ilike(kimGroups.name, search)) : undefined,
    query.status ? eq(films.status, query.status) : undefined,
    query.kecamatan ? eq(kimGroups.districtCode, query.kecamatan) : undefined,
    query.kategori ? eq(films.categoryId, query.kategori) : undefined,
  );
}

/** One row per entry with its KIM's place; the base of the list and of the export. */
export function entryRows(db: DbLike, where: SQL | undefined) {
  return db
    .select({
      id: films.id,
      code: films.code,
      title: films.title,
      status: films.status,
      statusReason: films.statusReason,
      language: films.language,
      submittedAt: films.submittedAt,
      updatedAt: films.updatedAt,
      kimId: films.kimId,
      kimName: kimGroups.name,
      regencyName: regency.name,
      districtName: district.name,
      villageName: village.name,
      category: categories.name,
    })
    .from(films)
    .innerJoin(kimGroups, eq(kimGroups.id, films.kimId))
    .innerJoin(regency, eq(regency.code, kimGroups.regencyCode))
    .innerJoin(district, eq(district.code, kimGroups.districtCode))
    .leftJoin(village, eq(village.code, kimGroups.villageCode))
    .leftJoin(categories, eq(categories.id, films.categoryId))
    .where(where)
    .orderBy(asc(films.code));
}

/** Every video attempt of the films, oldest first: the current accepted one and the last attempt. */
export async function videoFacts(db: DbLike, filmIds: string[]) {
  const media = filmIds.length
    ? await db
        .select()
        .from(filmMedia)
        .where(and(inArray(filmMedia.filmId, filmIds), eq(filmMedia.kind, "video")))
        .orderBy(asc(filmMedia.createdAt))
    : [];
  const byFilm = groupBy(media, (m) => m.filmId);
  return (filmId: string) => {
    const videos = byFilm.get(filmId) ?? [];
    return { video: videos.find((m) => m.isCurrent && m.status === "ok") ?? null, lastAttempt: videos.at(-1) ?? null };
  };
}

export async function listEditionSubmissions(db: Db, actor: SessionUser, slug: string, query: EntriesQuery = {}) {
  const edition = await organiserEdition(db, actor, slug);
  const where = filters(edition.id, query);
  const [[{ total }], [{ all }], options, progress] = await Promise.all([
    db.select({ total: count() }).from(films).innerJoin(kimGroups, eq(kimGroups.id, films.kimId)).where(where),
    db.select({ all: count() }).from(films).where(eq(films.editionId, edition.id)),
    filterOptions(db, edition),
    kecamatanProgress(db, edition),
  ]);
  const pageCount = Math.max(1, Math.ceil(total / entriesPageSize));
  const page = Math.min(query.halaman ?? 1, pageCount);
  const rows = await entryRows(db, where)
    .limit(entriesPageSize)
    .offset((page - 1) * entriesPageSize);
  const facts = await videoFacts(db, rows.map((r) => r.id));
  return {
    edition,
    films: rows.map((r) => ({ ...r, ...facts(r.id) })),
    total,
    all,
    page,
    pageCount,
    options,
    progress,
  };
}

/** The categories of the edition and the kecamatan of its region that have KIMs (grouped by regency for a province). */
async function filterOptions(db: DbLike, edition: Edition) {
  const [categoryRows, districtRows] = await Promise.all([
    db.select({ id: categories.id, name: categories.name }).from(categories).where(eq(categories.editionId, edition.id)).orderBy(asc(categories.position), asc(categories.name)),
    db
      .selectDistinct({ code: district.code, name: district.name, regencyName: regency.name })
      .from(kimGroups)
      .innerJoin(district, eq(district.code, kimGroups.districtCode))
      .innerJoin(regency, eq(regency.code, kimGroups.regencyCode))
      .where(within(kimGroups.regencyCode, edition.regionCode))
      .orderBy(asc(regency.name), asc(district.name)),
  ]);
  return { categories: categoryRows, districts: districtRows };
}

/** `column` is the region `code` or lies inside it (33 holds 33.13); region codes hold no LIKE wildcards. */
function within(column: typeof kimGroups.regencyCode, code: string): SQL {
  return or(eq(column, code), sql`${column} like ${`${code}.%`}`)!;
}

export type KecamatanProgress = { code: string; name: string; regencyCode: string; regencyName: string; eligible: number; entered: number };

/**
 * Per kecamatan of the edition's region: the KIMs that may enter (all registered ones, or
 * only active ones when the rules say "aktif") and how many of them have at least one entry
 * that was not withdrawn. A KIM that entered but is no longer eligible is not counted, so
 * "entered" never exceeds "eligible". Sorted by regency, then kecamatan name.
 */
export async function kecamatanProgress(db: DbLike, edition: Edition) {
  const activeOnly = editionRules(edition.rules).eligibleKims === "aktif";
  const eligibleKim = activeOnly ? sql`${kimGroups.status} = 'aktif'` : sql`true`;
  const entered = sql`exists (select 1 from ${films} where ${films.kimId} = ${kimGroups.id} and ${films.editionId} = ${edition.id} and ${films.status} <> 'ditarik')`;
  // Kecamatan are children of a regency: the regency edition's own, or every regency of a province.
  const inRegion = edition.regionCode.includes(".")
    ? sql`${district.parentCode} = ${edition.regionCode}`
    : sql`${district.parentCode} in (select ${regions.code} from ${regions} where ${regions.parentCode} = ${edition.regionCode})`;
  const rows = await db
    .select({
      code: district.code,
      name: district.name,
      regencyCode: regency.code,
      regencyName: regency.name,
      eligible: sql<number>`count(${kimGroups.id}) filter (where ${eligibleKim})`.mapWith(Number),
      entered: sql<number>`count(${kimGroups.id}) filter (where ${eligibleKim} and ${entered})`.mapWith(Number),
    })
    .from(district)
    .innerJoin(regency, eq(regency.code, district.parentCode))
    .leftJoin(kimGroups, eq(kimGroups.districtCode, district.code))
    .where(and(eq(district.level, "kecamatan"), inRegion))
    .groupBy(district.code, district.name, regency.code, regency.name)
    .orderBy(asc(regency.name), asc(district.name));
  const total = rows.reduce((sum, r) => ({ eligible: sum.eligible + r.eligible, entered: sum.entered + r.entered }), { eligible: 0, entered: 0 });
  return { rows: rows as KecamatanProgress[], total, activeOnly };
}
