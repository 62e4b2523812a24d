// Migrations, regions and, when the database has no accounts, the demo data.
import { env } from "@/lib/env";
import { openDatabase } from "@/lib/db/client";
import { DatabaseInUseError } from "@/lib/db/data-dir-lock";
import { setupDatabase } from "@/lib/db/setup-database";

const { DATABASE_URL, dataDir } = env();
try {
  const handle = openDatabase(DATABASE_URL, dataDir);
  try {
    const report = await setupDatabase(handle, { seed: true, dataDir });
    console.log(report.seeded ? `Data demo dibuat (${report.ms} ms).` : "Basis data sudah berisi data; tidak ada yang diubah.");
  } finally {
    await handle.close();
  }
} catch (error) {
  if (!(error instanceof DatabaseInUseError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
