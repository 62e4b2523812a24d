import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { editionJudges, editions, judgeAssignments, judgingRounds, scoreSheets } from "@/lib/db/schema";
import type { SessionUser } from "@/lib/auth/authenticate";
import { forbidden } from "@/lib/errors";

/**
 * A judge's editions with their own progress in the round being scored now (the final
 * round once there is one, as on the queue page). Only counts: nothing here names a
 * film's KIM or region (judging is blind).
 */
export async function listJudgeEditions(db: Db, actor: SessionUser) {
  if (actor.role !== "judge") throw forbidden();
  const assigned = sql<number>`count(${judgeAssignments.id})::int`;
  const submitted = sql<number>`count(${scoreSheets.id}) filter (where ${scoreSheets.status} = 'submitted')::int`;
  const drafted = sql<number>`count(${scoreSheets.id}) filter (where ${scoreSheets.status} = 'draft')::int`;
  const currentRound = sql`${judgingRounds.kind} = (case when exists (select 1 from judging_rounds f where f.edition_id = ${editions.id} and f.kind = 'final') then 'final' else 'penilaian' end)::round_kind`;
  return db
    .select({
      slug: editions.slug,
      title: editions.title,
      status: editions.status,
      submissionClosesAt: editions.submissionClosesAt,
      judgingClosesAt: editions.judgingClosesAt,
      assigned,
      submitted,
      drafted,
    })
    .from(editionJudges)
    .innerJoin(editions, eq(editions.id, editionJudges.editionId))
    .leftJoin(judgingRounds, and(eq(judgingRounds.editionId, editions.id), currentRound))
    .leftJoin(
      judgeAssignments,
      and(eq(judgeAssignments.roundId, judgingRounds.id), eq(judgeAssignments.judgeId, actor.id), isNull(judgeAssignments.removedAt)),
    )
    .leftJoin(scoreSheets, eq(scoreSheets.assignmentId, judgeAssignments.id))
    .where(and(eq(editionJudges.userId, actor.id), isNull(editionJudges.leftAt)))
    .groupBy(editions.id)
    .orderBy(editions.title);
}

type PhaseInput = Pick<typeof editions.$inferSelect, "status" | "judgingClosesAt">;

/**
 * What a judge needs to know about an edition's timing: which phase it is in, in a judge's
 * words (messages juriRoster.dashboard.phase_<status>), and whether scoring closes at a
 * date still ahead or has closed. The judging close is never shown as if it were the
 * announcement.
 */
export function judgeEditionPhase(edition: PhaseInput, now = new Date()): { phase: PhaseInput["status"]; close: { kind: "at"; date: Date } | { kind: "closed" } | { kind: "unset" } } {
  const over = edition.status === "disegel" || edition.status === "diumumkan";
  if (over || (edition.judgingClosesAt && edition.judgingClosesAt <= now)) return { phase: edition.status, close: { kind: "closed" } };
  return { phase: edition.status, close: edition.judgingClosesAt ? { kind: "at", date: edition.judgingClosesAt } : { kind: "unset" } };
}
