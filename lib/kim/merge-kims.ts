import { and, count, desc, eq, inArray, sql } from "drizzle-orm";
import type { SessionUser } from "@/lib/auth/authenticate";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db, DbLike } from "@/lib/db/client";
import {
  certificates,
  deadlineExtensions,
  filmNominations,
  films,
  kimActivities,
  kimBoardMembers,
  kimChangeRequests,
  kimGroups,
  kimRegistrations,
  kimStatusHistory,
  monevSheets,
  outgoingMessages,
  placements,
  users,
} from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import type { StorageDriver } from "@/lib/storage";
import { removeOldLogo } from "./kim-logo";
import { asRegistryOrganiser, kimForOrganiser, type RegistryOrganiser } from "./kim-scope";
import { syncCurrentStatus, todayWib } from "./kim-status";
import { mergeSchema } from "./registry-schemas";

/**
 * Two records of one KIM become one: everything that points at the duplicate moves to the
 * kept record in one transaction, then the duplicate is deleted. The list below is every
 * foreign key to kim_groups.id in lib/db/schema.ts (plus outgoing_messages.recipient_kim_id,
 * which has none); tests/integration/kim-registry-merge.test.ts fails when the schema gains
 * one that is not here. Where a unique rule allows one row per KIM (a Monev sheet per round,
 * a deadline extension per edition) or the same award would appear twice (a placement of
 * the same edition, category and rank), the kept record's row stays and the duplicate's is
 * dropped; the preview says so first.
 */
export const MOVED = [
  { key: "films", table: films, column: films.kimId, field: "kimId" },
  { key: "placements", table: placements, column: placements.kimId, field: "kimId" },
  { key: "certificates", table: certificates, column: certificates.kimId, field: "kimId" },
  { key: "members", table: users, column: users.kimId, field: "kimId" },
  { key: "registrations", table: kimRegistrations, column: kimRegistrations.existingKimId, field: "existingKimId" },
  { key: "changeRequests", table: kimChangeRequests, column: kimChangeRequests.kimId, field: "kimId" },
  { key: "board", table: kimBoardMembers, column: kimBoardMembers.kimId, field: "kimId" },
  { key: "activities", table: kimActivities, column: kimActivities.kimId, field: "kimId" },
  { key: "statusHistory", table: kimStatusHistory, column: kimStatusHistory.kimId, field: "kimId" },
  { key: "extensions", table: deadlineExtensions, column: deadlineExtensions.kimId, field: "kimId" },
  { key: "monevSheets", table: monevSheets, column: monevSheets.kimId, field: "kimId" },
  { key: "nominations", table: filmNominations, column: filmNominations.kimId, field: "kimId" },
  { key: "messages", table: outgoingMessages, column: outgoingMessages.recipientKimId, field: "recipientKimId" },
] as const;

export type MergeKey = (typeof MOVED)[number]["key"];

/** The duplicate's rows that clash with the kept record's (they are dropped, the kept one's stay). */
async function clashes(db: DbLike, keepId: string, duplicateId: string) {
  const [sheets, extensions, awards] = await Promise.all([
    db.select({ id: monevSheets.id }).from(monevSheets).where(and(eq(monevSheets.kimId, duplicateId), sql`${monevSheets.monevId} in (select monev_id from monev_sheets where kim_id = ${keepId})`)),
    db
      .select({ id: deadlineExtensions.id })
      .from(deadlineExtensions)
      .where(and(eq(deadlineExtensions.kimId, duplicateId), sql`${deadlineExtensions.editionId} in (select edition_id from deadline_extensions where kim_id = ${keepId})`)),
    db
      .select({ id: placements.id })
      .from(placements)
      .where(
        and(
          eq(placements.kimId, duplicateId),
          sql`exists (select 1 from placements k where k.kim_id = ${keepId} and k.edition_id = ${placements.editionId} and k.placement = ${placements.placement} and k.category_id is not distinct from ${placements.categoryId})`,
        ),
      ),
  ]);
  return { monevSheets: sheets.map((r) => r.id), extensions: extensions.map((r) => r.id), placements: awards.map((r) => r.id) };
}

async function loadPair(db: DbLike, organiser: RegistryOrganiser, keepId: string, duplicateId: string) {
  if (keepId === duplicateId) throw new AppError("invalid", { userMessage: "Pilih KIM lain: sebuah KIM tidak bisa digabung dengan dirinya sendiri.", fieldErrors: { duplicateId: ["Pilih KIM lain: sebuah KIM tidak bisa digabung dengan dirinya sendiri."] } });
  const keep = await kimForOrganiser(db, organiser, keepId);
  const duplicate = await kimForOrganiser(db, organiser, duplicateId);
  return { keep, duplicate };
}

/** What a merge would move, per kind of row, and which of the duplicate's rows would be dropped. */
export async function previewMerge(db: Db, actor: SessionUser, keepId: string, duplicateId: string) {
  const organiser = asRegistryOrganiser(actor);
  const { keep, duplicate } = await loadPair(db, organiser, keepId, duplicateId);
  const counts = await Promise.all(MOVED.map(async (m) => [m.key, (await db.select({ n: count() }).from(m.table).where(eq(m.column, duplicate.id)))[0].n] as const));
  const dropped = await clashes(db, keep.id, duplicate.id);
  return {
    keep: { id: keep.id, name: keep.name, slug: keep.slug },
    duplicate: { id: duplicate.id, name: duplicate.name, slug: duplicate.slug },
    moves: Object.fromEntries(counts) as Record<MergeKey, number>,
    dropped: { monevSheets: dropped.monevSheets.length, extensions: dropped.extensions.length, placements: dropped.placements.length },
    filled: fillableFields(keep, duplicate),
  };
}

const FILLABLE = ["contactName", "contactPhone", "contactEmail", "address", "foundedOn", "foundedYear", "skNumber", "skDate", "description", "logoKey"] as const;

/** The kept record's empty fields that the duplicate has: they are taken over. */
function fillableFields(keep: typeof kimGroups.$inferSelect, duplicate: typeof kimGroups.$inferSelect): string[] {
  const out: string[] = FILLABLE.filter((f) => (keep[f] === null || keep[f] === "") && duplicate[f] !== null && duplicate[f] !== "");
  if (keep.socialLinks.length === 0 && duplicate.socialLinks.length > 0) out.push("socialLinks");
  return out;
}

/**
 * Merges the duplicate into the kept KIM (both in the organiser's region), after the
 * organiser ticked the confirmation the server checks. One transaction: a failure moves
 * nothing. The audit entry keeps a snapshot of the removed record and what moved.
 */
export async function mergeKims(db: Db, actor: SessionUser, input: Record<string, unknown>, storage?: StorageDriver) {
  const organiser = asRegistryOrganiser(actor);
  const data = mergeSchema.parse(input);
  const result = await db.transaction(async (tx) => {
    const { keep, duplicate } = await loadPair(tx, organiser, data.keepId, data.duplicateId);
    const dropped = await clashes(tx, keep.id, duplicate.id);
    if (dropped.monevSheets.length) await tx.delete(monevSheets).where(inArray(monevSheets.id, dropped.monevSheets));
    if (dropped.extensions.length) await tx.delete(deadlineExtensions).where(inArray(deadlineExtensions.id, dropped.extensions));
    // A dropped award's certificate code goes with it; its film (if any) still moves.
    if (dropped.placements.length) await tx.delete(placements).where(inArray(placements.id, dropped.placements));
    const moved: Record<string, number> = {};
    for (const m of MOVED) {
      const rows = await tx.update(m.table).set({ [m.field]: keep.id } as never).where(eq(m.column, duplicate.id)).returning({ one: sql`1` });
      moved[m.key] = rows.length;
    }
    const filled = fillableFields(keep, duplicate);
    const takeLogo = filled.includes("logoKey");
    await tx
      .update(kimGroups)
      .set({ ...Object.fromEntries(filled.map((f) => [f, duplicate[f as keyof typeof duplicate]])), updatedAt: new Date() })
      .where(eq(kimGroups.id, keep.id));
    await tx.delete(kimGroups).where(eq(kimGroups.id, duplicate.id));
    await keepCurrentStatus(tx, keep);
    await recordAudit(tx, {
      actorId: organiser.id,
      action: "kim.merge",
      entityType: "kim",
      entityId: keep.id,
      data: { removed: duplicate, moved, dropped, filled },
    });
    return { keep, orphanLogo: takeLogo ? null : duplicate.logoKey, moved, dropped };
  });
  if (storage) await removeOldLogo(storage, result.orphanLogo);
  return { keepId: result.keep.id, moved: result.moved, dropped: result.dropped };
}

/**
 * The history now holds both records' rows; the kept record's status is the one the
 * organiser kept. When a moved row is newer and says otherwise, the kept status is recorded
 * again from that day on, so the history's newest row and the current status agree.
 */
async function keepCurrentStatus(tx: DbLike, keep: typeof kimGroups.$inferSelect): Promise<void> {
  const [latest] = await tx
    .select({ status: kimStatusHistory.status, fromDate: kimStatusHistory.fromDate })
    .from(kimStatusHistory)
    .where(eq(kimStatusHistory.kimId, keep.id))
    .orderBy(desc(kimStatusHistory.fromDate), desc(kimStatusHistory.createdAt))
    .limit(1);
  if (latest && latest.status !== keep.status) {
    const today = todayWib();
    await tx.insert(kimStatusHistory).values({
      kimId: keep.id,
      status: keep.status,
      fromDate: latest.fromDate > today ? latest.fromDate : today,
      reason: keep.status === "tidak_aktif" ? keep.inactiveReason : null,
      source: "organiser",
    });
  }
  await syncCurrentStatus(tx, keep.id);
}
