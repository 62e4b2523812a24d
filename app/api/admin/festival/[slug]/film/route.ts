import { jsonRoute } from "@/lib/api/handler";
import { actorFromCookies, checkActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { entriesXlsx, entriesXlsxType } from "@/lib/films/entries-export";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type Context = { params: Promise<{ slug: string }> };

/** The edition's entries with KIM contacts as XLSX, for organisers whose region covers it (others: 401/403/404). */
export const GET = jsonRoute(async (request: Request, { params }: Context) => {
  const { slug } = await params;
  const db = getDb();
  const actor = checkActor(await actorFromCookies(request.headers.get("cookie"), db), ["organiser"]);
  const { body, filename } = await entriesXlsx(db, actor, slug);
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": entriesXlsxType,
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
