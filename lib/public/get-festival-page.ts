import { asc, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { categories, films, kimGroups, rubricCriteria, specialAwards } from "@/lib/db/schema";
import { editionRules } from "@/lib/editions/defaults";
import { findPublicEdition, resultsArePublic } from "@/lib/editions/list-editions";
import { entriesOpen } from "@/lib/editions/submission-window";
import { listWinners } from "./list-winners";
import { omit } from "./omit";

/**
 * A festival as the public sees it: theme, dates, status, and the rules a film is held to
 * (technical rules, films per KIM, subtitles, who may enter, categories, the rubric with
 * its weights) always (every status but draf), so a KIM reads them before uploading; its
 * winners only once its results are public. Before that the answer carries nothing about
 * placements, not even how many there are.
 */
export async function getFestivalPage(db: Db, slug: string, now = new Date()) {
  const edition = await findPublicEdition(db, slug);
  if (!edition) return null;
  const published = resultsArePublic(edition, now);
  const [cats, criteria, winners, awards] = await Promise.all([
    db.select({ name: categories.name, description: categories.description }).from(categories).where(eq(categories.editionId, edition.id)).orderBy(asc(categories.position)),
    db
      .select({ name: rubricCriteria.name, description: rubricCriteria.description, weight: rubricCriteria.weight, minScore: rubricCriteria.minScore, maxScore: rubricCriteria.maxScore })
      .from(rubricCriteria)
      .where(eq(rubricCriteria.editionId, edition.id))
      .orderBy(asc(rubricCriteria.position)),
    published ? listWinners(db, [edition.id]) : Promise.resolve(null),
    published
      ? db
          .select({ name: specialAwards.name, note: specialAwards.note, filmId: films.id, filmTitle: films.title, kimName: kimGroups.name, kimSlug: kimGroups.slug })
          .from(specialAwards)
          .innerJoin(films, eq(films.id, specialAwards.filmId))
          .innerJoin(kimGroups, eq(kimGroups.id, films.kimId))
          .where(eq(specialAwards.editionId, edition.id))
          .orderBy(asc(specialAwards.name))
      : Promise.resolve([]),
  ]);
  const { rules: stored, scheduledPublishAt, publishedAt, status, ...rest } = omit(edition, "id");
  const rules = editionRules(stored);
  return {
    ...rest,
    // A due scheduled publication reads as published; the sweep records it soon after.
    status: published ? ("diumumkan" as const) : status,
    rulesText: rules.text ?? null,
    rules: publicRules(rules),
    // Whether entries are open at render time (the page is rebuilt at most a minute later).
    entriesOpen: entriesOpen({ ...edition, rules }, now).open,
    categories: cats.map((c) => c.name),
    categoryDetails: cats,
    rubric: withShares(criteria),
    publishedAt: published ? (publishedAt ?? scheduledPublishAt) : null,
    winners: winners?.map((w) => omit(w, "editionId")) ?? null,
    // Special awards sit beside the jury's placements, also only once published.
    specialAwards: awards,
  };
}

export type FestivalPage = NonNullable<Awaited<ReturnType<typeof getFestivalPage>>>;

/** The rules a KIM needs before uploading (no grace period or codec list: those are the server's business). */
function publicRules(rules: ReturnType<typeof editionRules>) {
  return {
    maxDurationSeconds: rules.maxDurationSeconds,
    minHeight: rules.minHeight,
    maxFileBytes: rules.maxFileBytes,
    containers: rules.containers,
    filmsPerKim: rules.filmsPerKim,
    subtitles: rules.subtitles,
    eligibleKims: rules.eligibleKims,
  };
}

export type PublicRules = ReturnType<typeof publicRules>;

/** Each criterion's weight as a share of the total weight, in percent (one decimal). */
export function withShares<T extends { weight: number }>(criteria: T[]): (T & { percent: number })[] {
  const total = criteria.reduce((sum, c) => sum + c.weight, 0);
  return criteria.map((c) => ({ ...c, percent: total > 0 ? Math.round((c.weight / total) * 1000) / 10 : 0 }));
}
