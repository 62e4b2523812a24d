import { asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { editions, regions } from "@/lib/db/schema";
import { publicEditionColumns, resultsArePublic } from "@/lib/editions/list-editions";
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
