import type { PGlite } from "@electric-sql/pglite";
import PgBoss from "pg-boss";
import type { Pool } from "pg";
import { getDbHandle, type DbHandle } from "@/lib/db/client";

/**
 * The job queue lives in the application's own database (schema `pgboss`), so every app
 * instance and every `npm run worker` process on the same PostgreSQL server shares it, and the
 * embedded database (PGlite) needs nothing extra. pg-boss 10: 11+ needs Node 22.
 */
export const bossSchema = "pgboss";

type Sql = { executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> };

/**
 * pg-boss reaches the database through the app's own client: the pg pool on a server, or
 * PGlite, which refuses several statements in one prepared query (pg-boss sends them for its
 * migrations and locked maintenance), so text without values goes through `exec`.
 */
export function bossDb(handle: DbHandle): Sql {
  const client = (handle.db as unknown as { $client: Pool | PGlite }).$client;
  if (handle.kind === "postgres") {
    const pool = client as Pool;
    // A failed "BEGIN; ...; COMMIT;" leaves its connection in an aborted transaction; pool.query
    // discards a connection whose query failed, so the app's queries never get it.
    return { executeSql: (text, values) => pool.query(text, values?.length ? values : undefined) };
  }
  const pglite = client as PGlite;
  return {
    async executeSql(text, values) {
      if (values?.length) return pglite.query(text, values);
      // PGlite has one session: a failed "BEGIN; ...; COMMIT;" would leave every later query
      // of the app in an aborted transaction. Its own transaction() rolls back on failure.
      const block = lockedBlock.exec(text);
      const results = block ? await pglite.transaction((tx) => tx.exec(block[1])) : await pglite.exec(text);
      return { rows: results.at(-1)?.rows ?? [] };
    },
  };
}

const lockedBlock = /^\s*BEGIN;([\s\S]*)COMMIT;\s*$/i;

/** The rows of a raw `db.execute` (drizzle types them per driver; both drivers answer `{ rows }`). */
export const rowsOf = <T = Record<string, unknown>>(result: unknown): T[] => (result as { rows: T[] }).rows;

type Holder = { __layarBoss?: { handle: DbHandle; boss: Promise<PgBoss> } };
const holder = globalThis as unknown as Holder;

/** The process's pg-boss on the process's database, started (schema created or migrated) on first use. */
export function getBoss(handle: DbHandle = getDbHandle()): Promise<PgBoss> {
  if (holder.__layarBoss?.handle === handle) return holder.__layarBoss.boss;
  const boss = startBoss(handle);
  holder.__layarBoss = { handle, boss };
  boss.catch(() => {
    if (holder.__layarBoss?.boss === boss) holder.__layarBoss = undefined;
  });
  return boss;
}

/** This process's pg-boss when one was started on `handle` (the app's workers start it); undefined otherwise. */
export function runningBoss(handle: DbHandle = getDbHandle()): Promise<PgBoss> | undefined {
  // By its database: a test's handle is a copy of the app's (tests/setup/database.ts).
  return holder.__layarBoss && holder.__layarBoss.handle.db === handle.db ? holder.__layarBoss.boss : undefined;
}

async function startBoss(handle: DbHandle): Promise<PgBoss> {
  const boss = new PgBoss({
    db: bossDb(handle) as PgBoss.Db,
    schema: bossSchema,
    // Cron is not used; expiry of silent jobs runs from lib/jobs/worker.ts every few seconds,
    // archiving and deleting old jobs from pg-boss's own maintenance.
    schedule: false,
    supervise: true,
    maintenanceIntervalSeconds: 300,
    archiveCompletedAfterSeconds: 7 * 24 * 3600,
    archiveFailedAfterSeconds: 30 * 24 * 3600,
    deleteAfterDays: 90,
  });
  boss.on("error", (error) => console.error("[jobs]", error));
  await boss.start();
  for (const queue of queueDefinitions) {
    // Instances starting together on an empty database race to create the queue's partition
    // table (a deadlock or a duplicate for the loser): the loser tries again and finds it made.
    await retryOnRace(async () => {
      if (!(await boss.getQueue(queue.name))) await boss.createQueue(queue.name, queue);
    });
    // createQueue keeps an existing queue as it was: settings changed in a later release apply too.
    await retryOnRace(() => boss.updateQueue(queue.name, queue));
  }
  return boss;
}

async function retryOnRace(work: () => Promise<void>, attempts = 5): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      return await work();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (i >= attempts || !(code === "40P01" || code === "23505" || code === "42P07")) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 400));
    }
  }
}

/** Stops this process's pg-boss (tests, and a worker shutting down); the database stays open. */
export async function stopBoss(): Promise<void> {
  const current = holder.__layarBoss;
  holder.__layarBoss = undefined;
  if (!current) return;
  const boss = await current.boss.catch(() => undefined);
  await boss?.stop({ graceful: false, close: false, wait: true, timeout: 1000 });
}

// ---------- queues ----------

export const videoCheckQueue = "video-check";
export const videoCheckFailedQueue = "video-check-failed";

/**
 * A video check that ran and threw is tried again after 5-10 s, 10-20 s and 20-40 s (pg-boss's
 * back-off with jitter), four attempts in all; one whose worker went silent (killed, machine
 * gone) is taken back once its lease (lib/jobs/worker.ts) runs out. A job that fails its last
 * attempt is copied to the dead-letter queue, whose worker records the failure for the KIM and
 * the organiser.
 */
export const videoCheckRetry = { retryLimit: 3, retryDelay: 5, retryBackoff: true } as const;

export const renditionsQueue = "hls-renditions";
export const renditionsFailedQueue = "hls-renditions-failed";

/** Renditions take minutes: tried again after 30-60 s, 60-120 s, 120-240 s; a silent worker's job is taken back by its lease. */
export const renditionsRetry = { retryLimit: 3, retryDelay: 30, retryBackoff: true } as const;

export const messagesQueue = "messages";

/**
 * A message whose mail server refused or was unreachable is tried again after 30-60 s, then
 * longer (back-off), eight attempts in all (about two hours); after the last its row is marked
 * gagal (lib/messages/deliver.ts).
 */
export const messagesRetry = { retryLimit: 7, retryDelay: 30, retryBackoff: true } as const;

const queueDefinitions: PgBoss.Queue[] = [
  // The dead-letter queue first: the check queue refers to it.
  { name: videoCheckFailedQueue, policy: "standard", retryLimit: 10, retryDelay: 30, retryBackoff: true, expireInSeconds: 300 },
  { name: videoCheckQueue, policy: "standard", ...videoCheckRetry, expireInSeconds: 20, deadLetter: videoCheckFailedQueue },
  { name: renditionsFailedQueue, policy: "standard", retryLimit: 10, retryDelay: 30, retryBackoff: true, expireInSeconds: 300 },
  { name: renditionsQueue, policy: "standard", ...renditionsRetry, expireInSeconds: 20, deadLetter: renditionsFailedQueue },
  { name: messagesQueue, policy: "standard", ...messagesRetry, expireInSeconds: 120 },
];
