import { and, asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db, DbLike } from "@/lib/db/client";
import { films, judgeAssignments, judgingRounds, roundShortlist, scoreSheets } from "@/lib/db/schema";
import type { SessionUser } from "@/lib/auth/authenticate";
import { AppError } from "@/lib/errors";
import { computeEditionResults } from "@/lib/results/edition-results";
import { applyAssignment, organiserEdition } from "./assignment-plan";
import { ensureRound } from "./rounds";
import { selectShortlist } from "./shortlist";
import { plainText } from "@/lib/text/sanitise";

export const finalRoundSchema = z.object({
  shortlistSize: z.coerce
    .number({ message: "Isi jumlah nominasi." })
    .int("Jumlah nominasi harus bilangan bulat.")
    .min(2, "Babak final butuh minimal 2 nominasi.")
    .max(50, "Paling banyak 50 nominasi."),
});

/** The edition's final round and its nominees (code and title only), or null before one is started. */
export async function getFinalRound(db: DbLike, editionId: string) {
  const [round] = await db.select().from(judgingRounds).where(and(eq(judgingRounds.editionId, editionId), eq(judgingRounds.kind, "final")));
  if (!round) return null;
  const nominees = await db
    .select({ filmId: roundShortlist.filmId, rank: roundShortlist.rank, score: roundShortlist.score, code: films.code, title: films.title })
    .from(roundShortlist)
    .innerJoin(films, eq(films.id, roundShortlist.filmId))
    .where(eq(roundShortlist.roundId, round.id))
    .orderBy(asc(roundShortlist.rank), asc(films.code));
  return { round, nominees };
}

/**
 * Closes the scoring round and opens a final round on its shortlist: within each
 * category the films ranked at most `shortlistSize` (ties at the boundary all go
 * through). Every eligible judge then scores every nominee again, and the results
 * (placements, sealing) come from the final round's sheets.
 */
export async function startFinalRound(db: Db, actor: SessionUser, slug: string, input: unknown, now = new Date()) {
  const edition = await organiserEdition(db, actor, slug);
  const { shortlistSize } = finalRoundSchema.parse(input);
  if (edition.status !== "penjurian") throw new AppError("conflict", { userMessage: "Babak final hanya bisa dibuat saat festival sedang dinilai." });
  if (await getFinalRound(db, edition.id)) throw new AppError("conflict", { userMessage: "Babak final sudah dibuat untuk festival ini." });
  const { round: scoring, ranking } = await computeEditionResults(db, edition);
  const nominees = selectShortlist(ranking.films, shortlistSize);
  if (nominees.length === 0) {
    throw new AppError("conflict", { userMessage: "Belum ada film yang berperingkat. Tunggu sampai juri mengirim lembar nilai." });
  }
  await db.transaction(async (tx) => {
    const [final] = await tx.insert(judgingRounds).values({ editionId: edition.id, kind: "final", shortlistSize, confirmedAt: now }).onConflictDoNothing().returning();
    // A double click: the other request already started it.
    if (!final) throw new AppError("conflict", { userMessage: "Babak final sudah dibuat untuk festival ini." });
    await tx.insert(roundShortlist).values(nominees.map((n) => ({ roundId: final.id, filmId: n.filmId, rank: n.rank, score: Math.round(n.score * 100) / 100 })));
    await tx.update(judgingRounds).set({ closedAt: now }).where(eq(judgingRounds.id, scoring.id));
    await recordAudit(tx, {
      actorId: actor.id,
      action: "round.final_start",
      entityType: "edition",
      entityId: edition.id,
      data: { shortlistSize, nominees: nominees.map((n) => ({ filmId: n.filmId, rank: n.rank, score: n.score })) },
    });
  });
  const assigned = await applyAssignment(db, edition, actor.id, "babak final");
  return { nominees: nominees.length, ...assigned };
}

export const cancelFinalSchema = z.object({ reason: plainText().trim().min(10, "Tulis alasan membatalkan babak final (minimal 10 karakter).").max(500) });

/**
 * Undoes a final round started by mistake, as long as no final sheet has been
 * submitted: its drafts and assignments go, and the scoring round opens again.
 */
export async function cancelFinalRound(db: Db, actor: SessionUser, slug: string, input: unknown) {
  const edition = await organiserEdition(db, actor, slug);
  const { reason } = cancelFinalSchema.parse(input);
  if (edition.status !== "penjurian") throw new AppError("conflict", { userMessage: "Babak final hanya bisa dibatalkan sebelum hasil disegel." });
  const final = await getFinalRound(db, edition.id);
  if (!final) throw new AppError("not_found", { userMessage: "Festival ini tidak punya babak final." });
  await db.transaction(async (tx) => {
    const sheets = await tx
      .select({ id: scoreSheets.id, status: scoreSheets.status })
      .from(scoreSheets)
      .innerJoin(judgeAssignments, eq(judgeAssignments.id, scoreSheets.assignmentId))
      .where(eq(judgeAssignments.roundId, final.round.id));
    if (sheets.some((s) => s.status === "submitted")) {
      throw new AppError("conflict", { userMessage: "Sudah ada lembar nilai babak final yang dikirim; babak final tidak bisa dibatalkan." });
    }
    if (sheets.length) await tx.delete(scoreSheets).where(inArray(scoreSheets.id, sheets.map((s) => s.id)));
    await tx.delete(judgingRounds).where(eq(judgingRounds.id, final.round.id));
    const scoring = await ensureRound(tx, edition.id, "penilaian");
    await tx.update(judgingRounds).set({ closedAt: null }).where(eq(judgingRounds.id, scoring.id));
    await recordAudit(tx, { actorId: actor.id, action: "round.final_cancel", entityType: "edition", entityId: edition.id, data: { reason, drafts: sheets.length } });
  });
}
