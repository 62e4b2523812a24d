// `npm run demo`: database set-up (migrations, regions, demo data when empty),
// a production build when the sources changed, then the production server (server.mjs) on PORT.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";
import { openDatabase } from "@/lib/db/client";
import { DatabaseInUseError } from "@/lib/db/data-dir-lock";
import { setupDatabase } from "@/lib/db/setup-database";
import { demoAccounts, demoPassword } from "@/lib/seed/seed-demo";
import { buildIfNeeded } from "./lib/build";
import { serverArgs, serverEnv } from "./lib/server-flags";

const started = Date.now();
const { DATABASE_URL, dataDir, PORT } = env();
fs.mkdirSync(dataDir, { recursive: true });

let handle: ReturnType<typeof openDatabase>;
try {
  handle = openDatabase(DATABASE_URL, dataDir);
} catch (error) {
  // Another `npm run demo` (or `npm start`) already serves this data directory.
  if (!(error instanceof DatabaseInUseError)) throw error;
  console.error(error.message);
  process.exit(1);
}
const report = await setupDatabase(handle, { seed: true, dataDir });
await handle.close();
console.log(`Basis data siap (${DATABASE_URL ? "PostgreSQL" : `PGlite di ${path.join(dataDir, "pglite")}`}), ${report.ms} ms${report.seeded ? ", data demo dibuat" : ""}.`);

try {
  buildIfNeeded();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

const url = `http://localhost:${PORT}`;
const server = spawn(process.execPath, serverArgs(process.cwd(), PORT), {
  stdio: ["ignore", "pipe", "inherit"],
  env: { ...process.env, ...serverEnv, LAYAR_DATA_DIR: dataDir, NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? url, NEXT_TELEMETRY_DISABLED: "1" },
});
server.stdout?.pipe(process.stdout);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));

await waitForHealth(`${url}/api/health`);
console.log(`\nLayar berjalan di ${url} (siap dalam ${((Date.now() - started) / 1000).toFixed(1)} dtk)\n`);
console.log(`Akun demo (kata sandi semua: ${demoPassword}):`);
for (const a of demoAccounts) console.log(`  ${a.role.padEnd(9)} ${a.email.padEnd(30)} ${a.note}`);
console.log("\nTekan Ctrl+C untuk berhenti.");

async function waitForHealth(target: string): Promise<void> {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(target)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`Server tidak menjawab di ${target}`);
}
