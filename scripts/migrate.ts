// Applies migrations and imports regions into the configured database (no demo data).
import { env } from "@/lib/env";
import { openDatabase } from "@/lib/db/client";
import { setupDatabase } from "@/lib/db/setup-database";

const { DATABASE_URL, dataDir } = env();
const handle = openDatabase(DATABASE_URL, dataDir);
const report = await setupDatabase(handle, { seed: false, dataDir });
await handle.close();
console.log(`Migrasi selesai (${report.ms} ms; ${report.regionsInserted} wilayah baru).`);
