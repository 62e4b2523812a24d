// `npm run bench -- --only memory`: the resident memory of `npm run demo`'s whole process
// tree (npm, whatever it runs, the server) after the demo is up and has sat idle, as a
// user who typed the README's quick start would have it. The demo runs in a fresh data
// directory on a free port; it is stopped the way Ctrl+C stops it (SIGINT to its process
// group), and the time everything took to end is reported too.
import { spawn } from "node:child_process";
import path from "node:path";
import { freePort } from "@/scripts/lib/free-port";
import { findListeningPid, processName, processTree, rssBytes, sleep } from "./lib/proc";
import type { Row } from "./lib/report";
import { makeTempDir, removeTempDir } from "./lib/temp";

const MB = 1024 * 1024;
const root = path.resolve(import.meta.dirname, "..");
const TARGET_MB = 400;

export async function runMemoryBench(options: { idleSeconds?: number; log?: (line: string) => void } = {}): Promise<Row[]> {
  const log = options.log ?? console.log;
  const idleSeconds = options.idleSeconds ?? Number(process.env.BENCH_MEMORY_IDLE_SECONDS ?? 30);
  const dataDir = makeTempDir("layar-bench-memory-");
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, LAYAR_DATA_DIR: dataDir, PORT: String(port), NEXT_TELEMETRY_DISABLED: "1" };
  for (const key of ["DATABASE_URL", "PUBLIC_URL", "NEXTAUTH_URL", "SMTP_URL", "STORAGE_DRIVER", "NODE_OPTIONS"]) delete env[key];
  // Its own process group, as a terminal gives it: Ctrl+C is SIGINT to that group.
  const demo = spawn("npm", ["run", "demo"], { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const pid = demo.pid!;
  let output = "";
  demo.stdout.on("data", (chunk: Buffer) => void (output += chunk.toString()));
  demo.stderr.on("data", (chunk: Buffer) => void (output += chunk.toString()));
  let exited = false;
  const ended = new Promise<void>((resolve) => demo.once("exit", () => ((exited = true), resolve())));
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // already gone
    }
  };
  try {
    const started = Date.now();
    while (!/siap di http/.test(output)) {
      if (exited) throw new Error(`npm run demo ended before it was ready:\n${output.slice(-2000)}`);
      if (Date.now() - started > 20 * 60_000) throw new Error("npm run demo was not ready in 20 minutes");
      await sleep(500);
    }
    if (!/Akun demo/.test(output)) throw new Error("npm run demo did not print the demo accounts");
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    if (!health.ok) throw new Error(`/api/health answered ${health.status}`);
    log(`[memory] demo ready in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    // At start the server's workers make the sample films' HLS renditions (ffmpeg children):
    // "idle" is after that work, as a user who waits a minute would find it.
    // Done = no ffmpeg for 15 s in a row, once one has run (or after 90 s without any).
    const encoding = Date.now();
    let seen = false;
    let quietSince = Date.now();
    for (;;) {
      const busy = processTree(pid).some((p) => /ffmpeg|ffprobe/.test(processName(p)));
      if (busy) {
        seen = true;
        quietSince = Date.now();
      } else if (Date.now() - quietSince >= 15_000 && (seen || Date.now() - encoding >= 90_000)) break;
      if (Date.now() - encoding > 10 * 60_000) throw new Error("the demo's renditions were still being encoded after 10 minutes");
      await sleep(500);
    }
    log(`[memory] renditions of the sample films done ${((Date.now() - encoding) / 1000).toFixed(0)} s after ready; idle for ${idleSeconds} s`);
    await sleep(idleSeconds * 1000);
    const tree = processTree(pid).map((p) => ({ pid: p, name: processName(p), rss: rssBytes(p) ?? 0 }));
    const total = tree.reduce((sum, p) => sum + p.rss, 0);
    const serverPid = findListeningPid(pid, port);
    const server = tree.find((p) => p.pid === serverPid)?.rss ?? 0;

    const stopping = Date.now();
    killGroup("SIGINT");
    const stopped = await Promise.race([ended.then(() => true), sleep(15_000).then(() => false)]);
    const left = stopped ? tree.filter((p) => rssBytes(p.pid) !== null).length : tree.length;
    return [
      {
        name: `npm run demo: process tree RSS after ${idleSeconds} s idle`,
        figure: `${(total / MB).toFixed(0)} MB`,
        baseline: `${(server / MB).toFixed(0)} MB`,
        ratio: server ? total / server : null,
        target: `< ${TARGET_MB} MB`,
        pass: total < TARGET_MB * MB && stopped && left === 0,
        details: [
          `baseline: the server process alone (pid ${serverPid}); the tree: ${tree.map((p) => `${p.name.split(" ").slice(0, 3).join(" ")} ${(p.rss / MB).toFixed(0)} MB`).join("; ")}`,
          stopped ? `Ctrl+C (SIGINT to the group) ended npm run demo in ${((Date.now() - stopping) / 1000).toFixed(1)} s, ${left} of its processes left` : "Ctrl+C did not end npm run demo within 15 s",
        ],
      },
    ];
  } finally {
    if (!exited) {
      killGroup("SIGKILL");
      await Promise.race([ended, sleep(5000)]);
    }
    removeTempDir(dataDir);
  }
}
