// Where the app server spends its CPU during a benchmark: starts the app with a V8 CPU
// profile (node --cpu-prof), runs one workload, stops the server and summarises the
// profile's samples taken during the workload, by code area and by function.
//   npx tsx bench/lib/profile.ts upload [512M]     one tus upload of that size
//   npx tsx bench/lib/profile.ts playback          the playback runs (short)
// Diagnostic only; `npm run bench` never profiles (a profiler slows the server).
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { runPlaybackBench } from "../playback";
import { runUploadBench } from "../upload";
import { MiB } from "./report";
import { startApp } from "./server";
import { makeTempDir, removeTempDir } from "./temp";

type CallFrame = { functionName: string; url: string; lineNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

/** The code area a frame belongs to, from its script URL. */
export function areaOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith("(") ? functionName : "native/builtin";
  if (url.startsWith("node:internal/webstreams")) return "node: web streams";
  if (url.startsWith("node:internal/streams")) return "node: streams";
  if (url.startsWith("node:internal/fs") || url === "node:fs") return "node: fs";
  if (url.startsWith("node:internal/deps/undici")) return "node: undici";
  if (url.startsWith("node:internal/http") || url.startsWith("node:_http") || url === "node:http") return "node: http";
  if (url.startsWith("node:internal/crypto") || url.startsWith("node:internal/webcrypto")) return "node: crypto";
  if (url.startsWith("node:")) return "node: other";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + "node_modules/".length).split("/");
    const pkg = rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
    if (pkg === "next") {
      const compiled = /dist\/compiled\/([^/]+)/.exec(url);
      return compiled ? `next (compiled ${compiled[1]})` : `next: ${rest.slice(2, 4).join("/")}`;
    }
    return pkg;
  }
  if (url.includes("/.next/server/")) return "app bundle (.next/server)";
  return url.replace(/^file:\/\//, "");
}

export function summarise(profile: CpuProfile, fromUs = -Infinity, toUs = Infinity, top = 25): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const selfArea = new Map<string, number>();
  const onStack = new Map<string, number>();
  let total = 0;
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    if (t < fromUs || t > toUs) continue;
    const node = byId.get(profile.samples[i])!;
    if (node.callFrame.functionName === "(idle)") continue;
    total++;
    const f = node.callFrame;
    const key = `${f.functionName || "(anonymous)"}  ${areaOf(f)}${f.url ? `:${f.lineNumber + 1}` : ""}`;
    self.set(key, (self.get(key) ?? 0) + 1);
    selfArea.set(areaOf(f), (selfArea.get(areaOf(f)) ?? 0) + 1);
    const areas = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) areas.add(areaOf(byId.get(id)!.callFrame));
    for (const a of areas) onStack.set(a, (onStack.get(a) ?? 0) + 1);
  }
  const pct = (n: number) => `${((100 * n) / total).toFixed(1).padStart(5)}%`;
  const list = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `  ${pct(v)}  ${k}`)
      .join("\n");
  return [
    `${total} busy samples in the window`,
    "self time by area:",
    list(selfArea, 20),
    "areas on the stack (inclusive):",
    list(onStack, 20),
    `top ${top} functions by self time:`,
    list(self, top),
  ].join("\n");
}

async function main() {
  const [what = "upload", sizeArg = "512M"] = process.argv.slice(2);
  const keep = Boolean(process.env.BENCH_KEEP_PROFILE);
  const dir = keep ? fs.mkdtempSync("/tmp/layar-bench-prof-") : makeTempDir("layar-bench-prof-");
  process.env.BENCH_CPU_PROF = dir;
  const app = await startApp();
  let from = 0;
  let to = 0;
  try {
    from = Number(process.hrtime.bigint() / 1000n);
    if (what === "upload") {
      const size = Number(/^(\d+)M$/i.exec(sizeArg)?.[1] ?? 512) * MiB;
      for (const r of await runUploadBench([size], { app, repeats: 1 })) console.log(`${r.name}: ${r.figure} vs ${r.baseline}`);
    } else {
      for (const r of await runPlaybackBench({ app, repeats: 1, durationMs: 4000 })) console.log(`${r.name}: ${r.figure} vs ${r.baseline}`);
    }
    to = Number(process.hrtime.bigint() / 1000n);
  } finally {
    await app.stop();
  }
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"));
  for (const f of files) {
    const profile = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as CpuProfile;
    console.log(`\n== ${f} (server CPU profile, workload window only) ==`);
    console.log(summarise(profile, from, to));
  }
  if (keep) console.log(`profiles kept in ${dir}`);
  else removeTempDir(dir);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
