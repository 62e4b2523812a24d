import { jsonRoute } from "@/lib/api/handler";
import { actorFromCookies } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { serveDocument } from "@/lib/documents/serve-document";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type Context = { params: Promise<{ slug: string; doc: string }> };

/** rekap.xlsx | rekap.csv | rekap-titik.csv | berita-acara.pdf | piagam.pdf | piagam-peserta.pdf | piagam-juri.pdf | piagam-{code}.pdf; rules in lib/documents/serve-document.ts. */
export const GET = jsonRoute(async (request: Request, { params }: Context) => {
  const { slug, doc } = await params;
  const db = getDb();
  return serveDocument(db, await actorFromCookies(request.headers.get("cookie"), db), slug, doc);
});
