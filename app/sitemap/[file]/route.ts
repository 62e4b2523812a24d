import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { listSitemapEntries, renderSitemap } from "@/lib/public/feeds";

export const dynamic = "force-dynamic";

/** GET /sitemap/{halaman|film-N|kim-N}.xml: one file the index lists; 404 for any other name. */
export async function GET(_req: Request, { params }: { params: Promise<{ file: string }> }): Promise<Response> {
  const { file } = await params;
  const name = /^([a-z]+(?:-\d+)?)\.xml$/.exec(file)?.[1];
  const entries = name ? await listSitemapEntries(getDb(), env().publicUrl, name) : null;
  if (!entries) return new Response("Tidak ditemukan.\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(renderSitemap(entries), { headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=300, stale-while-revalidate=600" } });
}
