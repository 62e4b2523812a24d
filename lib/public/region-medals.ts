import type { Db } from "@/lib/db/client";
import { kimsOfRegion } from "@/lib/kim/list-kims";
import { regionCodePattern } from "@/lib/regions/get-region";
import { addMedal, compareMedals, emptyMedals, groupByYear, type MedalCounts } from "./placements";
import { listPublicPlacements, type PublicPlacement } from "./public-placements";
import { listPublishedEditions } from "./published-editions";

/**
 * Placements won by a region's KIMs in published results, by year (the year the
 * source does not give comes last). For a province also a medal table per
 * regency — all years, then year by year — counting the province's own
 * festivals only, where its regencies compete with each other (a regency's own
 * festival would only ever add medals to that regency).
 */
export async function getRegionMedals(db: Db, code: string, now = new Date()) {
  if (!regionCodePattern.test(code)) return null;
  const rows = await listPublicPlacements(db, await listPublishedEditions(db, now), kimsOfRegion(code));
  const provincial = code.split(".").length === 1 ? rows.filter((r) => r.edition.regionCode === code) : null;
  return {
    total: rows.length,
    byYear: groupByYear(rows),
    provincial: provincial && {
      table: medalTable(provincial),
      byYear: groupByYear(provincial).map((g) => ({ year: g.year, rows: medalTable(g.items) })),
    },
  };
}

export type RegionMedals = NonNullable<Awaited<ReturnType<typeof getRegionMedals>>>;
export type MedalRow = { code: string; name: string } & MedalCounts;

/** Counts of Juara I, II, III and Harapan per regency, in medal-table order. */
export function medalTable(rows: Pick<PublicPlacement, "regencyCode" | "regencyName" | "placement">[]): MedalRow[] {
  const table = new Map<string, MedalRow>();
  for (const r of rows) {
    const current = table.get(r.regencyCode) ?? { code: r.regencyCode, name: r.regencyName, ...emptyMedals() };
    table.set(r.regencyCode, { ...current, ...addMedal(current, r.placement) });
  }
  return [...table.values()].sort((a, b) => compareMedals(a, b) || a.name.localeCompare(b.name));
}
