// Migrations, regions and, when the database has no accounts, the demo data.
import { env } from "@/lib/env";
import { openDatabase } from "@/lib/db/client";
import { setupDatabase } from "@/lib/db/setup-database";

const { DATABASE_URL, dataDir } = env();
const handle = openDatabase(DATABASE_URL, dataDir);
const report = await setupDatabase(handle, { seed: true, dataDir });
await handle.close();
console.log(report.seeded ? `Data demo dibuat (${report.ms} ms).` : "Basis data sudah berisi data; tidak ada yang diubah.");
