import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { editions, filmMedia, films, judgeAssignments, judgingRounds, placements } from "@/lib/db/schema";
import type { SessionUser } from "@/lib/auth/authenticate";
import { organiserCovers } from "@/lib/auth/scope";
import { resultsArePublic } from "@/lib/editions/list-editions";

export type MediaKind = "video" | "poster" | "subtitle";
export type Viewer = "owner" | "organiser" | "judge" | "public";

/**
 * Who may see a film's media, decided in one place: the KIM that made it, the
 * organisers whose region holds the edition, the judges assigned to it (who get
 * the copy without identifying metadata), and the public once the film is in a
 * published result. Anyone else gets null, the same answer as "no such film".
 */
export async function viewerOf(db: Db, actor: SessionUser | null, filmId: string): Promise<{ viewer: Viewer; film: typeof films.$inferSelect } | null> {
  if (!/^[0-9a-f-]{36}$/i.test(filmId)) return null;
  const [row] = await db
    .select({ film: films, edition: editions })
    .from(films)
    .innerJoin(editions, eq(editions.id, films.editionId))
    .where(eq(films.id, filmId));
  if (!row) return null;
  const { film, edition } = row;
  if (actor?.status === "active") {
    if (actor.role === "kim" && actor.kimId === film.kimId) return { viewer: "owner", film };
    if (organiserCovers(actor, edition.regionCode)) return { viewer: "organiser", film };
    if (actor.role === "judge") {
      const [assigned] = await db
        .select({ id: judgeAssignments.id })
        .from(judgeAssignments)
        .innerJoin(judgingRounds, eq(judgingRounds.id, judgeAssignments.roundId))
        .where(and(eq(judgeAssignments.filmId, film.id), eq(judgeAssignments.judgeId, actor.id), isNull(judgeAssignments.removedAt)));
      if (assigned) return { viewer: "judge", film };
    }
  }
  if (resultsArePublic(edition)) {
    const [placed] = await db.select({ n: sql<number>`1` }).from(placements).where(eq(placements.filmId, film.id)).limit(1);
    if (placed) return { viewer: "public", film };
  }
  return null;
}

/** The current file of a kind for this viewer: judges get the stripped copy of the video. */
export async function currentMedia(db: Db, filmId: string, kind: MediaKind, viewer: Viewer) {
  const wanted = kind === "video" && viewer === "judge" ? "judge_video" : kind;
  const [media] = await db
    .select()
    .from(filmMedia)
    .where(and(eq(filmMedia.filmId, filmId), eq(filmMedia.kind, wanted), eq(filmMedia.isCurrent, true), eq(filmMedia.status, "ok")))
    .limit(1);
  return media ?? null;
}
