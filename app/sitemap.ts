import type { MetadataRoute } from "next";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { listSitemapEntries } from "@/lib/public/feeds";

// Read at request time: never built from the build machine's data, never stale about a publication.
export const dynamic = "force-dynamic";

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  return listSitemapEntries(getDb(), env().publicUrl);
}
