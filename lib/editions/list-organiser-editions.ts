import { desc, eq, like, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { editions, films, regions } from "@/lib/db/schema";
import type { SessionUser } from "@/lib/auth/authenticate";
import { forbidden } from "@/lib/errors";

/** Editions the organiser runs or oversees: in their region or inside it (drafts included). */
export async function listOrganiserEditions(db: Db, actor: SessionUser) {
  if (actor.role !== "organiser" || !actor.regionCode) throw forbidden();
  return db
    .select({
      id: editions.id,
      slug: editions.slug,
      title: editions.title,
      year: editions.year,
      status: editions.status,
      regionName: regions.name,
      isHistorical: editions.isHistorical,
      films: sql<number>`(select count(*)::int from ${films} where ${films.editionId} = ${editions.id})`,
    })
    .from(editions)
    .innerJoin(regions, eq(regions.code, editions.regionCode))
    .where(or(eq(editions.regionCode, actor.regionCode), like(editions.regionCode, `${actor.regionCode}.%`)))
    .orderBy(desc(editions.year), editions.title);
}
