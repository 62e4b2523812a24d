import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { judgeAssignments, scoreSheets } from "@/lib/db/schema";

/** Active pairs of a round with each sheet's state, for the organiser's judging page. */
export async function listActiveAssignments(db: Db, roundId: string) {
  return db
    .select({ id: judgeAssignments.id, filmId: judgeAssignments.filmId, judgeId: judgeAssignments.judgeId, sheetStatus: scoreSheets.status })
    .from(judgeAssignments)
    .leftJoin(scoreSheets, eq(scoreSheets.assignmentId, judgeAssignments.id))
    .where(and(eq(judgeAssignments.roundId, roundId), isNull(judgeAssignments.removedAt)));
}
