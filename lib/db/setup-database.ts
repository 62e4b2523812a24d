import path from "node:path";
import type { DbHandle } from "./client";
import { runMigrations } from "./migrate";
import { withSetupLock } from "./setup-lock";
import { importRegions } from "@/lib/regions/import-regions";
import { databaseIsEmpty, seedDemo } from "@/lib/seed/seed-demo";
import { createStorage, type StorageDriver } from "@/lib/storage";

export type SetupReport = { migratedMs: number; regionsInserted: number; seeded: boolean; ms: number };

/**
 * What `npm run demo` and `npm run db:migrate` do before serving: migrations,
 * then the region import (skipped when complete), then the demo seed when the
 * database has no accounts yet. Safe to run any number of times, also by several
 * instances at once on one database: the whole set-up runs under one lock (setup-lock.ts).
 */
export async function setupDatabase(handle: DbHandle, options: { seed: boolean; dataDir: string; storage?: StorageDriver }): Promise<SetupReport> {
  return withSetupLock(handle, (locked) => setupLocked(locked, options));
}

async function setupLocked(handle: DbHandle, options: { seed: boolean; dataDir: string; storage?: StorageDriver }): Promise<SetupReport> {
  const start = Date.now();
  await runMigrations(handle);
  const migratedMs = Date.now() - start;
  const regions = await importRegions(handle.db);
  let seeded = false;
  if (options.seed && (await databaseIsEmpty(handle.db))) {
    // The sample clips go where the app will look for them: the configured driver (S3 too).
    const storage = options.storage ?? (await createStorage(options.dataDir));
    await seedDemo(handle.db, { storage, demoMediaDir: path.resolve("demo/media") });
    seeded = true;
  }
  return { migratedMs, regionsInserted: regions.inserted, seeded, ms: Date.now() - start };
}
