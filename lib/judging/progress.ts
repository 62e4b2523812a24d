import { and, asc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { editionJudges, films, judgeAssignments, roundShortlist, scoreSheets, users } from "@/lib/db/schema";
import type { SessionUser } from "@/lib/auth/authenticate";
import { formatWib } from "@/lib/format/dates";
import { sendMail } from "@/lib/mail/send-mail";
import { env } from "@/lib/env";
import { recordAudit } from "@/lib/audit/record-audit";
import { notFound } from "@/lib/errors";
import { organiserEdition, refillAssignment } from "./assignment-plan";
import { activeRound } from "./rounds";

/** Per judge (assigned, drafted, submitted) and per film (sheets in), for the organiser. */
export async function judgingProgress(db: Db, actor: SessionUser, slug: string) {
  const edition = await organiserEdition(db, actor, slug);
  const round = await activeRound(db, edition.id);
  const active = and(eq(judgeAssignments.roundId, round.id), isNull(judgeAssignments.removedAt));
  const perJudge = await db
    .select({
      judgeId: users.id,
      name: users.name,
      email: users.email,
      regionCode: users.regionCode,
      leftAt: editionJudges.leftAt,
      assigned: sql<number>`count(${judgeAssignments.id})::int`,
      drafted: sql<number>`count(${scoreSheets.id}) filter (where ${scoreSheets.status} = 'draft')::int`,
      submitted: sql<number>`count(${scoreSheets.id}) filter (where ${scoreSheets.status} = 'submitted')::int`,
    })
    .from(editionJudges)
    .innerJoin(users, eq(users.id, editionJudges.userId))
    .leftJoin(judgeAssignments, and(eq(judgeAssignments.judgeId, users.id), active))
    .leftJoin(scoreSheets, eq(scoreSheets.assignmentId, judgeAssignments.id))
    .where(eq(editionJudges.editionId, edition.id))
    .groupBy(users.id, editionJudges.leftAt)
    .orderBy(asc(users.name));
  const perFilm = await db
    .select({
      filmId: films.id,
      code: films.code,
      title: films.title,
      assigned: sql<number>`count(${judgeAssignments.id})::int`,
      submitted: sql<number>`count(${scoreSheets.id}) filter (where ${scoreSheets.status} = 'submitted')::int`,
    })
    .from(films)
    .leftJoin(judgeAssignments, and(eq(judgeAssignments.filmId, films.id), active))
    .leftJoin(scoreSheets, eq(scoreSheets.assignmentId, judgeAssignments.id))
    // In a final round only the nominees are in play.
    .leftJoin(roundShortlist, and(eq(roundShortlist.roundId, round.id), eq(roundShortlist.filmId, films.id)))
    .where(and(eq(films.editionId, edition.id), round.kind === "final" ? isNotNull(roundShortlist.filmId) : undefined))
    .groupBy(films.id)
    .orderBy(asc(films.code));
  // Every active pair of the round is on one of these films, so their sent sheets are all of the round's.
  const sent = perFilm.reduce((n, f) => n + f.submitted, 0);
  return { edition, round, perJudge, perFilm, sent };
}

/**
 * One page (1-based) of the round's sent sheets, by film code then judge (a 4,000-film edition has
 * ~12,000); how many there are is judgingProgress's `sent`.
 */
export async function submittedSheetsPage(db: Db, roundId: string, page: number, size: number) {
  return db
    .select({ sheetId: scoreSheets.id, judgeName: users.name, filmCode: films.code, submittedAt: scoreSheets.submittedAt })
    .from(scoreSheets)
    .innerJoin(judgeAssignments, eq(judgeAssignments.id, scoreSheets.assignmentId))
    .innerJoin(users, eq(users.id, judgeAssignments.judgeId))
    .innerJoin(films, eq(films.id, judgeAssignments.filmId))
    .where(and(eq(judgeAssignments.roundId, roundId), isNull(judgeAssignments.removedAt), eq(scoreSheets.status, "submitted")))
    .orderBy(asc(films.code), asc(users.name), asc(scoreSheets.id))
    .limit(size)
    .offset((page - 1) * size);
}

/** Emails every judge who still has sheets to submit, with their count and the deadline. */
export async function remindJudges(db: Db, actor: SessionUser, slug: string): Promise<{ reminded: number }> {
  const { edition, perJudge } = await judgingProgress(db, actor, slug);
  const behind = perJudge.filter((j) => !j.leftAt && j.assigned > j.submitted);
  for (const judge of behind) {
    await sendMail({
      to: judge.email,
      subject: `Pengingat penilaian: ${edition.title}`,
      text: [
        `Yth. ${judge.name},`,
        "",
        `Masih ada ${judge.assigned - judge.submitted} dari ${judge.assigned} film yang belum Anda kirim nilainya untuk ${edition.title}.`,
        edition.judgingClosesAt ? `Masa penilaian berakhir ${formatWib(edition.judgingClosesAt)}.` : "",
        `Buka antrean penilaian Anda: ${env().publicUrl}/juri/${edition.slug}`,
      ].join("\n"),
    });
  }
  await recordAudit(db, { actorId: actor.id, action: "judges.remind", entityType: "edition", entityId: edition.id, editionId: edition.id, data: { reminded: behind.length } });
  return { reminded: behind.length };
}

/** A judge drops out: they leave the edition, their unsubmitted films go to others. */
export async function judgeDropsOut(db: Db, actor: SessionUser, slug: string, judgeId: string) {
  const edition = await organiserEdition(db, actor, slug);
  if (!/^[0-9a-f-]{36}$/i.test(judgeId)) throw notFound();
  const round = await activeRound(db, edition.id);
  const now = new Date();
  const [left] = await db
    .update(editionJudges)
    .set({ leftAt: now })
    .where(and(eq(editionJudges.editionId, edition.id), eq(editionJudges.userId, judgeId), isNull(editionJudges.leftAt)))
    .returning();
  if (!left) throw notFound();
  // Submitted sheets stay (they count); unsubmitted assignments are released.
  const open = await db
    .select({ id: judgeAssignments.id, status: scoreSheets.status })
    .from(judgeAssignments)
    .leftJoin(scoreSheets, eq(scoreSheets.assignmentId, judgeAssignments.id))
    .where(and(eq(judgeAssignments.roundId, round.id), eq(judgeAssignments.judgeId, judgeId), isNull(judgeAssignments.removedAt)));
  const released = open.filter((o) => o.status !== "submitted");
  for (const a of released) {
    await db.update(judgeAssignments).set({ removedAt: now, removedReason: "juri mengundurkan diri" }).where(eq(judgeAssignments.id, a.id));
  }
  await recordAudit(db, { actorId: actor.id, action: "judge.drop_out", entityType: "user", entityId: judgeId, editionId: edition.id, data: { released: released.length } });
  return refillAssignment(db, edition, actor.id, "pengganti juri yang mengundurkan diri", released.length);
}
