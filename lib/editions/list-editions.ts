import { and, asc, eq, ne, sql } from "drizzle-orm";
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
