// `npm run bench`: every benchmark, each figure next to a baseline measured in the
// same run (absolute times drift on a shared machine; ratios travel better).
//   npm run bench                          all: assign, rank, upload (1 GiB, 2 GiB), playback, public, weight, lighthouse, autosave, favorit, memory, transcode, scale
//   --only memory       `npm run demo`'s whole process tree, resident memory 30 s after it is ready (target < 400 MB)
//   --only favorit      the public's favourite vote: 2,000 verified votes (code, verify, vote) on PGlite in < 60 s, none lost or twice
//   --only transcode    HLS renditions: seconds of encoding per minute of 1080p film, a queue drained by one worker and by two
//   --only scale        demo size against national size (~80,000 KIMs, 2,000 editions, a 4,000-film edition) on
//                       PostgreSQL and PGlite: median ms, req/s and bytes per request, national ÷ demo, server peak RSS
//   npm run bench -- --only upload,rank    a subset
//   --only public       public reading pages under load: server CPU per request and req/s against a static
//                       file of the same size from the same server, /api/health as a second line (BENCH_PUBLIC_SECONDS)
//   --only weight       page weight: HTML raw/gzip/br as sent, JavaScript loaded (target <= 25 KB gzip), message
//                       catalogue and RSC payload in the HTML, images, a rough time on a 400 kbps / 400 ms line
//   --only lighthouse   Lighthouse mobile in Debian Chromium (CHROME_PATH) on home, winners, film, archive, KIM
//                       profile against a static copy of the winners page (BENCH_LIGHTHOUSE_RUNS, BENCH_LIGHTHOUSE_BUDGET_S)
//   npm run bench -- --quick               upload 256 MiB and 512 MiB instead
//   BENCH_UPLOAD_SIZES=128M,1G npm run bench -- --only upload
// A missed target is printed as MISSED; the exit code stays 0 (a measurement, not a test),
// except when a benchmark could not run at all.
import os from "node:os";
import { runAssignBench } from "./assign";
import { runAutosaveBench } from "./autosave";
import { favoritVoteRows } from "./favorit-vote";
import { runMemoryBench } from "./memory";
import { runPlaybackBench } from "./playback";
import { runPublicBench } from "./public";
import { runLighthouseBench } from "./lighthouse";
import { runRankBench } from "./rank";
import { runScaleBench } from "./scale";
import { runTranscodeBench } from "./transcode";
import { runUploadBench } from "./upload";
import { runWeightBench } from "./weight";
import { GiB, MiB, type Row } from "./lib/report";
import { startApp, type App } from "./lib/server";

const all = ["assign", "rank", "upload", "playback", "public", "weight", "lighthouse", "autosave", "favorit", "memory", "transcode", "scale"] as const;
type Name = (typeof all)[number];

function parseArgs(argv: string[]): { only: Name[]; sizes: number[] } {
  let only: Name[] = [...all];
  let sizes = [GiB, 2 * GiB];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : argv[i + 1];
    if (arg === "--only" || arg.startsWith("--only=")) {
      const names = value?.split(",").map((s) => s.trim()).filter(Boolean) ?? [];
      const unknown = names.filter((n) => !all.includes(n as Name));
      if (unknown.length || names.length === 0) throw new Error(`--only takes a comma list of ${all.join(", ")}; got ${value}`);
      only = names as Name[];
      if (!arg.includes("=")) i++;
    } else if (arg === "--quick") {
      sizes = [256 * MiB, 512 * MiB];
    } else if (arg === "--help" || arg === "-h") {
      console.log(
        [
          `npm run bench [-- --only ${all.join(",")}] [--quick]`,
          "  assign, rank      judge assignment and ranking on large editions",
          "  upload            tus uploads (1 GiB, 2 GiB; --quick 256/512 MiB; BENCH_UPLOAD_SIZES=256M,1G)",
          "  playback          ranged video reads",
          "  public            public pages: server CPU/request and req/s vs a static file of the same size, /api/health second (BENCH_PUBLIC_SECONDS=5)",
          "  weight            page weight: HTML raw/gzip/br, JavaScript (<= 25 KB gzip), catalogue and RSC in the HTML, images",
          "  lighthouse        Lighthouse mobile (CHROME_PATH=/usr/bin/chromium) vs a static copy of the winners page (BENCH_LIGHTHOUSE_RUNS=3, BENCH_LIGHTHOUSE_BUDGET_S=480)",
          "  autosave          score-sheet autosave under 200 judges",
          "  favorit           favourite vote: 2,000 verified votes on PGlite (< 60 s, none lost or double-counted) vs 2,000 plain inserts",
          "  memory            npm run demo's process tree RSS after 30 s idle (< 400 MB)",
          "  transcode         HLS renditions: encoding seconds per minute of 1080p film; one worker against two draining a queue",
        ].join("\n"),
      );
      process.exit(0);
    } else {
      throw new Error(`unknown argument ${arg}`);
    }
  }
  if (process.env.BENCH_UPLOAD_SIZES) sizes = process.env.BENCH_UPLOAD_SIZES.split(",").map(parseSize);
  return { only, sizes };
}

function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([MG])i?B?$/i.exec(text.trim());
  if (!m) throw new Error(`upload size ${text}: write e.g. 256M or 1G`);
  const bytes = Math.round(Number(m[1]) * (m[2].toUpperCase() === "G" ? GiB : MiB));
  if (bytes > 2 * GiB) throw new Error(`upload size ${text} is over the demo edition's 2 GiB maximum`);
  return bytes;
}

function machine(): string[] {
  const cpus = os.cpus();
  return [
    `machine: ${cpus[0]?.model ?? "?"}, ${cpus.length} cores (${os.availableParallelism()} available), ${(os.totalmem() / GiB).toFixed(1)} GiB RAM, ${os.type()} ${os.release()}`,
    `node ${process.version}; load average at start ${os.loadavg().map((l) => l.toFixed(2)).join(" / ")} (1/5/15 min)`,
  ];
}

function table(rows: Row[]): string {
  const head = ["benchmark", "figure", "baseline", "ratio", "target", "result"];
  const body = rows.map((r) => [r.name, r.figure, r.baseline, r.ratio === null ? "-" : r.ratio.toFixed(2), r.target, r.pass ? "PASS" : "MISSED"]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i === 4 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [line(head), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n");
}

const { only, sizes } = parseArgs(process.argv.slice(2));
const header = machine();
for (const line of header) console.log(line);
const started = Date.now();
const rows: Row[] = [];
const failures: string[] = [];

async function step(name: Name, run: () => Promise<Row[]>): Promise<void> {
  if (!only.includes(name)) return;
  console.log(`\n== ${name} ==`);
  try {
    rows.push(...(await run()));
  } catch (error) {
    console.error(error);
    failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

await step("assign", async () => {
  const r = await runAssignBench();
  return [{ name: "assignJudges 5000 films x 3 of 300 judges", figure: `${r.ms.toFixed(0)} ms`, baseline: `${r.baselineMs.toFixed(0)} ms`, ratio: r.ms / r.baselineMs, target: "< 2000 ms", pass: r.ok, details: r.details.split("\n") }];
});
await step("rank", async () =>
  (await runRankBench()).map((r) => ({
    name: r.name.replace(/: 10,000 films x 5 judges x 8 criteria/, " 10000 films x 5 judges x 8 crit."),
    figure: `${r.ms.toFixed(0)} ms`,
    baseline: `${r.baselineMs.toFixed(0)} ms`,
    ratio: r.ms / r.baselineMs,
    target: "< 1000 ms",
    pass: r.ok,
    details: [r.details],
  })),
);

// Upload and playback share one app server (a fresh data directory, demo data).
let app: App | undefined;
let appTrouble: string | null = null;
const needsApp = (["upload", "playback", "public", "weight", "lighthouse"] as const).some((n) => only.includes(n));
try {
  if (needsApp) {
    console.log("\n== app server ==");
    app = await startApp();
  }
  await step("upload", () => runUploadBench(sizes, { app }));
  await step("playback", () => runPlaybackBench({ app }));
  await step("public", () => runPublicBench({ app: app! }));
  await step("weight", () => runWeightBench({ app: app! }));
  await step("lighthouse", () => runLighthouseBench({ app: app! }));
} catch (error) {
  console.error(error);
  failures.push(`app server: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  appTrouble = app?.exited() ?? null;
  const errors = app?.stderr.join("").trim();
  if (errors) console.log(`\n[next stderr, last lines]\n${errors.split("\n").slice(-15).join("\n")}`);
  await app?.stop();
}

// Autosave starts its own two servers (PGlite, then a fresh PostgreSQL database) with 200 judges.
await step("autosave", () => runAutosaveBench());

// The public's favourite vote: the whole verified path for 2,000 voters on an embedded database of its own.
await step("favorit", () => favoritVoteRows());

// `npm run demo` itself, as the README starts it: its whole process tree's memory at rest.
await step("memory", () => runMemoryBench());
// HLS renditions: one 1080p film's full set, then a queue drained by one worker and by two.
await step("transcode", () => runTranscodeBench());
// National scale: demo size against national size (~80,000 KIMs), on PostgreSQL and PGlite.
await step("scale", () => runScaleBench());

console.log("\n================ Layar benchmarks ================");
for (const line of header) console.log(line);
if (app) console.log(`app server: server.mjs (pid ${app.rootPid}); memory measured on the serving process pid ${app.serverPid} "${app.serverName}"`);
if (appTrouble) console.log(`WARNING: ${appTrouble}: the app figures may be affected`);
console.log(`ratio = figure / baseline (throughput: higher is better; times and memory: lower is better)\n`);
// The figures depend on the runtime as much as on the machine (docs/decisions/0038), so it is named beside them.
console.log(`\nresults on Node.js ${process.version} (${process.platform}-${process.arch}, V8 ${process.versions.v8}):`);
console.log(table(rows));
console.log("\ndetails:");
for (const r of rows) for (const d of r.details ?? []) console.log(`  - ${d}`);
const missed = rows.filter((r) => !r.pass);
console.log(`\n${rows.length - missed.length} of ${rows.length} targets met in ${((Date.now() - started) / 1000).toFixed(0)} s on Node.js ${process.version}.`);
if (missed.length) console.log(`MISSED: ${missed.map((r) => r.name).join("; ")}`);
if (failures.length) {
  console.log(`COULD NOT RUN: ${failures.join("; ")}`);
  process.exitCode = 1;
}
