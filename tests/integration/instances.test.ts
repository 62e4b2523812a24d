import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { Client } from "pg";
import { afterAll, describe, expect, it, vi } from "vitest";
import { openDatabase, openMemoryDatabase, type DbHandle } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";
import { filmMedia, regions, users } from "@/lib/db/schema";
import { setupDatabase } from "@/lib/db/setup-database";
import { defaultRules } from "@/lib/editions/defaults";
import { readRegionRows } from "@/lib/regions/import-regions";
import { createEdition, createFilm, createKim, createUser } from "@/lib/seed/factories";
import { demoAccounts } from "@/lib/seed/seed-demo";
import { LocalStorage } from "@/lib/storage/local";
import { createTestRegions } from "../setup/regions";
import { sessionCookie, startUploadServer } from "../setup/upload-server";

// Several app instances on one database: they start together on an empty one, they share
// uploads, and the server ends their idle connections. On PGlite one process owns the
// database, so only the start is tested there (two set-ups at once in that process); the rest
// runs on the PostgreSQL server when TEST_DATABASE_URL names one (as CI does).

vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });
const serverUrl = process.env.TEST_DATABASE_URL;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "layar-instances-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** A new, empty database on the server (nothing migrated), and how to drop it. */
async function serverDatabase(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `layar_inst_${crypto.randomBytes(6).toString("hex")}`;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    url: target.toString(),
    drop: async () => {
      const cleanup = new Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/** A PATCH of `length` bytes whose client sends `first` and then goes silent, connection open. */
function stalledPatch(url: string, cookie: string, length: number, first: Buffer) {
  const { port, pathname } = new URL(url);
  const socket = net.connect(Number(port), "127.0.0.1");
  const stalled = { socket, answer: "" };
  socket.on("data", (c: Buffer) => (stalled.answer += c.toString()));
  socket.on("error", () => {});
  const head = { cookie, "Tus-Resumable": "1.0.0", "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream", "Content-Length": String(length), Host: "127.0.0.1" };
  socket.write(`PATCH ${pathname} HTTP/1.1\r\n${Object.entries(head).map(([k, v]) => `${k}: ${v}`).join("\r\n")}\r\n\r\n`);
  socket.write(first);
  return stalled;
}

async function expectSetUpOnce(reader: DbHandle, reports: { seeded: boolean }[]) {
  expect(reports.filter((r) => r.seeded)).toHaveLength(1);
  const [{ n: accounts }] = await reader.db.select({ n: count() }).from(users);
  expect(accounts).toBe(demoAccounts.length);
  const [{ n: places }] = await reader.db.select({ n: count() }).from(regions);
  expect(places).toBe(readRegionRows().length);
}

describe("first start on an empty database", () => {
  it("PGlite: two set-ups at once (migrations, regions, demo) both succeed, and the demo is made once", async () => {
    const handle = openMemoryDatabase();
    try {
      const dataDir = path.join(work, "pglite-boot");
      const reports = await Promise.all([setupDatabase(handle, { seed: true, dataDir }), setupDatabase(handle, { seed: true, dataDir })]);
      await expectSetUpOnce(handle, reports);
    } finally {
      await handle.close();
    }
  });

  if (serverUrl) {
    it("PostgreSQL: two instances (separate pools) set up at once, both succeed, and the demo is made once", async () => {
      const database = await serverDatabase(serverUrl);
      const dataDir = path.join(work, "pg-boot");
      const a = openDatabase(database.url, dataDir);
      const b = openDatabase(database.url, dataDir);
      try {
        const reports = await Promise.all([setupDatabase(a, { seed: true, dataDir }), setupDatabase(b, { seed: true, dataDir })]);
        await expectSetUpOnce(a, reports);
      } finally {
        await Promise.all([a.close(), b.close()]);
        await database.drop();
      }
    });
  }
});

if (serverUrl) {
  describe("PostgreSQL: a connection the server ends", () => {
    it("is logged, the process lives on, and the next query works (a separate process, as the server runs)", async () => {
      const database = await serverDatabase(serverUrl);
      try {
        const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
          const child = spawn(path.join(process.cwd(), "node_modules/.bin/tsx"), ["tests/setup/terminate-idle-connection.ts"], {
            env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? os.tmpdir(), NODE_ENV: "production", NO_COLOR: "1", DATABASE_URL: database.url, LAYAR_DATA_DIR: work },
            stdio: ["ignore", "pipe", "pipe"],
          });
          let stdout = "";
          let stderr = "";
          child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
          child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
          child.on("error", reject);
          child.on("close", (code) => resolve({ code, stdout, stderr }));
        });
        expect(run.stderr).toMatch(/Koneksi basis data yang menganggur terputus/);
        expect(run.stdout.trim()).toBe("terminated 1; next query 2");
        expect(run.code).toBe(0);
      } finally {
        await database.drop();
      }
    });
  });

  describe("PostgreSQL: one writer per upload across two instances", () => {
    it("a PATCH hanging on instance A gives way to the resume on instance B (A stops writing, B's bytes are the file), and stops when its lock connection is lost", async () => {
      const database = await serverDatabase(serverUrl);
      const a = openDatabase(database.url, work);
      const b = openDatabase(database.url, work);
      // Two instances: their own pools and their own upload endpoint, one shared media folder.
      const mediaRoot = path.join(work, "shared-media");
      const storage = () => new LocalStorage(mediaRoot, 48 * 3_600_000);
      let instanceA: Awaited<ReturnType<typeof startUploadServer>> | undefined;
      let instanceB: Awaited<ReturnType<typeof startUploadServer>> | undefined;
      try {
        await runMigrations(a);
        await createTestRegions(a.db);
        const kim = await createKim(a.db, { name: "KIM A", districtCode: "33.13.08" });
        const owner = await createUser(a.db, { email: "a@layar.test", role: "kim", kimId: kim.id, regionCode: "33.13" });
        const edition = await createEdition(a.db, {
          title: "Festival Dua Instans",
          regionCode: "33",
          status: "pendaftaran",
          submissionOpensAt: new Date("2026-11-01T00:00:00+07:00"),
          submissionClosesAt: new Date("2026-12-31T23:59:00+07:00"),
          rules: { ...defaultRules, maxFileBytes: 3 * 1024 * 1024 },
        });
        const film = await createFilm(a.db, { editionId: edition.id, kimId: kim.id, code: "T-DUA", title: "Dua Instans", synopsis: "Satu penulis untuk satu unggahan." });
        // A on local disk answers PATCHes itself, as server.mjs does; B goes through @tus/server.
        instanceA = await startUploadServer(a.db, storage(), { direct: true });
        instanceB = await startUploadServer(b.db, storage());
        for (const i of [instanceA, instanceB]) i.clock.now = new Date("2026-12-01T10:00:00+07:00");
        const cookie = await sessionCookie(owner.id, a.db);

        const bytes = crypto.randomBytes(300_000);
        const create = await fetch(instanceA.endpoint, {
          method: "POST",
          headers: { cookie, "Tus-Resumable": "1.0.0", "Upload-Length": String(bytes.length), "Upload-Metadata": `filmId ${Buffer.from(film.id).toString("base64")}` },
        });
        expect(create.status).toBe(201);
        const uploadPath = new URL(create.headers.get("location")!, instanceA.origin).pathname;
        const onA = new URL(uploadPath, instanceA.origin).toString();
        const onB = new URL(uploadPath, instanceB.origin).toString();
        const file = path.join(mediaRoot, "uploads", uploadPath.split("/").pop()!);

        // A phone sends part of the chunk to A, then loses its signal without closing the connection.
        const stalled = stalledPatch(onA, cookie, bytes.length, bytes.subarray(0, 120_000));
        const answerOnA = () => stalled.answer;
        await vi.waitFor(() => expect(fs.statSync(file).size).toBe(120_000), { timeout: 10_000, interval: 50 });

        try {
          // The client resumes through the load balancer, which sends it to B: where is the upload?
          const resume = await fetch(onB, { method: "HEAD", headers: { cookie, "Tus-Resumable": "1.0.0" } });
          expect(resume.status).toBe(200);
          expect(resume.headers.get("upload-offset")).toBe("120000");
          // A was asked to stop and answered with what it kept.
          await vi.waitFor(() => expect(answerOnA()).toMatch(/^HTTP\/1\.1 204[\s\S]*Upload-Offset: 120000/i), { timeout: 10_000, interval: 50 });
          const rest = await fetch(onB, {
            method: "PATCH",
            headers: { cookie, "Tus-Resumable": "1.0.0", "Upload-Offset": "120000", "Content-Type": "application/offset+octet-stream" },
            body: bytes.subarray(120_000),
          });
          expect(rest.status).toBe(204);
          expect(rest.headers.get("upload-offset")).toBe(String(bytes.length));
          // The stale connection to A wakes up and sends the rest of its old chunk (other bytes):
          // none of it may land in the file.
          stalled.socket.write(Buffer.alloc(100_000, 0xaa));
          await new Promise((r) => setTimeout(r, 500));
        } finally {
          stalled.socket.destroy();
        }
        expect(crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex")).toBe(crypto.createHash("sha256").update(bytes).digest("hex"));
        const [media] = await a.db.select().from(filmMedia).where(eq(filmMedia.filmId, film.id));
        expect(media.status).toBe("received");

        // A's lock connection is lost (a database restart, a network cut): the server dropped the
        // lock with the session, so A's hanging PATCH stops at once instead of writing unguarded.
        const second = await createFilm(a.db, { editionId: edition.id, kimId: kim.id, code: "T-DUA-2", title: "Dua Instans 2", synopsis: "Kunci hilang, penulis berhenti." });
        const create2 = await fetch(instanceA.endpoint, {
          method: "POST",
          headers: { cookie, "Tus-Resumable": "1.0.0", "Upload-Length": String(bytes.length), "Upload-Metadata": `filmId ${Buffer.from(second.id).toString("base64")}` },
        });
        expect(create2.status).toBe(201);
        const onA2 = new URL(create2.headers.get("location")!, instanceA.origin).toString();
        const stalled2 = stalledPatch(onA2, cookie, bytes.length, bytes.subarray(0, 50_000));
        try {
          await vi.waitFor(() => expect(fs.statSync(path.join(mediaRoot, "uploads", onA2.split("/").pop()!)).size).toBe(50_000), { timeout: 10_000, interval: 50 });
          const killer = new Client({ connectionString: database.url });
          await killer.connect();
          const ended = await killer.query("select pg_terminate_backend(pid) as ok from pg_locks where locktype = 'advisory' and granted and database = (select oid from pg_database where datname = current_database())");
          await killer.end();
          expect(ended.rows).toEqual([{ ok: true }]); // A's lock, on its own connection
          await vi.waitFor(() => expect(stalled2.answer).toMatch(/^HTTP\/1\.1 204[\s\S]*Upload-Offset: 50000/i), { timeout: 10_000, interval: 50 });
        } finally {
          stalled2.socket.destroy();
        }
      } finally {
        await Promise.all([instanceA?.stop(), instanceB?.stop()]);
        await Promise.all([a.close(), b.close()]);
        await database.drop();
      }
    });
  });
}
