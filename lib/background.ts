import { and, eq, lt } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { filmMedia } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { removeReplacedMediaEverywhere } from "@/lib/films/remove-replaced-media";
import { getStorage } from "@/lib/storage";
import { getTusServer } from "@/lib/uploads";
import { publishDueEditions } from "@/lib/results/edition-results";
import { startJobWorkers } from "@/lib/jobs/worker";
import { removeOldFavoritCodes } from "@/lib/favorit/cleanup";

const holder = globalThis as unknown as { __layarBackground?: boolean };

/**
 * Started once per server process (instrumentation.ts): the job workers (video checks and HLS
 * renditions, from the database's queue, JOB_WORKERS of each at once; one loop delivering the
 * messages queue's mail; the deadline reminders of lib/messages: lib/jobs/worker.ts); every minute, publishes
 * results whose scheduled time has come; every hour, removes partial uploads nobody resumed
 * within UPLOAD_EXPIRY_HOURS, and any replaced or rejected media a crash left in storage
 * (lib/films/remove-replaced-media.ts), and favorit codes older than a day (lib/favorit/cleanup.ts).
 */
export function startBackgroundWork(): void {
  if (holder.__layarBackground) return;
  holder.__layarBackground = true;
  // A database that is not up yet (a server restarting beside the app) is asked again.
  const startJobs = () => {
    startJobWorkers({ concurrency: env().JOB_WORKERS, renditions: env().JOB_WORKERS }).catch((error) => {
      console.error("[jobs] the job workers did not start; trying again in 10 s:", error);
      setTimeout(startJobs, 10_000).unref();
    });
  };
  startJobs();
  const sweep = () => {
    publishDueEditions(getDb()).catch((error) => console.error(error));
  };
  setTimeout(sweep, 5_000).unref();
  setInterval(sweep, 60_000).unref();
  setInterval(() => cleanUpExpiredUploads().catch((error) => console.error(error)), 3_600_000).unref();
  setInterval(() => removeOldFavoritCodes(getDb()).catch((error) => console.error(error)), 3_600_000).unref();
}

export async function cleanUpExpiredUploads(now = new Date()): Promise<number> {
  const removed = await (await getTusServer()).cleanUpExpiredUploads();
  const cutoff = new Date(now.getTime() - env().UPLOAD_EXPIRY_HOURS * 3_600_000);
  await getDb()
    .delete(filmMedia)
    .where(and(eq(filmMedia.status, "uploading"), lt(filmMedia.createdAt, cutoff)));
  await removeReplacedMediaEverywhere(getDb(), await getStorage());
  return removed;
}
