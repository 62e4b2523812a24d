import { and, desc, eq, inArray, like, or, sql } from "drizzle-orm";
import type { Actor } from "@/lib/auth/session";
import type { Db, DbLike } from "@/lib/db/client";
import { kimGroups, kimImportBatches, regions } from "@/lib/db/schema";
import { notFound } from "@/lib/errors";
import { todayWib } from "@/lib/kim/kim-status";
import { cleanLine } from "@/lib/text/sanitise";
import { findHeader } from "./columns";
import { buildPlaceIndex, type Elsewhere, type PlaceIndex } from "./match-places";
import { placeKey, regionCode } from "./normalise";
import { previewRows, type ExistingKim, type ImportRow } from "./parse-rows";
import { readSheet, type SheetRow } from "./read-sheet";
import { inRegion } from "@/lib/kim/in-region";

// The import of a list an office already keeps (/admin/kim/impor): a preview stored in
// kim_import_batches (status pratinjau), then confirm-import.ts. Nothing in the registry
// changes before the confirmation. A batch belongs to its organiser's region.

/** The organiser's region, the only one an import reads and writes. */
export function importScope(actor: Pick<Actor, "role" | "regionCode">): string {
  if (actor.role !== "organiser" || !actor.regionCode) throw notFound();
  return actor.regionCode;
}

/** The kecamatan and villages inside the scope, and the places outside it that the file names. */
export async function loadPlaceIndex(db: DbLike, scope: string, sheet: SheetRow[]): Promise<PlaceIndex> {
  const [region] = await db.select({ name: regions.name }).from(regions).where(eq(regions.code, scope));
  if (!region) throw notFound();
  const inside = await db
    .select({ code: regions.code, name: regions.name, level: regions.level, parentCode: regions.parentCode })
    .from(regions)
    .where(and(like(regions.code, `${scope}.%`), inArray(regions.level, ["kecamatan", "desa"])));
  const districts = inside.filter((r) => r.level === "kecamatan");
  const villages = inside.filter((r) => r.level === "desa").map((v) => ({ code: v.code, name: v.name, districtCode: v.parentCode ?? v.code.slice(0, 8) }));
  return buildPlaceIndex(region.name, districts, villages, await loadElsewhere(db, scope, sheet));
}

/** Regions outside the scope whose code or name appears in the file's place columns. */
async function loadElsewhere(db: DbLike, scope: string, sheet: SheetRow[]): Promise<Elsewhere[]> {
  const header = findHeader(sheet.map((r) => r.cells));
  if (!header) return [];
  const cols = [header.columns.village, header.columns.district, header.columns.villageCode, header.columns.districtCode].filter((c) => c !== undefined);
  const codes = new Set<string>();
  const keys = new Set<string>();
  for (const row of sheet) {
    for (const col of cols) {
      const text = cleanLine(row.cells[col] ?? "");
      const code = regionCode(text);
      if (code) codes.add(code);
      else if (placeKey(text)) keys.add(placeKey(text));
    }
  }
  if (!codes.size && !keys.size) return [];
  const key = sql`trim(regexp_replace(lower(${regions.name}), '[^a-z0-9]+', ' ', 'g'))`;
  const found = await db
    .select({ code: regions.code, name: regions.name })
    .from(regions)
    .where(
      and(
        inArray(regions.level, ["kecamatan", "desa"]),
        sql`${regions.code} not like ${`${scope}.%`}`,
        or(codes.size ? inArray(regions.code, [...codes]) : sql`false`, keys.size ? inArray(key, [...keys]) : sql`false`),
      ),
    )
    .limit(2000);
  const regencyCodes = [...new Set(found.map((f) => f.code.slice(0, 5)))];
  const regencies = regencyCodes.length ? await db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, regencyCodes)) : [];
  const regencyName = new Map(regencies.map((r) => [r.code, r.name]));
  return found.map((f) => ({ code: f.code, name: f.name, regencyName: regencyName.get(f.code.slice(0, 5)) ?? f.code.slice(0, 5) }));
}

/** The registry's KIMs inside the scope, for finding duplicates. */
export async function existingKims(db: DbLike, scope: string): Promise<ExistingKim[]> {
  return db
    .select({ id: kimGroups.id, name: kimGroups.name, villageCode: kimGroups.villageCode, districtCode: kimGroups.districtCode })
    .from(kimGroups)
    .where(inRegion(kimGroups.regencyCode, scope));
}

/**
 * Reads an uploaded list and stores its preview. Refuses (AppError with a field error on
 * "file", nothing stored) a file that is not XLSX/CSV, too large, too long or without a header.
 */
export async function createImportPreview(db: Db, actor: Actor, file: { name: string; bytes: Buffer }, now = new Date()): Promise<{ id: string }> {
  const scope = importScope(actor);
  const sheet = await readSheet(file.bytes);
  const [index, existing] = await Promise.all([loadPlaceIndex(db, scope, sheet), existingKims(db, scope)]);
  const rows = previewRows(sheet, index, existing, todayWib(now));
  const fileName = cleanLine(file.name).trim().slice(0, 200) || "daftar-kim";
  const [batch] = await db.insert(kimImportBatches).values({ regionCode: scope, createdBy: actor.id, fileName, rows }).returning({ id: kimImportBatches.id });
  return batch;
}

const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

export type ImportBatch = Omit<typeof kimImportBatches.$inferSelect, "rows"> & { rows: ImportRow[] };

/** A batch inside the organiser's region; another region's batch is "not found". */
export async function getImportBatch(db: DbLike, actor: Actor, id: string): Promise<ImportBatch> {
  const scope = importScope(actor);
  if (!isUuid(id)) throw notFound();
  const [batch] = await db
    .select()
    .from(kimImportBatches)
    .where(and(eq(kimImportBatches.id, id), inRegion(kimImportBatches.regionCode, scope)));
  if (!batch) throw notFound();
  return { ...batch, rows: batch.rows as ImportRow[] };
}

/** The region's last few imports, newest first, for the import page. */
export async function recentImportBatches(db: Db, actor: Actor, limit = 5) {
  const scope = importScope(actor);
  return db
    .select({ id: kimImportBatches.id, fileName: kimImportBatches.fileName, status: kimImportBatches.status, importedCount: kimImportBatches.importedCount, createdAt: kimImportBatches.createdAt })
    .from(kimImportBatches)
    .where(inRegion(kimImportBatches.regionCode, scope))
    .orderBy(desc(kimImportBatches.createdAt))
    .limit(limit);
}

/** Counts per outcome, for the preview's summary. */
export function countOutcomes(rows: ImportRow[]): Record<ImportRow["outcome"], number> {
  const counts = { baru: 0, sudah_ada: 0, ganda: 0, gagal: 0, luar_wilayah: 0, kosong: 0 };
  for (const r of rows) counts[r.outcome] += 1;
  return counts;
}
