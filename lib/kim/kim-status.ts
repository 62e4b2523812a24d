import { and, desc, eq } from "drizzle-orm";
import { wibDay } from "@/lib/format/dates";
import type { DbLike } from "@/lib/db/client";
import { kimGroups, kimStatusHistory } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";

export type KimStatusChange = {
  status: "aktif" | "tidak_aktif";
  /** YYYY-MM-DD, the day the status took effect. */
  fromDate: string;
  reason?: string | null;
  source: "pendaftaran" | "organiser" | "monev" | "impor";
  monevId?: string | null;
  decidedBy?: string | null;
};

/** Today's date in WIB as YYYY-MM-DD (the registry's days are WIB days). */
export function todayWib(now = new Date()): string {
  return wibDay(now);
}

/**
 * Records a KIM's status from a day on, and makes the KIM's current status the
 * latest one in its history (a change dated before the current one is kept as
 * history without changing what the KIM is now). Tidak aktif needs a reason.
 */
export async function recordKimStatus(db: DbLike, kimId: string, change: KimStatusChange): Promise<void> {
  const reason = change.reason?.trim() || null;
  if (change.status === "tidak_aktif" && !reason) throw new AppError("invalid", { userMessage: "Tuliskan alasan KIM tidak aktif.", fieldErrors: { reason: ["Tuliskan alasan KIM tidak aktif."] } });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(change.fromDate)) throw new AppError("invalid", { userMessage: "Tanggal status tidak valid.", fieldErrors: { fromDate: ["Tanggal status tidak valid."] } });
  await db.insert(kimStatusHistory).values({
    kimId,
    status: change.status,
    fromDate: change.fromDate,
    reason,
    source: change.source,
    monevId: change.monevId ?? null,
    decidedBy: change.decidedBy ?? null,
  });
  await syncCurrentStatus(db, kimId);
}

/** Sets kim_groups' status, reason and date from the latest row of its history. */
export async function syncCurrentStatus(db: DbLike, kimId: string): Promise<void> {
  const [latest] = await db
    .select()
    .from(kimStatusHistory)
    .where(and(eq(kimStatusHistory.kimId, kimId)))
    .orderBy(desc(kimStatusHistory.fromDate), desc(kimStatusHistory.createdAt))
    .limit(1);
  if (!latest) return;
  await db
    .update(kimGroups)
    .set({
      status: latest.status,
      inactiveReason: latest.status === "tidak_aktif" ? (latest.reason ?? "Tidak disebutkan.") : null,
      statusSince: latest.fromDate,
      updatedAt: new Date(),
    })
    .where(eq(kimGroups.id, kimId));
}

/** A KIM's status history, newest first. */
export async function kimStatusHistoryOf(db: DbLike, kimId: string) {
  return db
    .select({ status: kimStatusHistory.status, from: kimStatusHistory.fromDate, reason: kimStatusHistory.reason, source: kimStatusHistory.source })
    .from(kimStatusHistory)
    .where(eq(kimStatusHistory.kimId, kimId))
    .orderBy(desc(kimStatusHistory.fromDate), desc(kimStatusHistory.createdAt));
}
