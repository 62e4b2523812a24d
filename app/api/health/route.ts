import { sql } from "drizzle-orm";
import { jsonRoute } from "@/lib/api/handler";
import { getDb, getDbHandle } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export const GET = jsonRoute(async () => {
  await getDb().execute(sql`select 1`);
  return Response.json({ status: "ok", database: getDbHandle().kind, time: new Date().toISOString() }, { headers: { "Cache-Control": "no-store" } });
});
