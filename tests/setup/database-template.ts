// Vitest global set-up for the unit and integration suites: one migrated database to copy.
// Every test file gets a fresh database (tests/setup/database.ts); building it from nothing
// costs PGlite an initdb and every migration, three to eight seconds a file on these
// machines, most of the suite's time. So the migrations run once here and each file copies:
//  - PGlite: a dump of the migrated data directory, kept in node_modules/.cache/layar-test
//    under a hash of the migrations and the PGlite version, so later runs reuse it;
//  - a PostgreSQL server (TEST_DATABASE_URL): a template database, same hash in its name,
//    that `create database … template …` copies.
// A file whose migrations changed gets a new hash, so a stale copy is never used.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Client } from "pg";
import type { TestProject } from "vitest/node";
import { drizzle } from "drizzle-orm/pglite";
import { openDatabase } from "@/lib/db/client";
import { migrationsFolder, runMigrations } from "@/lib/db/migrate";
import { databaseUrl } from "./database";

declare module "vitest" {
  export interface ProvidedContext {
    /** A PGlite data-directory dump with every migration applied. */
    pgliteSnapshot: string;
    /** On the TEST_DATABASE_URL server: a database with every migration applied, to copy. */
    pgTemplate: string;
  }
}

const TEMPLATE_PREFIX = "layar_test_template_";

export default async function setup(project: TestProject): Promise<void> {
  const hash = migrationsHash();
  project.provide("pgliteSnapshot", await pgliteSnapshot(hash));
  const serverUrl = process.env.TEST_DATABASE_URL;
  project.provide("pgTemplate", serverUrl ? await serverTemplate(serverUrl, hash) : "");
}

function migrationsHash(): string {
  const digest = crypto.createHash("sha256");
  const pglite = JSON.parse(fs.readFileSync(path.resolve("node_modules/@electric-sql/pglite/package.json"), "utf8")) as { version: string };
  digest.update(`pglite ${pglite.version}\n`);
  for (const file of fs.readdirSync(migrationsFolder, { recursive: true, encoding: "utf8" }).sort()) {
    const full = path.join(migrationsFolder, file);
    if (!fs.statSync(full).isFile()) continue;
    digest.update(`${file}\n`).update(fs.readFileSync(full));
  }
  return digest.digest("hex").slice(0, 16);
}

async function pgliteSnapshot(hash: string): Promise<string> {
  const dir = path.resolve("node_modules/.cache/layar-test");
  const file = path.join(dir, `pglite-${hash}.tar`);
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(dir, { recursive: true });
  const client = new PGlite();
  try {
    await runMigrations({ db: drizzle({ client }) as never, kind: "pglite", close: () => client.close() });
    const dump = await client.dumpDataDir("none");
    // Written beside, then renamed: a run that stops half-way never leaves a broken snapshot.
    const partial = `${file}.${process.pid}.partial`;
    fs.writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(partial, file);
  } finally {
    await client.close();
  }
  for (const old of fs.readdirSync(dir)) if (old.startsWith("pglite-") && old !== path.basename(file)) fs.rmSync(path.join(dir, old), { force: true });
  return file;
}

async function serverTemplate(serverUrl: string, hash: string): Promise<string> {
  const name = `${TEMPLATE_PREFIX}${hash}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const existing = await admin.query<{ datname: string }>("select datname from pg_database where datname like $1", [`${TEMPLATE_PREFIX}%`]);
    if (existing.rows.some((r) => r.datname === name)) return name;
    // Migrated under a temporary name and renamed when complete, so a half-made template is never copied.
    const building = `${name}_${crypto.randomBytes(3).toString("hex")}`;
    await admin.query(`create database ${building}`);
    const handle = openDatabase(databaseUrl(serverUrl, building), "/nonexistent");
    try {
      await runMigrations(handle);
    } finally {
      await handle.close();
    }
    try {
      await admin.query(`alter database ${building} rename to ${name}`);
    } catch (error) {
      // Another run (the other Node's line, say) finished the same template first.
      await admin.query(`drop database if exists ${building} with (force)`);
      if ((await admin.query("select 1 from pg_database where datname = $1", [name])).rowCount !== 1) throw error;
    }
    // Templates of older migrations go.
    for (const { datname } of existing.rows) if (!datname.startsWith(name)) await admin.query(`drop database if exists ${datname} with (force)`);
    return name;
  } finally {
    await admin.end();
  }
}
