import { jsonRoute, publicCache } from "@/lib/api/handler";
import { getDb } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { regionCoverage } from "@/lib/kim/coverage";

export const dynamic = "force-dynamic";

/**
 * Coverage against one KIM per desa: GET /api/v1/regions/33.13/kim-coverage. A malformed
 * code is a 422 (the zod parse in regionCoverage), an unknown one a 404 (docs/decisions/0033).
 */
export const GET = jsonRoute(async (_request: Request, { params }: { params: Promise<{ code: string }> }) => {
  const coverage = await regionCoverage(getDb(), (await params).code);
  if (!coverage) throw notFound();
  return Response.json(coverage, { headers: publicCache });
});
