import { and, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db, DbLike } from "@/lib/db/client";
import { editionJudges, editions, filmMedia, films, judgeAssignments, judgingRounds, kimGroups, screeningDecisions, users } from "@/lib/db/schema";
import type { SessionUser } from "@/lib/auth/authenticate";
import { env } from "@/lib/env";
import { AppError, notFound } from "@/lib/errors";
import { organiserEdition } from "@/lib/judging/assignment-plan";
import { sendMail } from "@/lib/mail/send-mail";

/**
 * An organiser disqualifies an entry (the KIM reads the reason on its dashboard and by
 * mail), or undoes it. Both are refused once the results are sealed: the sealed numbers
 * and placements must not change under a signature. The judges' assignments of a
 * disqualified film are closed with a marked reason, and an undo reopens exactly those,
 * so the sheets already scored count again.
 */

type Edition = typeof editions.$inferSelect;

const confirmed = z.literal(["ya", "on"], "Centang kotak konfirmasi untuk melanjutkan.");

export const disqualifySchema = z.object({
  filmId: z.uuid("Film tidak dikenal."),
  reason: z
    .string("Tulis alasan diskualifikasi yang akan dibaca KIM (minimal 10 karakter).")
    .trim()
    .min(10, "Tulis alasan diskualifikasi yang akan dibaca KIM (minimal 10 karakter).")
    .max(1000, "Alasan terlalu panjang (maksimal 1000 karakter)."),
  confirm: confirmed,
});

export const undoDisqualificationSchema = z.object({
  filmId: z.uuid("Film tidak dikenal."),
  reason: z
    .string("Tulis alasan pembatalan diskualifikasi (minimal 10 karakter).")
    .trim()
    .min(10, "Tulis alasan pembatalan diskualifikasi (minimal 10 karakter).")
    .max(1000, "Alasan terlalu panjang (maksimal 1000 karakter)."),
});

/** The marker on assignments this disqualification closed; an undo reopens those only. */
const closedReason = (reason: string) => `Didiskualifikasi: ${reason}`;

function refuseAfterSeal(edition: Edition) {
  if (edition.status === "disegel" || edition.status === "diumumkan") {
    throw new AppError("conflict", { userMessage: "Hasil festival ini sudah disegel: diskualifikasi tidak bisa diubah lagi." });
  }
}

async function editionFilm(db: Db, edition: Edition, filmId: string) {
  const [film] = await db
    .select({ id: films.id, code: films.code, title: films.title, status: films.status, statusReason: films.statusReason, kimId: films.kimId, kimName: kimGroups.name })
    .from(films)
    .innerJoin(kimGroups, eq(kimGroups.id, films.kimId))
    .where(and(eq(films.id, filmId), eq(films.editionId, edition.id)));
  if (!film) throw notFound();
  return film;
}

export async function disqualifyFilm(db: Db, actor: SessionUser, slug: string, input: unknown, now = new Date()) {
  const edition = await organiserEdition(db, actor, slug);
  const data = disqualifySchema.parse(input);
  refuseAfterSeal(edition);
  const film = await editionFilm(db, edition, data.filmId);
  if (film.status === "didiskualifikasi") throw new AppError("conflict", { userMessage: "Film ini sudah didiskualifikasi." });
  if (film.status === "ditarik") throw new AppError("conflict", { userMessage: "Film ini sudah ditarik oleh KIM; tidak perlu didiskualifikasi." });
  const closed = await db.transaction(async (tx) => {
    // The status is checked again in the update: two organisers at once change it once.
    const [updated] = await tx
      .update(films)
      .set({ status: "didiskualifikasi", statusReason: data.reason, updatedAt: now })
      .where(and(eq(films.id, film.id), eq(films.status, film.status)))
      .returning({ id: films.id });
    if (!updated) throw new AppError("conflict", { userMessage: "Status film baru saja berubah. Muat ulang halaman lalu coba lagi." });
    const assignments = await tx
      .update(judgeAssignments)
      .set({ removedAt: now, removedReason: closedReason(data.reason) })
      .where(and(eq(judgeAssignments.filmId, film.id), isNull(judgeAssignments.removedAt)))
      .returning({ id: judgeAssignments.id });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "film.disqualify",
      entityType: "film",
      entityId: film.id,
      editionId: edition.id,
      data: { kimId: film.kimId, kimName: film.kimName, reason: data.reason, previousStatus: film.status, assignmentsClosed: assignments.length },
    });
    return assignments.length;
  });
  const mailed = await mailKim(db, edition, film, [
    `Film "${film.title}" (${film.code}) yang dikirim KIM Anda ke ${edition.title} didiskualifikasi oleh panitia.`,
    "",
    `Alasan: ${data.reason}`,
    "",
    "Jika ada pertanyaan, hubungi panitia (Diskominfo).",
  ], `Film didiskualifikasi: ${film.title}`);
  return { assignmentsClosed: closed, ...mailed };
}

/** The status a film goes back to: eligible after kurasi, else uploaded when its video passed, else a draft. */
async function restoredStatus(db: Db, filmId: string) {
  const [[decision], [video]] = await Promise.all([
    db.select({ eligible: screeningDecisions.eligible }).from(screeningDecisions).where(eq(screeningDecisions.filmId, filmId)),
    db
      .select({ id: filmMedia.id })
      .from(filmMedia)
      .where(and(eq(filmMedia.filmId, filmId), eq(filmMedia.kind, "video"), eq(filmMedia.isCurrent, true), eq(filmMedia.status, "ok")))
      .limit(1),
  ]);
  if (decision?.eligible) return "lolos_kurasi" as const;
  return video ? ("diunggah" as const) : ("draf" as const);
}

export async function undoDisqualification(db: Db, actor: SessionUser, slug: string, input: unknown, now = new Date()) {
  const edition = await organiserEdition(db, actor, slug);
  const data = undoDisqualificationSchema.parse(input);
  refuseAfterSeal(edition);
  const film = await editionFilm(db, edition, data.filmId);
  if (film.status !== "didiskualifikasi") throw new AppError("conflict", { userMessage: "Film ini tidak sedang didiskualifikasi." });
  const status = await restoredStatus(db, film.id);
  const reopened = await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(films)
      .set({ status, statusReason: null, updatedAt: now })
      .where(and(eq(films.id, film.id), eq(films.status, "didiskualifikasi")))
      .returning({ id: films.id });
    if (!updated) throw new AppError("conflict", { userMessage: "Status film baru saja berubah. Muat ulang halaman lalu coba lagi." });
    const count = status === "draf" ? 0 : await reopenAssignments(tx, edition.id, film.id, film.statusReason ?? "");
    await recordAudit(tx, {
      actorId: actor.id,
      action: "film.disqualify_undo",
      entityType: "film",
      entityId: film.id,
      editionId: edition.id,
      data: { kimId: film.kimId, kimName: film.kimName, reason: data.reason, disqualifiedFor: film.statusReason, status, assignmentsReopened: count },
    });
    return count;
  });
  const mailed = await mailKim(db, edition, film, [
    `Diskualifikasi film "${film.title}" (${film.code}) di ${edition.title} dibatalkan oleh panitia. Film Anda kembali diikutkan.`,
    "",
    `Alasan: ${data.reason}`,
  ], `Diskualifikasi dibatalkan: ${film.title}`);
  return { status, assignmentsReopened: reopened, ...mailed };
}

/**
 * Reopens the assignments the disqualification closed, in rounds still open, for judges
 * still on the jury, where the pair has no active assignment since.
 */
async function reopenAssignments(db: DbLike, editionId: string, filmId: string, reason: string): Promise<number> {
  const candidates = await db
    .select({ id: judgeAssignments.id, roundId: judgeAssignments.roundId, judgeId: judgeAssignments.judgeId })
    .from(judgeAssignments)
    .innerJoin(judgingRounds, eq(judgingRounds.id, judgeAssignments.roundId))
    .innerJoin(editionJudges, and(eq(editionJudges.editionId, editionId), eq(editionJudges.userId, judgeAssignments.judgeId)))
    .where(
      and(
        eq(judgeAssignments.filmId, filmId),
        isNotNull(judgeAssignments.removedAt),
        eq(judgeAssignments.removedReason, closedReason(reason)),
        isNull(judgingRounds.closedAt),
        isNull(editionJudges.leftAt),
        sql`not exists (select 1 from ${judgeAssignments} active where active.round_id = ${judgeAssignments.roundId} and active.film_id = ${judgeAssignments.filmId} and active.judge_id = ${judgeAssignments.judgeId} and active.removed_at is null)`,
      ),
    );
  // One row per (round, judge): a pair closed twice by the same reason reopens once.
  const unique = [...new Map(candidates.map((c) => [`${c.roundId}:${c.judgeId}`, c.id])).values()];
  if (unique.length) await db.update(judgeAssignments).set({ removedAt: null, removedReason: null }).where(inArray(judgeAssignments.id, unique));
  return unique.length;
}

/** Mails the KIM's active members; a mail failure is reported, never undoes the decision. */
async function mailKim(db: Db, edition: Edition, film: { kimId: string }, lines: string[], subject: string) {
  const members = await db
    .select({ email: users.email, name: users.name })
    .from(users)
    .where(and(eq(users.role, "kim"), eq(users.status, "active"), eq(users.kimId, film.kimId)));
  let mailFailed = 0;
  for (const member of members) {
    try {
      await sendMail({ to: member.email, subject: `${subject} — ${edition.title}`, text: [`Halo ${member.name},`, "", ...lines, "", `${env().publicUrl}/kim`].join("\n") });
    } catch (error) {
      mailFailed += 1;
      console.error(error);
    }
  }
  return { mailed: members.length - mailFailed, mailFailed };
}
