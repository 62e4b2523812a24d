// Run by tests/integration/instances.test.ts in its own process, against DATABASE_URL: the
// server ends the pool's idle connection (as a restart or an idle timeout would). Before the
// pool had an error handler, that 'error' event killed the process.
import { sql } from "drizzle-orm";
import { Client, type Pool } from "pg";
import { openDatabase } from "@/lib/db/client";

const url = process.env.DATABASE_URL!;
const handle = openDatabase(url, process.env.LAYAR_DATA_DIR ?? "/nonexistent");
const pool = (handle.db as unknown as { $client: Pool }).$client;
const rows = async <T>(query: ReturnType<typeof sql>) => ((await handle.db.execute(query)) as unknown as { rows: T[] }).rows;

const [{ pid }] = await rows<{ pid: number }>(sql`select pg_backend_pid() as pid`);
// The connection is back in the pool, idle. Another session ends it.
const admin = new Client({ connectionString: url });
await admin.connect();
const ended = await admin.query<{ ok: boolean }>("select pg_terminate_backend($1) as ok", [pid]);
await admin.end();
for (let i = 0; i < 100 && pool.totalCount > 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
const [{ n }] = await rows<{ n: number }>(sql`select 1 + 1 as n`);
console.log(`terminated ${ended.rows.filter((r) => r.ok).length}; next query ${n}`);
await handle.close();
