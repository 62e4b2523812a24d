import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { editions, films, judgeAssignments, judgingRounds, rubricCriteria, scoreSheets, scores } from "@/lib/db/schema";
import type { SessionUser } from "@/lib/auth/authenticate";
import { resultsArePublic } from "@/lib/editions/list-editions";

/**
 * The jury's comments on one of the KIM's own films, once results are published
 * and only if the edition shares them. Judges are numbered, never named.
 */
export async function juryFeedback(db: Db, actor: SessionUser, filmId: string) {
  if (actor.role !== "kim" || actor.status !== "active" || !actor.kimId) return null;
  const [row] = await db
    .select({ edition: editions })
    .from(films)
    .innerJoin(editions, eq(editions.id, films.editionId))
    .where(and(eq(films.id, filmId), eq(films.kimId, actor.kimId)));
  if (!row || !resultsArePublic(row.edition) || !row.edition.settings?.showJuryCommentsToKim) return null;
  const rows = await db
    .select({ sheetId: scoreSheets.id, criterion: rubricCriteria.name, position: rubricCriteria.position, comment: scores.comment })
    .from(scoreSheets)
    .innerJoin(judgeAssignments, eq(judgeAssignments.id, scoreSheets.assignmentId))
    .innerJoin(judgingRounds, eq(judgingRounds.id, judgeAssignments.roundId))
    .innerJoin(scores, eq(scores.sheetId, scoreSheets.id))
    .innerJoin(rubricCriteria, eq(rubricCriteria.id, scores.criterionId))
    .where(and(eq(judgeAssignments.filmId, filmId), isNull(judgeAssignments.removedAt), eq(scoreSheets.status, "submitted")))
    .orderBy(asc(scoreSheets.id), asc(rubricCriteria.position));
  const sheets = [...new Set(rows.map((r) => r.sheetId))];
  return sheets.map((sheetId, i) => ({
    judge: i + 1,
    comments: rows.filter((r) => r.sheetId === sheetId && r.comment?.trim()).map((r) => ({ criterion: r.criterion, comment: r.comment! })),
  }));
}
