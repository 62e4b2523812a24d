import { jsonRoute, publicCache } from "@/lib/api/handler";
import { getDb } from "@/lib/db/client";
import { parseArchiveQueryStrict } from "@/lib/public/archive-query";
import { searchArchive } from "@/lib/public/search-archive";

export const dynamic = "force-dynamic";

/**
 * The archive of published results, as /arsip shows it:
 * GET /api/v1/arsip?q=&tahun=2024|tanpa&tingkat=kabupaten|provinsi&kabupaten=33.13&kim=<slug>&juara=juara-1..harapan-3&tema=&halaman=1
 */
export const GET = jsonRoute(async (request: Request) => {
  const query = parseArchiveQueryStrict(new URL(request.url).searchParams);
  const { options, ...result } = await searchArchive(getDb(), query);
  return Response.json({ ...result, filters: options }, { headers: publicCache });
});
