import crypto from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { and, eq, inArray } from "drizzle-orm";
import type PgBoss from "pg-boss";
import type { Db, Tx } from "@/lib/db/client";
import { editions, filmMedia, films } from "@/lib/db/schema";
import type { StorageDriver } from "@/lib/storage";
import { inspectUpload } from "@/lib/video/inspect-upload";
import { stripIdentifyingMetadata } from "@/lib/video/strip-metadata";
import { editionRules } from "@/lib/editions/defaults";
import { settleEntryStatus } from "@/lib/films/entry-status";
import { removeReplacedMedia } from "@/lib/films/remove-replaced-media";
import { workPrefix } from "@/lib/jobs/temp-files";
import { markRenditionsQueued, sendRenditions } from "@/lib/jobs/renditions";

/**
 * How the job queue runs a check (lib/jobs/video-check.ts): `retry` lets a server-side error
 * go back to the queue (tried again, the last failure recorded by the queue) instead of
 * rejecting the upload at once; `owns` is asked inside the transaction that accepts the video,
 * so a worker that lost its job (its lease ran out and another worker took it) writes nothing;
 * `boss` queues the renditions of the accepted video at once (without it, the workers' sweep does).
 */
export type CheckRun = { retry?: boolean; owns?: (tx: Tx) => Promise<boolean>; boss?: PgBoss };

class LostJob extends Error {}

/**
 * The checks run when an upload's last byte has arrived, off the request path:
 * sniff, probe, compare with the edition's rules; then keep the video and make the
 * judges' copy without identifying metadata, or record precisely what is wrong.
 * A failure never touches the entry's other fields, so the KIM can upload again.
 * Either way, what no longer counts is then removed from storage (the video and judges'
 * copy this one replaces, or this upload when refused: lib/films/remove-replaced-media.ts).
 */
export async function processVideoUpload(db: Db, storage: StorageDriver, mediaId: string, run: CheckRun = {}): Promise<"ok" | "rejected" | "skipped"> {
  const [claimed] = await db
    .update(filmMedia)
    .set({ status: "checking" })
    .where(and(eq(filmMedia.id, mediaId), inArray(filmMedia.status, ["received", "checking"])))
    .returning();
  if (!claimed) return "skipped";
  const [{ film, edition }] = await db
    .select({ film: films, edition: editions })
    .from(films)
    .innerJoin(editions, eq(editions.id, films.editionId))
    .where(eq(films.id, claimed.filmId));
  await db.update(films).set({ status: "diperiksa", statusReason: null }).where(and(eq(films.id, film.id), inArray(films.status, ["draf", "ditolak_sistem", "diunggah"])));

  const copy = await storage.localCopy(claimed.storageKey);
  const work = await fsp.mkdtemp(workPrefix("check"));
  try {
    const result = await inspectUpload(copy.path, editionRules(edition.rules));
    if (!result.ok || !result.probe) {
      await rejectUpload(db, claimed.id, film.id, result.problems);
      await removeAfterCheck(db, storage, film.id);
      return "rejected";
    }
    const sha256 = await hashFile(copy.path);
    const judgeFile = path.join(work, "judge.mp4");
    await stripIdentifyingMetadata(copy.path, judgeFile, result.probe);
    const judgeKey = `films/${film.id}/judge-${claimed.id}.mp4`;
    await storage.putFile(judgeKey, judgeFile, "video/mp4");
    const judgeSize = (await fsp.stat(judgeFile)).size;
    const judgeMediaId = await db.transaction(async (tx) => {
      if (run.owns && !(await run.owns(tx))) throw new LostJob();
      await tx.update(filmMedia).set({ isCurrent: false }).where(and(eq(filmMedia.filmId, film.id), inArray(filmMedia.kind, ["video", "judge_video"])));
      await tx.update(filmMedia).set({ status: "ok", probe: result.probe, sha256, problems: [], isCurrent: true }).where(eq(filmMedia.id, claimed.id));
      const [judgeCopy] = await tx
        .insert(filmMedia)
        .values({
          filmId: film.id,
          kind: "judge_video",
          storageDriver: storage.name,
          storageKey: judgeKey,
          mimeType: "video/mp4",
          sizeBytes: judgeSize,
          probe: result.probe,
          status: "ok",
          isCurrent: true,
        })
        .returning({ id: filmMedia.id });
      // HLS renditions are made from the judges' copy by their own job (lib/jobs/renditions.ts).
      await markRenditionsQueued(tx, judgeCopy.id, film.id);
      // Complete (diunggah) only with the subtitle the rules ask for; otherwise a draft that says so.
      await settleEntryStatus(tx, film.id, new Date(), { from: ["draf", "diperiksa", "diunggah", "ditolak_sistem"], newVideo: true });
      return judgeCopy.id;
    });
    // Not queued here (no queue at hand, or a database hiccup): the workers' sweep queues every copy still waiting.
    if (run.boss) await sendRenditions(judgeMediaId, run.boss).catch((error) => console.error(error));
    await removeAfterCheck(db, storage, film.id);
    return "ok";
  } catch (error) {
    if (error instanceof LostJob) return "skipped";
    if (run.retry) throw error;
    console.error(error);
    // Its bytes are left to the hourly sweep (a retried check may still want them).
    await rejectUpload(db, claimed.id, film.id, ["Pemeriksaan video gagal di server. Coba unggah ulang; bila terulang, hubungi panitia."]);
    return "rejected";
  } finally {
    await copy.release();
    await fsp.rm(work, { recursive: true, force: true });
  }
}

/** The check's verdict is recorded; a failed removal is logged and left to the hourly sweep, never the verdict's undoing. */
async function removeAfterCheck(db: Db, storage: StorageDriver, filmId: string) {
  await removeReplacedMedia(db, storage, filmId).catch((error) => console.error(error));
}

export async function rejectUpload(db: Db, mediaId: string, filmId: string, problems: string[]) {
  await db.transaction(async (tx) => {
    await tx.update(filmMedia).set({ status: "rejected", problems }).where(eq(filmMedia.id, mediaId));
    // An entry that already has an accepted video keeps it (and its completeness); otherwise it needs fixing.
    const [current] = await tx
      .select({ id: filmMedia.id })
      .from(filmMedia)
      .where(and(eq(filmMedia.filmId, filmId), eq(filmMedia.kind, "video"), eq(filmMedia.isCurrent, true), eq(filmMedia.status, "ok")));
    if (current) await settleEntryStatus(tx, filmId, new Date(), { from: ["diperiksa"] });
    else await tx.update(films).set({ status: "ditolak_sistem", statusReason: problems.join(" ") }).where(and(eq(films.id, filmId), eq(films.status, "diperiksa")));
  });
}

async function hashFile(file: string): Promise<string> {
  const hash = crypto.createHash("sha256");
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest("hex");
}
