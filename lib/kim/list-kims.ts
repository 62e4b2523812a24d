import { and, asc, eq, like, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/lib/db/client";
import { kimGroups, regions } from "@/lib/db/schema";

const village = alias(regions, "village");
const district = alias(regions, "district");
const regency = alias(regions, "regency");

/** The public KIM directory of a region (regency, district or province), by district then name. */
export async function listKims(db: Db, regionCode: string) {
  return db
    .select({
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
    })
    .from(kimGroups)
    .leftJoin(village, eq(village.code, kimGroups.villageCode))
    .innerJoin(district, eq(district.code, kimGroups.districtCode))
    .innerJoin(regency, eq(regency.code, kimGroups.regencyCode))
    .where(or(eq(kimGroups.districtCode, regionCode), eq(kimGroups.regencyCode, regionCode), like(kimGroups.regencyCode, `${regionCode}.%`)))
    .orderBy(asc(regency.name), asc(district.name), asc(kimGroups.name));
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
