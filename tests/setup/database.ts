import crypto from "node:crypto";
import { Client } from "pg";
import { openDatabase, openMemoryDatabase, setDatabase, type DbHandle } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";

/**
 * A fresh, migrated database for one test file: PGlite in memory, or, when
 * TEST_DATABASE_URL is set, a new database created on that PostgreSQL server
 * and dropped afterwards. It also becomes the app's database (getDb()).
 */
export async function createTestDatabase(): Promise<DbHandle & { drop: () => Promise<void>; /** the new database's URL, on a PostgreSQL server */ url?: string }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const handle = openMemoryDatabase();
    await runMigrations(handle);
    setDatabase(handle);
    return { ...handle, drop: async () => { setDatabase(undefined); await handle.close(); } };
  }
  const name = `layar_test_${crypto.randomBytes(6).toString("hex")}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = openDatabase(url.toString(), "/nonexistent");
  await runMigrations(handle);
  setDatabase(handle);
  return {
    ...handle,
    url: url.toString(),
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
