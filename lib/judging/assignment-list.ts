import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { judgeAssignments, scoreSheets } from "@/lib/db/schema";

/** Active pairs of a round for the films shown (one page of the organiser's judging page), with each sheet's state. */
export async function listActiveAssignments(db: Db, roundId: string, filmIds: string[]) {
  if (filmIds.length === 0) return [];
  return db
    .select({ id: judgeAssignments.id, filmId: judgeAssignments.filmId, judgeId: judgeAssignments.judgeId, sheetStatus: scoreSheets.status })
    .from(judgeAssignments)
    .leftJoin(scoreSheets, eq(scoreSheets.assignmentId, judgeAssignments.id))
    .where(and(eq(judgeAssignments.roundId, roundId), isNull(judgeAssignments.removedAt), inArray(judgeAssignments.filmId, filmIds)));
}
