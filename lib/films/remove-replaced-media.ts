import { and, desc, eq, inArray, ne, notInArray, or } from "drizzle-orm";
import type { DbLike } from "@/lib/db/client";
import { filmMedia } from "@/lib/db/schema";
import { removeRenditionsOf } from "@/lib/jobs/renditions";
import type { StorageDriver } from "@/lib/storage";
import { allPosterSizeKeys } from "./poster-sizes";

/**
 * Bytes live only for what an entry uses and what is still on its way: the current video,
 * its judges' copy, poster and subtitle, and uploads not yet checked. Everything else is
 * removed as soon as it stops counting (docs/decisions/0022): a replaced video and its
 * judges' copy once the new video passed its check, a rejected upload once the check
 * refused it, a replaced poster or subtitle at once, an unfinished upload when a newer one
 * for the same film starts.
 *
 * The rows go too, except the film's newest video attempt when it was rejected: its
 * `problems` are what the KIM and the organiser read ("why was my video refused"), so that
 * row stays, without bytes. Removal comes after the database says the media no longer
 * count, so a crash in between leaves bytes behind (removed by the next run, or by the
 * hourly sweep) but never a row that points at nothing it needs.
 */

type Removable = { id: string; filmId: string; kind: string; status: string; storageKey: string; uploadId: string | null };

/** Which media of these films no longer count: replaced (not current) or rejected. */
const noLongerCounts = or(
  and(inArray(filmMedia.kind, ["video", "poster", "subtitle"]), eq(filmMedia.status, "ok"), eq(filmMedia.isCurrent, false)),
  and(eq(filmMedia.kind, "judge_video"), eq(filmMedia.isCurrent, false)),
  and(eq(filmMedia.kind, "video"), eq(filmMedia.status, "rejected")),
);

/** Removes the bytes (and rows) of a film's media that no longer count. Returns how many files were removed. */
export async function removeReplacedMedia(db: DbLike, storage: StorageDriver, filmId: string): Promise<number> {
  const rows = await db.select().from(filmMedia).where(and(eq(filmMedia.filmId, filmId), noLongerCounts));
  if (rows.length === 0) return 0;
  const [newest] = await db
    .select({ id: filmMedia.id })
    .from(filmMedia)
    .where(and(eq(filmMedia.filmId, filmId), eq(filmMedia.kind, "video")))
    .orderBy(desc(filmMedia.createdAt))
    .limit(1);
  return removeRows(db, storage, rows, new Set(newest ? [newest.id] : []));
}

/** The same for every film: the hourly sweep, for removals a crash or a failed store call left behind. */
export async function removeReplacedMediaEverywhere(db: DbLike, storage: StorageDriver): Promise<number> {
  const films = await db.selectDistinct({ filmId: filmMedia.filmId }).from(filmMedia).where(noLongerCounts);
  let removed = 0;
  for (const { filmId } of films) removed += await removeReplacedMedia(db, storage, filmId);
  return removed;
}

async function removeRows(db: DbLike, storage: StorageDriver, rows: Removable[], keepRows: Set<string>): Promise<number> {
  // A key another row still uses (a demo clip shared by films, a judges' copy recorded twice)
  // keeps its bytes.
  const keys = rows.map((r) => r.storageKey);
  const ids = rows.map((r) => r.id);
  const shared = new Set(
    (
      await db
        .select({ key: filmMedia.storageKey })
        .from(filmMedia)
        .where(and(inArray(filmMedia.storageKey, keys), notInArray(filmMedia.id, ids), ne(filmMedia.status, "rejected")))
    ).map((r) => r.key),
  );
  let removed = 0;
  for (const row of rows) {
    const keep = keepRows.has(row.id) && row.status === "rejected";
    if (shared.has(row.storageKey)) await removePosterSizeFiles(storage, row);
    else {
      try {
        // A replaced judges' copy takes its HLS renditions with it (docs/decisions/0026).
        if (row.kind === "judge_video") await removeRenditionsOf(db, storage, [row.id]);
        const size = await storage.size(row.storageKey);
        // A kept rejected attempt whose bytes are gone already: nothing left to do.
        if (size === null && keep) continue;
        await removeMediaBytes(storage, row);
        if (size !== null) removed += 1;
      } catch (error) {
        console.error(error); // kept for the next sweep; the row stays so the sweep finds it
        continue;
      }
    }
    if (!keep) await db.delete(filmMedia).where(eq(filmMedia.id, row.id));
  }
  return removed;
}

/**
 * Removes one media's bytes: a tus upload with the datastore's record (and on S3 any open
 * multipart upload), else the stored object; a poster with its sizes (lib/films/poster-sizes.ts).
 */
export async function removeMediaBytes(storage: StorageDriver, media: { uploadId: string | null; storageKey: string; id?: string; kind?: string }): Promise<void> {
  await removePosterSizeFiles(storage, media);
  if (media.uploadId && media.storageKey === storage.uploadKey(media.uploadId)) await storage.removeUpload(media.uploadId);
  else await storage.remove(media.storageKey);
}

/** A poster's sizes (keyed by its media id, so they go even when another row keeps the poster's own bytes). */
async function removePosterSizeFiles(storage: StorageDriver, media: { storageKey: string; id?: string; kind?: string }): Promise<void> {
  if (media.kind !== "poster" || !media.id) return;
  // A size never made (or gone already) is no error; one left behind costs a few KB.
  for (const key of allPosterSizeKeys(media.storageKey, media.id)) await storage.remove(key).catch(() => {});
}
