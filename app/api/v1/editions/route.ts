import { z } from "zod";
import { jsonRoute, publicCache } from "@/lib/api/handler";
import { cursorParam, limitParam } from "@/lib/api/paging";
import { getDb } from "@/lib/db/client";
import { EDITION_PAGE_MAX, listPublicEditionsPage } from "@/lib/editions/list-editions";

export const dynamic = "force-dynamic";

const query = z.object({
  limit: limitParam(EDITION_PAGE_MAX, 50),
  cursor: cursorParam,
});

/** Every edition but drafts, a page at a time: GET /api/v1/editions[?limit=50 (at most 200)][&cursor=<nextCursor>] */
export const GET = jsonRoute(async (request: Request) => {
  const { limit, cursor } = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const page = await listPublicEditionsPage(getDb(), { limit, cursor });
  return Response.json({ limit, ...page }, { headers: publicCache });
});
