import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { listSitemapEntries, renderSitemap } from "@/lib/public/feeds";
import { sharedRead } from "@/lib/public/shared-read";

export const dynamic = "force-dynamic";

/** GET /sitemap/{halaman|film-N|kim-N}.xml: one file the index lists; 404 for any other name. */
export async function GET(_req: Request, { params }: { params: Promise<{ file: string }> }): Promise<Response> {
  const { file } = await params;
  const name = /^([a-z]+(?:-\d+)?)\.xml$/.exec(file)?.[1];
  const db = getDb();
  // A file is the same for every crawler: made once a minute at most (lib/public/shared-read.ts).
  const make = async (file: string) => {
    const entries = await listSitemapEntries(db, env().publicUrl, file);
    return entries ? renderSitemap(entries) : null;
  };
  const xml = name ? await sharedRead(db, `sitemap ${name}`, () => make(name)) : null;
  if (xml === null) return new Response("Tidak ditemukan.\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(xml, { headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=300, stale-while-revalidate=600" } });
}
