import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import Papa from "papaparse";
import { count, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { regions } from "@/lib/db/schema";

type RegionRow = typeof regions.$inferInsert;

const files = [
  { file: "provinces.csv", level: "provinsi", parent: null },
  { file: "regencies.csv", level: "kabupaten", parent: "province_code" },
  { file: "districts.csv", level: "kecamatan", parent: "regency_code" },
  { file: "villages.csv", level: "desa", parent: "district_code" },
] as const;

function dataDir(): string {
  // The package's entry is ESM-only and needs Node 22; its CSV files are all we use.
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve("idn-area-data/package.json")), "data");
}

/** Every province, regency, district and village from idn-area-data, parents first. */
export function readRegionRows(dir = dataDir()): RegionRow[] {
  const rows: RegionRow[] = [];
  for (const { file, level, parent } of files) {
    const parsed = Papa.parse<Record<string, string>>(fs.readFileSync(path.join(dir, file), "utf8"), {
      header: true,
      skipEmptyLines: true,
    });
    for (const r of parsed.data) {
      rows.push({ code: r.code, name: r.name, level, parentCode: parent ? r[parent] : null });
    }
  }
  return rows;
}

/**
 * Loads all of Indonesia in batches. Idempotent: a complete table is left alone
 * (one count), a partial one is topped up and renamed codes are updated.
 */
export async function importRegions(db: Db, rows = readRegionRows()): Promise<{ inserted: number; skipped: boolean }> {
  const [{ n }] = await db.select({ n: count() }).from(regions);
  if (n === rows.length) return { inserted: 0, skipped: true };
  const before = n;
  const batch = 4000;
  for (let i = 0; i < rows.length; i += batch) {
    await db
      .insert(regions)
      .values(rows.slice(i, i + batch))
      .onConflictDoUpdate({
        target: regions.code,
        set: { name: sql`excluded.name`, parentCode: sql`excluded.parent_code`, level: sql`excluded.level` },
      });
  }
  const [{ n: after }] = await db.select({ n: count() }).from(regions);
  return { inserted: after - before, skipped: false };
}
