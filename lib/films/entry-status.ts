import { and, eq, inArray } from "drizzle-orm";
import type { DbLike } from "@/lib/db/client";
import { editions, filmMedia, films } from "@/lib/db/schema";
import { editionRules } from "@/lib/editions/defaults";
import { statusWithAcceptedVideo } from "./entry-checklist";

type FilmStatus = (typeof films.$inferSelect)["status"];

/**
 * Re-decides whether an entry is complete after something it depends on changed (its video
 * passed the check, a subtitle was stored, its language changed): with an accepted current
 * video it becomes `diunggah`, or stays/returns to `draf` with the reason when the edition's
 * rules ask for a subtitle it lacks. Entries without an accepted video, being checked, or
 * already past entry (screened, judged, withdrawn) are left as they are. `from`: the statuses
 * it may change (the video check passes its own); `newVideo`: a newly accepted video, which
 * counts as submitting the entry again.
 */
export async function settleEntryStatus(
  db: DbLike,
  filmId: string,
  now = new Date(),
  options: { from?: FilmStatus[]; newVideo?: boolean } = {},
): Promise<void> {
  const [row] = await db
    .select({ status: films.status, statusReason: films.statusReason, language: films.language, rules: editions.rules })
    .from(films)
    .innerJoin(editions, eq(editions.id, films.editionId))
    .where(eq(films.id, filmId));
  if (!row) return;
  const settleable = options.from ?? ["draf", "diunggah"];
  if (!settleable.includes(row.status)) return;
  const current = await db
    .select({ kind: filmMedia.kind })
    .from(filmMedia)
    .where(and(eq(filmMedia.filmId, filmId), inArray(filmMedia.kind, ["video", "subtitle"]), eq(filmMedia.isCurrent, true), eq(filmMedia.status, "ok")));
  if (!current.some((m) => m.kind === "video")) return;
  const next = statusWithAcceptedVideo(editionRules(row.rules), row.language, current.some((m) => m.kind === "subtitle"));
  if (!options.newVideo && next.status === row.status && next.statusReason === row.statusReason) return;
  await db
    .update(films)
    .set({ ...next, updatedAt: now, ...(next.status === "diunggah" && (row.status !== "diunggah" || options.newVideo) ? { submittedAt: now } : {}) })
    .where(and(eq(films.id, filmId), inArray(films.status, settleable)));
}
