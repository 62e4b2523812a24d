import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/authenticate";
import type { Db } from "@/lib/db/client";
import { monevRounds, monevSheets } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { recordKimStatus, todayWib } from "@/lib/kim/kim-status";
import { getMonevOverview } from "./monev-sheets";

const closeSchema = z.object({
  confirm: z.literal("on", "Centang kotak konfirmasi dulu."),
  fromDate: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(new Date(`${v}T00:00:00Z`).getTime())), "Tanggal berlaku tidak valid."),
});

/** The reason written for a KIM proposed tidak aktif that the organiser did not word themselves. */
export const belowThresholdReason = (year: number, total: number, threshold: number) => `Monev ${year}: nilai ${total.toFixed(2)} di bawah ambang ${threshold.toFixed(2)}.`;

/**
 * Closes a Monev (berjalan → selesai): every KIM with a complete sheet gets its decision (the
 * organiser's, else the proposal) written into its status history through recordKimStatus
 * (source "monev", from the closing day in WIB or the day the organiser gives), the sheets keep
 * the decision, and the close is audited. KIMs without a complete sheet keep their status.
 */
export async function closeMonev(db: Db, actor: SessionUser, monevId: string, input: Record<string, string>, now = new Date()) {
  const { round, rows } = await getMonevOverview(db, actor, monevId);
  if (round.status === "selesai") throw new AppError("conflict", { userMessage: "Monev ini sudah selesai." });
  if (round.status !== "berjalan") throw new AppError("conflict", { userMessage: "Mulai Monev dan nilai KIM dulu sebelum menutupnya." });
  const values = closeSchema.parse(input);
  const decided = rows.filter((r) => r.final !== null);
  if (decided.length === 0) throw new AppError("conflict", { userMessage: "Belum ada KIM yang nilainya lengkap; Monev belum bisa ditutup." });
  const fromDate = values.fromDate || todayWib(now);
  await db.transaction(async (tx) => {
    for (const r of decided) {
      const status = r.final!;
      const reason = r.decisionReason ?? (status === "tidak_aktif" ? belowThresholdReason(round.year, r.total!, round.threshold) : null);
      await recordKimStatus(tx, r.kim.id, { status, fromDate, reason, source: "monev", monevId: round.id, decidedBy: actor.id });
      await tx.update(monevSheets).set({ decision: status, decisionReason: reason, decidedAt: now }).where(and(eq(monevSheets.kimId, r.kim.id), eq(monevSheets.monevId, round.id)));
    }
    await tx.update(monevRounds).set({ status: "selesai", closedAt: now }).where(eq(monevRounds.id, round.id));
    await recordAudit(tx, {
      actorId: actor.id,
      action: "monev.close",
      entityType: "monev",
      entityId: round.id,
      data: { year: round.year, fromDate, decided: decided.length, aktif: decided.filter((r) => r.final === "aktif").length, tidakAktif: decided.filter((r) => r.final === "tidak_aktif").length, undecided: rows.length - decided.length },
    });
  });
  return { decided: decided.length, undecided: rows.length - decided.length, fromDate };
}
