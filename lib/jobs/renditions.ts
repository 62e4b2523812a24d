import crypto from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import path from "node:path";
import { and, eq, inArray, isNull, ne, notInArray, sql } from "drizzle-orm";
import type PgBoss from "pg-boss";
import type { Db, DbLike } from "@/lib/db/client";
import { filmMedia, filmRenditions } from "@/lib/db/schema";
import { env } from "@/lib/env";
import type { StorageDriver } from "@/lib/storage";
import { probeVideo } from "@/lib/video/probe-video";
import { makeRendition, renditionHeights } from "@/lib/video/renditions";
import { getBoss, renditionsQueue } from "./boss";
import { workPrefix } from "./temp-files";
import { holdsJob, LEASE_BEAT_MS, renewLease, workerName } from "./video-check";

/**
 * The renditions job (docs/decisions/0026): for an accepted film's judges' copy (the stripped
 * video, so nothing the judges may not see reaches the public either), HLS at 360p/540p/720p
 * (lib/video/renditions.ts), stored under `renditions/{mediaId}/`, recorded in film_renditions
 * (antre → diproses → siap, or gagal after the last attempt). The job's id is the copy's media
 * id: queued twice, made once, by whichever worker takes it.
 */
export type RenditionsData = { mediaId: string };
export type RenditionsJob = PgBoss.JobWithMetadata<RenditionsData>;

export const renditionPrefix = (mediaId: string) => `renditions/${mediaId}/`;

/** Records that a judges' copy wants renditions (no-op when it has a row already). */
export async function markRenditionsQueued(db: DbLike, mediaId: string, filmId: string): Promise<void> {
  await db.insert(filmRenditions).values({ mediaId, filmId, status: "antre" }).onConflictDoNothing();
}

/** Queues the renditions of a judges' copy; true when a job was created. */
export async function sendRenditions(mediaId: string, boss?: PgBoss): Promise<boolean> {
  boss ??= await getBoss();
  return (await boss.send(renditionsQueue, { mediaId } satisfies RenditionsData, { id: mediaId })) !== null;
}

/**
 * Current judges' copies without renditions get a row, and rows still waiting get their job
 * (a process that died between accepting a video and queueing, a database from before this
 * feature, the demo's sample films). Run by the workers' sweep. Returns the jobs created.
 */
export async function queueMissingRenditions(db: Db, boss?: PgBoss): Promise<number> {
  const missing = await db
    .select({ id: filmMedia.id, filmId: filmMedia.filmId })
    .from(filmMedia)
    .leftJoin(filmRenditions, eq(filmRenditions.mediaId, filmMedia.id))
    .where(and(eq(filmMedia.kind, "judge_video"), eq(filmMedia.isCurrent, true), eq(filmMedia.status, "ok"), isNull(filmRenditions.mediaId)));
  for (const row of missing) await markRenditionsQueued(db, row.id, row.filmId);
  const waiting = await db.select({ mediaId: filmRenditions.mediaId }).from(filmRenditions).where(inArray(filmRenditions.status, ["antre", "diproses"]));
  let sent = 0;
  for (const row of waiting) if (await sendRenditions(row.mediaId, boss)) sent++;
  return sent;
}

/**
 * Makes the renditions of one judges' copy from its local file: every height, one ffmpeg run
 * each (plus a copy run that segments it), then stored. Returns the stored keys and facts.
 */
export async function makeAndStoreRenditions(storage: StorageDriver, mediaId: string, sourcePath: string, threads = env().RENDITION_THREADS) {
  const probed = await probeVideo(sourcePath);
  if (!probed.ok) throw new Error(`cannot read the judges' copy ${mediaId}: ${probed.reason} (${probed.detail})`);
  const { height, durationSeconds, audioCodec } = probed.probe;
  const work = await fsp.mkdtemp(workPrefix("hls"));
  const prefix = renditionPrefix(mediaId);
  const keys: string[] = [];
  try {
    const made = [];
    for (const h of renditionHeights(height)) {
      made.push(await makeRendition(sourcePath, work, h, { durationSeconds, hasAudio: Boolean(audioCodec) }, threads));
    }
    for (const rendition of made) {
      for (const file of rendition.files) {
        const key = prefix + file.split(path.sep).join("/");
        await storage.putFile(key, path.join(work, file), file.endsWith(".m3u8") ? "application/vnd.apple.mpegurl" : "video/mp2t");
        keys.push(key);
      }
    }
    // The lowest rendition's MP4 is the light version to download (360p, or the source's own height below that).
    const lightest = made[0];
    const lightKey = `${prefix}ringan.mp4`;
    await storage.putFile(lightKey, lightest.mp4, "video/mp4");
    keys.push(lightKey);
    const lightBytes = (await fsp.stat(lightest.mp4)).size;
    return { variants: made.map((m) => m.variant), lightKey, lightBytes, keys };
  } catch (error) {
    await removeKeys(storage, keys);
    throw error;
  } finally {
    await fsp.rm(work, { recursive: true, force: true });
  }
}

async function removeKeys(storage: StorageDriver, keys: string[]): Promise<void> {
  for (const key of keys) await storage.remove(key).catch((error) => console.warn(`[jobs] could not remove ${key}:`, error));
}

/** Removes the stored renditions of judges' copies (before their rows go: lib/films/remove-replaced-media.ts). */
export async function removeRenditionsOf(db: DbLike, storage: StorageDriver, mediaIds: string[]): Promise<void> {
  if (mediaIds.length === 0) return;
  const rows = await db.select({ mediaId: filmRenditions.mediaId, keys: filmRenditions.keys }).from(filmRenditions).where(inArray(filmRenditions.mediaId, mediaIds));
  // A file another rendition row still lists (a nominated film's copy in a provincial edition,
  // docs/decisions/0035; a re-upload of the same copy) keeps its bytes.
  const keys = rows.flatMap((r) => r.keys);
  const shared = new Set<string>();
  if (keys.length) {
    const others = await db
      .select({ keys: filmRenditions.keys })
      .from(filmRenditions)
      .where(and(notInArray(filmRenditions.mediaId, mediaIds), sql`${filmRenditions.keys} ?| array[${sql.join(
            keys.map((k) => sql`${k}`),
            sql`, `,
          )}]::text[]`));
    for (const o of others) for (const k of o.keys) shared.add(k);
  }
  // The rows themselves go with their copy's row (on delete cascade).
  for (const row of rows) for (const key of row.keys) if (!shared.has(key)) await storage.remove(key);
}

/**
 * Runs one renditions job under a renewed lease (as the video check does): skipped when the copy
 * is gone or no longer current (replaced meanwhile), else made, stored and recorded `siap`. A
 * failure goes back to pg-boss (retried with back-off, the last one to the dead-letter queue).
 */
export async function runRenditionsJob(boss: PgBoss, db: Db, storage: StorageDriver, job: RenditionsJob, threads?: number): Promise<"ok" | "skipped" | "failed"> {
  const attempt = job.retryCount + 1;
  const beat = setInterval(() => {
    renewLease(db, job).catch((error) => console.warn(`[jobs] lease of renditions ${job.id} not renewed:`, error));
  }, LEASE_BEAT_MS);
  try {
    await renewLease(db, job);
    const [media] = await db
      .select()
      .from(filmMedia)
      .where(and(eq(filmMedia.id, job.data.mediaId), eq(filmMedia.kind, "judge_video"), eq(filmMedia.status, "ok"), eq(filmMedia.isCurrent, true)));
    if (!media) {
      if (await holdsJob(db, job)) await boss.complete(job.name, job.id, { outcome: "skipped" });
      return "skipped";
    }
    await markRenditionsQueued(db, media.id, media.filmId);
    await db.update(filmRenditions).set({ status: "diproses", updatedAt: new Date() }).where(eq(filmRenditions.mediaId, media.id));
    const copy = await storage.localCopy(media.storageKey);
    let made: Awaited<ReturnType<typeof makeAndStoreRenditions>>;
    let sourceSha256: string;
    try {
      sourceSha256 = await hashFile(copy.path);
      made = (await copyRenditionsOfSame(db, storage, media.id, sourceSha256)) ?? (await makeAndStoreRenditions(storage, media.id, copy.path, threads));
    } finally {
      await copy.release();
    }
    const recorded = await db.transaction(async (tx) => {
      if (!(await holdsJob(tx, job))) return false;
      const rows = await tx
        .update(filmRenditions)
        .set({ status: "siap", variants: made.variants, lightKey: made.lightKey, lightBytes: made.lightBytes, keys: made.keys, sourceSha256, error: null, updatedAt: new Date() })
        .where(eq(filmRenditions.mediaId, media.id))
        .returning({ id: filmRenditions.mediaId });
      return rows.length === 1;
    });
    // Lost the job to another worker, or the copy was replaced and removed meanwhile: ours go.
    if (!recorded) {
      if (!(await ownsKeys(db, media.id, made.keys))) await removeKeys(storage, made.keys);
      return "skipped";
    }
    if (await holdsJob(db, job)) await boss.complete(job.name, job.id, { outcome: "ok", attempt, worker: workerName(), heights: made.variants.map((v) => v.height) });
    return "ok";
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.warn(`[jobs] renditions ${job.id}, attempt ${attempt} of ${job.retryLimit + 1}, failed: ${message}`);
    if (await holdsJob(db, job)) await boss.fail(job.name, job.id, { message: message.slice(0, 2000), attempt, worker: workerName() });
    return "failed";
  } finally {
    clearInterval(beat);
  }
}

async function hashFile(file: string): Promise<string> {
  const hash = crypto.createHash("sha256");
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest("hex");
}

/**
 * The same judges' copy already has renditions (the same film uploaded again, the demo's films
 * that share a sample clip): its files are copied under this copy's prefix instead of encoded.
 */
async function copyRenditionsOfSame(db: Db, storage: StorageDriver, mediaId: string, sourceSha256: string) {
  const [same] = await db
    .select()
    .from(filmRenditions)
    .where(and(eq(filmRenditions.sourceSha256, sourceSha256), eq(filmRenditions.status, "siap"), ne(filmRenditions.mediaId, mediaId)))
    .limit(1);
  if (!same || same.keys.length === 0 || !same.lightKey) return null;
  const from = renditionPrefix(same.mediaId);
  const to = renditionPrefix(mediaId);
  const keys: string[] = [];
  try {
    for (const key of same.keys) {
      const copy = await storage.localCopy(key);
      try {
        const target = to + key.slice(from.length);
        await storage.putFile(target, copy.path, key.endsWith(".m3u8") ? "application/vnd.apple.mpegurl" : key.endsWith(".mp4") ? "video/mp4" : "video/mp2t");
        keys.push(target);
      } finally {
        await copy.release();
      }
    }
  } catch (error) {
    // The other copy was removed meanwhile: encode after all.
    console.warn(`[jobs] copying renditions of ${same.mediaId} for ${mediaId} failed, encoding instead:`, error);
    await removeKeys(storage, keys);
    return null;
  }
  return { variants: same.variants, lightKey: to + same.lightKey.slice(from.length), lightBytes: same.lightBytes ?? 0, keys };
}

/** Another attempt recorded the same keys (same names under the same prefix): they are its now. */
async function ownsKeys(db: DbLike, mediaId: string, keys: string[]): Promise<boolean> {
  const [row] = await db.select({ keys: filmRenditions.keys, status: filmRenditions.status }).from(filmRenditions).where(eq(filmRenditions.mediaId, mediaId));
  return Boolean(row && row.status === "siap" && keys.some((k) => row.keys.includes(k)));
}

/** The dead-letter queue's work: renditions that failed every attempt are recorded `gagal` (the film plays its progressive file). */
export async function recordRenditionsFailure(db: Db, job: PgBoss.JobWithMetadata<RenditionsData>): Promise<void> {
  const output = (job.output ?? {}) as { message?: string; value?: { message?: string } };
  const error = (output.message ?? output.value?.message ?? "").slice(0, 500);
  console.error(`[jobs] renditions of ${job.data.mediaId} failed on every attempt: ${error}`);
  await db
    .update(filmRenditions)
    .set({ status: "gagal", error, updatedAt: new Date() })
    .where(and(eq(filmRenditions.mediaId, job.data.mediaId), sql`${filmRenditions.status} <> 'siap'`));
}
