import { and, count, eq, max } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/authenticate";
import type { Db, DbLike } from "@/lib/db/client";
import { categories, deadlineExtensions, editions, rubricCriteria } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { formatWib } from "@/lib/format/dates";
import { organiserEdition } from "@/lib/judging/assignment-plan";
import { editionRules } from "./defaults";
import { editionReadiness, type Missing } from "./edition-readiness";
import { confirmSchema } from "./edition-schemas";
import { filmCount, type Edition } from "./update-edition";

/**
 * The steps of an edition that the settings page takes: draf → pendaftaran (once complete),
 * back to draf (while nobody entered), pendaftaran → penjurian (once entries, every KIM's
 * extension and the upload grace are over). Sealing and publishing are the results page's
 * (lib/results/edition-results.ts). Each step needs the organiser's confirmation and is audited.
 */

export type Step = "pendaftaran" | "draf" | "penjurian";

export async function readinessOf(db: DbLike, edition: Edition, now: Date): Promise<Missing[]> {
  const [[{ n: categoryCount }], criteria] = await Promise.all([
    db.select({ n: count() }).from(categories).where(eq(categories.editionId, edition.id)),
    db.select({ name: rubricCriteria.name, weight: rubricCriteria.weight, minScore: rubricCriteria.minScore, maxScore: rubricCriteria.maxScore }).from(rubricCriteria).where(eq(rubricCriteria.editionId, edition.id)),
  ]);
  return editionReadiness(edition, categoryCount, criteria, now);
}

/** When the last upload may still finish: the latest close (the edition's or a KIM's extension) plus the grace. */
export async function entriesEndAt(db: DbLike, edition: Edition): Promise<Date | null> {
  const [{ latest }] = await db.select({ latest: max(deadlineExtensions.closesAt) }).from(deadlineExtensions).where(eq(deadlineExtensions.editionId, edition.id));
  const closes = [edition.submissionClosesAt, latest ? new Date(latest) : null].filter((d): d is Date => d !== null);
  if (closes.length === 0) return null;
  const last = Math.max(...closes.map((d) => d.getTime()));
  return new Date(last + editionRules(edition.rules).uploadGraceMinutes * 60_000);
}

export const statusStepSchema = confirmSchema.extend({ to: z.enum(["pendaftaran", "draf", "penjurian"], { message: "Pilih langkah berikutnya." }) });

export async function changeEditionStatus(db: Db, actor: SessionUser, slug: string, input: unknown, now = new Date()): Promise<{ from: string; to: Step }> {
  const edition = await organiserEdition(db, actor, slug);
  const { to } = statusStepSchema.parse(input);
  const from = edition.status;
  if (from === "draf" && to === "pendaftaran") {
    const missing = await readinessOf(db, edition, now);
    if (missing.length) throw new AppError("conflict", { userMessage: `Pendaftaran belum bisa dibuka: ${missing.map((m) => m.message).join("; ")}.` });
  } else if (from === "pendaftaran" && to === "draf") {
    const entries = await filmCount(db, edition.id);
    if (entries > 0) throw new AppError("conflict", { userMessage: `Sudah ada ${entries} film yang didaftarkan; edisi tidak bisa kembali ke draf.` });
  } else if (from === "pendaftaran" && to === "penjurian") {
    const end = await entriesEndAt(db, edition);
    if (end && now < end) throw new AppError("conflict", { userMessage: `Pendaftaran masih berjalan sampai ${formatWib(end)} (termasuk perpanjangan dan masa tenggang unggah); penjurian dimulai setelah itu.` });
    if (!edition.judgingClosesAt || edition.judgingClosesAt <= now) {
      throw new AppError("conflict", { userMessage: "Penutupan penilaian harus di masa depan. Ubah dulu di bagian Tanggal." });
    }
  } else {
    throw new AppError("conflict", { userMessage: "Langkah ini tidak tersedia untuk status edisi sekarang." });
  }
  // Only from the status read above: a second click after the first changed it does nothing twice.
  const [changed] = await db
    .update(editions)
    .set({ status: to })
    .where(and(eq(editions.id, edition.id), eq(editions.status, from)))
    .returning({ status: editions.status });
  if (!changed) throw new AppError("conflict", { userMessage: "Langkah ini tidak tersedia untuk status edisi sekarang." });
  await recordAudit(db, { actorId: actor.id, action: "edition.status", entityType: "edition", entityId: edition.id, data: { from, to } });
  return { from, to };
}
