import fs from "node:fs/promises";
import path from "node:path";
import { jsonRoute } from "@/lib/api/handler";
import { actorFromCookies, checkActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { notFound } from "@/lib/errors";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type Context = { params: Promise<{ file: string }> };

// docs/contoh-impor-kim.{xlsx,csv}, written by scripts/make-import-example.ts.
const files: Record<string, { name: string; type: string }> = {
  "contoh.xlsx": { name: "contoh-impor-kim.xlsx", type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  "contoh.csv": { name: "contoh-impor-kim.csv", type: "text/csv; charset=utf-8" },
};

/** The example list for /admin/kim/impor, for signed-in organisers (others: 401/403). */
export const GET = jsonRoute(async (request: Request, { params }: Context) => {
  checkActor(await actorFromCookies(request.headers.get("cookie"), getDb()), ["organiser"]);
  const file = files[(await params).file];
  if (!file) throw notFound();
  const body = await fs.readFile(path.join(process.cwd(), "docs", file.name));
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": file.type,
      "Content-Disposition": `attachment; filename="${file.name}"`,
      "Cache-Control": "private, max-age=300",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
