import { jsonRoute, publicCache } from "@/lib/api/handler";
import { getDb } from "@/lib/db/client";
import { listPublicEditions } from "@/lib/editions/list-editions";

export const dynamic = "force-dynamic";

export const GET = jsonRoute(async () => {
  const editions = await listPublicEditions(getDb());
  return Response.json({ editions }, { headers: publicCache });
});
