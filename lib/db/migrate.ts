import path from "node:path";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { DbHandle } from "./client";

export const migrationsFolder = path.resolve(process.cwd(), "drizzle");

/** Applies the committed drizzle-kit migrations; already-applied ones are skipped. */
export async function runMigrations(handle: DbHandle, folder = migrationsFolder): Promise<void> {
  if (handle.kind === "postgres") await migratePg(handle.db as unknown as NodePgDatabase, { migrationsFolder: folder });
  else await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder: folder });
}
