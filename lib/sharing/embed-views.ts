import { and, desc, eq, gte, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { filmEmbedViews, films } from "@/lib/db/schema";
import { wibDay } from "@/lib/format/dates";

/**
 * Views of the embeddable player (/film/{id}/embed): one row per film and WIB day, counted
 * up by one statement per view (no read-then-write, so concurrent views are never lost).
 * Nothing about the viewer is stored: no address, no cookie, no user agent
 * (docs/decisions/0037-sharing.md).
 */

/**
 * A request the embed should not count: a browser's or a chat app's prefetch, and the
 * link-preview and search crawlers that fetch a pasted link.
 */
export function isUncountedRequest(headers: Headers): boolean {
  const purpose = `${headers.get("purpose") ?? ""} ${headers.get("sec-purpose") ?? ""} ${headers.get("x-purpose") ?? ""} ${headers.get("x-moz") ?? ""}`.toLowerCase();
  if (/prefetch|preview|prerender/.test(purpose)) return true;
  const agent = headers.get("user-agent") ?? "";
  return agent === "" || /bot\b|crawler|spider|facebookexternalhit|whatsapp|telegram|slack|discord|preview|curl\/|wget\//i.test(agent);
}

/** Counts one view of a film's embed today (WIB). The caller has checked that the film is public. */
export async function recordEmbedView(db: Db, filmId: string, now = new Date()): Promise<void> {
  await db
    .insert(filmEmbedViews)
    .values({ filmId, day: wibDay(now), views: 1 })
    .onConflictDoUpdate({ target: [filmEmbedViews.filmId, filmEmbedViews.day], set: { views: sql`${filmEmbedViews.views} + 1` } });
}

export type EmbedViewsRow = { filmId: string; title: string; total: number; last30: number };

/**
 * A KIM's films with embed views: all-time total and the last 30 WIB days (today included).
 * Only the acting member's own KIM: the KIM comes from the actor, never from the request.
 */
export async function embedViewsOfKim(db: Db, actor: { kimId: string | null }, now = new Date()): Promise<EmbedViewsRow[]> {
  if (!actor.kimId) return [];
  const since = wibDay(now, -29);
  const rows = await db
    .select({
      filmId: films.id,
      title: films.title,
      total: sql<number>`sum(${filmEmbedViews.views})::int`,
      last30: sql<number>`coalesce(sum(${filmEmbedViews.views}) filter (where ${filmEmbedViews.day} >= ${since}), 0)::int`,
    })
    .from(filmEmbedViews)
    .innerJoin(films, eq(films.id, filmEmbedViews.filmId))
    .where(and(eq(films.kimId, actor.kimId), gte(filmEmbedViews.views, 1)))
    .groupBy(films.id, films.title)
    .orderBy(desc(sql`sum(${filmEmbedViews.views})`), films.title);
  return rows.map((r) => ({ ...r, total: Number(r.total), last30: Number(r.last30) }));
}
