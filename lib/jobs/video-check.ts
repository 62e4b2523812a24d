import os from "node:os";
import { and, eq, inArray, sql } from "drizzle-orm";
import type PgBoss from "pg-boss";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db, DbLike } from "@/lib/db/client";
import { filmMedia, films } from "@/lib/db/schema";
import type { StorageDriver } from "@/lib/storage";
import { processVideoUpload, rejectUpload } from "@/lib/uploads/process-video";
import { notifyVideoChecked } from "@/lib/messages/events";
import { notifySafely } from "@/lib/messages/queue";
import { bossSchema, getBoss, rowsOf, videoCheckQueue } from "./boss";

export type VideoCheckData = { mediaId: string };
export type VideoCheckJob = PgBoss.JobWithMetadata<VideoCheckData>;

/** Who ran a check, as the audit log records it: host and process. */
export const workerName = () => `${os.hostname()}:${process.pid}`;

/** What the KIM and the organiser read once every attempt failed on the server's side. */
export const checkFailedMessage = "Pemeriksaan video gagal di server. Coba unggah ulang; bila terulang, hubungi panitia.";

/**
 * Queues the check of a finished upload. The job's id is the media's id, so a second call (a
 * callback repeated, the sweep re-sending) adds nothing while the first job exists: one upload,
 * one check, whichever instance or worker takes it.
 */
export async function sendVideoCheck(mediaId: string, boss?: PgBoss): Promise<boolean> {
  boss ??= await getBoss();
  return (await boss.send(videoCheckQueue, { mediaId } satisfies VideoCheckData, { id: mediaId })) !== null;
}

/**
 * A running check keeps its job's lease: every LEASE_BEAT_MS its expiry moves to LEASE_MS from
 * now. pg-boss fails a job whose expiry has passed (lib/jobs/worker.ts asks every few seconds),
 * so a killed worker's check is taken again by another within a minute, while a long check on a
 * live worker is never taken from it. The attempt number fences the lease: after a retry, the
 * old attempt's beats change nothing.
 */
export const LEASE_MS = 20_000;
export const LEASE_BEAT_MS = 5_000;

export type LeasedJob = Pick<PgBoss.JobWithMetadata<unknown>, "name" | "id" | "retryCount">;

export async function renewLease(db: DbLike, job: LeasedJob): Promise<boolean> {
  const result = await db.execute(sql`
    update ${sql.raw(bossSchema)}.job set expire_in = (now() - started_on) + make_interval(secs => ${LEASE_MS / 1000})
    where name = ${job.name} and id = ${job.id} and state = 'active' and retry_count = ${job.retryCount}
    returning id`);
  return rowsOf(result).length === 1;
}

/** True while this attempt still holds its job; locks the job row until the caller's transaction ends. */
export async function holdsJob(tx: DbLike, job: LeasedJob): Promise<boolean> {
  const result = await tx.execute(sql`
    select id from ${sql.raw(bossSchema)}.job
    where name = ${job.name} and id = ${job.id} and state = 'active' and retry_count = ${job.retryCount}
    for update`);
  return rowsOf(result).length === 1;
}

/**
 * Runs one check job: the lease kept while it runs, the check itself (process-video.ts), an
 * audit entry for its outcome, and the job completed, or failed back to pg-boss (which retries
 * it with back-off or, after the last attempt, hands it to the dead-letter queue).
 */
export async function runVideoCheckJob(boss: PgBoss, db: Db, storage: StorageDriver, job: VideoCheckJob): Promise<"ok" | "rejected" | "skipped" | "failed"> {
  const attempt = job.retryCount + 1;
  const beat = setInterval(() => {
    renewLease(db, job).catch((error) => console.warn(`[jobs] lease of check ${job.id} not renewed:`, error));
  }, LEASE_BEAT_MS);
  try {
    await renewLease(db, job);
    const outcome = await processVideoUpload(db, storage, job.data.mediaId, { retry: true, owns: (tx) => holdsJob(tx, job), boss });
    if (outcome !== "skipped") await recordCheck(db, job.data.mediaId, "video.check", { outcome, attempt, worker: workerName() });
    // The KIM is told: accepted, or refused with what is wrong (once per upload: lib/messages).
    if (outcome !== "skipped") await notifySafely("video checked", () => notifyVideoChecked(db, job.data.mediaId));
    // pg-boss completes by id alone: only while this attempt still holds the job.
    if (await holdsJob(db, job)) await boss.complete(job.name, job.id, { outcome, attempt, worker: workerName() });
    return outcome;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.warn(`[jobs] check ${job.id}, attempt ${attempt} of ${job.retryLimit + 1}, failed: ${message}`);
    if (await holdsJob(db, job)) await boss.fail(job.name, job.id, { message, attempt, worker: workerName() });
    return "failed";
  } finally {
    clearInterval(beat);
  }
}

/**
 * The dead-letter queue's work: a check that failed every attempt is recorded as a rejection
 * the KIM reads (upload again, or ask the organiser) and as an audit entry, which the
 * organiser's film list shows under the check queue. Nothing happens to an upload that was
 * settled meanwhile.
 */
export async function recordFinalFailure(db: Db, job: PgBoss.JobWithMetadata<VideoCheckData>): Promise<boolean> {
  const [media] = await db
    .select({ id: filmMedia.id, filmId: filmMedia.filmId })
    .from(filmMedia)
    .where(and(eq(filmMedia.id, job.data.mediaId), inArray(filmMedia.status, ["received", "checking"])));
  if (!media) return false;
  await rejectUpload(db, media.id, media.filmId, [checkFailedMessage]);
  const output = (job.output ?? {}) as { message?: string; value?: { message?: string }; attempt?: number };
  const error = output.message ?? output.value?.message ?? "";
  console.error(`[jobs] check of upload ${media.id} failed on every attempt: ${error}`);
  await recordCheck(db, media.id, "video.check_failed", { outcome: "failed", attempts: job.retryLimit + 1, error: error.slice(0, 300) });
  await notifySafely("video check failed", () => notifyVideoChecked(db, media.id));
  return true;
}

async function recordCheck(db: Db, mediaId: string, action: string, data: Record<string, unknown>) {
  const [film] = await db
    .select({ id: films.id, editionId: films.editionId })
    .from(filmMedia)
    .innerJoin(films, eq(films.id, filmMedia.filmId))
    .where(eq(filmMedia.id, mediaId));
  if (!film) return;
  await recordAudit(db, { actorId: null, action, entityType: "film", entityId: film.id, editionId: film.editionId, data: { mediaId, ...data } });
}

/**
 * Uploads that are finished but have no job: the process died between the last byte and the
 * send, or the upload predates the queue. Their job is created now (a no-op where one exists).
 */
export async function resendUnqueuedChecks(db: Db, boss?: PgBoss): Promise<number> {
  const rows = await db
    .select({ id: filmMedia.id })
    .from(filmMedia)
    .where(and(eq(filmMedia.kind, "video"), inArray(filmMedia.status, ["received", "checking"])));
  let sent = 0;
  for (const row of rows) if (await sendVideoCheck(row.id, boss)) sent++;
  return sent;
}
