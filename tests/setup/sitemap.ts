import type { Db } from "@/lib/db/client";
import { listSitemapEntries, listSitemapFiles } from "@/lib/public/feeds";

/** Every URL of the sitemap, read as a crawler reads it: the index, then each file it lists. */
export async function sitemapUrls(db: Db, baseUrl: string, now = new Date(), perFile?: number): Promise<string[]> {
  const urls: string[] = [];
  for (const file of await listSitemapFiles(db, now, perFile)) {
    const entries = await listSitemapEntries(db, baseUrl, file, now, perFile);
    if (!entries) throw new Error(`the index lists ${file}, which has no entries`);
    urls.push(...entries.map((e) => e.url));
  }
  return urls;
}

/** The same through the routes: GET /sitemap.xml, then GET of every file it lists (each must answer 200). */
export async function sitemapRouteUrls(): Promise<string[]> {
  const { GET: index } = await import("@/app/sitemap.xml/route");
  const { GET: file } = await import("@/app/sitemap/[file]/route");
  const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1].replace(/&amp;/g, "&"));
  const urls: string[] = [];
  for (const loc of locs(await (await index()).text())) {
    const name = new URL(loc).pathname.replace(/^\/sitemap\//, "");
    const res = await file(new Request(loc), { params: Promise.resolve({ file: name }) });
    if (res.status !== 200) throw new Error(`${loc} answered ${res.status}`);
    urls.push(...locs(await res.text()));
  }
  return urls;
}
