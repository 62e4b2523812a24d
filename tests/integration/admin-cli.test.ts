import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { resetPasswordAction } from "@/lib/actions/account-actions";
import { initialFormState } from "@/lib/actions/form-state";
import { adminCommands } from "@/lib/admin/commands";
import { runAdmin } from "@/lib/admin/run-admin";
import { authenticate } from "@/lib/auth/authenticate";
import { UNUSABLE_PASSWORD } from "@/lib/auth/organiser-accounts";
import { passwordTokenState, resetPassword } from "@/lib/auth/reset-password";
import { openDatabase, openMemoryDatabase, setDatabase, type DbHandle } from "@/lib/db/client";
import { lockDataDir } from "@/lib/db/data-dir-lock";
import { runMigrations } from "@/lib/db/migrate";
import { auditLog, passwordResetTokens, users } from "@/lib/db/schema";
import { createTestRegions } from "../setup/regions";

// `npm run admin` as an operator runs it: the real script in a child process, against an
// embedded database in a data directory, or against a PostgreSQL server when
// TEST_DATABASE_URL names one (CI runs both suites), with its exit codes, its one line on standard
// error for every refusal, and a printed link that really sets the password.

// Every test starts the real script, several times: a second or two each on a quiet machine, far
// more while other suites run beside it.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

const root = process.cwd();
const tsx = path.join(root, "node_modules/.bin/tsx");
const publicUrl = "https://layar.example.go.id";
const hour = 3_600_000;

type Run = { code: number | null; stdout: string; stderr: string };

function admin(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, ["scripts/admin.ts", ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? os.tmpdir(), NODE_ENV: "production", NO_COLOR: "1", PUBLIC_URL: publicUrl, ...env },
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

/** A refusal: nothing on standard output, exactly one line on standard error. */
function expectRefusal(run: Run, code: 1 | 2, line: string | RegExp) {
  expect(run.stdout).toBe("");
  expect(run.stderr.endsWith("\n") && run.stderr.split("\n").length === 2, `one line: ${JSON.stringify(run.stderr)}`).toBe(true);
  if (typeof line === "string") expect(run.stderr.trim()).toBe(line);
  else expect(run.stderr.trim()).toMatch(line);
  expect(run.code).toBe(code);
}

const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value);
  return data;
};

type Backend = {
  name: string;
  env: Record<string, string>;
  /** Opens the backend's database in this process (close it before the next child on PGlite). */
  open: () => DbHandle;
  drop: () => Promise<void>;
};

async function pgliteBackend(): Promise<Backend> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "layar-cli-"));
  const handle = openDatabase(undefined, dir);
  await runMigrations(handle);
  await createTestRegions(handle.db);
  await handle.close(); // the child needs the data directory's lock
  return { name: "PGlite", env: { LAYAR_DATA_DIR: dir }, open: () => openDatabase(undefined, dir), drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

async function createServerDatabase(serverUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `layar_cli_${crypto.randomBytes(6).toString("hex")}`;
  const adminClient = new Client({ connectionString: serverUrl });
  await adminClient.connect();
  await adminClient.query(`create database ${name}`);
  await adminClient.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const cleanup = new Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

async function postgresBackend(serverUrl: string): Promise<Backend> {
  const created = await createServerDatabase(serverUrl);
  const handle = openDatabase(created.url, "/nonexistent");
  await runMigrations(handle);
  await createTestRegions(handle.db);
  await handle.close();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "layar-cli-pg-"));
  return {
    name: "PostgreSQL",
    // No embedded database in that data directory: the command must use DATABASE_URL.
    env: { DATABASE_URL: created.url, LAYAR_DATA_DIR: dir },
    open: () => openDatabase(created.url, dir),
    drop: async () => {
      fs.rmSync(dir, { recursive: true, force: true });
      await created.drop();
    },
  };
}

// The suite's own database: the PostgreSQL server when it has one (CI's PostgreSQL suites),
// the embedded one otherwise (the PGlite suite, which CI runs too). Every start of the script
// costs seconds, so each suite runs it against one backend.
const serverUrl = process.env.TEST_DATABASE_URL;
const backends: [string, () => Promise<Backend>][] = serverUrl ? [["PostgreSQL", () => postgresBackend(serverUrl)]] : [["PGlite", pgliteBackend]];

describe.each(backends)("npm run admin on %s", (_name, make) => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await make();
  });
  afterAll(() => backend.drop());

  /** Reads the database between children, and closes it again. */
  async function inDatabase<T>(body: (handle: DbHandle) => Promise<T>): Promise<T> {
    const handle = backend.open();
    try {
      return await body(handle);
    } finally {
      await handle.close();
    }
  }

  let firstLink = "";

  it("create-organiser makes an active organiser with no usable password and prints only the one-time link", async () => {
    const started = Date.now();
    const run = await admin(["create-organiser", "--email", "Admin@Karanganyarkab.go.id", "--name", "Diskominfo Karanganyar", "--region", "33.13"], backend.env);
    expect(run.stderr).toMatch(/^Akun panitia Diskominfo Karanganyar <admin@karanganyarkab\.go\.id> untuk Kabupaten Karanganyar \(33\.13\) dibuat\. .*berlaku sampai .+ WIB, sekali pakai\.\n$/);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^https:\/\/layar\.example\.go\.id\/atur-ulang-sandi\/[A-Za-z0-9_-]{20,}\n$/);
    firstLink = run.stdout.trim();

    await inDatabase(async ({ db }) => {
      const [user] = await db.select().from(users).where(eq(users.email, "admin@karanganyarkab.go.id"));
      expect(user).toMatchObject({ role: "organiser", status: "active", regionCode: "33.13", name: "Diskominfo Karanganyar", passwordHash: UNUSABLE_PASSWORD });
      const [token] = await db.select().from(passwordResetTokens).where(eq(passwordResetTokens.userId, user.id));
      expect(token.purpose).toBe("setup");
      expect(Math.abs(token.expiresAt.getTime() - (started + 24 * hour))).toBeLessThan(5 * 60_000);
      const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, "organiser.create"));
      expect(audit).toMatchObject({ actorId: null, entityType: "user", entityId: user.id, editionId: null });
      expect(audit.data).toMatchObject({ via: "cli", regionCode: "33.13" });
      expect(await passwordTokenState(db, firstLink.split("/").pop()!)).toMatchObject({ state: "open", purpose: "setup", email: "admin@karanganyarkab.go.id" });
    });
  });

  it("refuses bad input with one line and exit code 2, and writes nothing", async () => {
    const before = await inDatabase(async ({ db }) => ({
      users: (await db.select({ n: count() }).from(users))[0].n,
      audit: (await db.select({ n: count() }).from(auditLog))[0].n,
      tokens: (await db.select({ n: count() }).from(passwordResetTokens))[0].n,
    }));
    const create = (email: string, region: string) => ["create-organiser", "--email", email, "--name", "Panitia Uji", "--region", region];
    const usage = "Pemakaian: npm run admin -- create-organiser --email E --name N --region CODE";
    // Refused by looking in the database: one child at a time (the embedded database has one user).
    const byDatabase: [string[], string][] = [
      [create("baru@layar.test", "99.99"), "Kode wilayah 99.99 tidak dikenal. Pakai kode Kemendagri provinsi (mis. 33) atau kabupaten/kota (mis. 33.13)."],
      [create("baru@layar.test", "33.13.11.2004"), "33.13.11.2004 adalah desa/kelurahan Dagen; pilih kode provinsi atau kabupaten/kota (mis. 33 atau 33.13)."],
      [create("baru@layar.test", "33.13.11"), "33.13.11 adalah kecamatan Jaten; pilih kode provinsi atau kabupaten/kota (mis. 33 atau 33.13)."],
      [
        create("ADMIN@karanganyarkab.go.id", "33"),
        "Email admin@karanganyarkab.go.id sudah dipakai akun lain. Tautan kata sandi baru untuk akun itu: npm run admin -- password-link --email admin@karanganyarkab.go.id",
      ],
      [["password-link", "--email", "tidak.ada@layar.test"], "Tidak ada akun dengan email tidak.ada@layar.test."],
    ];
    for (const [args, line] of byDatabase) expectRefusal(await admin(args, backend.env), 2, line);
    // Refused before the database is opened: these may run side by side.
    const byArguments: [string[], string][] = [
      [create("baru@layar.test", "Karanganyar"), "--region: Kode wilayah berupa angka Kemendagri, mis. 33 (provinsi) atau 33.13 (kabupaten/kota)."],
      [create("bukan-email", "33"), "--email: Masukkan alamat email yang benar."],
      [["create-organiser", "--email", "baru@layar.test", "--name", "Panitia Uji"], `Opsi --region wajib diisi. ${usage}`],
      [["create-organiser", "--email", "baru@layar.test", "--name", "Panitia Uji", "--region", "33", "--provinsi", "33"], `Opsi --provinsi tidak dikenal. ${usage}`],
      [["buat-panitia", "--email", "baru@layar.test"], 'Perintah "buat-panitia" tidak dikenal. Lihat daftar perintah: npm run admin -- help'],
      [["password-link"], "Opsi --email wajib diisi. Pemakaian: npm run admin -- password-link --email E"],
    ];
    const runs = await Promise.all(byArguments.map(([args]) => admin(args, backend.env)));
    runs.forEach((run, i) => expectRefusal(run, 2, byArguments[i][1]));
    const after = await inDatabase(async ({ db }) => ({
      users: (await db.select({ n: count() }).from(users))[0].n,
      audit: (await db.select({ n: count() }).from(auditLog))[0].n,
      tokens: (await db.select({ n: count() }).from(passwordResetTokens))[0].n,
    }));
    expect(after).toEqual(before);
  });

  it("password-link replaces the first link; the new one sets the password once, through the page's action, and then sign-in works", async () => {
    const run = await admin(["password-link", "--email", "admin@karanganyarkab.go.id"], backend.env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^https:\/\/layar\.example\.go\.id\/atur-ulang-sandi\/[A-Za-z0-9_-]{20,}\n$/);
    expect(run.stderr).toMatch(/^Tautan kata sandi untuk Diskominfo Karanganyar <admin@karanganyarkab\.go\.id> berlaku sampai .+ WIB, sekali pakai\.\n$/);
    const link = run.stdout.trim();
    expect(link).not.toBe(firstLink);
    const token = link.split("/").pop()!;

    await inDatabase(async (handle) => {
      const { db } = handle;
      expect(await passwordTokenState(db, firstLink.split("/").pop()!)).toEqual({ state: "unknown" });
      // 24 hours, not the reset link's 60 minutes.
      const tomorrow = new Date(Date.now() + 23 * hour);
      expect((await passwordTokenState(db, token, tomorrow)).state).toBe("open");
      expect((await passwordTokenState(db, token, new Date(Date.now() + 25 * hour))).state).toBe("expired");
      await expect(resetPassword(db, { token, password: "sandi-panitia-123", confirm: "sandi-panitia-123" }, new Date(Date.now() + 25 * hour))).rejects.toThrow(
        "Tautan pembuatan kata sandi sudah dipakai atau kedaluwarsa. Minta tautan baru kepada pengelola Layar.",
      );

      setDatabase(handle);
      try {
        await expect(resetPasswordAction(initialFormState, form({ token, password: "sandi-panitia-123", confirm: "sandi-panitia-123" }))).rejects.toMatchObject({
          digest: expect.stringContaining("/masuk?sandi=baru"),
        });
        const again = await resetPasswordAction(initialFormState, form({ token, password: "sandi-lain-45678", confirm: "sandi-lain-45678" }));
        expect(again.message).toBe("Tautan pembuatan kata sandi sudah dipakai atau kedaluwarsa. Minta tautan baru kepada pengelola Layar.");
      } finally {
        setDatabase(undefined);
      }
      expect(await passwordTokenState(db, token)).toEqual({ state: "used", purpose: "setup" });
      await expect(authenticate(db, { email: "admin@karanganyarkab.go.id", password: "sandi-panitia-123" }, "127.0.0.1")).resolves.toMatchObject({ role: "organiser", regionCode: "33.13" });
      const actions = (await db.select({ action: auditLog.action }).from(auditLog)).map((a) => a.action);
      expect(actions).toEqual(expect.arrayContaining(["organiser.create", "password.setup_link", "password.setup"]));
    });
  });

  it("makes a province organiser too", async () => {
    const run = await admin(["create-organiser", "--email=admin@jatengprov.go.id", "--name=Diskominfo Jawa Tengah", "--region=33"], backend.env);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("untuk Jawa Tengah (33) dibuat");
    await inDatabase(async ({ db }) => {
      expect((await db.select().from(users).where(eq(users.email, "admin@jatengprov.go.id")))[0]).toMatchObject({ role: "organiser", regionCode: "33" });
    });
  });
});

describe("npm run admin, the environment", () => {
  it("help lists every command with its usage", async () => {
    const run = await admin(["help"], { LAYAR_DATA_DIR: "/nonexistent" });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    for (const command of adminCommands) expect(run.stdout).toContain(`  ${command.usage}`);
    expect(run.stdout).toContain("create-organiser --email E --name N --region CODE");
    expect(run.stdout).toContain("password-link --email E");
  });

  it("says the embedded database is in use while another process holds it (exit 1), and works once it is free", async () => {
    const backend = await pgliteBackend();
    try {
      // This test process plays the running server: it holds the data directory's lock.
      const release = lockDataDir(path.join(backend.env.LAYAR_DATA_DIR, "pglite"));
      let run: Run;
      try {
        run = await admin(["password-link", "--email", "siapa@layar.test"], backend.env);
      } finally {
        release();
      }
      expectRefusal(run, 1, new RegExp(`^Basis data tertanam di .+ sedang dipakai proses lain \\(PID ${process.pid}, biasanya server Layar\\)\\. Hentikan server dulu`));
      expectRefusal(await admin(["password-link", "--email", "siapa@layar.test"], backend.env), 2, "Tidak ada akun dengan email siapa@layar.test.");
    } finally {
      await backend.drop();
    }
  });

  it("asks for npm run db:migrate when the data directory has no database yet (exit 1), without creating one", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "layar-cli-empty-"));
    try {
      const run = await admin(["create-organiser", "--email", "a@layar.test", "--name", "Panitia", "--region", "33"], { LAYAR_DATA_DIR: dir });
      expectRefusal(run, 1, `Basis data di ${dir} belum disiapkan. Jalankan dulu: npm run db:migrate`);
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("asks for npm run db:migrate when the database exists but has no tables (exit 1)", async () => {
    // In-process with an empty database; on a PostgreSQL server the real script is run below.
    const err: string[] = [];
    const code = await runAdmin(["password-link", "--email", "a@layar.test"], {
      out: () => undefined,
      err: (text) => err.push(text),
      readFile: async () => "",
      openDb: async () => openMemoryDatabase(),
    });
    expect([code, err]).toEqual([1, ["Basis data belum disiapkan. Jalankan dulu: npm run db:migrate"]]);

    if (serverUrl) {
      const empty = await createServerDatabase(serverUrl);
      try {
        expectRefusal(await admin(["password-link", "--email", "a@layar.test"], { DATABASE_URL: empty.url, LAYAR_DATA_DIR: "/nonexistent" }), 1, "Basis data belum disiapkan. Jalankan dulu: npm run db:migrate");
      } finally {
        await empty.drop();
      }
    }
  });

  it("says so in one line when the PostgreSQL server cannot be reached (exit 1)", async () => {
    const run = await admin(["password-link", "--email", "a@layar.test"], { DATABASE_URL: "postgres://postgres@127.0.0.1:9/layar", LAYAR_DATA_DIR: "/nonexistent" });
    expectRefusal(run, 1, /^Tidak dapat terhubung ke basis data \(DATABASE_URL\): .*ECONNREFUSED/);
  });
});
