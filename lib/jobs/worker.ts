import type PgBoss from "pg-boss";
import { getDbHandle, type DbHandle } from "@/lib/db/client";
import { getStorage, type StorageDriver } from "@/lib/storage";
import { runMessageJob } from "@/lib/messages/deliver";
import { sendDeadlineReminders } from "@/lib/messages/events";
import { resendUnqueuedMessages, type MessageJobData } from "@/lib/messages/queue";
import { getBoss, messagesQueue, renditionsFailedQueue, renditionsQueue, videoCheckFailedQueue, videoCheckQueue } from "./boss";
import { queueMissingRenditions, recordRenditionsFailure, runRenditionsJob, type RenditionsData } from "./renditions";
import { removeOrphanedWorkFiles } from "./temp-files";
import { recordFinalFailure, resendUnqueuedChecks, runVideoCheckJob, type VideoCheckData } from "./video-check";

export type JobWorkers = {
  /** Stops taking jobs and waits (up to `timeoutMs`) for the running ones; a check still running then is left to its lease. */
  stop(timeoutMs?: number): Promise<void>;
  /** Asks idle workers to look for a job now instead of at their next poll (a job was just sent from this process). */
  wake(): void;
};

export type WorkerOptions = {
  /** Checks this process runs at once; 0 = none (the sweep still runs). */
  concurrency: number;
  /** Rendition encodes this process runs at once (docs/decisions/0026); default 0 (the app and `npm run worker` pass JOB_WORKERS). */
  renditions?: number;
  /** Message deliveries (mail) this process runs at once; default 1 (docs/decisions/0034). */
  messages?: number;
  /** Whether the sweep sends deadline reminders (default true). */
  reminders?: boolean;
  /** ffmpeg threads per encode; default RENDITION_THREADS. */
  renditionThreads?: number;
  handle?: DbHandle;
  storage?: () => Promise<StorageDriver>;
  pollMs?: number;
  /** How often jobs whose lease ran out are failed back to the queue. */
  expireEveryMs?: number;
  /** How often finished uploads without a job are queued and orphaned temporary files removed. */
  sweepEveryMs?: number;
};

const holder = globalThis as unknown as { __layarJobWorkers?: JobWorkers };

/** The process's running workers, if any (enqueueing wakes them). */
export const currentWorkers = (): JobWorkers | undefined => holder.__layarJobWorkers;

/**
 * The background work of one process: `concurrency` video-check loops, `renditions` HLS
 * rendition loops and `messages` mail loops (lib/messages/deliver.ts; each takes one job at
 * a time with FOR UPDATE SKIP LOCKED, so a job goes to exactly one worker among every app
 * instance and `npm run worker` on the database), one loop for the dead-letter queue, and a
 * sweep: every few seconds pg-boss fails the jobs whose lease ran out (a killed worker's), so
 * they are retried; every minute finished uploads without a job are queued and the temporary
 * folders of killed checks on this machine are removed (also at start and before each check),
 * deadline reminders are queued and messages still waiting without a job are queued.
 */
export async function startJobWorkers(options: WorkerOptions): Promise<JobWorkers> {
  const handle = options.handle ?? getDbHandle();
  const storage = options.storage ?? getStorage;
  const pollMs = options.pollMs ?? 2_000;
  const boss = await getBoss(handle);
  await removeOrphanedWorkFiles({ includeOwn: true });

  let stopped = false;
  const sleepers = new Set<() => void>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      sleepers.add(done);
    });
  const wake = () => [...sleepers].forEach((done) => done());

  async function loop<T extends object = VideoCheckData>(queue: string, run: (job: PgBoss.JobWithMetadata<T>) => Promise<unknown>) {
    while (!stopped) {
      let job: PgBoss.JobWithMetadata<T> | undefined;
      try {
        [job] = await boss.fetch<T>(queue, { batchSize: 1, includeMetadata: true });
      } catch (error) {
        console.warn(`[jobs] fetching from ${queue} failed:`, error);
      }
      if (!job) {
        await sleep(pollMs);
        continue;
      }
      try {
        await run(job);
      } catch (error) {
        // runVideoCheckJob hands its own failures to pg-boss; this is the database gone mid-way.
        console.warn(`[jobs] job ${job.id} on ${queue}:`, error);
        await sleep(pollMs);
      }
    }
  }

  const loops: Promise<void>[] = [];
  for (let i = 0; i < options.concurrency; i++) {
    loops.push(
      loop(videoCheckQueue, async (job) => {
        // A retried job often comes from a check killed on this machine: its copies go first.
        await removeOrphanedWorkFiles().catch((error) => console.warn("[jobs] removing temporary files failed:", error));
        return runVideoCheckJob(boss, handle.db, await storage(), job);
      }),
    );
  }
  if (options.concurrency > 0) {
    loops.push(
      loop(videoCheckFailedQueue, async (job) => {
        await recordFinalFailure(handle.db, job);
        await boss.complete(job.name, job.id);
      }),
    );
  }

  const renditions = options.renditions ?? 0;
  for (let i = 0; i < renditions; i++) {
    loops.push(
      loop<RenditionsData>(renditionsQueue, async (job) => {
        await removeOrphanedWorkFiles().catch((error) => console.warn("[jobs] removing temporary files failed:", error));
        return runRenditionsJob(boss, handle.db, await storage(), job, options.renditionThreads);
      }),
    );
  }
  if (renditions > 0) {
    loops.push(
      loop<RenditionsData>(renditionsFailedQueue, async (job) => {
        await recordRenditionsFailure(handle.db, job);
        await boss.complete(job.name, job.id);
      }),
    );
  }

  const messages = options.messages ?? 1;
  for (let i = 0; i < messages; i++) {
    loops.push(loop<MessageJobData>(messagesQueue, (job) => runMessageJob(boss, handle.db, job)));
  }

  const expire = setInterval(() => {
    boss.expire().catch((error) => console.warn("[jobs] expiring silent jobs failed:", error));
  }, options.expireEveryMs ?? 5_000);
  const sweep = async () => {
    await resendUnqueuedChecks(handle.db, boss).catch((error) => console.warn("[jobs] re-queueing checks failed:", error));
    await queueMissingRenditions(handle.db, boss).catch((error) => console.warn("[jobs] queueing renditions failed:", error));
    await removeOrphanedWorkFiles().catch((error) => console.warn("[jobs] removing temporary files failed:", error));
    if (options.reminders ?? true) await sendDeadlineReminders(handle.db).catch((error) => console.warn("[messages] deadline reminders failed:", error));
    await resendUnqueuedMessages(handle.db, boss).catch((error) => console.warn("[messages] re-queueing messages failed:", error));
  };
  const sweeper = setInterval(() => void sweep(), options.sweepEveryMs ?? 60_000);
  expire.unref();
  sweeper.unref();
  await sweep();

  const workers: JobWorkers = {
    wake,
    async stop(timeoutMs = 30_000) {
      stopped = true;
      clearInterval(expire);
      clearInterval(sweeper);
      wake();
      await Promise.race([Promise.all(loops), new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
      if (holder.__layarJobWorkers === workers) holder.__layarJobWorkers = undefined;
    },
  };
  holder.__layarJobWorkers = workers;
  return workers;
}
