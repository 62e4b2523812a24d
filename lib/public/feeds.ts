import { asc, inArray } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { kimGroups, placements, specialAwards } from "@/lib/db/schema";
import { listPublicEditions } from "@/lib/editions/list-editions";
import { listWinners, type Winner } from "./list-winners";
import { listPublishedEditions } from "./published-editions";

export type SitemapEntry = { url: string; lastModified?: Date };

/**
 * Every public page worth indexing: festivals (all but drafts; their pages show
 * winners only once published), films placed in published results, KIM profiles,
 * region pages that have KIMs. Never a film whose results are not public.
 */
export async function listSitemapEntries(db: Db, baseUrl: string, now = new Date()): Promise<SitemapEntry[]> {
  const [editions, published, kims] = await Promise.all([
    listPublicEditions(db),
    listPublishedEditions(db, now),
    db.select({ slug: kimGroups.slug, regencyCode: kimGroups.regencyCode }).from(kimGroups).orderBy(asc(kimGroups.slug)),
  ]);
  const publishedAt = new Map(published.map((e) => [e.id, e.publishedAt ?? undefined]));
  // Every film of a published result: placed, or with a special award only.
  const filmRows = published.length
    ? await db
        .selectDistinct({ filmId: placements.filmId, editionId: placements.editionId })
        .from(placements)
        .where(inArray(placements.editionId, [...publishedAt.keys()]))
        .union(
          db
            .selectDistinct({ filmId: specialAwards.filmId, editionId: specialAwards.editionId })
            .from(specialAwards)
            .where(inArray(specialAwards.editionId, [...publishedAt.keys()])),
        )
    : [];
  const bySlug = new Map(published.map((e) => [e.slug, e.publishedAt ?? undefined]));
  const regencies = [...new Set(kims.map((k) => k.regencyCode))].sort();
  const provinces = [...new Set(regencies.map((c) => c.slice(0, 2)))];
  const at = (path: string, lastModified?: Date) => ({ url: `${baseUrl}${path}`, ...(lastModified ? { lastModified } : {}) });
  return [
    at("/"),
    at("/arsip"),
    ...editions.map((e) => at(`/festival/${e.slug}`, bySlug.get(e.slug))),
    ...filmRows.filter((f) => f.filmId).map((f) => at(`/film/${f.filmId}`, publishedAt.get(f.editionId))),
    ...kims.map((k) => at(`/kim/${k.slug}`)),
    ...[...provinces, ...regencies].map((code) => at(`/wilayah/${code}`)),
  ];
}

export type RssItem = { title: string; link: string; lines: string[]; pubDate?: Date };
type Texts = { itemTitle: (edition: string) => string; winnerLine: (w: Winner) => string };

/** One item per edition whose results are public, newest publication first, listing its winners. */
export async function listRssItems(db: Db, baseUrl: string, texts: Texts, now = new Date()): Promise<RssItem[]> {
  const published = await listPublishedEditions(db, now);
  const winners = await listWinners(db, published.map((e) => e.id));
  return published
    .map((e) => ({
      title: texts.itemTitle(e.title),
      link: `${baseUrl}/festival/${e.slug}`,
      lines: winners.filter((w) => w.editionId === e.id).map(texts.winnerLine),
      pubDate: e.publishedAt ?? undefined,
    }))
    .sort((a, b) => (b.pubDate?.getTime() ?? 0) - (a.pubDate?.getTime() ?? 0));
}

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!);

/** RSS 2.0 text for a channel and its items. */
export function renderRss(channel: { title: string; link: string; description: string; selfUrl: string; language: string }, items: RssItem[]): string {
  const item = (i: RssItem) =>
    [
      "    <item>",
      `      <title>${escapeXml(i.title)}</title>`,
      `      <link>${escapeXml(i.link)}</link>`,
      `      <guid isPermaLink="true">${escapeXml(i.link)}</guid>`,
      // Readers show the description as HTML: one winner per line.
      `      <description>${escapeXml(i.lines.map(escapeXml).join("<br/>"))}</description>`,
      i.pubDate ? `      <pubDate>${i.pubDate.toUTCString()}</pubDate>` : null,
      "    </item>",
    ]
      .filter(Boolean)
      .join("\n");
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    "  <channel>",
    `    <title>${escapeXml(channel.title)}</title>`,
    `    <link>${escapeXml(channel.link)}</link>`,
    `    <description>${escapeXml(channel.description)}</description>`,
    `    <language>${channel.language}</language>`,
    `    <atom:link href="${escapeXml(channel.selfUrl)}" rel="self" type="application/rss+xml"/>`,
    ...items.map(item),
    "  </channel>",
    "</rss>",
    "",
  ].join("\n");
}

