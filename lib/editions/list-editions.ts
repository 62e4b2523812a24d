import { and, asc, desc, eq, gt, lte, ne, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { decodeCursor, keysetPage } from "@/lib/api/paging";
import type { Db } from "@/lib/db/client";
import { categories, editions, regions, rubricCriteria } from "@/lib/db/schema";
import { listWinners } from "@/lib/public/list-winners";
import { omit } from "@/lib/public/omit";
import { publicNominations } from "@/lib/nominations/public";

/** The columns of an edition anyone may read (no ids of people, no settings). */
export const publicEditionColumns = {
  slug: editions.slug,
  title: editions.title,
  year: editions.year,
  periodNote: editions.periodNote,
  level: editions.level,
  regionCode: editions.regionCode,
  regionName: regions.name,
  theme: editions.theme,
  status: editions.status,
  submissionOpensAt: editions.submissionOpensAt,
  submissionClosesAt: editions.submissionClosesAt,
  judgingClosesAt: editions.judgingClosesAt,
  announceAt: editions.announceAt,
  publishedAt: editions.publishedAt,
  isSample: editions.isSample,
  isHistorical: editions.isHistorical,
};

/** Editions the public may see (every status but draf), newest first. */
export async function listPublicEditions(db: Db) {
  return db
    .select(publicEditionColumns)
    .from(editions)
    .innerJoin(regions, eq(regions.code, editions.regionCode))
    .where(ne(editions.status, "draf"))
    .orderBy(sql`${editions.year} desc nulls last`, asc(editions.title));
}

/** resultsArePublic as a condition on the editions table, for queries that must not list ids. */
export function resultsArePublicWhere(now = new Date()): SQL {
  return or(eq(editions.status, "diumumkan"), and(eq(editions.status, "disegel"), lte(editions.scheduledPublishAt, now)))!;
}

/** The groups the home page and /festival show editions in. */
export const editionSections = ["open", "judging", "published", "archive"] as const;
export type EditionSection = (typeof editionSections)[number];

const sectionWhere: Record<EditionSection, SQL> = {
  open: eq(editions.status, "pendaftaran"),
  judging: or(eq(editions.status, "penjurian"), eq(editions.status, "disegel"))!,
  published: and(eq(editions.status, "diumumkan"), eq(editions.isHistorical, false))!,
  archive: and(ne(editions.status, "draf"), eq(editions.isHistorical, true))!,
};

/**
 * One page of a section: open editions closing soonest first, the others newest first. With
 * the section's total, so a page can say how many there are and link to the rest.
 */
export async function listEditionSection(db: Db, section: EditionSection, page: { limit: number; offset?: number }) {
  const order =
    section === "open"
      ? [asc(editions.submissionClosesAt), asc(editions.slug)]
      : section === "published"
        ? [sql`${editions.publishedAt} desc nulls last`, asc(editions.slug)]
        : [sql`${editions.year} desc nulls last`, asc(editions.title), asc(editions.slug)];
  const rows = await db
    .select({ ...publicEditionColumns, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(editions)
    .innerJoin(regions, eq(regions.code, editions.regionCode))
    .where(sectionWhere[section])
    .orderBy(...order)
    .limit(page.limit)
    .offset(page.offset ?? 0);
  const total = rows[0]?.total ?? (page.offset ? (await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(editions).where(sectionWhere[section]))[0].n : 0);
  return { items: rows.map((e) => omit(e, "total")), total };
}

/** Most editions one page of the JSON list carries (README, Public API). */
export const EDITION_PAGE_MAX = 200;

/**
 * One page of the public editions for the JSON API, newest year first (no year last), then by
 * slug, with the cursor of the next page (keyset: any page costs what the first does).
 */
export async function listPublicEditionsPage(db: Db, options: { limit: number; cursor?: string }) {
  const after = options.cursor ? decodeCursor(options.cursor, z.tuple([z.number().int().min(0).max(9999), z.string().max(200)])) : undefined;
  const year = sql<number>`coalesce(${editions.year}, 0)`;
  const rows = await db
    .select({ ...publicEditionColumns, sortYear: year })
    .from(editions)
    .innerJoin(regions, eq(regions.code, editions.regionCode))
    .where(and(ne(editions.status, "draf"), after ? or(sql`${year} < ${after[0]}`, and(sql`${year} = ${after[0]}`, gt(editions.slug, after[1]))) : undefined))
    .orderBy(desc(year), asc(editions.slug))
    .limit(options.limit + 1);
  const { page, nextCursor } = keysetPage(rows, options.limit, (e) => [e.sortYear, e.slug]);
  return { editions: page.map((e) => omit(e, "sortYear")), nextCursor };
}

/**
 * Sealed results are never public; they become public when published, or at their
 * scheduled time (a sweep then records the status; until it runs, the time decides).
 */
export function resultsArePublic(edition: { status: string; scheduledPublishAt?: Date | null }, now = new Date()): boolean {
  return edition.status === "diumumkan" || (edition.status === "disegel" && !!edition.scheduledPublishAt && edition.scheduledPublishAt <= now);
}

/** One edition by slug as the public may see it (any status but draf), or null. */
export async function findPublicEdition(db: Db, slug: string) {
  const [edition] = await db
    .select({ ...publicEditionColumns, id: editions.id, description: editions.description, rules: editions.rules, intake: editions.intake, sourceNote: editions.sourceNote, scheduledPublishAt: editions.scheduledPublishAt })
    .from(editions)
    .innerJoin(regions, eq(regions.code, editions.regionCode))
    .where(and(eq(editions.slug, slug), ne(editions.status, "draf")));
  return edition ?? null;
}

/** One edition for the public: rules, dates, status, and its results only once published. */
export async function getPublicEdition(db: Db, slug: string) {
  const edition = await findPublicEdition(db, slug);
  if (!edition) return null;
  const [cats, criteria] = await Promise.all([
    db.select({ id: categories.id, name: categories.name }).from(categories).where(eq(categories.editionId, edition.id)).orderBy(asc(categories.position)),
    db
      .select({ name: rubricCriteria.name, weight: rubricCriteria.weight, minScore: rubricCriteria.minScore, maxScore: rubricCriteria.maxScore })
      .from(rubricCriteria)
      .where(eq(rubricCriteria.editionId, edition.id))
      .orderBy(asc(rubricCriteria.position)),
  ]);
  const published = resultsArePublic(edition);
  const results = published ? (await listWinners(db, [edition.id])).map((w) => omit(w, "editionId")) : null;
  // Issue 15: how a provincial edition takes films and the confirmed nominations per regency.
  const nominations = await publicNominations(db, edition, published);
  const { id: _id, scheduledPublishAt: _at, intake: _intake, ...rest } = edition;
  void _id;
  void _at;
  void _intake;
  return { ...rest, categories: cats.map((c) => c.name), rubric: criteria, results, ...nominations };
}
