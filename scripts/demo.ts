// `npm run demo`, its first half: database set-up (migrations, regions, demo data when empty),
// a production build when the sources changed, the demo accounts. Then this process exits
// and package.json's `demo` script execs the production server (server.mjs) in its place,
// with the flags of `npm start` (scripts/lib/server-flags.ts): nothing but npm and the
// server stay alive, and Ctrl+C reaches the server directly (docs/decisions/0027).
import fs from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";
import { openDatabase } from "@/lib/db/client";
import { DatabaseInUseError } from "@/lib/db/data-dir-lock";
import { setupDatabase } from "@/lib/db/setup-database";
import { demoAccounts, demoPassword } from "@/lib/seed/seed-demo";
import { buildIfNeeded } from "./lib/build";

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

console.log(`\nAkun demo (kata sandi semua: ${demoPassword}):`);
for (const a of demoAccounts) console.log(`  ${a.role.padEnd(9)} ${a.email.padEnd(30)} ${a.note}`);
console.log(`\nLayar dimulai di http://localhost:${PORT}; tunggu baris "siap", lalu buka alamat itu. Tekan Ctrl+C untuk berhenti.\n`);
