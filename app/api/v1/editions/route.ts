import { z } from "zod";
import { jsonRoute, publicCache } from "@/lib/api/handler";
import { getDb } from "@/lib/db/client";
import { EDITION_PAGE_MAX, listPublicEditionsPage } from "@/lib/editions/list-editions";

export const dynamic = "force-dynamic";

const limitMessage = `Parameter limit berupa angka 1 sampai ${EDITION_PAGE_MAX}.`;
const query = z.object({
  limit: z.coerce.number({ error: limitMessage }).int(limitMessage).min(1, limitMessage).max(EDITION_PAGE_MAX, limitMessage).default(50),
  cursor: z.string().max(400, "Parameter cursor terlalu panjang. Pakai nilai nextCursor dari halaman sebelumnya.").optional(),
});

/** Every edition but drafts, a page at a time: GET /api/v1/editions[?limit=50 (at most 200)][&cursor=<nextCursor>] */
export const GET = jsonRoute(async (request: Request) => {
  const { limit, cursor } = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const page = await listPublicEditionsPage(getDb(), { limit, cursor });
  return Response.json({ limit, ...page }, { headers: publicCache });
});
