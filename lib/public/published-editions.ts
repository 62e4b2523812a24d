import { asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { editions, regions } from "@/lib/db/schema";
import { publicEditionColumns, resultsArePublic, resultsArePublicWhere } from "@/lib/editions/list-editions";
import { omit } from "./omit";

/**
 * Editions whose results the public may see at `now`, newest first. Whether an
 * edition qualifies is decided by resultsArePublic alone, so a scheduled
 * publication shows up at its time even before the sweep records it.
 */
export async function listPublishedEditions(db: Db, now = new Date()) {
  const rows = await db
    .select({ id: editions.id, ...publicEditionColumns, scheduledPublishAt: editions.scheduledPublishAt })
    .from(editions)
    .innerJoin(regions, eq(regions.code, editions.regionCode))
    .where(inArray(editions.status, ["disegel", "diumumkan"]))
    .orderBy(sql`${editions.year} desc nulls last`, asc(editions.title));
  return rows
    .filter((e) => resultsArePublic(e, now))
    .map(({ scheduledPublishAt, ...e }) => ({ ...omit(e, "status"), publishedAt: e.publishedAt ?? scheduledPublishAt }));
}

export type PublishedEdition = Awaited<ReturnType<typeof listPublishedEditions>>[number];

/**
 * The `limit` editions whose results went public last (publication, else the scheduled time),
 * newest first, ordered and cut in the query: the RSS feed's editions at any archive size.
 */
export async function listLatestPublishedEditions(db: Db, now: Date, limit: number) {
  const publishedAt = sql<Date | null>`coalesce(${editions.publishedAt}, ${editions.scheduledPublishAt})`;
  const rows = await db
    .select({ id: editions.id, slug: editions.slug, title: editions.title, publishedAt: publishedAt.mapWith((v) => (v ? new Date(v) : null)) })
    .from(editions)
    .where(resultsArePublicWhere(now))
    .orderBy(sql`${publishedAt} desc nulls last`, asc(editions.slug))
    .limit(limit);
  return rows;
}
