import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { editionJudges, editions, judgeAssignments, judgingRounds, scoreSheets } from "@/lib/db/schema";
import type { SessionUser } from "@/lib/auth/authenticate";
import { forbidden } from "@/lib/errors";

/**
 * A judge's editions with their own progress. Only counts: nothing here names a
 * film's KIM or region (judging is blind).
 */
export async function listJudgeEditions(db: Db, actor: SessionUser) {
  if (actor.role !== "judge") throw forbidden();
  const assigned = sql<number>`count(${judgeAssignments.id})::int`;
  const submitted = sql<number>`count(${scoreSheets.id}) filter (where ${scoreSheets.status} = 'submitted')::int`;
  const drafted = sql<number>`count(${scoreSheets.id}) filter (where ${scoreSheets.status} = 'draft')::int`;
  return db
    .select({ slug: editions.slug, title: editions.title, status: editions.status, judgingClosesAt: editions.judgingClosesAt, assigned, submitted, drafted })
    .from(editionJudges)
    .innerJoin(editions, eq(editions.id, editionJudges.editionId))
    .leftJoin(judgingRounds, eq(judgingRounds.editionId, editions.id))
    .leftJoin(
      judgeAssignments,
      and(eq(judgeAssignments.roundId, judgingRounds.id), eq(judgeAssignments.judgeId, actor.id), isNull(judgeAssignments.removedAt)),
    )
    .leftJoin(scoreSheets, eq(scoreSheets.assignmentId, judgeAssignments.id))
    .where(and(eq(editionJudges.userId, actor.id), isNull(editionJudges.leftAt)))
    .groupBy(editions.id)
    .orderBy(editions.title);
}
