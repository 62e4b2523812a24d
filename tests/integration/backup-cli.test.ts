import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { Client } from "pg";
import { afterAll, describe, expect, it, vi } from "vitest";
import { openDatabase, type DbHandle } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";
import { createUser } from "@/lib/seed/factories";
import { createTestRegions } from "../setup/regions";

// `npm run admin -- backup FILE` and `restore FILE` as an operator runs them: the real script in
// a child process, from one installation into an empty one, on PGlite data directories, or on
// PostgreSQL databases when TEST_DATABASE_URL names a server (CI runs both suites).

vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });
const root = process.cwd();
const tsx = path.join(root, "node_modules/.bin/tsx");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "layar-backup-cli-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

type Run = { code: number | null; stdout: string; stderr: string };
function admin(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, ["scripts/admin.ts", ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? os.tmpdir(), NODE_ENV: "production", NO_COLOR: "1", PUBLIC_URL: "https://layar.example.go.id", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

type Place = { env: Record<string, string>; dataDir: string; open: () => DbHandle; drop: () => Promise<void> };

function pglitePlace(name: string): Place {
  const dataDir = path.join(work, name);
  return { env: { LAYAR_DATA_DIR: dataDir }, dataDir, open: () => openDatabase(undefined, dataDir), drop: async () => {} };
}

async function serverPlace(serverUrl: string, name: string): Promise<Place> {
  const database = `layar_bcli_${crypto.randomBytes(6).toString("hex")}`;
  const adminClient = new Client({ connectionString: serverUrl });
  await adminClient.connect();
  await adminClient.query(`create database ${database}`);
  await adminClient.end();
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  const dataDir = path.join(work, name);
  return {
    env: { DATABASE_URL: url.toString(), LAYAR_DATA_DIR: dataDir },
    dataDir,
    open: () => openDatabase(url.toString(), dataDir),
    drop: async () => {
      const cleanup = new Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${database} with (force)`);
      await cleanup.end();
    },
  };
}

async function usersOf(place: Place): Promise<string[]> {
  const handle = place.open();
  try {
    const result = (await handle.db.execute(sql`select row_to_json(u)::text as r from users u order by id`)) as unknown as { rows: { r: string }[] };
    return result.rows.map((row) => row.r);
  } finally {
    await handle.close(); // the next child needs the embedded database's lock
  }
}

// The suite's own database only (as in admin-cli.test.ts): CI runs the PGlite suite and the PostgreSQL ones.
const serverUrl = process.env.TEST_DATABASE_URL;
const backends: [string, (name: string) => Promise<Place>][] = serverUrl ? [["PostgreSQL", (name) => serverPlace(serverUrl, name)]] : [["PGlite", async (name) => pglitePlace(name)]];

it("help lists backup and restore", async () => {
  const run = await admin(["help"], { LAYAR_DATA_DIR: work });
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/^\s+backup BERKAS\.tar\s+\S/m);
  expect(run.stdout).toMatch(/^\s+restore BERKAS\.tar\s+\S/m);
});

describe.each(backends)("npm run admin -- backup / restore on %s", (name, make) => {
  it("moves an installation into an empty one: accounts, media and the signing secret", async () => {
    const source = await make(`${name}-source`);
    const target = await make(`${name}-target`);
    try {
      const handle = source.open();
      await runMigrations(handle);
      await createTestRegions(handle.db);
      await createUser(handle.db, { email: "admin@layar.test", role: "organiser", regionCode: "33.13" });
      await handle.close();
      const poster = crypto.randomBytes(50_000);
      fs.mkdirSync(path.join(source.dataDir, "media", "films", "f1"), { recursive: true });
      fs.writeFileSync(path.join(source.dataDir, "media", "films", "f1", "poster.jpg"), poster);
      fs.writeFileSync(path.join(source.dataDir, "auth-secret"), "rahasia-sesi-kantor-lama-0123456789");

      const file = path.join(work, `${name}.tar`);
      const made = await admin(["backup", file], source.env);
      expect(made.stderr).toMatch(/Media lokal: 1 berkas/);
      expect(made.stdout.trim()).toMatch(new RegExp(`^Cadangan ditulis: ${file.replace(/[.]/g, "\\.")} \\(.*1 berkas media\\)\\.$`));
      expect(made.code).toBe(0);

      // The same name again: refused before anything is read, the backup left as it was.
      const size = fs.statSync(file).size;
      const again = await admin(["backup", file], source.env);
      expect(again.code).toBe(2);
      expect(again.stderr.trim()).toBe(`Berkas ${file} sudah ada; pilih nama lain (cadangan tidak ditimpa).`);
      expect(fs.statSync(file).size).toBe(size);

      const restored = await admin(["restore", file], target.env);
      expect(restored.stdout.trim()).toMatch(/^Cadangan \S+ dipulihkan: \d+ tabel, \d+ baris, 1 berkas media/);
      expect(restored.code).toBe(0);
      expect(await usersOf(target)).toEqual(await usersOf(source));
      expect(fs.readFileSync(path.join(target.dataDir, "media", "films", "f1", "poster.jpg")).equals(poster)).toBe(true);
      expect(fs.readFileSync(path.join(target.dataDir, "auth-secret"), "utf8")).toBe("rahasia-sesi-kantor-lama-0123456789");

      // Into an installation that is no longer empty: refused in one line, exit code 1.
      fs.rmSync(path.join(target.dataDir, "media"), { recursive: true });
      const twice = await admin(["restore", file], target.env);
      expect(twice.stdout).toBe("");
      expect(twice.stderr.trim()).toMatch(/^Basis data tujuan tidak kosong: tabel \w+ berisi \d+ baris\. Pulihkan ke basis data yang baru dibuat\.$/);
      expect(twice.code).toBe(1);
    } finally {
      await source.drop();
      await target.drop();
    }
  });
});
