import crypto from "node:crypto";
import fs from "node:fs";
import { Client } from "pg";
import { inject } from "vitest";
import { openDatabase, openMemoryDatabase, setDatabase, type DbHandle } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";

/**
 * A fresh, migrated database for one test file: PGlite in memory, or, when
 * TEST_DATABASE_URL is set, a new database created on that PostgreSQL server
 * and dropped afterwards. It also becomes the app's database (getDb()). Both are copies of
 * one migrated database made once per run (tests/setup/database-template.ts); the
 * migrations run again on the copy, which finds nothing to do unless it was made without one.
 */
export async function createTestDatabase(): Promise<DbHandle & { drop: () => Promise<void>; /** the new database's URL, on a PostgreSQL server */ url?: string }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const snapshot = provided("pgliteSnapshot");
    const handle = openMemoryDatabase(snapshot ? new Blob([fs.readFileSync(snapshot)]) : undefined);
    await runMigrations(handle);
    setDatabase(handle);
    return { ...handle, drop: async () => { setDatabase(undefined); await handle.close(); } };
  }
  const name = `layar_test_${crypto.randomBytes(6).toString("hex")}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  const template = provided("pgTemplate");
  await admin.query(template ? `create database ${name} template ${template}` : `create database ${name}`);
  await admin.end();
  const url = databaseUrl(serverUrl, name);
  const handle = openDatabase(url, "/nonexistent");
  await runMigrations(handle);
  setDatabase(handle);
  return {
    ...handle,
    url,
    drop: async () => {
      setDatabase(undefined);
      await handle.close();
      const cleanup = new Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/** What the global set-up made; nothing outside vitest (the benchmarks use this file too). */
function provided(key: "pgliteSnapshot" | "pgTemplate"): string {
  try {
    return inject(key) ?? "";
  } catch {
    return "";
  }
}

/** The address of another database on the same PostgreSQL server. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
