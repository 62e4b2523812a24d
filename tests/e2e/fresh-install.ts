import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { serverArgs, serverEnv } from "@/scripts/lib/server-flags";
import { freePort } from "@/scripts/lib/free-port";

/**
 * A Layar installed as the README's "Production" section says, on an empty data directory:
 * `npm run db:migrate`, `npm run admin -- create-organiser ...`, then the production server
 * (server.mjs, the build the global set-up made). No demo seed, no factories: everything
 * after this is done through the interface.
 */
export type FreshInstall = {
  base: string;
  dataDir: string;
  /** Runs `npm run admin -- <args>` against this install (the server must be stopped on PGlite). */
  admin: (args: string[]) => { status: number | null; stdout: string; stderr: string };
  start: () => Promise<void>;
  stop: () => Promise<void>;
  /** The mails the server wrote to its outbox (no SMTP_URL), newest last, as raw text. */
  outbox: () => string[];
  remove: () => void;
};

const root = process.cwd();
const tsx = path.join(root, "node_modules/.bin/tsx");

export async function freshInstall(): Promise<FreshInstall> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "layar-e2e-fresh-"));
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", LAYAR_DATA_DIR: dataDir, NEXTAUTH_URL: base, PORT: String(port), NEXT_TELEMETRY_DISABLED: "1" };
  delete env.DATABASE_URL;
  delete env.PUBLIC_URL;
  delete env.SMTP_URL;
  const run = (script: string, args: string[] = []) => {
    const result = spawnSync(tsx, [script, ...args], { cwd: root, env: { ...env, NODE_ENV: "development" }, encoding: "utf8", timeout: 240_000 });
    return { status: result.status, stdout: result.stdout ?? "", stderr: result.stderr ?? "" };
  };

  const migrated = run("scripts/migrate.ts");
  if (migrated.status !== 0) throw new Error(`npm run db:migrate failed (${migrated.status}):\n${migrated.stdout}\n${migrated.stderr}`);

  let server: ChildProcess | undefined;
  const stop = async () => {
    if (!server || server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise((resolve) => server!.once("exit", resolve));
    server.kill("SIGTERM");
    const timer = setTimeout(() => server?.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  };
  const start = async () => {
    const log = fs.openSync(path.join(dataDir, "server.log"), "a");
    server = spawn(process.execPath, serverArgs(root, port), { cwd: root, env: { ...env, ...serverEnv }, stdio: ["ignore", log, log] });
    const child = server;
    process.once("exit", () => child.kill("SIGKILL"));
    for (let i = 0; i < 240; i++) {
      if (child.exitCode !== null) throw new Error(`server.mjs stopped (${child.exitCode}):\n${fs.readFileSync(path.join(dataDir, "server.log"), "utf8")}`);
      if ((await fetch(`${base}/api/health`).catch(() => null))?.ok) return;
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`server.mjs did not answer on ${base}`);
  };
  const outbox = () => {
    const dir = path.join(dataDir, "outbox");
    if (!fs.existsSync(dir)) return [];
    return fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".eml"))
      .map((f) => ({ f, at: fs.statSync(path.join(dir, f)).mtimeMs }))
      .sort((a, b) => a.at - b.at)
      .map(({ f }) => fs.readFileSync(path.join(dir, f), "utf8").replace(/=\r?\n/g, "").replace(/=3D/g, "="));
  };
  return {
    base,
    dataDir,
    admin: (args) => run("scripts/admin.ts", args),
    start,
    stop,
    outbox,
    remove: () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
}

