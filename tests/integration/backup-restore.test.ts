import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BackupError, createBackup, type BackupReport } from "@/lib/admin/backup/backup";
import { restoreBackup } from "@/lib/admin/backup/restore";
import { openDatabase, openMemoryDatabase, type DbHandle, type DbLike } from "@/lib/db/client";
import { migrationsFolder, runMigrations } from "@/lib/db/migrate";
import { filmMedia, films } from "@/lib/db/schema";
import { setupDatabase } from "@/lib/db/setup-database";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";

// `npm run admin -- backup` / `restore` as functions: the demo (every table, the sample clips and
// posters, a partial upload) into one file and back into an empty database and data directory,
// on PGlite, and on the PostgreSQL server when TEST_DATABASE_URL names one (as CI does).

let source: Awaited<ReturnType<typeof createTestDatabase>>;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "layar-backup-"));
const sourceDir = path.join(work, "source");
const file = path.join(work, "cadangan.tar");
const secret = crypto.randomBytes(32).toString("base64url");
let report: BackupReport;

/** A database that has never been set up: PGlite in memory, or a new database on the server. */
async function emptyDatabase(): Promise<DbHandle & { drop: () => Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const handle = openMemoryDatabase();
    return { ...handle, drop: () => handle.close() };
  }
  const name = `layar_restore_${crypto.randomBytes(6).toString("hex")}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = openDatabase(url.toString(), "/nonexistent");
  return {
    ...handle,
    drop: async () => {
      await handle.close();
      const cleanup = new Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

async function query<T>(db: DbLike, text: string): Promise<T[]> {
  return ((await db.execute(sql.raw(text))) as unknown as { rows: T[] }).rows;
}

/** Every table of the schema with every row as PostgreSQL's JSON of it, sorted. */
async function everyTable(db: DbLike): Promise<Record<string, string[]>> {
  const tables = await query<{ name: string }>(db, "select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'");
  const out: Record<string, string[]> = {};
  for (const { name } of tables) out[name] = (await query<{ r: string }>(db, `select row_to_json(t)::text as r from "${name}" t`)).map((row) => row.r).sort();
  return out;
}

/** Every file under a folder with its SHA-256. */
function everyFile(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out[path.relative(root, full)] = crypto.createHash("sha256").update(fs.readFileSync(full)).digest("hex");
  }
  return out;
}

beforeAll(async () => {
  source = await createTestDatabase();
  const setup = await setupDatabase(source, { seed: true, dataDir: sourceDir });
  expect(setup.seeded).toBe(true);
  // A KIM's upload interrupted half-way (tus keeps its bytes and a .json beside them), and one
  // poster kept on S3: listed in the backup, not copied.
  fs.mkdirSync(path.join(sourceDir, "media", "uploads"), { recursive: true });
  fs.writeFileSync(path.join(sourceDir, "media", "uploads", "0b5e2a1c-7d0e-4f7e-9a55-3f0c8d1e2b44"), crypto.randomBytes(70_000));
  fs.writeFileSync(path.join(sourceDir, "media", "uploads", "0b5e2a1c-7d0e-4f7e-9a55-3f0c8d1e2b44.json"), JSON.stringify({ id: "0b5e2a1c-7d0e-4f7e-9a55-3f0c8d1e2b44", size: 200_000, offset: 0 }));
  const [film] = await source.db.select().from(films).limit(1);
  await source.db.insert(filmMedia).values({ filmId: film.id, kind: "poster", storageDriver: "s3", storageKey: `films/${film.id}/poster-s3.jpg`, status: "ok", isCurrent: false, sizeBytes: 1234 });
  report = await createBackup({ db: source.db, kind: source.kind, dataDir: sourceDir, authSecret: { value: secret, from: "data-dir" }, file });
}, 300_000);
afterAll(async () => {
  await source.drop();
  fs.rmSync(work, { recursive: true, force: true });
});

describe("backup and restore", () => {
  it("round-trips the demo: every table, every file and the signing secret, into an empty database and data directory", async () => {
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(report.files).toBeGreaterThanOrEqual(10); // 4 clips, 4 posters, the partial upload and its .json
    expect(report.external).toEqual([expect.objectContaining({ driver: "s3", sizeBytes: 1234 })]);
    const targetDir = path.join(work, "target");
    const target = await emptyDatabase();
    try {
      const restored = await restoreBackup({ handle: target, dataDir: targetDir, file });
      expect(restored.rows).toBe(report.rows);

      const before = await everyTable(source.db);
      const after = await everyTable(target.db);
      expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
      for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table]);
      // The demo really is in it (not two empty databases compared).
      expect(before.users.length).toBeGreaterThan(5);
      expect(before.regions.length).toBeGreaterThan(90_000);
      expect(before.film_media.length).toBeGreaterThan(8);

      const files = everyFile(path.join(targetDir, "media"));
      expect(files).toEqual(everyFile(path.join(sourceDir, "media")));
      expect(Object.keys(files)).toHaveLength(report.files);
      expect(fs.readFileSync(path.join(targetDir, "auth-secret"), "utf8")).toBe(secret);

      // New rows get new numbers: every serial sequence is past what was restored.
      const serials = await query<{ table: string; column: string }>(target.db, "select table_name as table, column_name as column from information_schema.columns where table_schema = 'public' and column_default like 'nextval(%'");
      expect(serials.length).toBeGreaterThan(0);
      for (const { table, column } of serials) {
        const [{ next, max }] = await query<{ next: string; max: string | null }>(target.db, `select nextval(pg_get_serial_sequence('"${table}"', '${column}'))::text as next, (select max("${column}")::text from "${table}") as max`);
        expect(BigInt(next) > BigInt(max ?? 0), `${table}.${column}`).toBe(true);
      }

      // A second restore into the same, now filled, database and folder is refused, nothing touched.
      const users = before.users.length;
      await expect(restoreBackup({ handle: target, dataDir: path.join(work, "other"), file })).rejects.toThrow(/tidak kosong: tabel \w+ berisi \d+ baris/);
      expect((await everyTable(target.db)).users).toHaveLength(users);
    } finally {
      await target.drop();
    }
  }, 300_000);

  it("refuses a data directory whose media folder already holds files, before touching the database", async () => {
    const targetDir = path.join(work, "busy");
    fs.mkdirSync(path.join(targetDir, "media", "films"), { recursive: true });
    fs.writeFileSync(path.join(targetDir, "media", "films", "x.mp4"), "x");
    const target = await emptyDatabase();
    try {
      await expect(restoreBackup({ handle: target, dataDir: targetDir, file })).rejects.toThrow(BackupError);
      const tables = await query<{ n: number }>(target.db, "select count(*)::int as n from information_schema.tables where table_schema = 'public'");
      expect(Number(tables[0].n)).toBe(0);
    } finally {
      await target.drop();
    }
  });

  it("refuses a damaged file and a file that is not a backup", async () => {
    const damaged = path.join(work, "rusak.tar");
    const bytes = fs.readFileSync(file);
    // Flip one byte inside the users table's member: caught by its SHA-256, the restore rolls back.
    const marker = bytes.indexOf(Buffer.from("database/users.ndjson.gz"));
    expect(marker).toBeGreaterThan(-1);
    bytes[marker + 512 + 40] ^= 0xff;
    fs.writeFileSync(damaged, bytes);
    const target = await emptyDatabase();
    try {
      await expect(restoreBackup({ handle: target, dataDir: path.join(work, "damaged"), file: damaged })).rejects.toThrow(/rusak/);
      expect((await query<{ n: number }>(target.db, "select count(*)::int as n from users"))[0].n).toBe(0);
    } finally {
      await target.drop();
    }
    const notBackup = path.join(work, "bukan.tar");
    fs.writeFileSync(notBackup, "ini bukan arsip");
    const other = await emptyDatabase();
    try {
      await expect(restoreBackup({ handle: other, dataDir: path.join(work, "none"), file: notBackup })).rejects.toThrow(/bukan cadangan Layar/);
    } finally {
      await other.drop();
    }
  }, 300_000);

  it("restores a backup made before the latest migration, then runs that migration", async () => {
    // A database as the previous version left it: every migration but the last.
    const folder = fs.mkdtempSync(path.join(work, "migrations-"));
    fs.cpSync(migrationsFolder, folder, { recursive: true });
    const journalFile = path.join(folder, "meta", "_journal.json");
    const journal = JSON.parse(fs.readFileSync(journalFile, "utf8")) as { entries: { tag: string }[] };
    const all = journal.entries.length;
    journal.entries = journal.entries.slice(0, -1);
    fs.writeFileSync(journalFile, JSON.stringify(journal));
    const old = await emptyDatabase();
    const target = await emptyDatabase();
    try {
      await runMigrations(old, folder);
      await createTestRegions(old.db);
      const oldFile = path.join(work, "lama.tar");
      await createBackup({ db: old.db, kind: old.kind, dataDir: path.join(work, "old"), authSecret: { value: secret, from: "data-dir" }, file: oldFile });
      await restoreBackup({ handle: target, dataDir: path.join(work, "upgraded"), file: oldFile });
      const [{ n }] = await query<{ n: number }>(target.db, "select count(*)::int as n from drizzle.__drizzle_migrations");
      expect(Number(n)).toBe(all);
      expect((await everyTable(target.db)).regions).toEqual((await everyTable(old.db)).regions);
    } finally {
      await old.drop();
      await target.drop();
    }
  });

  it("never overwrites an existing file", async () => {
    await expect(createBackup({ db: source.db, kind: source.kind, dataDir: sourceDir, authSecret: { value: secret, from: "data-dir" }, file })).rejects.toThrow(/sudah ada/);
  });
});
