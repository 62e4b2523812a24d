import { and, eq, inArray, like, or } from "drizzle-orm";
import type { Actor } from "@/lib/auth/session";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db, Tx } from "@/lib/db/client";
import { kimGroups, kimImportBatches } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { recordKimStatus, todayWib } from "@/lib/kim/kim-status";
import { slugify } from "@/lib/kim/slug";
import { existingKims, getImportBatch, importScope } from "./kim-import";
import { kimNameKey } from "./normalise";
import { NO_REASON, samePlace, type ImportRow } from "./parse-rows";

export type ImportChoice = {
  /** Row numbers of new KIMs to add (rows the preview marked "baru"). */
  add: number[];
  /** Row numbers of KIMs already in the registry whose contact and status the file updates. */
  update: number[];
};

export type ImportOutcome = { created: number; updated: number; skipped: number };

/**
 * Adds the chosen new KIMs and updates the chosen existing ones, all in one transaction,
 * with each KIM's status history (source "impor") and one audit entry "kim.import". The batch
 * moves from pratinjau to diimpor by a conditional update first: a second confirmation (a
 * double click, another tab) finds no pratinjau row and changes nothing.
 */
export async function confirmImport(db: Db, actor: Actor, batchId: string, choice: ImportChoice, now = new Date()): Promise<ImportOutcome> {
  const scope = importScope(actor);
  const batch = await getImportBatch(db, actor, batchId);
  if (batch.status !== "pratinjau") throw alreadyDone(batch.status);
  const add = new Set(choice.add);
  const update = new Set(choice.update);
  if (!batch.rows.some((r) => (r.outcome === "baru" && add.has(r.rowNumber)) || (r.outcome === "sudah_ada" && update.has(r.rowNumber)))) {
    throw new AppError("invalid", { userMessage: "Pilih paling tidak satu baris untuk diimpor." });
  }
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(kimImportBatches)
      .set({ status: "diimpor", importedAt: now })
      .where(and(eq(kimImportBatches.id, batch.id), eq(kimImportBatches.status, "pratinjau")))
      .returning({ id: kimImportBatches.id });
    if (!claimed) throw alreadyDone("diimpor");

    const today = todayWib(now);
    const rows = batch.rows.map((r) => ({ ...r }));
    const existing = await existingKims(tx, scope);
    const slugs = await takenSlugs(tx, rows.filter((r) => r.outcome === "baru" && add.has(r.rowNumber)));
    const outcome: ImportOutcome = { created: 0, updated: 0, skipped: 0 };
    for (const row of rows) {
      if (row.outcome === "kosong") continue;
      if (row.outcome === "baru" && add.has(row.rowNumber)) {
        // A KIM added since the preview (another import, a registration) is not added twice.
        const known = existing.find((k) => kimNameKey(k.name) === kimNameKey(row.kim!.name) && samePlace(k, row.place!));
        if (known) {
          Object.assign(row, { result: "dilewati", existing: { id: known.id, name: known.name } });
          outcome.skipped += 1;
          continue;
        }
        const id = await addKim(tx, row, uniqueSlug(slugs, row), today, actor.id);
        existing.push({ id, name: row.kim!.name, villageCode: row.place!.villageCode, districtCode: row.place!.districtCode });
        Object.assign(row, { result: "dibuat", kimId: id });
        outcome.created += 1;
      } else if (row.outcome === "sudah_ada" && update.has(row.rowNumber) && (await updateKim(tx, scope, row, today, actor.id))) {
        Object.assign(row, { result: "diperbarui", kimId: row.existing!.id });
        outcome.updated += 1;
      } else {
        Object.assign(row, { result: "dilewati" });
        outcome.skipped += 1;
      }
    }
    await tx.update(kimImportBatches).set({ rows, importedCount: outcome.created }).where(eq(kimImportBatches.id, batch.id));
    await recordAudit(tx, {
      actorId: actor.id,
      action: "kim.import",
      entityType: "kim_import_batch",
      entityId: batch.id,
      data: { fileName: batch.fileName, regionCode: batch.regionCode, ...outcome },
    });
    return outcome;
  });
}

/** Drops a preview that will not be imported. */
export async function cancelImport(db: Db, actor: Actor, batchId: string): Promise<void> {
  const batch = await getImportBatch(db, actor, batchId);
  const [done] = await db
    .update(kimImportBatches)
    .set({ status: "dibatalkan" })
    .where(and(eq(kimImportBatches.id, batch.id), eq(kimImportBatches.status, "pratinjau")))
    .returning({ id: kimImportBatches.id });
  if (!done) throw alreadyDone(batch.status);
}

function alreadyDone(status: string) {
  return new AppError("conflict", {
    userMessage: status === "dibatalkan" ? "Pratinjau ini sudah dibatalkan. Unggah berkasnya lagi." : "Berkas ini sudah diimpor; tidak ada yang diimpor dua kali.",
  });
}

const baseSlug = (row: ImportRow) => slugify(row.kim!.name, row.place!.villageName ?? row.place!.districtName) || "kim";

async function takenSlugs(tx: Tx, rows: ImportRow[]): Promise<Set<string>> {
  const bases = [...new Set(rows.map(baseSlug))];
  if (!bases.length) return new Set();
  const found = await tx
    .select({ slug: kimGroups.slug })
    .from(kimGroups)
    .where(or(inArray(kimGroups.slug, bases), ...bases.map((b) => like(kimGroups.slug, `${b}-%`))));
  return new Set(found.map((f) => f.slug));
}

function uniqueSlug(taken: Set<string>, row: ImportRow): string {
  const base = baseSlug(row);
  let slug = base;
  for (let n = 2; taken.has(slug); n += 1) slug = `${base}-${n}`;
  taken.add(slug);
  return slug;
}

async function addKim(tx: Tx, row: ImportRow, slug: string, today: string, actorId: string): Promise<string> {
  const kim = row.kim!;
  const place = row.place!;
  const [created] = await tx
    .insert(kimGroups)
    .values({
      slug,
      name: kim.name,
      villageCode: place.villageCode,
      districtCode: place.districtCode,
      regencyCode: place.districtCode.slice(0, 5),
      status: kim.status,
      inactiveReason: kim.status === "tidak_aktif" ? kim.reason : null,
      statusSince: today,
      foundedYear: kim.foundedYear,
      foundedOn: kim.foundedOn,
      contactName: kim.contactName,
      contactPhone: kim.contactPhone,
      contactEmail: kim.contactEmail,
      address: kim.address,
      updatedAt: new Date(),
    })
    .returning({ id: kimGroups.id });
  await recordKimStatus(tx, created.id, { status: kim.status, fromDate: today, reason: kim.reason, source: "impor", decidedBy: actorId });
  return created.id;
}

/** Contact details the file gives (empty cells keep what the registry has) and a changed status. */
async function updateKim(tx: Tx, scope: string, row: ImportRow, today: string, actorId: string): Promise<boolean> {
  const kim = row.kim!;
  const [current] = await tx
    .select({ id: kimGroups.id, status: kimGroups.status, inactiveReason: kimGroups.inactiveReason })
    .from(kimGroups)
    .where(and(eq(kimGroups.id, row.existing!.id), or(eq(kimGroups.regencyCode, scope), like(kimGroups.regencyCode, `${scope}.%`))));
  if (!current) return false;
  const contact = {
    ...(kim.contactName && { contactName: kim.contactName }),
    ...(kim.contactPhone && { contactPhone: kim.contactPhone }),
    ...(kim.contactEmail && { contactEmail: kim.contactEmail }),
  };
  if (Object.keys(contact).length) await tx.update(kimGroups).set({ ...contact, updatedAt: new Date() }).where(eq(kimGroups.id, current.id));
  const reasonChanged = kim.status === "tidak_aktif" && kim.reason !== NO_REASON && kim.reason !== current.inactiveReason;
  if (current.status !== kim.status || reasonChanged) {
    await recordKimStatus(tx, current.id, { status: kim.status, fromDate: today, reason: kim.reason, source: "impor", decidedBy: actorId });
  }
  return true;
}
