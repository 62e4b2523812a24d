import { jsonRoute } from "@/lib/api/handler";
import { getDb } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { favoritApi } from "@/lib/favorit/public-view";

export const dynamic = "force-dynamic";

/** The favorit vote: window, nominees, and `results` null until the window closes (docs/decisions/0036). */
export const GET = jsonRoute(async (_request: Request, { params }: { params: Promise<{ slug: string }> }) => {
  const body = await favoritApi(getDb(), (await params).slug);
  if (!body) throw notFound();
  // Short: the window opens and closes on the minute, and results must not lag the close by long.
  return Response.json(body, { headers: { "Cache-Control": "public, max-age=30" } });
});
