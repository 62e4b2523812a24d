import { jsonRoute, publicCache } from "@/lib/api/handler";
import { getDb } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { getKimProfile } from "@/lib/public/get-kim-profile";

export const dynamic = "force-dynamic";

/** A KIM's profile, its awards in published results by year (year null: the source gives none), its activities and status history (newest first, dates YYYY-MM-DD). */
export const GET = jsonRoute(async (_request: Request, { params }: { params: Promise<{ slug: string }> }) => {
  const kim = await getKimProfile(getDb(), (await params).slug);
  if (!kim) throw notFound();
  // Activities in the API are the list of what a KIM did (date, type, title); the page shows more.
  return Response.json({ ...kim, activities: kim.activities.map(({ date, type, title }) => ({ date, type, title })) }, { headers: publicCache });
});
