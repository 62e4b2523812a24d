import { jsonRoute, publicCache } from "@/lib/api/handler";
import { getDb } from "@/lib/db/client";
import { getPublicEdition } from "@/lib/editions/list-editions";
import { notFound } from "@/lib/errors";

export const dynamic = "force-dynamic";

/** Rules, dates and status; `results` is null until the edition is published. */
export const GET = jsonRoute(async (_request: Request, { params }: { params: Promise<{ slug: string }> }) => {
  const edition = await getPublicEdition(getDb(), (await params).slug);
  if (!edition) throw notFound();
  return Response.json(edition, { headers: publicCache });
});
