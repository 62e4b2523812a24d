// Starts the real app for a benchmark, as the browser tests do: a fresh data
// directory with the demo data, a production build when the sources changed, then
// the production server (server.mjs) on a free loopback port. Also signs in over HTTP as next-auth's
// own client does and finds the demo KIM's draft film.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { openDatabase, type Db, type DbHandle } from "@/lib/db/client";
import { setupDatabase } from "@/lib/db/setup-database";
import { demoPassword } from "@/lib/seed/seed-demo";
import { buildIfNeeded } from "@/scripts/lib/build";
import { serverArgs, serverEnv } from "@/scripts/lib/server-flags";
import { findListeningPid, processName, runningNextBuilds, sleep } from "./proc";
import { makeTempDir, removeTempDir } from "./temp";
import { freePort } from "@/scripts/lib/free-port";

export type App = {
  baseUrl: string;
  port: number;
  dataDir: string;
  /** The server.mjs process we spawned. */
  rootPid: number;
  /** The process that holds the listening socket: the one whose memory is measured. */
  serverPid: number;
  serverName: string;
  /** Lines the server printed to stderr (errors are worth showing in a report). */
  stderr: string[];
  /** Null while all is well; otherwise what went wrong under the benchmark (server ended, .next rebuilt). */
  exited: () => string | null;
  /** Stops the server; `inspect` runs after it has exited, before its data directory is removed. */
  stop: (inspect?: (dataDir: string) => Promise<void>) => Promise<void>;
};

export type StartOptions = {
  /** A PostgreSQL server's (fresh) database instead of PGlite in the data directory. */
  databaseUrl?: string;
  /** The demo data (default true). */
  seed?: boolean;
  /** Runs on the set-up database before the server starts (the benchmark's own data). */
  prepare?: (db: Db, handle: DbHandle) => Promise<void>;
};

const root = path.resolve(import.meta.dirname, "../..");

export async function startApp(log: (line: string) => void = console.log, options: StartOptions = {}): Promise<App> {
  const started = Date.now();
  const dataDir = makeTempDir("layar-bench-");
  let server: ChildProcess | undefined;
  const removeData = () => removeTempDir(dataDir);
  const killOnExit = () => {
    server?.kill("SIGKILL");
    removeData();
  };
  // Never leave a server or a data directory behind, even on Ctrl+C.
  const onSignal = (signal: NodeJS.Signals) => {
    killOnExit();
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.once("exit", killOnExit);
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  const forget = () => {
    process.removeListener("exit", killOnExit);
    process.removeListener("SIGINT", onSignal);
    process.removeListener("SIGTERM", onSignal);
  };

  try {
    // setupDatabase finds the demo clips relative to the working directory.
    const cwd = process.cwd();
    process.chdir(root);
    try {
      const handle = openDatabase(options.databaseUrl, dataDir);
      try {
        await setupDatabase(handle, { seed: options.seed ?? true, dataDir });
        await options.prepare?.(handle.db, handle);
      } finally {
        await handle.close();
      }
    } finally {
      process.chdir(cwd);
    }
    log(`[bench] ${options.seed === false ? "database" : "demo database"} ready in ${options.databaseUrl ? "PostgreSQL" : dataDir} (${((Date.now() - started) / 1000).toFixed(1)} s)`);

    // Another engineer's `next build` rewrites .next: never build or start on top of one.
    for (let waited = 0; runningNextBuilds(root).length; waited++) {
      if (waited % 20 === 0) log(`[bench] waiting for a running next build (pid ${runningNextBuilds(root).join(", ")}) to finish...`);
      await sleep(3000);
    }
    const { built } = buildIfNeeded(root);
    if (built) log("[bench] next build done");

    const buildIdFile = path.join(root, ".next", "BUILD_ID");
    const buildStamp = () => {
      try {
        return `${fs.readFileSync(buildIdFile, "utf8")}@${fs.statSync(buildIdFile).mtimeMs}`;
      } catch {
        return "missing";
      }
    };
    const startedBuild = buildStamp();
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      LAYAR_DATA_DIR: dataDir,
      NEXTAUTH_URL: `http://localhost:${port}`,
      PORT: String(port),
      NEXT_TELEMETRY_DISABLED: "1",
      ...serverEnv,
    };
    // PGlite (unless the caller names a database) and local disk in the temp directory, whatever the shell has.
    for (const key of ["DATABASE_URL", "PUBLIC_URL", "SMTP_URL", "STORAGE_DRIVER"]) delete env[key];
    if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
    // BENCH_CPU_PROF=<dir>: the server writes a V8 CPU profile there when it exits (see bench/lib/profile.ts).
    const profile = process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF)}`] : [];
    // Started as `npm start` starts it (scripts/lib/server-flags.ts): the memory measured is the product's.
    const child = spawn(process.execPath, [...profile, ...serverArgs(root, port, "127.0.0.1")], {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    server = child;
    const stderr: string[] = [];
    child.stdout?.resume();
    child.stderr?.on("data", (c: Buffer) => {
      const text = c.toString();
      stderr.push(text);
      if (stderr.length > 200) stderr.shift();
      if (process.env.BENCH_VERBOSE) process.stderr.write(`[next] ${text}`);
    });
    await waitForHealth(`${baseUrl}/api/health`, child);

    const serverPid = findListeningPid(child.pid!, port) ?? child.pid!;
    log(`[bench] Layar on ${baseUrl}: spawned pid ${child.pid}, serving pid ${serverPid} (${processName(serverPid)}), ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    return {
      baseUrl,
      port,
      dataDir,
      rootPid: child.pid!,
      serverPid,
      serverName: processName(serverPid),
      stderr,
      exited: () => {
        const problems: string[] = [];
        if (child.exitCode !== null || child.signalCode !== null) problems.push(`server.mjs (pid ${child.pid}) ended ${child.signalCode ? `by signal ${child.signalCode}` : `with code ${child.exitCode}`}`);
        if (buildStamp() !== startedBuild) problems.push("another process rebuilt .next while the server ran");
        return problems.length ? problems.join("; ") : null;
      },
      stop: async (inspect) => {
        await stopProcess(child);
        try {
          await inspect?.(dataDir);
        } finally {
          removeData();
        }
        forget();
      },
    };
  } catch (error) {
    if (server) await stopProcess(server);
    removeData();
    forget();
    throw error;
  }
}


async function waitForHealth(url: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server.mjs exited (${server.exitCode}) before it was ready`);
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(300);
  }
  throw new Error(`no 200 from ${url} within 120 s`);
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

/** Signs in as next-auth's client does (csrf token, then the credentials callback) and returns the Cookie header. */
export async function signIn(baseUrl: string, email: string, password = demoPassword): Promise<string> {
  const jar = new Map<string, string>();
  const store = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair.indexOf("=");
      jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
  };
  const header = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  store(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: header() },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  store(response);
  await response.text();
  if (![...jar.keys()].some((k) => k.endsWith("next-auth.session-token"))) throw new Error(`sign-in as ${email} failed (HTTP ${response.status})`);
  return header();
}

/**
 * The signed-in KIM's draft film in an edition open for entries: from the /kim
 * dashboard, the entry whose edition is listed under "open editions".
 */
export async function findDraftFilm(baseUrl: string, cookie: string): Promise<string> {
  const html = await (await fetch(`${baseUrl}/kim`, { headers: { Cookie: cookie }, redirect: "manual" })).text();
  const openSection = /id="h-open"[\s\S]*?<\/section>/.exec(html)?.[0] ?? "";
  // Each open edition's title is its link to /festival/{slug}.
  const openTitles = [...openSection.matchAll(/href="\/festival\/[^"]+">([^<]+)<\/a>/g)].map((m) => m[1].trim());
  const entries = [...html.matchAll(/href="\/kim\/film\/([0-9a-f-]{36})"[\s\S]*?<p class="text-sm text-muted">([^<]*)<\/p>/g)].map((m) => ({ id: m[1], edition: m[2].trim() }));
  if (entries.length === 0) throw new Error("no film links (/kim/film/<id>) on /kim: is the KIM signed in?");
  const open = entries.find((e) => openTitles.some((t) => t === e.edition || t.startsWith(e.edition) || e.edition.startsWith(t)));
  // Another entry would be one the organisers have processed: its uploads are refused.
  if (!open) throw new Error(`no entry of the KIM is in an open edition (open: ${openTitles.join(", ") || "none"})`);
  return open.id;
}
