import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { Pool } from "pg";
import type { Db, DbHandle } from "./client";
import * as schema from "./schema";

/**
 * One set-up at a time per database. Two app instances starting on an empty PostgreSQL
 * database both ran the migrations, and one died on a duplicate `CREATE TYPE`; both imported
 * the regions; both could seed the demo. So the whole set-up (migrations, region import, seed)
 * runs under a PostgreSQL advisory lock held on one connection: the second instance waits,
 * then finds everything done. On PGlite only one process opens the data directory
 * (data-dir-lock.ts); inside that process, set-ups on the same database are queued here.
 *
 * The lock is the two-key form (class, object), so it never meets the one-key (bigint) locks of
 * uploads (lib/uploads/upload-locker.ts).
 */
export const SETUP_LOCK: readonly [number, number] = [0x4c415941, 1]; // "LAYA", set-up

/** Whether a drizzle database talks to a PostgreSQL server (pg) or to PGlite. */
export function databaseKind(db: Db): DbHandle["kind"] {
  return pgPoolOf(db) ? "postgres" : "pglite";
}

/** The pg Pool behind a drizzle database on a PostgreSQL server, or null (PGlite, or a single client). */
export function pgPoolOf(db: Db): Pool | null {
  const client = (db as unknown as { $client?: unknown }).$client;
  return client instanceof Pool ? client : null;
}

const queues = new WeakMap<object, Promise<unknown>>();

/**
 * Runs `work` with the set-up lock held. On a server, `work` gets a handle whose queries all go
 * through the one connection that holds the lock (a session-level lock covers only its own
 * session, and drizzle's migrator opens its own transaction).
 */
export async function withSetupLock<T>(handle: DbHandle, work: (locked: DbHandle) => Promise<T>): Promise<T> {
  const pool = pgPoolOf(handle.db);
  if (!pool) return inProcessQueue(handle.db, () => work(handle));
  const client = await pool.connect();
  // A connection the server ends while we hold it must not become an uncaught 'error' event.
  const onError = (error: Error) => console.warn(`Koneksi basis data terputus saat penyiapan: ${error.message}`);
  client.on("error", onError);
  let broken: Error | undefined;
  try {
    await client.query("select pg_advisory_lock($1, $2)", [...SETUP_LOCK]);
    try {
      const db = drizzlePg({ client, schema }) as unknown as Db;
      return await work({ db, kind: "postgres", close: async () => {} });
    } finally {
      await client.query("select pg_advisory_unlock($1, $2)", [...SETUP_LOCK]).catch((error: Error) => {
        broken = error; // the session is gone, and its lock with it
      });
    }
  } finally {
    client.off("error", onError);
    client.release(broken);
  }
}

function inProcessQueue<T>(key: object, work: () => Promise<T>): Promise<T> {
  const before = queues.get(key) ?? Promise.resolve();
  const run = before.then(work, work);
  queues.set(key, run.catch(() => {}));
  return run;
}
