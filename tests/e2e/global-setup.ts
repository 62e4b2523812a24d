// Starts the app once for the browser suite: a fresh data directory with the
// demo data (as `npm run demo` creates it), a build when the sources changed,
// then the production server (server.mjs) on a free port. Tests read the address with inject("baseUrl").
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { openDatabase } from "@/lib/db/client";
import { setupDatabase } from "@/lib/db/setup-database";
import { buildIfNeeded } from "@/scripts/lib/build";
import { serverArgs, serverEnv } from "@/scripts/lib/server-flags";
import { freePort } from "@/scripts/lib/free-port";
import { stopServer } from "@/tests/setup/stop-server";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    dataDir: string;
    serverLog: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = project.config.root;
  // setupDatabase finds the demo clips relative to the working directory.
  if (path.resolve(process.cwd()) !== path.resolve(root)) process.chdir(root);

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "layar-e2e-"));
  let server: ChildProcess | undefined;
  const teardown = async () => {
    await stopServer(server);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    const started = Date.now();
    // Always PGlite in the temp directory, whatever DATABASE_URL the shell has.
    const handle = openDatabase(undefined, dataDir);
    try {
      await setupDatabase(handle, { seed: true, dataDir });
    } finally {
      await handle.close();
    }
    console.log(`[e2e] basis data demo siap di ${dataDir} (${((Date.now() - started) / 1000).toFixed(1)} dtk)`);

    buildIfNeeded(root);

    const port = await freePort();
    const baseUrl = `http://localhost:${port}`;
    const childEnv: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      LAYAR_DATA_DIR: dataDir,
      NEXTAUTH_URL: baseUrl,
      PORT: String(port),
      NEXT_TELEMETRY_DISABLED: "1",
    };
    delete childEnv.DATABASE_URL;
    delete childEnv.PUBLIC_URL;
    delete childEnv.SMTP_URL; // mail goes to the outbox in the data directory
    // Started as production starts it (scripts/lib/server-flags.ts).
    server = spawn(process.execPath, serverArgs(root, port), {
      cwd: root,
      env: { ...childEnv, ...serverEnv },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const prefix = (chunk: Buffer) => chunk.toString().replace(/^(?=.)/gm, "[next] ");
    // The server's output is also kept in a file: tests/e2e/server-log.ts fails a test
    // file after which the server logged an uncaught exception.
    const serverLog = path.join(dataDir, "server.log");
    fs.writeFileSync(serverLog, "");
    server.stdout?.on("data", (c: Buffer) => {
      process.stdout.write(prefix(c));
      fs.appendFileSync(serverLog, c);
    });
    server.stderr?.on("data", (c: Buffer) => {
      process.stderr.write(prefix(c));
      fs.appendFileSync(serverLog, c);
    });
    const child = server;
    // Never leave a server or its data behind, even when vitest is interrupted.
    process.once("exit", () => {
      child.kill("SIGKILL");
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    await waitForHealth(`${baseUrl}/api/health`, server);
    console.log(`[e2e] Layar berjalan di ${baseUrl}`);
    project.provide("baseUrl", baseUrl);
    project.provide("dataDir", dataDir);
    project.provide("serverLog", serverLog);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}


async function waitForHealth(url: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server.mjs berhenti (kode ${server.exitCode}) sebelum siap`);
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`Server tidak menjawab 200 di ${url} dalam 120 dtk`);
}

