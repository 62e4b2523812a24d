/**
 * Transcoding benchmark (issue 13, item 6; docs/decisions/0026). Run with
 * `npm run bench -- --only transcode` or `npx tsx bench/transcode.ts`.
 *
 * 1. A 1080p test film (ffmpeg testsrc2 + a tone, BENCH_TRANSCODE_SECONDS long, default 20)
 *    gets the full rendition set (360p, 540p, 720p: two ffmpeg runs each) as the job makes it:
 *    reported as seconds of encoding per minute of film and as a ratio to real time.
 * 2. A queue of BENCH_TRANSCODE_FILMS (default 4) different 1080p films of
 *    BENCH_TRANSCODE_QUEUE_SECONDS (default 8) is drained through the real job system
 *    (pg-boss on a temporary in-memory PGlite) by one worker, by two workers, and by one again
 *    (the machine's load drifts: the mean of the one-worker runs is the baseline); the times
 *    and their ratio (target: two take about half as long as one, <= 0.65).
 * Each worker's encode uses RENDITION_THREADS threads (default 1).
 */
import crypto from "node:crypto";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { inArray, sql } from "drizzle-orm";
import { openMemoryDatabase, setDatabase } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";
import { filmMedia, filmRenditions } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { rowsOf, stopBoss } from "@/lib/jobs/boss";
import { makeAndStoreRenditions, markRenditionsQueued, sendRenditions } from "@/lib/jobs/renditions";
import { startJobWorkers } from "@/lib/jobs/worker";
import { createEdition, createFilm, createKim, createRegionTree } from "@/lib/seed/factories";
import { setStorage } from "@/lib/storage";
import { LocalStorage } from "@/lib/storage/local";
import { resolveEncoder } from "@/lib/video/binaries";
import { runTool } from "@/lib/video/run-tool";
import { stripIdentifyingMetadata } from "@/lib/video/strip-metadata";
import type { Row } from "./lib/report";
import { makeTempDir, removeTempDir } from "./lib/temp";

const seconds = Number(process.env.BENCH_TRANSCODE_SECONDS ?? 20);
const films = Number(process.env.BENCH_TRANSCODE_FILMS ?? 4);
const queueSeconds = Number(process.env.BENCH_TRANSCODE_QUEUE_SECONDS ?? 8);

async function testFilm(file: string, duration: number, tone: number): Promise<void> {
  const ffmpeg = await resolveEncoder();
  await runTool(ffmpeg, ["-v", "error", "-y",
    "-f", "lavfi", "-i", `testsrc2=size=1920x1080:rate=25:duration=${duration}`, "-f", "lavfi", "-i", `sine=frequency=${tone}:duration=${duration}`,
    "-c:v", "libx264", "-preset", "ultrafast", "-crf", "18", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "192k", "-shortest", file], { timeoutMs: 600_000 });
}

export async function runTranscodeBench(): Promise<Row[]> {
  const dir = makeTempDir("layar-bench-transcode-");
  const threads = env().RENDITION_THREADS;
  const storage = new LocalStorage(path.join(dir, "media"), 48 * 3_600_000);
  setStorage(storage);
  const handle = openMemoryDatabase();
  try {
    // 1. One film, the whole set.
    const source = path.join(dir, "film-1080p.mp4");
    await testFilm(source, seconds, 440);
    const judge = path.join(dir, "judge.mp4");
    await stripIdentifyingMetadata(source, judge);
    const t0 = performance.now();
    const made = await makeAndStoreRenditions(storage, crypto.randomUUID(), judge, threads);
    const encodeS = (performance.now() - t0) / 1000;
    const perMinute = (encodeS / seconds) * 60;
    const realTime = encodeS / seconds;
    console.log(`  ${seconds} s of 1080p → ${made.variants.map((v) => `${v.height}p ${(v.averageBandwidth / 1000).toFixed(0)} kbit/s`).join(", ")} in ${encodeS.toFixed(1)} s (${threads} thread(s))`);

    // 2. A queue of different films through the real job system.
    await runMigrations(handle);
    setDatabase(handle);
    const db = handle.db;
    await createRegionTree(db, [
      { code: "33", name: "Jawa Tengah" },
      { code: "33.13", name: "Kabupaten Karanganyar" },
      { code: "33.13.08", name: "Karangpandan" },
    ]);
    const kim = await createKim(db, { name: "KIM Bench", districtCode: "33.13.08" });
    const edition = await createEdition(db, { title: "Festival Bench", regionCode: "33.13", status: "penjurian" });
    const keys: string[] = [];
    for (let i = 0; i < films; i++) {
      const file = path.join(dir, `queue-${i}.mp4`);
      await testFilm(file, queueSeconds, 300 + i * 40); // a different tone: no two copies alike
      const copy = path.join(dir, `queue-${i}-judge.mp4`);
      await stripIdentifyingMetadata(file, copy);
      keys.push(`films/bench-${i}/judge.mp4`);
      await storage.putFile(keys[i], copy);
    }
    const drain = async (workers: number): Promise<number> => {
      const ids: string[] = [];
      for (const key of keys) {
        const film = await createFilm(db, { editionId: edition.id, kimId: kim.id, code: `B-${crypto.randomBytes(3).toString("hex")}`, title: "Bench" });
        const [media] = await db.insert(filmMedia).values({ filmId: film.id, kind: "judge_video", storageDriver: "local", storageKey: key, mimeType: "video/mp4", status: "ok" }).returning();
        await markRenditionsQueued(db, media.id, film.id);
        ids.push(media.id);
      }
      // Earlier runs' renditions are not reused: each run encodes every film.
      await db.update(filmRenditions).set({ sourceSha256: null });
      for (const id of ids) await sendRenditions(id);
      const start = performance.now();
      const running = await startJobWorkers({ concurrency: 0, renditions: workers, renditionThreads: threads, handle, storage: async () => storage, pollMs: 100, sweepEveryMs: 3_600_000 });
      try {
        for (;;) {
          const rows = await db.select({ status: filmRenditions.status }).from(filmRenditions).where(inArray(filmRenditions.mediaId, ids));
          if (rows.some((r) => r.status === "gagal")) throw new Error("a rendition job failed");
          if (rows.every((r) => r.status === "siap")) break;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        return (performance.now() - start) / 1000;
      } finally {
        await running.stop(5_000);
      }
    };
    // One worker before and after two: the machine's load drifts, the mean of both is the baseline.
    const oneBefore = await drain(1);
    console.log(`  ${films} films of ${queueSeconds} s, one worker: ${oneBefore.toFixed(1)} s`);
    const two = await drain(2);
    console.log(`  the same queue, two workers: ${two.toFixed(1)} s`);
    const oneAfter = await drain(1);
    console.log(`  the same queue, one worker again: ${oneAfter.toFixed(1)} s`);
    const one = (oneBefore + oneAfter) / 2;
    const [{ n }] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from film_renditions where status = 'siap'`));
    if (n !== 3 * films) throw new Error(`expected ${3 * films} finished rendition sets, found ${n}`);

    return [
      {
        name: "renditions 360/540/720p of 1080p",
        figure: `${perMinute.toFixed(0)} s/min`,
        baseline: "60 s/min",
        ratio: realTime,
        target: "measured",
        pass: true,
        details: [
          `transcode: ${encodeS.toFixed(1)} s of encoding for ${seconds} s of 1080p testsrc2 (${perMinute.toFixed(0)} s per minute of film, ${realTime.toFixed(2)}x real time), libx264 veryfast, ${threads} thread(s) per encode, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(2)}`,
        ],
      },
      {
        name: `queue of ${films} films: 2 workers vs 1`,
        figure: `${two.toFixed(1)} s`,
        baseline: `${one.toFixed(1)} s`,
        ratio: two / one,
        target: "<= 0.65",
        pass: two / one <= 0.65,
        details: [`transcode queue: ${films} films of ${queueSeconds} s 1080p through pg-boss (PGlite): one worker ${oneBefore.toFixed(1)} s and ${oneAfter.toFixed(1)} s (mean ${one.toFixed(1)} s), two workers ${two.toFixed(1)} s, ratio ${(two / one).toFixed(2)}`],
      },
    ];
  } finally {
    await stopBoss();
    setStorage(undefined);
    setDatabase(undefined);
    await handle.close();
    removeTempDir(dir);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const rows = await runTranscodeBench();
  for (const row of rows) console.log(`${row.name}: ${row.figure} (baseline ${row.baseline}, ratio ${row.ratio?.toFixed(2)}) ${row.pass ? "" : "MISSED"}`);
}
