import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { editions, regions } from "@/lib/db/schema";
import { publicEditionColumns, resultsArePublicWhere } from "@/lib/editions/list-editions";
import { omit } from "./omit";

/** When an edition's results went public: the recorded publication, else its scheduled time (due before the sweep records it). */
export const publicationTime = sql<Date | null>`coalesce(${editions.publishedAt}, ${editions.scheduledPublishAt})`.mapWith((v) => (v ? new Date(v) : null));

/**
 * Editions whose results the public may see at `now`, newest first. Whether an
 * edition qualifies is decided by resultsArePublicWhere alone, so a scheduled
 * publication shows up at its time even before the sweep records it.
 */
export async function listPublishedEditions(db: Db, now = new Date()) {
  const rows = await db
    .select({ id: editions.id, ...publicEditionColumns, publishedAt: publicationTime })
    .from(editions)
    .innerJoin(regions, eq(regions.code, editions.regionCode))
    .where(resultsArePublicWhere(now))
    .orderBy(sql`${editions.year} desc nulls last`, asc(editions.title));
  return rows.map((e) => omit(e, "status"));
}

export type PublishedEdition = Awaited<ReturnType<typeof listPublishedEditions>>[number];

/**
 * The `limit` editions whose results went public last (publication, else the scheduled time),
 * newest first, ordered and cut in the query: the RSS feed's editions at any archive size.
 */
export async function listLatestPublishedEditions(db: Db, now: Date, limit: number) {
  return db
    .select({ id: editions.id, slug: editions.slug, title: editions.title, publishedAt: publicationTime })
    .from(editions)
    .where(resultsArePublicWhere(now))
    .orderBy(sql`${publicationTime} desc nulls last`, asc(editions.slug))
    .limit(limit);
}
