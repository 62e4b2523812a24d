import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { listSitemapFiles, renderSitemapIndex } from "@/lib/public/feeds";

// Read at request time: never built from the build machine's data, never stale about a publication.
export const dynamic = "force-dynamic";

/** GET /sitemap.xml: the index of the sitemap files (lib/public/feeds.ts, at most 10,000 URLs each). */
export async function GET(): Promise<Response> {
  const baseUrl = env().publicUrl;
  const xml = renderSitemapIndex(baseUrl, await listSitemapFiles(getDb()));
  return new Response(xml, { headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=300, stale-while-revalidate=600" } });
}
