import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { Client } from "pg";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase } from "@/lib/db/client";
import { auditLog, filmMedia } from "@/lib/db/schema";
import { defaultRules } from "@/lib/editions/defaults";
import { env } from "@/lib/env";
import { listKimFilms } from "@/lib/films/list-kim-films";
import { bossDb, getBoss, rowsOf, stopBoss, videoCheckQueue } from "@/lib/jobs/boss";
import { editionCheckQueue } from "@/lib/jobs/queue-status";
import { checkFailedMessage, resendUnqueuedChecks, runVideoCheckJob, sendVideoCheck, type VideoCheckData } from "@/lib/jobs/video-check";
import { startJobWorkers } from "@/lib/jobs/worker";
import { createEdition, createFilm, createKim, createUser } from "@/lib/seed/factories";
import { setStorage } from "@/lib/storage";
import { LocalStorage } from "@/lib/storage/local";
import { enqueueVideoCheck } from "@/lib/uploads/check-queue";
import { resolveBinaries } from "@/lib/video/binaries";
import { runTool } from "@/lib/video/run-tool";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";
import { sessionCookie } from "../setup/upload-server";

// Video checks run through pg-boss in the database (lib/jobs): once per upload, retried with
// back-off, a final failure the KIM and the organiser see, a silent worker's check taken back.
// On a PostgreSQL server (TEST_DATABASE_URL) also across real processes: two app instances and
// a worker checking 20 uploads finished at once, and a worker killed with SIGKILL mid-check.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
let storage: LocalStorage;
let editionId: string, kimId: string;
let kimUser: Awaited<ReturnType<typeof createUser>>;
let clip: string;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "layar-jobs-"));

async function ffmpeg(args: string[]): Promise<void> {
  const { ffmpeg: binary } = await resolveBinaries();
  await runTool(binary, ["-v", "error", "-y", ...args], { timeoutMs: 120_000 });
}

/** A finished upload of `file` to a new draft: stored, its media row `received`, as tus leaves it. */
async function receivedUpload(file = clip, title = "Film Antrean") {
  const film = await createFilm(handle.db, { editionId, kimId, code: `Q-${crypto.randomBytes(3).toString("hex")}`, title, synopsis: "Sinopsis." });
  const key = `films/${film.id}/upload-${crypto.randomUUID()}.mp4`;
  await storage.putFile(key, file);
  const [media] = await handle.db
    .insert(filmMedia)
    .values({ filmId: film.id, kind: "video", storageDriver: "local", storageKey: key, mimeType: "video/mp4", sizeBytes: fs.statSync(file).size, status: "received" })
    .returning();
  return { filmId: film.id, mediaId: media.id };
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 90_000, stepMs = 100): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`waited ${timeoutMs} ms for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
}

const mediaStatus = async (mediaId: string) => (await handle.db.select({ status: filmMedia.status }).from(filmMedia).where(eq(filmMedia.id, mediaId)))[0]?.status;
/** The checks that ran for an upload: one audit entry each. */
const checksOf = async (mediaId: string) =>
  (await handle.db.select().from(auditLog).where(and(eq(auditLog.action, "video.check"), sql`${auditLog.data}->>'mediaId' = ${mediaId}`))).map((r) => r.data as { outcome: string; attempt: number; worker: string });
const judgeCopies = async (filmId: string) => handle.db.select().from(filmMedia).where(and(eq(filmMedia.filmId, filmId), eq(filmMedia.kind, "judge_video")));
type JobRow = { state: string; retry_count: number; delay: number };
const jobOf = async (mediaId: string): Promise<JobRow | undefined> =>
  rowsOf<JobRow>(
    await handle.db.execute(
      sql`select state::text as state, retry_count, extract(epoch from start_after - now())::float as delay from pgboss.job where name = ${videoCheckQueue} and id = ${mediaId}`,
    ),
  )[0];
const fastForward = (mediaId: string) => handle.db.execute(sql`update pgboss.job set start_after = now() - interval '1 second' where name = ${videoCheckQueue} and id = ${mediaId}`);

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  const kim = await createKim(handle.db, { name: "KIM Antrean", districtCode: "33.13.08" });
  kimId = kim.id;
  kimUser = await createUser(handle.db, { email: "antrean@layar.test", role: "kim", kimId, regionCode: "33.13" });
  editionId = (
    await createEdition(handle.db, {
      title: "Festival Uji Antrean",
      regionCode: "33",
      status: "pendaftaran",
      submissionOpensAt: new Date(Date.now() - 86_400_000),
      submissionClosesAt: new Date(Date.now() + 30 * 86_400_000),
      rules: { ...defaultRules, subtitles: "opsional", maxDurationSeconds: 3 * 3600, maxFileBytes: 4 * 1024 ** 3 },
    })
  ).id;
  // The app's own local storage in the test's data directory: child processes given the same
  // LAYAR_DATA_DIR read and write the same files, as instances on a shared disk do.
  storage = new LocalStorage(path.join(env().dataDir, "media"), 48 * 3_600_000);
  setStorage(storage);
  clip = path.join(work, "ok.mp4");
  await ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=25:duration=2", "-f", "lavfi", "-i", "sine=frequency=440:duration=2",
    "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", "-metadata", "title=KIM Antrean", clip]);
});
afterAll(async () => {
  await stopBoss();
  setStorage(undefined);
  await handle.drop();
  fs.rmSync(work, { recursive: true, force: true });
});

describe("video checks through the job queue", () => {
  it("checks a finished upload exactly once, however often it is queued", async () => {
    const workers = await startJobWorkers({ concurrency: 2, handle, storage: async () => storage, pollMs: 100 });
    try {
      const upload = await receivedUpload();
      // The tus callback, a repeated callback and the sweep all ask for the same check.
      await Promise.all([enqueueVideoCheck(upload.mediaId), enqueueVideoCheck(upload.mediaId), resendUnqueuedChecks(handle.db)]);
      await waitFor("the upload checked", async () => (await mediaStatus(upload.mediaId)) === "ok");
      await waitFor("the job completed", async () => (await jobOf(upload.mediaId))?.state === "completed");
      expect(await checksOf(upload.mediaId)).toEqual([expect.objectContaining({ outcome: "ok", attempt: 1 })]);
      expect(await judgeCopies(upload.filmId)).toHaveLength(1);
      // Queued again later (a sweep, a repeated callback): nothing new runs.
      await enqueueVideoCheck(upload.mediaId);
      await resendUnqueuedChecks(handle.db);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await checksOf(upload.mediaId)).toHaveLength(1);
      expect(await judgeCopies(upload.filmId)).toHaveLength(1);
    } finally {
      await workers.stop();
    }
  });

  it("tries a check that failed on the server again with growing delays, then shows the last failure to the KIM and the organiser", async () => {
    const logged: string[] = [];
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
    vi.spyOn(console, "warn").mockImplementation(() => {});
    // Storage that cannot be read (an S3 outage): the check throws before looking at the file.
    class Unreachable extends LocalStorage {
      override async localCopy(): Promise<never> {
        throw new Error("penyimpanan S3 tidak terjangkau");
      }
    }
    const broken = new Unreachable(path.join(env().dataDir, "media"), 48 * 3_600_000);
    const workers = await startJobWorkers({ concurrency: 1, handle, storage: async () => broken, pollMs: 100 });
    try {
      const upload = await receivedUpload(clip, "Film Gagal Diperiksa");
      await enqueueVideoCheck(upload.mediaId);
      // Each failure puts the job back with a longer delay (pg-boss back-off: 5-10 s, 10-20 s, 20-40 s);
      // the test moves each start forward instead of waiting.
      const delays: number[] = [];
      for (let failures = 1; failures <= 3; failures++) {
        const job = await waitFor(`failure ${failures}`, async () => {
          const j = await jobOf(upload.mediaId);
          return j?.state === "retry" && j.retry_count === failures - 1 && j;
        });
        delays.push(job.delay);
        expect(await mediaStatus(upload.mediaId)).toBe("checking"); // the KIM still reads "sedang diperiksa"
        await fastForward(upload.mediaId);
        workers.wake();
      }
      expect(delays[0]).toBeGreaterThan(3);
      expect(delays[0]).toBeLessThanOrEqual(10);
      expect(delays[1]).toBeGreaterThan(8);
      expect(delays[1]).toBeLessThanOrEqual(20);
      expect(delays[2]).toBeGreaterThan(18);
      expect(delays[2]).toBeLessThanOrEqual(40);

      // The fourth attempt fails too: the dead-letter worker records the failure.
      await waitFor("the final failure recorded", async () => (await mediaStatus(upload.mediaId)) === "rejected");
      expect((await jobOf(upload.mediaId))?.state).toBe("failed");
      const [media] = await handle.db.select().from(filmMedia).where(eq(filmMedia.id, upload.mediaId));
      expect(media.problems).toEqual([checkFailedMessage]);
      // The KIM's list of films: the entry needs a new upload, and says why.
      const mine = (await listKimFilms(handle.db, kimUser)).find((f) => f.id === upload.filmId);
      expect(mine).toMatchObject({ status: "ditolak_sistem", statusReason: checkFailedMessage });
      // The organiser's film list: the failure with the film, its KIM, the attempts and the error.
      const queue = await editionCheckQueue(handle.db, editionId);
      expect(queue.failures[0]).toMatchObject({ filmId: upload.filmId, title: "Film Gagal Diperiksa", kimName: "KIM Antrean", attempts: 4, error: "penyimpanan S3 tidak terjangkau" });
      expect(logged.some((line) => line.includes("failed on every attempt") && line.includes("penyimpanan S3 tidak terjangkau"))).toBe(true);
      expect(await checksOf(upload.mediaId)).toHaveLength(0);
      expect(await judgeCopies(upload.filmId)).toHaveLength(0);
    } finally {
      await workers.stop();
    }
  });

  it("shows the organiser how many of the edition's checks wait, run and retry, and the whole queue's depth", async () => {
    const waiting = [await receivedUpload(), await receivedUpload()];
    for (const u of waiting) await sendVideoCheck(u.mediaId);
    const queue = await editionCheckQueue(handle.db, editionId);
    expect(queue).toMatchObject({ waiting: 2, running: 0, retrying: 0, queueDepth: 2 });
    // Another edition's film counts in the depth only.
    const other = await createEdition(handle.db, { title: "Festival Lain", regionCode: "33", status: "pendaftaran" });
    const film = await createFilm(handle.db, { editionId: other.id, kimId, code: "Q-LAIN", title: "Film Lain", synopsis: "Sinopsis." });
    const [media] = await handle.db.insert(filmMedia).values({ filmId: film.id, kind: "video", storageDriver: "local", storageKey: "x", status: "received" }).returning();
    await sendVideoCheck(media.id);
    expect(await editionCheckQueue(handle.db, editionId)).toMatchObject({ waiting: 2, queueDepth: 3 });
    // Leave nothing queued for the next test.
    const boss = await getBoss(handle);
    for (const id of [...waiting.map((u) => u.mediaId), media.id]) await boss.cancel(videoCheckQueue, id);
  });

  it("leaves the app's database usable when one of pg-boss's locked statements fails", async () => {
    // pg-boss sends maintenance as "BEGIN; ...; COMMIT;" in one string; a failure must not leave
    // the embedded database's only session (or a pooled connection) in an aborted transaction.
    const db = bossDb(handle);
    for (let i = 0; i < 12; i++) await expect(db.executeSql("BEGIN; SELECT 1; SELECT 1/0; COMMIT;")).rejects.toThrow(/division by zero/);
    expect(rowsOf(await db.executeSql("select 1 as one"))).toEqual([{ one: 1 }]);
    expect(await handle.db.select({ n: sql<number>`count(*)::int` }).from(filmMedia)).toHaveLength(1);
  });

  it("takes back the check of a worker that went silent, and the silent one can no longer accept the video", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const boss = await getBoss(handle);
    const upload = await receivedUpload(clip, "Film Pekerja Hilang");
    await sendVideoCheck(upload.mediaId);
    const fetch = async () => (await boss.fetch<VideoCheckData>(videoCheckQueue, { batchSize: 1, includeMetadata: true }))[0] as PgBoss.JobWithMetadata<VideoCheckData>;
    const silent = await fetch();
    expect(silent.id).toBe(upload.mediaId);
    // Its lease (20 s without a renewal) runs out: the test moves its start back instead of waiting.
    await handle.db.execute(sql`update pgboss.job set started_on = now() - interval '21 seconds' where name = ${videoCheckQueue} and id = ${silent.id}`);
    await boss.expire();
    expect(await jobOf(upload.mediaId)).toMatchObject({ state: "retry" });
    await fastForward(upload.mediaId);
    const retry = await fetch();
    expect(retry.retryCount).toBe(1);
    // The silent worker comes back and finishes its check: the job is no longer its own, so it
    // accepts nothing (no judge copy) and completes nothing.
    expect(await runVideoCheckJob(boss, handle.db, storage, silent)).toBe("skipped");
    expect(await judgeCopies(upload.filmId)).toHaveLength(0);
    expect((await jobOf(upload.mediaId))?.state).toBe("active");
    // The attempt that holds the job accepts the video, once.
    expect(await runVideoCheckJob(boss, handle.db, storage, retry)).toBe("ok");
    expect(await judgeCopies(upload.filmId)).toHaveLength(1);
    expect(await checksOf(upload.mediaId)).toEqual([expect.objectContaining({ outcome: "ok", attempt: 2 })]);
    expect((await jobOf(upload.mediaId))?.state).toBe("completed");
  });
});

// ---------- real processes on a PostgreSQL server ----------

const root = process.cwd();

type Child = { child: ChildProcess; pid: number; ready: Promise<string>; output: () => string; exited: Promise<number | null> };

/**
 * Starts `script` in one Node process (tsx as a loader, so the id we kill is the one that works)
 * with the app's settings pointing at this test's database and data directory.
 */
function start(script: string, ready: RegExp, extra: Record<string, string> = {}): Child {
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: handle.url, LAYAR_DATA_DIR: env().dataDir, PUBLIC_URL: "http://layar.test", JOB_WORKERS: "1", ...extra },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const readyLine = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) resolve(match[1] ?? match[0]);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    void exited.then((code) => reject(new Error(`${script} exited (${code}) before it was ready:\n${output}`)));
  });
  return { child, pid: child.pid!, ready: readyLine, output: () => output, exited };
}

async function stopAll(children: Child[]) {
  for (const c of children) if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill("SIGTERM");
  await Promise.all(children.map((c) => Promise.race([c.exited, new Promise((resolve) => setTimeout(resolve, 15_000))])));
  for (const c of children) if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill("SIGKILL");
}

const serverUrl = process.env.TEST_DATABASE_URL;
if (serverUrl) {
  describe("across processes on a PostgreSQL server", () => {
    it("starts the queue when several instances start together on an empty database", async () => {
      const name = `layar_jobs_${crypto.randomBytes(5).toString("hex")}`;
      const admin = new Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`create database ${name}`);
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      const handles = Array.from({ length: 4 }, () => openDatabase(url.toString(), "/nonexistent"));
      try {
        const bosses = await Promise.all(handles.map((h) => getBoss(h)));
        expect(await bosses[0].getQueue(videoCheckQueue)).toMatchObject({ name: videoCheckQueue, retryLimit: 3, deadLetter: "video-check-failed" });
        for (const boss of bosses) await boss.stop({ graceful: false, close: false, wait: true, timeout: 1000 });
      } finally {
        for (const h of handles) await h.close();
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
    });

    it("two app instances and a worker check 20 uploads finished at once, each exactly once", async () => {
      const children = [start("tests/setup/app-instance.ts", /listening (\d+)/), start("tests/setup/app-instance.ts", /listening (\d+)/), start("scripts/worker.ts", /siap/)];
      try {
        const [portA, portB] = await Promise.all(children.map((c) => c.ready));
        const endpoints = [portA, portB].map((port) => `http://127.0.0.1:${port}/api/upload`);
        const cookie = await sessionCookie(kimUser.id);
        const bytes = fs.readFileSync(clip);
        const drafts = await Promise.all(
          Array.from({ length: 20 }, (_, i) => createFilm(handle.db, { editionId, kimId, code: `P-${i}-${crypto.randomBytes(2).toString("hex")}`, title: `Film Serentak ${i + 1}`, synopsis: "Sinopsis." })),
        );
        const tus = { cookie, "Tus-Resumable": "1.0.0" };
        const patch = (url: string, offset: number, body: Buffer) =>
          fetch(url, { method: "PATCH", headers: { ...tus, "Upload-Offset": String(offset), "Content-Type": "application/offset+octet-stream" }, body: new Uint8Array(body) });
        // Each upload is created and sent on one instance (alternating), all but its last byte...
        const uploads = await Promise.all(
          drafts.map(async (film, i) => {
            const endpoint = endpoints[i % 2];
            const created = await fetch(endpoint, {
              method: "POST",
              headers: { ...tus, "Upload-Length": String(bytes.length), "Upload-Metadata": `filmId ${Buffer.from(film.id).toString("base64")},filename ${Buffer.from("film.mp4").toString("base64")},filetype ${Buffer.from("video/mp4").toString("base64")}` },
            });
            expect(created.status).toBe(201);
            const url = new URL(created.headers.get("location")!, endpoint).toString();
            expect((await patch(url, 0, bytes.subarray(0, bytes.length - 1))).status).toBe(204);
            return { film, url };
          }),
        );
        // ...then the 20 last bytes at once: 20 uploads finish together, 10 on each instance.
        const finished = Date.now();
        const last = await Promise.all(uploads.map((u) => patch(u.url, bytes.length - 1, bytes.subarray(bytes.length - 1))));
        expect(last.map((r) => r.status)).toEqual(Array(20).fill(204));
        const media = await Promise.all(uploads.map(async (u) => (await handle.db.select().from(filmMedia).where(and(eq(filmMedia.filmId, u.film.id), eq(filmMedia.kind, "video"))))[0]));
        // The check's audit row is written just after the media turns "ok": wait for both.
        await waitFor(
          "all 20 uploads checked",
          async () => (await Promise.all(media.map(async (m) => (await mediaStatus(m.id)) === "ok" && (await checksOf(m.id)).length > 0))).every(Boolean),
          180_000,
          250,
        );
        const elapsed = Date.now() - finished;

        const checks = await Promise.all(media.map((m) => checksOf(m.id)));
        expect(checks.map((c) => c.length)).toEqual(Array(20).fill(1));
        const copies = await Promise.all(drafts.map((f) => judgeCopies(f.id)));
        expect(copies.map((c) => c.length)).toEqual(Array(20).fill(1));
        const names = new Map(children.map((c, i) => [c.pid, ["app A", "app B", "worker"][i]]));
        const byProcess = new Map<string, number>();
        for (const [c] of checks) {
          const who = names.get(Number(c.worker.split(":").at(-1))) ?? c.worker;
          byProcess.set(who, (byProcess.get(who) ?? 0) + 1);
        }
        console.log(`[jobs] 20 uploads finished at once: 20 checks, ${Math.max(...checks.map((c) => c.length))} per upload, all done ${(elapsed / 1000).toFixed(1)} s after the last bytes; by process: ${[...byProcess].map(([k, v]) => `${k} ${v}`).join(", ")}`);
      } finally {
        await stopAll(children);
      }
    });

    it("a worker killed with SIGKILL mid-check: another worker completes the check within a minute and removes the killed one's temporary files", async () => {
      const tmp = fs.mkdtempSync(path.join(work, "tmp-"));
      // A large film (the clip repeated, stream-copied) so the check lasts seconds: hash, probe, remux.
      const big = path.join(work, "big.mp4");
      await ffmpeg(["-stream_loop", "150", "-i", clip, "-c", "copy", big]);
      const workers = [start("scripts/worker.ts", /siap/, { TMPDIR: tmp }), start("scripts/worker.ts", /siap/, { TMPDIR: tmp })];
      try {
        await Promise.all(workers.map((w) => w.ready));
        const upload = await receivedUpload(big, "Film Pekerja Dibunuh");
        await sendVideoCheck(upload.mediaId);
        // Whichever worker took it is mid-check once its temporary folder exists.
        const folder = await waitFor("a check under way", async () => fs.readdirSync(tmp).find((name) => name.startsWith("layar-check-")), 60_000, 10);
        const victim = workers.find((w) => folder.startsWith(`layar-check-${w.pid}-`))!;
        const survivor = workers.find((w) => w !== victim)!;
        victim.child.kill("SIGKILL");
        const killedAt = Date.now();
        await victim.exited;
        expect(await mediaStatus(upload.mediaId)).toBe("checking");
        expect(fs.existsSync(path.join(tmp, folder))).toBe(true);

        await waitFor("the check retried", async () => {
          const job = await jobOf(upload.mediaId);
          return job?.state === "active" && job.retry_count === 1;
        }, 90_000, 100);
        const retriedAfter = Date.now() - killedAt;
        await waitFor("the check completed", async () => (await mediaStatus(upload.mediaId)) === "ok", 90_000, 100);
        const completedAfter = Date.now() - killedAt;
        expect(completedAfter).toBeLessThan(60_000);
        await waitFor("the job completed", async () => (await jobOf(upload.mediaId))?.state === "completed", 30_000);
        expect(fs.existsSync(path.join(tmp, folder))).toBe(false);
        expect(await judgeCopies(upload.filmId)).toHaveLength(1);
        const checks = await checksOf(upload.mediaId);
        expect(checks).toEqual([expect.objectContaining({ outcome: "ok", attempt: 2 })]);
        expect(checks[0].worker.endsWith(`:${survivor.pid}`)).toBe(true);
        console.log(`[jobs] SIGKILL mid-check (${(fs.statSync(big).size / 1024 ** 2).toFixed(0)} MB film): retried by the other worker after ${(retriedAfter / 1000).toFixed(1)} s, completed after ${(completedAfter / 1000).toFixed(1)} s`);
      } finally {
        await stopAll(workers);
      }
    });
  });
}
