import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { listSitemapFiles, renderSitemapIndex } from "@/lib/public/feeds";
import { sharedRead } from "@/lib/public/shared-read";

// Read at request time: never built from the build machine's data. Kept for a minute as a shared
// read (lib/public/shared-read.ts), which a publication forgets.
export const dynamic = "force-dynamic";

/** GET /sitemap.xml: the index of the sitemap files (lib/public/feeds.ts, at most 10,000 URLs each). */
export async function GET(): Promise<Response> {
  const baseUrl = env().publicUrl;
  const db = getDb();
  const xml = await sharedRead(db, "sitemap", async () => renderSitemapIndex(baseUrl, await listSitemapFiles(db)));
  return new Response(xml, { headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=300, stale-while-revalidate=600" } });
}
