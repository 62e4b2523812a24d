// Upload benchmark: files of 1 GiB and 2 GiB through the real tus endpoint
// (POST /api/upload, then sequential 8 MiB PATCHes, as the browser's tus-js-client
// sends them), against a plain node:http server in its own process appending the same
// requests to disk. The two alternate (AB BA AB); the best run of each side is compared.
// Also the serving process's peak RSS during each upload.
// Run alone: npx tsx bench/upload.ts [--quick]
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import http from "node:http";
import { request, tusUpload, type TusUploadResult } from "./lib/client";
import { startPlainServer } from "./lib/plain-server";
import { makeTempDir, removeTempDir } from "./lib/temp";
import { PeakRss, processCpuSeconds, waitForQuiet, type PeakReading } from "./lib/proc";
import { findDraftFilm, signIn, startApp, type App } from "./lib/server";
import { fmtMB, fmtMBs, fmtSize, GiB, MB, MiB, mbPerSec, median, type Row } from "./lib/report";

export const CHUNK_BYTES = 8 * MiB;
const RSS_LIMIT = 300 * MB;
/**
 * "No higher for 2 GB": the RSS growth during an upload of a larger file may exceed the
 * smallest file's by this much noise. Growth, not the absolute peak, because the
 * server's RSS drifts up over its life (V8 heap, allocator) whatever the file size.
 */
const RSS_GROWTH_TOLERANCE = 16 * MB;

export type UploadBenchOptions = { app?: App; repeats?: number; log?: (line: string) => void };

type Run = { side: "tus" | "plain"; result: TusUploadResult; mbs: number; peak: PeakReading; cpuSeconds: number };

/**
 * The fixed cost of one PATCH, without the bytes: the median latency of empty PATCHes
 * (Content-Length 0, accepted by tus with a 204) on a fresh upload, so the per-request
 * work (routing, session, ownership query, tus bookkeeping) shows apart from streaming.
 */
async function emptyPatchCost(createUrl: string, cookie: string, filmId: string, pid: number, count = 40): Promise<{ ms: number; cpuMs: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const base = { "Tus-Resumable": "1.0.0", Cookie: cookie };
  try {
    const metadata = `filmId ${Buffer.from(filmId).toString("base64")},filename ${Buffer.from("probe.mp4").toString("base64")}`;
    const created = await request(agent, createUrl, "POST", { ...base, "Upload-Length": String(MiB), "Upload-Metadata": metadata, "Content-Length": "0" });
    if (created.status !== 201 || !created.headers.location) throw new Error(`creation answered ${created.status}`);
    const url = new URL(created.headers.location, createUrl).toString();
    const times: number[] = [];
    let cpuBefore = 0;
    for (let i = 0; i < count + 5; i++) {
      if (i === 5) cpuBefore = processCpuSeconds(pid);
      const t = performance.now();
      const reply = await request(agent, url, "PATCH", { ...base, "Content-Type": "application/offset+octet-stream", "Upload-Offset": "0", "Content-Length": "0" });
      if (reply.status !== 204) throw new Error(`empty PATCH answered ${reply.status}: ${reply.body.slice(0, 200)}`);
      if (i >= 5) times.push(performance.now() - t); // the first few warm up
    }
    return { ms: median(times), cpuMs: ((processCpuSeconds(pid) - cpuBefore) * 1000) / count };
  } finally {
    agent.destroy();
  }
}

export async function runUploadBench(sizes: number[] = [GiB, 2 * GiB], options: UploadBenchOptions = {}): Promise<Row[]> {
  const log = options.log ?? console.log;
  const repeats = options.repeats ?? 3;
  const app = options.app ?? (await startApp(log));
  const plainDir = makeTempDir("layar-bench-plain-");
  const plain = await startPlainServer({ uploadDir: plainDir });
  try {
    const cookie = await signIn(app.baseUrl, "kim@layar.test");
    const filmId = await findDraftFilm(app.baseUrl, cookie);
    const tusDir = path.join(app.dataDir, "media", "uploads");
    // One random 8 MiB buffer, sent again and again: the client never holds a GB.
    const buffer = crypto.randomBytes(CHUNK_BYTES);
    const read = (_offset: number, length: number) => (length === buffer.length ? buffer : buffer.subarray(0, length));
    log(`[upload] KIM film ${filmId}; app pid ${app.serverPid}, plain pid ${plain.pid}; ${repeats} runs per side per size, alternating order`);

    const measure = async (side: Run["side"], size: number): Promise<Run> => {
      const pid = side === "tus" ? app.serverPid : plain.pid;
      // The app's video check of the previous (random, hence rejected) upload runs off the
      // request path: let it finish so it does not share the CPU with this run.
      await waitForQuiet(app.rootPid);
      await waitForQuiet(plain.pid);
      const peak = new PeakRss(pid).start();
      const cpuBefore = processCpuSeconds(pid);
      const result = await tusUpload({
        createUrl: side === "tus" ? `${app.baseUrl}/api/upload` : `${plain.url}/upload`,
        cookie,
        metadata: { filmId, filename: `bench-${size}.mp4`, filetype: "video/mp4" },
        size,
        chunkBytes: CHUNK_BYTES,
        read,
      }).catch((error: unknown) => {
        throw app.exited() ? new Error(`${String(error)}; ${app.exited()}`, { cause: error }) : error;
      });
      const reading = peak.stop();
      const cpuSeconds = processCpuSeconds(pid) - cpuBefore;
      const dir = side === "tus" ? tusDir : plainDir;
      const stored = fs.statSync(path.join(dir, result.id)).size;
      if (stored !== size) throw new Error(`${side}: stored file is ${stored} bytes, declared ${size}`);
      if (side === "tus") await waitForQuiet(app.rootPid); // the check still reads the file
      for (const f of [result.id, `${result.id}.json`]) fs.rmSync(path.join(dir, f), { force: true });
      const mbs = mbPerSec(size, result.ms);
      log(`[upload] ${fmtSize(size)} ${side.padEnd(5)} ${fmtMBs(mbs).padStart(12)} in ${(result.ms / 1000).toFixed(1)} s, server CPU ${cpuSeconds.toFixed(1)} s, ${result.patches} PATCHes, peak RSS ${fmtMB(reading.peakBytes)} (${reading.method}; at start ${fmtMB(reading.startRssBytes)})`);
      return { side, result, mbs, peak: reading, cpuSeconds };
    };

    await waitForQuiet(app.rootPid);
    const patchApp = await emptyPatchCost(`${app.baseUrl}/api/upload`, cookie, filmId, app.serverPid);
    const patchPlain = await emptyPatchCost(`${plain.url}/upload`, cookie, filmId, plain.pid);
    log(`[upload] empty PATCH (fixed cost per request): app ${patchApp.ms.toFixed(2)} ms latency, ${patchApp.cpuMs.toFixed(2)} ms server CPU; plain ${patchPlain.ms.toFixed(2)} ms, ${patchPlain.cpuMs.toFixed(2)} ms CPU`);

    const rows: Row[] = [];
    let firstGrowth: number | undefined;
    for (const size of sizes) {
      const runs: Run[] = [];
      for (let i = 0; i < repeats; i++) {
        const order: Run["side"][] = i % 2 === 0 ? ["plain", "tus"] : ["tus", "plain"];
        for (const side of order) runs.push(await measure(side, size));
      }
      const tus = runs.filter((r) => r.side === "tus");
      const base = runs.filter((r) => r.side === "plain");
      const best = (rs: Run[]) => Math.max(...rs.map((r) => r.mbs));
      const ratio = best(tus) / best(base);
      const peak = Math.max(...tus.map((r) => r.peak.peakBytes));
      // Growth during the upload itself: what a larger file could make larger.
      const growth = Math.max(...tus.map((r) => r.peak.peakBytes - r.peak.startRssBytes));
      const basePeak = Math.max(...base.map((r) => r.peak.peakBytes));
      const list = (rs: Run[]) => rs.map((r) => r.mbs.toFixed(0)).join(", ");
      const cpuPerGiB = (rs: Run[]) => median(rs.map((r) => r.cpuSeconds / (size / GiB)));
      // How much of the extra server CPU the per-PATCH fixed cost accounts for (CPU time
      // depends less on how busy the machine is than wall time does).
      const patches = tus[0].result.patches;
      const extraCpu = (cpuPerGiB(tus) - cpuPerGiB(base)) * (size / GiB);
      const fixedCpu = (patches * (patchApp.cpuMs - patchPlain.cpuMs)) / 1000;
      rows.push({
        name: `upload ${fmtSize(size)} tus throughput`,
        figure: fmtMBs(best(tus)),
        baseline: fmtMBs(best(base)),
        ratio,
        target: "ratio >= 0.70",
        pass: ratio >= 0.7,
        details: [
          `upload ${fmtSize(size)}: best of ${repeats} each; tus runs ${list(tus)} MB/s, plain runs ${list(base)} MB/s; ${tus[0].result.patches} PATCHes of 8 MiB; stored size verified`,
          `upload ${fmtSize(size)}: server CPU per GiB (median): app ${cpuPerGiB(tus).toFixed(2)} s, plain ${cpuPerGiB(base).toFixed(2)} s (CPU ratio plain/app ${(cpuPerGiB(base) / cpuPerGiB(tus)).toFixed(2)}); ` +
            `extra ${extraCpu.toFixed(2)} s; ${patches} PATCHes x ${(patchApp.cpuMs - patchPlain.cpuMs).toFixed(1)} ms extra fixed cost (empty PATCH) = ${fixedCpu.toFixed(2)} s, ` +
            (fixedCpu >= extraCpu ? "i.e. the per-request cost accounts for all of it (the per-byte path adds no measurable CPU)" : `the rest (${(extraCpu - fixedCpu).toFixed(2)} s) is per-byte work`),
        ],
      });
      firstGrowth ??= growth;
      const growthLimit = firstGrowth + RSS_GROWTH_TOLERANCE;
      const isFirst = size === sizes[0];
      rows.push({
        name: `upload ${fmtSize(size)} server peak RSS`,
        figure: fmtMB(peak),
        baseline: fmtMB(basePeak),
        ratio: peak / basePeak,
        target: isFirst ? `< ${fmtMB(RSS_LIMIT)}` : `< ${fmtMB(RSS_LIMIT)}, growth <= ${fmtSize(sizes[0])}'s`,
        pass: peak < RSS_LIMIT && (isFirst || growth <= growthLimit),
        details: [
          `peak RSS ${fmtSize(size)}: largest growth during one upload ${fmtMB(growth)}${isFirst ? "" : ` (limit ${fmtMB(growthLimit)})`}; app (pid ${app.serverPid}) ${tus.map((r) => `${fmtMB(r.peak.peakBytes)} [${r.peak.method}, from ${fmtMB(r.peak.startRssBytes)}]`).join(", ")}; ` +
            `plain (pid ${plain.pid}) ${base.map((r) => fmtMB(r.peak.peakBytes)).join(", ")}`,
        ],
      });
    }
    return rows;
  } finally {
    await plain.stop();
    removeTempDir(plainDir);
    if (!options.app) await app.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const quick = process.argv.includes("--quick");
  const rows = await runUploadBench(quick ? [256 * MiB, 512 * MiB] : undefined);
  for (const r of rows) console.log(`${r.pass ? "PASS  " : "MISSED"} ${r.name}: ${r.figure} (baseline ${r.baseline}${r.ratio === null ? "" : `, ratio ${r.ratio.toFixed(2)}`}) target ${r.target}`);
}
