import { and, asc, eq, like } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { regionWithin } from "@/lib/auth/scope";
import type { Db } from "@/lib/db/client";
import { regions } from "@/lib/db/schema";

const district = alias(regions, "district");

export type VillageGroup = { districtCode: string; districtName: string; villages: { code: string; name: string }[] };

/**
 * The desa a KIM may be placed in, grouped by kecamatan, for one regency inside `scope`
 * (a regency has a few hundred desa: one plain <select> with a group per kecamatan, which
 * works without JavaScript). A province's organiser first picks the regency
 * (`regenciesWithin`). Empty when the regency is outside the scope.
 */
export async function villagesOfRegency(db: Db, scope: string, regencyCode: string): Promise<VillageGroup[]> {
  if (!/^\d{2}\.\d{2}$/.test(regencyCode) || !(regionWithin(scope, regencyCode) || regionWithin(regencyCode, scope))) return [];
  const prefix = scope.length > regencyCode.length ? scope : regencyCode;
  const rows = await db
    .select({ code: regions.code, name: regions.name, districtCode: district.code, districtName: district.name })
    .from(regions)
    .innerJoin(district, eq(district.code, regions.parentCode))
    .where(and(eq(regions.level, "desa"), like(regions.code, `${prefix}.%`)))
    .orderBy(asc(district.name), asc(regions.name));
  const groups = new Map<string, VillageGroup>();
  for (const r of rows) {
    const group = groups.get(r.districtCode) ?? { districtCode: r.districtCode, districtName: r.districtName, villages: [] };
    group.villages.push({ code: r.code, name: r.name });
    groups.set(r.districtCode, group);
  }
  return [...groups.values()];
}

/** The regencies of a province scope (for its organiser's first choice); a regency scope is its own. */
export async function regenciesWithin(db: Db, scope: string) {
  if (scope.includes(".")) return db.select({ code: regions.code, name: regions.name }).from(regions).where(eq(regions.code, scope.split(".").slice(0, 2).join(".")));
  return db.select({ code: regions.code, name: regions.name }).from(regions).where(and(eq(regions.parentCode, scope), eq(regions.level, "kabupaten"))).orderBy(asc(regions.name));
}
