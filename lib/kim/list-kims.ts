import { and, asc, between, eq, like, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/lib/db/client";
import { kimGroups, regions } from "@/lib/db/schema";
import { decodeCursor, keysetPage } from "@/lib/api/paging";
import { omit } from "@/lib/public/omit";

const village = alias(regions, "village");
const district = alias(regions, "district");
const regency = alias(regions, "regency");

/**
 * The KIMs of a region by the shape of its code, each on its own index: a province "33" by
 * the prefix of the regency code, a regency "33.13", a district "33.13.08" and a village by equality.
 */
export function kimsOfRegion(regionCode: string): SQL {
  const parts = regionCode.split(".").length;
  // A province: the prefix, and the same as a range the regency index can seek to (without it the
  // ordered directory walked the index from the first province: 31,781 rows before "33.").
  if (parts === 1) return and(between(kimGroups.regencyCode, `${regionCode}.00`, `${regionCode}.99`), like(kimGroups.regencyCode, `${regionCode}.%`))!;
  if (parts === 2) return eq(kimGroups.regencyCode, regionCode);
  if (parts === 3) return eq(kimGroups.districtCode, regionCode);
  return eq(kimGroups.villageCode, regionCode);
}

const directoryColumns = {
  id: kimGroups.id,
  slug: kimGroups.slug,
  name: kimGroups.name,
  status: kimGroups.status,
  inactiveReason: kimGroups.inactiveReason,
  foundedYear: kimGroups.foundedYear,
  isSample: kimGroups.isSample,
  villageCode: kimGroups.villageCode,
  villageName: village.name,
  districtCode: kimGroups.districtCode,
  districtName: district.name,
  regencyCode: kimGroups.regencyCode,
  regencyName: regency.name,
};

/** The public KIM directory of a region (regency, district or province), by district then name. */
export async function listKims(db: Db, regionCode: string) {
  const rows = await db
    .select(directoryColumns)
    .from(kimGroups)
    .leftJoin(village, eq(village.code, kimGroups.villageCode))
    .innerJoin(district, eq(district.code, kimGroups.districtCode))
    .innerJoin(regency, eq(regency.code, kimGroups.regencyCode))
    .where(kimsOfRegion(regionCode))
    .orderBy(asc(regency.name), asc(district.name), asc(kimGroups.name));
  return rows.map((kim) => omit(kim, "id"));
}

/** Most KIMs one page of the JSON directory carries (README, Public API). */
export const KIM_PAGE_MAX = 500;

/**
 * One page of a region's directory for the JSON API, in code order (regency, district, then
 * name), with the cursor of the next page: keyset paging, so page 80 costs what page 1 does.
 * A cursor is opaque to the caller; one that does not decode is a 422.
 */
export async function listKimsPage(db: Db, regionCode: string, options: { status?: "aktif" | "tidak_aktif"; limit: number; cursor?: string }) {
  const after = options.cursor ? decodeCursor(options.cursor, cursorShape) : undefined;
  const rows = await db
    .select(directoryColumns)
    .from(kimGroups)
    .leftJoin(village, eq(village.code, kimGroups.villageCode))
    .innerJoin(district, eq(district.code, kimGroups.districtCode))
    .innerJoin(regency, eq(regency.code, kimGroups.regencyCode))
    .where(
      and(
        kimsOfRegion(regionCode),
        options.status ? eq(kimGroups.status, options.status) : undefined,
        after ? sql`(${kimGroups.regencyCode}, ${kimGroups.districtCode}, ${kimGroups.name}, ${kimGroups.id}) > (${after[0]}, ${after[1]}, ${after[2]}, ${after[3]}::uuid)` : undefined,
      ),
    )
    .orderBy(asc(kimGroups.regencyCode), asc(kimGroups.districtCode), asc(kimGroups.name), asc(kimGroups.id))
    .limit(options.limit + 1);
  const { page, nextCursor } = keysetPage(rows, options.limit, (kim) => [kim.regencyCode, kim.districtCode, kim.name, kim.id]);
  return { kims: page.map((kim) => omit(kim, "id")), nextCursor };
}

const cursorShape = z.tuple([z.string().max(20), z.string().max(20), z.string().max(300), z.uuid()]);

/** How many KIMs a region has, and how many are active. */
export async function countKims(db: Db, regionCode: string): Promise<{ total: number; active: number; inactive: number }> {
  const [row] = await db
    .select({ total: sql<number>`count(*)::int`, active: sql<number>`count(*) filter (where ${kimGroups.status} = 'aktif')::int` })
    .from(kimGroups)
    .where(kimsOfRegion(regionCode));
  return { total: row.total, active: row.active, inactive: row.total - row.active };
}

export type KimCounts = { code: string; name: string; total: number; active: number; inactive: number };

/**
 * KIM counts per child region: per kecamatan for a regency (every kecamatan listed,
 * so coverage gaps show as zeros), per regency for a province.
 */
export async function countKimsByChild(db: Db, regionCode: string, level: "provinsi" | "kabupaten"): Promise<KimCounts[]> {
  const key = level === "kabupaten" ? kimGroups.districtCode : kimGroups.regencyCode;
  const rows = await db
    .select({
      code: regions.code,
      name: regions.name,
      total: sql<number>`count(${kimGroups.id})::int`,
      active: sql<number>`count(${kimGroups.id}) filter (where ${kimGroups.status} = 'aktif')::int`,
      inactive: sql<number>`count(${kimGroups.id}) filter (where ${kimGroups.status} = 'tidak_aktif')::int`,
    })
    .from(regions)
    .leftJoin(kimGroups, eq(key, regions.code))
    .where(and(eq(regions.parentCode, regionCode)))
    .groupBy(regions.code, regions.name)
    .orderBy(asc(regions.name));
  return rows;
}

export function sumCounts(rows: KimCounts[]): { total: number; active: number; inactive: number } {
  return rows.reduce((a, r) => ({ total: a.total + r.total, active: a.active + r.active, inactive: a.inactive + r.inactive }), { total: 0, active: 0, inactive: 0 });
}
