// Playback benchmark: ranged GETs of /api/films/{id}/video (the owner's session, a
// real accepted video of ~110 MB uploaded through tus) against a plain node:http
// server in its own process serving the same stored file with fs.createReadStream,
// the app's own Range parsing and the same headers. Three request shapes a player
// sends: 1 MiB and 4 MiB ranges at varied offsets, and open-ended `bytes=N-` read
// to the end (what a browser asks first). Closed loop, 8 connections, bounded time.
// Run alone: npx tsx bench/playback.ts
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { rangeLoad, tusUpload, type LoadResult } from "./lib/client";
import { startPlainServer } from "./lib/plain-server";
import { makeTempDir, removeTempDir } from "./lib/temp";
import { PeakRss, processCpuSeconds, sleep, waitForQuiet } from "./lib/proc";
import { findDraftFilm, signIn, startApp, type App } from "./lib/server";
import { fmtMB, fmtMBs, MB, median, MiB, mbPerSec, type Row } from "./lib/report";
import { CHUNK_BYTES } from "./upload";

export type PlaybackBenchOptions = { app?: App; durationMs?: number; concurrency?: number; repeats?: number; log?: (line: string) => void };

const VIDEO_SECONDS = 30;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 1280x720 H.264 + AAC MP4 of noisy test pattern at ~30 Mbit/s: ~110 MB for 30 s. */
async function makeVideo(file: string): Promise<void> {
  const ffmpeg = (createRequire(import.meta.url)("@ffmpeg-installer/ffmpeg") as { path: string }).path;
  const args = [
    "-v", "error", "-y",
    "-f", "lavfi", "-i", `testsrc2=s=1280x720:r=25:d=${VIDEO_SECONDS}`,
    "-f", "lavfi", "-i", `sine=frequency=440:sample_rate=48000:duration=${VIDEO_SECONDS}`,
    "-vf", "noise=alls=40:allf=t",
    "-c:v", "libx264", "-preset", "ultrafast", "-b:v", "30M", "-maxrate", "30M", "-bufsize", "30M", "-pix_fmt", "yuv420p",
    "-c:a", "aac", "-b:a", "128k", "-shortest", "-movflags", "+faststart",
    file,
  ];
  await new Promise<void>((resolve, reject) => {
    const child = spawn(ffmpeg, args, { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg failed (${code}): ${err.slice(-500)}`))));
  });
}

type Scenario = { name: string; range: (random: () => number, size: number) => string };

const scenarios: Scenario[] = [
  { name: "1 MiB ranges", range: (r, size) => fixed(r, size, MiB) },
  { name: "4 MiB ranges", range: (r, size) => fixed(r, size, 4 * MiB) },
  { name: "open-ended bytes=N-", range: (r, size) => `bytes=${Math.floor(r() * (size - 1))}-` },
];

function fixed(random: () => number, size: number, length: number): string {
  const start = Math.floor(random() * (size - length));
  return `bytes=${start}-${start + length - 1}`;
}

export async function runPlaybackBench(options: PlaybackBenchOptions = {}): Promise<Row[]> {
  const log = options.log ?? console.log;
  const durationMs = options.durationMs ?? 5000;
  const concurrency = options.concurrency ?? 8;
  const repeats = options.repeats ?? 3;
  const app = options.app ?? (await startApp(log));
  const work = makeTempDir("layar-bench-playback-");
  let plain: Awaited<ReturnType<typeof startPlainServer>> | undefined;
  try {
    const cookie = await signIn(app.baseUrl, "kim@layar.test");
    const filmId = await findDraftFilm(app.baseUrl, cookie);

    // 1. A real video, uploaded through tus as the KIM, accepted by the server's checks.
    const video = path.join(work, "bench.mp4");
    let t = Date.now();
    await makeVideo(video);
    const size = fs.statSync(video).size;
    log(`[playback] made ${fmtMB(size)} test video (1280x720, ${VIDEO_SECONDS} s, H.264/AAC) in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    const fd = fs.openSync(video, "r");
    const chunk = Buffer.alloc(CHUNK_BYTES);
    let upload;
    try {
      upload = await tusUpload({
        createUrl: `${app.baseUrl}/api/upload`,
        cookie,
        metadata: { filmId, filename: "bench.mp4", filetype: "video/mp4" },
        size,
        chunkBytes: CHUNK_BYTES,
        read: (offset, length) => {
          const view = chunk.subarray(0, length);
          fs.readSync(fd, view, 0, length, offset);
          return view;
        },
      });
    } finally {
      fs.closeSync(fd);
    }
    fs.rmSync(video, { force: true });
    const videoUrl = `${app.baseUrl}/api/films/${filmId}/video`;
    t = Date.now();
    for (;;) {
      const probe = await fetch(videoUrl, { headers: { Cookie: cookie, Range: "bytes=0-0" } });
      await probe.arrayBuffer();
      if (probe.status === 206) break;
      if (Date.now() - t > 300_000) throw new Error(`the uploaded video was not accepted within 300 s (last answer ${probe.status})`);
      await sleep(500);
    }
    log(`[playback] uploaded in ${(upload.ms / 1000).toFixed(1)} s; accepted by the server's checks ${((Date.now() - t) / 1000).toFixed(1)} s later`);
    await waitForQuiet(app.rootPid);

    // 2. The baseline serves the very file the route serves: the stored original.
    const stored = path.join(app.dataDir, "media", "uploads", upload.id);
    if (fs.statSync(stored).size !== size) throw new Error("stored video size differs from the upload");
    const sha256 = crypto.createHash("sha256").update(fs.readFileSync(stored)).digest("hex");
    plain = await startPlainServer({ uploadDir: work, mediaFile: stored, mediaType: "video/mp4", mediaEtag: sha256 });
    const plainUrl = `${plain.url}/media`;

    const load = (url: string, scenario: Scenario, ms: number, seed: number) => {
      const random = mulberry32(seed);
      return rangeLoad({ url, headers: { Cookie: cookie }, concurrency, durationMs: ms, maxRequests: 200_000, range: () => scenario.range(random, size) });
    };
    // Warm-up: JIT, connection set-up, the file in the page cache on both sides.
    for (const s of scenarios) {
      await load(videoUrl, s, 1000, 1);
      await load(plainUrl, s, 1000, 1);
    }

    // The fixed cost of one request, without the bytes: 1-byte ranges (server CPU per
    // request depends less on how busy the machine is than requests per second do).
    const perRequest: Record<"app" | "plain", { rps: number; cpuMs: number }> = { app: { rps: 0, cpuMs: 0 }, plain: { rps: 0, cpuMs: 0 } };
    for (const side of ["plain", "app"] as const) {
      const pid = side === "app" ? app.serverPid : plain.pid;
      await waitForQuiet(pid, { windowMs: 300, timeoutMs: 10_000 });
      const cpuBefore = processCpuSeconds(pid);
      const r = await rangeLoad({ url: side === "app" ? videoUrl : plainUrl, headers: { Cookie: cookie }, concurrency: 4, durationMs: 3000, maxRequests: 50_000, range: () => "bytes=0-0" });
      perRequest[side] = { rps: r.requests / (r.ms / 1000), cpuMs: ((processCpuSeconds(pid) - cpuBefore) * 1000) / Math.max(1, r.requests) };
    }
    log(`[playback] 1-byte ranges (fixed cost per request): app ${perRequest.app.rps.toFixed(0)} req/s, ${perRequest.app.cpuMs.toFixed(2)} ms server CPU each; plain ${perRequest.plain.rps.toFixed(0)} req/s, ${perRequest.plain.cpuMs.toFixed(2)} ms each`);

    const rows: Row[] = [];
    const appPeak = new PeakRss(app.serverPid).start();
    for (const [index, scenario] of scenarios.entries()) {
      const runs: { side: "app" | "plain"; result: LoadResult; cpuMsPerMB: number }[] = [];
      for (let i = 0; i < repeats; i++) {
        const order = i % 2 === 0 ? (["plain", "app"] as const) : (["app", "plain"] as const);
        for (const side of order) {
          await waitForQuiet(side === "app" ? app.rootPid : plain.pid, { windowMs: 300, timeoutMs: 10_000 });
          const pid = side === "app" ? app.serverPid : plain.pid;
          const cpuBefore = processCpuSeconds(pid);
          const result = await load(side === "app" ? videoUrl : plainUrl, scenario, durationMs, 1000 + index * 10 + i);
          const cpuMsPerMB = ((processCpuSeconds(pid) - cpuBefore) * 1000) / (result.bytes / MB);
          if (result.errors) throw new Error(`${side} ${scenario.name}: ${result.errors} failed requests (${result.firstError})${app.exited() ? `; ${app.exited()}` : ""}`);
          runs.push({ side, result, cpuMsPerMB });
          log(`[playback] ${scenario.name.padEnd(20)} ${side.padEnd(5)} ${fmtMBs(mbPerSec(result.bytes, result.ms)).padStart(13)}, ${(result.requests / (result.ms / 1000)).toFixed(0).padStart(5)} req/s, p50 ${result.p50Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms, server CPU ${cpuMsPerMB.toFixed(2)} ms/MB`);
        }
      }
      const best = (side: "app" | "plain") => runs.filter((r) => r.side === side).map((r) => r.result).sort((a, b) => mbPerSec(b.bytes, b.ms) - mbPerSec(a.bytes, a.ms))[0];
      const [a, p] = [best("app"), best("plain")];
      const ratio = mbPerSec(a.bytes, a.ms) / mbPerSec(p.bytes, p.ms);
      const rps = (r: LoadResult) => (r.requests / (r.ms / 1000)).toFixed(0);
      const cpu = (side: "app" | "plain") => median(runs.filter((r) => r.side === side).map((r) => r.cpuMsPerMB)).toFixed(2);
      const chunked = (r: LoadResult) => (r.withoutLength ? `, ${r.withoutLength} of ${r.requests} replies without Content-Length (chunked)` : "");
      rows.push({
        name: `playback ${scenario.name}`,
        figure: fmtMBs(mbPerSec(a.bytes, a.ms)),
        baseline: fmtMBs(mbPerSec(p.bytes, p.ms)),
        ratio,
        target: "ratio >= 0.70",
        pass: ratio >= 0.7,
        details: [
          `playback ${scenario.name}: app ${rps(a)} req/s (p50 ${a.p50Ms.toFixed(1)} ms, p99 ${a.p99Ms.toFixed(1)} ms), plain ${rps(p)} req/s (p50 ${p.p50Ms.toFixed(1)} ms, p99 ${p.p99Ms.toFixed(1)} ms)${chunked(a)}; best of ${repeats} x ${durationMs / 1000} s per side, ${concurrency} connections; server CPU per MB served (median): app ${cpu("app")} ms, plain ${cpu("plain")} ms`,
        ],
      });
    }
    const peak = appPeak.stop();
    rows[rows.length - 1].details!.push(
      `playback fixed cost per request (1-byte ranges, 4 connections, 3 s): app ${perRequest.app.rps.toFixed(0)} req/s, ${perRequest.app.cpuMs.toFixed(2)} ms server CPU per request; plain ${perRequest.plain.rps.toFixed(0)} req/s, ${perRequest.plain.cpuMs.toFixed(2)} ms`,
    );
    rows[rows.length - 1].details!.push(`playback: ${fmtMB(size)} stored video; app peak RSS during the playback runs ${fmtMB(peak.peakBytes)} (${peak.method})`);
    return rows;
  } finally {
    await plain?.stop();
    removeTempDir(work);
    if (!options.app) await app.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = await runPlaybackBench();
  for (const r of rows) console.log(`${r.pass ? "PASS  " : "MISSED"} ${r.name}: ${r.figure} (baseline ${r.baseline}${r.ratio === null ? "" : `, ratio ${r.ratio.toFixed(2)}`}) target ${r.target}`);
}
