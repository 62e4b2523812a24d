import { jsonRoute, publicCache } from "@/lib/api/handler";
import { getDb } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { getRegion } from "@/lib/regions/get-region";

export const dynamic = "force-dynamic";

export const GET = jsonRoute(async (_request: Request, { params }: { params: Promise<{ code: string }> }) => {
  const region = await getRegion(getDb(), (await params).code);
  if (!region) throw notFound();
  // Where to read how far the region is from one KIM per desa.
  const links = { kimCoverage: `/api/v1/regions/${region.code}/kim-coverage` };
  return Response.json({ ...region, links }, { headers: publicCache });
});
