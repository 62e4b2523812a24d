// `npm run worker`: a process that only runs background jobs (video checks, HLS renditions) from the database's
// queue, beside any number of app instances, on this machine or another one that reaches the same
// PostgreSQL server (DATABASE_URL) and the same media storage (the same LAYAR_DATA_DIR on a shared
// disk, or the S3 settings). JOB_WORKERS checks at once (default 1). With the embedded database
// (no DATABASE_URL) the app runs its checks itself and this command refuses to start.
// SIGTERM/SIGINT: stops taking jobs, lets a running check finish for up to 60 s, then exits (a
// check cut short is taken again by another worker once its lease runs out).
import { closeDb, getDbHandle } from "@/lib/db/client";
import { env } from "@/lib/env";
import { stopBoss } from "@/lib/jobs/boss";
import { workerName } from "@/lib/jobs/video-check";
import { startJobWorkers } from "@/lib/jobs/worker";

let settings: ReturnType<typeof env>;
try {
  settings = env();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
if (!settings.DATABASE_URL) {
  console.error("npm run worker membutuhkan DATABASE_URL (server PostgreSQL). Dengan basis data bawaan (PGlite), aplikasi memeriksa video sendiri.");
  process.exit(1);
}

const concurrency = Math.max(1, settings.JOB_WORKERS);
const workers = await startJobWorkers({ concurrency, renditions: concurrency, handle: getDbHandle() });
console.log(`Pekerja latar ${workerName()} siap: ${concurrency} pemeriksaan video dan ${concurrency} rendisi HLS sekaligus.`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log("Berhenti: menunggu pemeriksaan yang sedang berjalan (paling lama 60 dtk)...");
  await workers.stop(60_000);
  await stopBoss();
  await closeDb();
  process.exit(0);
};
process.once("SIGTERM", () => void stop());
process.once("SIGINT", () => void stop());
