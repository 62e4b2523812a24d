import { z } from "zod";
import { jsonRoute, publicCache } from "@/lib/api/handler";
import { limitParam } from "@/lib/api/paging";
import { getDb } from "@/lib/db/client";
import { archiveHref, parseArchiveQueryStrict } from "@/lib/public/archive-query";
import { ARCHIVE_PAGE_MAX, archivePageSize, searchArchive } from "@/lib/public/search-archive";
import { sharedRead } from "@/lib/public/shared-read";

export const dynamic = "force-dynamic";

const limit = limitParam(ARCHIVE_PAGE_MAX, archivePageSize);

/**
 * The archive of published results, as /arsip shows it, a page at a time:
 * GET /api/v1/arsip?q=&tahun=2024|tanpa&tingkat=kabupaten|provinsi&kabupaten=33.13&kim=<slug>&juara=juara-1..harapan-3&tema=&halaman=1&limit=20 (at most 100)
 */
export const GET = jsonRoute(async (request: Request) => {
  const params = new URL(request.url).searchParams;
  const pageSize = z.object({ limit }).parse({ limit: params.get("limit") ?? undefined }).limit;
  params.delete("limit");
  const query = parseArchiveQueryStrict(params);
  // The same search within a minute is one read, as /arsip caches it (lib/public/cache.ts).
  const db = getDb();
  const { options, ...result } = await sharedRead(db, `arsip ${archiveHref(query, query.halaman)} ${pageSize}`, () => searchArchive(db, query, new Date(), { pageSize, shared: true }));
  return Response.json({ ...result, filters: options }, { headers: publicCache });
});
