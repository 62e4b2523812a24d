import { and, asc, count, eq, isNotNull, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { groupBy } from "@/lib/group-by";
import { editions, kimGroups, placements, specialAwards } from "@/lib/db/schema";
import { listPublicEditions, resultsArePublicWhere } from "@/lib/editions/list-editions";
import { listWinners, type Winner } from "./list-winners";
import { listLatestPublishedEditions, listPublishedEditions, publicationTime } from "./published-editions";

export type SitemapEntry = { url: string; lastModified?: Date };

/**
 * URLs per sitemap file. The format allows 50,000 (and 50 MB); a fifth of that keeps each file
 * quick to build on request at national size (80,000 KIM profiles make eight files).
 */
export const SITEMAP_FILE_URLS = 10_000;

/** Every film of a published result, once (placed, or with a special award only), with when its results went public. */
function publishedFilms(db: Db, now: Date) {
  return db
    .selectDistinct({ filmId: sql<string>`${placements.filmId}`.as("film_id"), publishedAt: publicationTime.as("published_at") })
    .from(placements)
    .innerJoin(editions, eq(editions.id, placements.editionId))
    .where(and(resultsArePublicWhere(now), isNotNull(placements.filmId)))
    .union(
      db
        .selectDistinct({ filmId: sql<string>`${specialAwards.filmId}`.as("film_id"), publishedAt: publicationTime.as("published_at") })
        .from(specialAwards)
        .innerJoin(editions, eq(editions.id, specialAwards.editionId))
        .where(and(resultsArePublicWhere(now), isNotNull(specialAwards.filmId))),
    );
}

/**
 * The sitemap's files, as /sitemap.xml (an index) lists them: `halaman` (home, archive,
 * festivals, regions), then `film-N` and `kim-N`, as many as their counts need.
 */
export async function listSitemapFiles(db: Db, now = new Date(), perFile = SITEMAP_FILE_URLS): Promise<string[]> {
  const published = publishedFilms(db, now).as("f");
  const [[{ kims }], [{ films }]] = await Promise.all([
    db.select({ kims: count() }).from(kimGroups),
    db.select({ films: sql<number>`count(distinct ${published.filmId})`.mapWith(Number) }).from(published),
  ]);
  const numbered = (n: number, prefix: string) => Array.from({ length: Math.ceil(n / perFile) }, (_, i) => `${prefix}-${i + 1}`);
  return ["halaman", ...numbered(films, "film"), ...numbered(kims, "kim")];
}

/**
 * One sitemap file's URLs, or null for a name the index does not list. Never a film whose
 * results are not public; festivals are all but drafts (their pages show winners only once
 * published); regions are those that have KIMs.
 */
export async function listSitemapEntries(db: Db, baseUrl: string, file: string, now = new Date(), perFile = SITEMAP_FILE_URLS): Promise<SitemapEntry[] | null> {
  const at = (path: string, lastModified?: Date) => ({ url: `${baseUrl}${path}`, ...(lastModified ? { lastModified } : {}) });
  if (file === "halaman") {
    const [editions, published, regencyRows] = await Promise.all([
      listPublicEditions(db),
      listPublishedEditions(db, now),
      db.selectDistinct({ code: kimGroups.regencyCode }).from(kimGroups).orderBy(asc(kimGroups.regencyCode)),
    ]);
    const bySlug = new Map(published.map((e) => [e.slug, e.publishedAt ?? undefined]));
    const regencies = regencyRows.map((r) => r.code);
    const provinces = [...new Set(regencies.map((c) => c.slice(0, 2)))];
    return [at("/"), at("/arsip"), ...editions.map((e) => at(`/festival/${e.slug}`, bySlug.get(e.slug))), ...[...provinces, ...regencies].map((code) => at(`/wilayah/${code}`))];
  }
  const match = /^(film|kim)-([1-9]\d{0,5})$/.exec(file);
  if (!match) return null;
  const offset = (Number(match[2]) - 1) * perFile;
  if (match[1] === "kim") {
    const kims = await db.select({ slug: kimGroups.slug }).from(kimGroups).orderBy(asc(kimGroups.slug)).limit(perFile).offset(offset);
    return kims.length || offset === 0 ? kims.map((k) => at(`/kim/${k.slug}`)) : null;
  }
  // A film placed in two published editions (nominated up) is one page: its latest publication dates it.
  const films = publishedFilms(db, now).as("f");
  const rows = await db
    .select({ filmId: films.filmId, publishedAt: sql<Date | null>`max(${films.publishedAt})`.mapWith((v) => (v ? new Date(v) : null)) })
    .from(films)
    .groupBy(films.filmId)
    .orderBy(asc(films.filmId))
    .limit(perFile)
    .offset(offset);
  return rows.length || offset === 0 ? rows.map((f) => at(`/film/${f.filmId}`, f.publishedAt ?? undefined)) : null;
}

/** The index that /sitemap.xml answers: one entry per file. */
export function renderSitemapIndex(baseUrl: string, files: string[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...files.map((f) => `  <sitemap><loc>${escapeXml(`${baseUrl}/sitemap/${f}.xml`)}</loc></sitemap>`),
    "</sitemapindex>",
    "",
  ].join("\n");
}

/** One sitemap file. */
export function renderSitemap(entries: SitemapEntry[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...entries.map((e) => `  <url><loc>${escapeXml(e.url)}</loc>${e.lastModified ? `<lastmod>${e.lastModified.toISOString()}</lastmod>` : ""}</url>`),
    "</urlset>",
    "",
  ].join("\n");
}

export type RssItem = { title: string; link: string; lines: string[]; pubDate?: Date };
type Texts = { itemTitle: (edition: string) => string; winnerLine: (w: Winner) => string };

/** How many editions the feed carries: readers poll it for what is new, the archive keeps the rest. */
export const RSS_ITEMS = 50;

/**
 * One item per edition whose results are public, newest publication first, listing its
 * winners: the latest `limit` editions only, their winners read for those alone.
 */
export async function listRssItems(db: Db, baseUrl: string, texts: Texts, now = new Date(), limit = RSS_ITEMS): Promise<RssItem[]> {
  const latest = await listLatestPublishedEditions(db, now, limit);
  const byEdition = groupBy(await listWinners(db, latest.map((e) => e.id)), (w) => w.editionId);
  return latest.map((e) => ({
    title: texts.itemTitle(e.title),
    link: `${baseUrl}/festival/${e.slug}`,
    lines: (byEdition.get(e.id) ?? []).map(texts.winnerLine),
    pubDate: e.publishedAt ?? undefined,
  }));
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

