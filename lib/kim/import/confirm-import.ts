import { and, eq, inArray, like, or } from "drizzle-orm";
import type { Actor } from "@/lib/auth/session";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db, Tx } from "@/lib/db/client";
import { kimGroups, kimImportBatches, kimStatusHistory } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { recordKimStatus, todayWib } from "@/lib/kim/kim-status";
import { slugify } from "@/lib/kim/slug";
import { existingKims, getImportBatch, importScope } from "./kim-import";
import { kimNameKey } from "./normalise";
import { byNameKey, NO_REASON, samePlace, type ImportRow } from "./parse-rows";
import { inRegion } from "@/lib/kim/in-region";

export type ImportChoice = {
  /** Row numbers of new KIMs to add (rows the preview marked "baru"). */
  add: number[];
  /** Row numbers of KIMs already in the registry whose contact and status the file updates. */
  update: number[];
};

export type ImportOutcome = { created: number; updated: number; skipped: number };

/**
 * Adds the chosen new KIMs and updates the chosen existing ones, all in one transaction,
 * with each KIM's status history (source "impor"; recordKimStatus for a changed status, the
 * same row in bulk for a new KIM) and one audit entry "kim.import". The batch
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
    const existing = byNameKey(await existingKims(tx, scope));
    const slugs = await takenSlugs(tx, rows.filter((r) => r.outcome === "baru" && add.has(r.rowNumber)));
    const outcome: ImportOutcome = { created: 0, updated: 0, skipped: 0 };
    const toAdd: { row: ImportRow; slug: string }[] = [];
    for (const row of rows) {
      if (row.outcome === "kosong") continue;
      if (row.outcome === "baru" && add.has(row.rowNumber)) {
        // A KIM added since the preview (another import, a registration) is not added twice.
        const key = kimNameKey(row.kim!.name);
        const known = existing.get(key)?.find((k) => samePlace(k, row.place!));
        if (known) {
          row.result = "dilewati";
          row.existing = { id: known.id, name: known.name };
          outcome.skipped += 1;
          continue;
        }
        toAdd.push({ row, slug: uniqueSlug(slugs, row) });
        existing.set(key, [...(existing.get(key) ?? []), { id: "", name: row.kim!.name, villageCode: row.place!.villageCode, districtCode: row.place!.districtCode }]);
        outcome.created += 1;
      } else if (row.outcome === "sudah_ada" && update.has(row.rowNumber) && (await updateKim(tx, scope, row, today, actor.id))) {
        row.result = "diperbarui";
        row.kimId = row.existing!.id;
        outcome.updated += 1;
      } else {
        row.result = "dilewati";
        outcome.skipped += 1;
      }
    }
    await addKims(tx, toAdd, today, actor.id);
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
  // Numbered slugs ("-2") exist only next to their base: look for them only where the base is taken.
  const exact = await tx.select({ slug: kimGroups.slug }).from(kimGroups).where(inArray(kimGroups.slug, bases));
  const numbered = exact.length
    ? await tx.select({ slug: kimGroups.slug }).from(kimGroups).where(or(...exact.map((b) => like(kimGroups.slug, `${b.slug}-%`))))
    : [];
  return new Set([...exact, ...numbered].map((f) => f.slug));
}

function uniqueSlug(taken: Set<string>, row: ImportRow): string {
  const base = baseSlug(row);
  let slug = base;
  for (let n = 2; taken.has(slug); n += 1) slug = `${base}-${n}`;
  taken.add(slug);
  return slug;
}

/**
 * The new KIMs, 500 to a statement, each with the first row of its status history: what
 * recordKimStatus writes (source "impor", the import day, the organiser), inserted in bulk.
 * Its sync step has nothing to do here: each KIM is inserted with that status and day. One
 * statement per KIM made 5,000 rows take most of a minute on PGlite.
 */
async function addKims(tx: Tx, items: { row: ImportRow; slug: string }[], today: string, actorId: string): Promise<void> {
  for (let i = 0; i < items.length; i += 500) {
    const chunk = items.slice(i, i + 500);
    const created = await tx
      .insert(kimGroups)
      .values(
        chunk.map(({ row, slug }) => {
          const kim = row.kim!;
          const place = row.place!;
          return {
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
          };
        }),
      )
      .returning({ id: kimGroups.id, slug: kimGroups.slug, status: kimGroups.status, inactiveReason: kimGroups.inactiveReason });
    const bySlug = new Map(created.map((c) => [c.slug, c]));
    for (const { row, slug } of chunk) {
      row.result = "dibuat";
      row.kimId = bySlug.get(slug)!.id;
    }
    await tx.insert(kimStatusHistory).values(
      created.map((c) => ({ kimId: c.id, status: c.status, fromDate: today, reason: c.status === "tidak_aktif" ? c.inactiveReason : null, source: "impor" as const, decidedBy: actorId })),
    );
  }
}

/** Contact details the file gives (empty cells keep what the registry has) and a changed status. */
async function updateKim(tx: Tx, scope: string, row: ImportRow, today: string, actorId: string): Promise<boolean> {
  const kim = row.kim!;
  const [current] = await tx
    .select({ id: kimGroups.id, status: kimGroups.status, inactiveReason: kimGroups.inactiveReason })
    .from(kimGroups)
    .where(and(eq(kimGroups.id, row.existing!.id), inRegion(kimGroups.regencyCode, scope)));
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
