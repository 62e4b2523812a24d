import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { Pool } from "pg";
import { env } from "@/lib/env";
import { lockDataDir } from "./data-dir-lock";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DbHandle = { db: Db; kind: "pglite" | "postgres"; close: () => Promise<void> };

// One client per process, opened on first use (never at import: `next build`
// imports route modules in workers) and kept on globalThis so dev reloads reuse it.
const holder = globalThis as unknown as { __layarDb?: DbHandle };

export function getDb(): Db {
  return getDbHandle().db;
}

export function getDbHandle(): DbHandle {
  if (!holder.__layarDb) holder.__layarDb = openDatabase(env().DATABASE_URL, env().dataDir);
  return holder.__layarDb;
}

/** Opens PGlite in `<dataDir>/pglite`, or a PostgreSQL server when a URL is given. */
export function openDatabase(databaseUrl: string | undefined, dataDir: string): DbHandle {
  if (databaseUrl) {
    const pool = new Pool({ connectionString: databaseUrl, max: 10 });
    // An idle connection the server ends (a restart, pg_terminate_backend, an idle timeout)
    // is an 'error' event on the pool: without a listener Node treats it as uncaught. The
    // pool has already dropped that connection; the next query opens a new one.
    pool.on("error", (error) => console.warn(`Koneksi basis data yang menganggur terputus dan akan dibuka ulang: ${error.message}`));
    return { db: drizzlePg({ client: pool, schema }) as unknown as Db, kind: "postgres", close: () => pool.end() };
  }
  const dir = path.join(dataDir, "pglite");
  fs.mkdirSync(dir, { recursive: true });
  // One process at a time: a second one is refused (DatabaseInUseError) instead of corrupting it.
  const unlock = lockDataDir(dir);
  // 16 MB of shared buffers instead of PostgreSQL's 128 MB: the embedded database
  // lives in the app's own memory on a small office server (about 115 MB less RSS),
  // and the operating system's file cache still holds the hot pages.
  const client = new PGlite(dir, { postgresqlconf: ["shared_buffers = 16MB"] });
  return {
    db: drizzlePglite({ client, schema }) as unknown as Db,
    kind: "pglite",
    close: async () => {
      try {
        await client.close();
      } finally {
        unlock();
      }
    },
  };
}

/** In-memory PGlite, for tests; from a dump of a data directory when given one (dumpDataDir). */
export function openMemoryDatabase(dump?: Blob): DbHandle {
  const client = new PGlite(dump ? { loadDataDir: dump } : undefined);
  return { db: drizzlePglite({ client, schema }) as unknown as Db, kind: "pglite", close: () => client.close() };
}

/** Lets tests and scripts put a database in place of the lazily opened one. */
export function setDatabase(handle: DbHandle | undefined): void {
  holder.__layarDb = handle;
}

export async function closeDb(): Promise<void> {
  const handle = holder.__layarDb;
  holder.__layarDb = undefined;
  await handle?.close();
}

/** A transaction, usable wherever a plain query runs. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbLike = Db | Tx;
