import { jsonRoute, publicCache } from "@/lib/api/handler";
import { getDb } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { getKimProfile } from "@/lib/public/get-kim-profile";

export const dynamic = "force-dynamic";

/** A KIM's profile and its awards in published results, by year (year null: the source gives none). */
export const GET = jsonRoute(async (_request: Request, { params }: { params: Promise<{ slug: string }> }) => {
  const kim = await getKimProfile(getDb(), (await params).slug);
  if (!kim) throw notFound();
  return Response.json(kim, { headers: publicCache });
});
