// Applies migrations and imports regions into the configured database (no demo data).
import { env } from "@/lib/env";
import { openDatabase } from "@/lib/db/client";
import { DatabaseInUseError } from "@/lib/db/data-dir-lock";
import { setupDatabase } from "@/lib/db/setup-database";

const { DATABASE_URL, dataDir } = env();
try {
  const handle = openDatabase(DATABASE_URL, dataDir);
  try {
    const report = await setupDatabase(handle, { seed: false, dataDir });
    console.log(`Migrasi selesai (${report.ms} ms; ${report.regionsInserted} wilayah baru).`);
  } finally {
    await handle.close();
  }
} catch (error) {
  // The embedded database held by a running server: one line that says what to do, no stack.
  if (!(error instanceof DatabaseInUseError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
