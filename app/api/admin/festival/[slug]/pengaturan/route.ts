import { jsonRoute } from "@/lib/api/handler";
import { actorFromCookies } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { exportEdition } from "@/lib/editions/edition-format";
import { AppError, notFound } from "@/lib/errors";
import { organiserEdition } from "@/lib/judging/assignment-plan";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type Context = { params: Promise<{ slug: string }> };

/** The edition file (docs/edition-format.md) as a download, for the edition's organisers only; anyone else gets 404. */
export const GET = jsonRoute(async (request: Request, { params }: Context) => {
  const { slug } = await params;
  const db = getDb();
  const actor = await actorFromCookies(request.headers.get("cookie"), db);
  if (!actor || actor.role !== "organiser" || actor.status !== "active") throw notFound();
  // Out of scope and unknown answer the same.
  const edition = await organiserEdition(db, actor, slug).catch((error: unknown) => {
    throw error instanceof AppError ? notFound() : error;
  });
  return new Response(await exportEdition(db, edition.slug), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${edition.slug}.layar-edition.json"`,
      "Cache-Control": "private, no-store",
    },
  });
});
