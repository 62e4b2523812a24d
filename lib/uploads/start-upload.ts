import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { filmMedia } from "@/lib/db/schema";
import type { EntryFilm } from "@/lib/films/kim-film";
import { removeMediaBytes } from "@/lib/films/remove-replaced-media";
import type { StorageDriver } from "@/lib/storage";
import { storageRoomProblem, type RoomOptions } from "./storage-room";
import { refuse } from "./upload-access";

/** What a replaced unfinished upload's row says, and what its client is told when it resumes (410: do not retry). */
export const replacedUpload = refuse(410, "Unggahan ini dihentikan karena unggahan baru untuk film yang sama sudah dimulai.");

type NewUpload = typeof filmMedia.$inferInsert & { sizeBytes: number };

/**
 * Records a new video upload for an entry, once the uploader may start it (authoriseUploadStart).
 *
 * One unfinished upload per film: a newer one replaces it (the KIM chose another file, or
 * started again on another phone), so one KIM cannot hold 25 uploads' worth of disk for one
 * film. The replaced upload's row becomes a rejected attempt saying why, and its bytes and
 * tus record are removed. And no upload starts that the edition's storage budget or the
 * server's free disk space cannot hold (lib/uploads/storage-room.ts).
 *
 * Upload starts are serialised by one transaction-scoped advisory lock across every
 * instance on the database, so simultaneous starts each see the others' reservations.
 */
export async function startVideoUpload(db: Db, storage: StorageDriver, entry: EntryFilm, upload: NewUpload, room: RoomOptions): Promise<{ replaced: string[] }> {
  const replaced = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('layar.upload-start'))`);
    const problem = await storageRoomProblem(tx, storage, { filmId: entry.film.id, editionId: entry.edition.id, rules: entry.edition.rules, size: upload.sizeBytes }, room);
    if (problem) throw problem;
    const unfinished = await tx
      .update(filmMedia)
      .set({ status: "rejected", problems: [replacedUpload.body] })
      .where(and(eq(filmMedia.filmId, entry.film.id), eq(filmMedia.kind, "video"), eq(filmMedia.status, "uploading")))
      .returning({ uploadId: filmMedia.uploadId, storageKey: filmMedia.storageKey });
    await tx.insert(filmMedia).values(upload);
    return unfinished;
  });
  for (const media of replaced) await removeMediaBytes(storage, media).catch((error) => console.error(error));
  return { replaced: replaced.flatMap((m) => (m.uploadId ? [m.uploadId] : [])) };
}

/** Removes a just-created upload's file when a newer upload for its film has already replaced it. */
export async function removeIfReplaced(db: Db, storage: StorageDriver, uploadId: string): Promise<void> {
  const [media] = await db.select({ status: filmMedia.status }).from(filmMedia).where(eq(filmMedia.uploadId, uploadId));
  // Only a replaced one (rejected, or its row already swept): a tiny upload sent with its POST may be "received" by now.
  if (!media || media.status === "rejected") await storage.removeUpload(uploadId);
}
