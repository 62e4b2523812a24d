import { z } from "zod";
import { jsonRoute, publicCache } from "@/lib/api/handler";
import { cursorParam, limitParam } from "@/lib/api/paging";
import { getDb } from "@/lib/db/client";
import { countKims, KIM_PAGE_MAX, listKimsPage } from "@/lib/kim/list-kims";

export const dynamic = "force-dynamic";

const query = z.object({
  regency: z.string().regex(/^\d{2}(\.\d{2}(\.\d{2})?)?$/, "Parameter regency harus kode wilayah, mis. 33.13 (kabupaten), 33 (provinsi) atau 33.13.08 (kecamatan)."),
  status: z.enum(["aktif", "tidak_aktif"]).optional(),
  limit: limitParam(KIM_PAGE_MAX, 100),
  cursor: cursorParam,
});

/**
 * The KIM directory of a region, a page at a time (README, Public API):
 * GET /api/v1/kim?regency=33.13[&status=aktif][&limit=100 (at most 500)][&cursor=<nextCursor>]
 * total, active and inactive count the whole region; nextCursor is null on the last page.
 */
export const GET = jsonRoute(async (request: Request) => {
  const { regency, status, limit, cursor } = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const db = getDb();
  const [counts, page] = await Promise.all([countKims(db, regency), listKimsPage(db, regency, { status, limit, cursor })]);
  return Response.json({ region: regency, ...counts, limit, kims: page.kims, nextCursor: page.nextCursor }, { headers: publicCache });
});
