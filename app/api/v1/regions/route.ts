import { asc, eq } from "drizzle-orm";
import { jsonRoute, publicCache } from "@/lib/api/handler";
import { getDb } from "@/lib/db/client";
import { regions } from "@/lib/db/schema";

export const dynamic = "force-dynamic";

/** The 38 provinces: the top of the region tree. */
export const GET = jsonRoute(async () => {
  const provinces = await getDb().select().from(regions).where(eq(regions.level, "provinsi")).orderBy(asc(regions.name));
  return Response.json({ children: provinces }, { headers: publicCache });
});
