import { asc, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { categories, films, kimGroups, specialAwards } from "@/lib/db/schema";
import { findPublicEdition, resultsArePublic } from "@/lib/editions/list-editions";
import { listWinners } from "./list-winners";
import { omit } from "./omit";

/**
 * A festival as the public sees it: theme, dates and status always (every status
 * but draf); its winners only once its results are public. Before that the
 * answer carries nothing about placements, not even how many there are.
 */
export async function getFestivalPage(db: Db, slug: string, now = new Date()) {
  const edition = await findPublicEdition(db, slug);
  if (!edition) return null;
  const published = resultsArePublic(edition, now);
  const [cats, winners, awards] = await Promise.all([
    db.select({ name: categories.name }).from(categories).where(eq(categories.editionId, edition.id)).orderBy(asc(categories.position)),
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
  const { rules, scheduledPublishAt, publishedAt, status, ...rest } = omit(edition, "id");
  return {
    ...rest,
    // A due scheduled publication reads as published; the sweep records it soon after.
    status: published ? ("diumumkan" as const) : status,
    rulesText: rules?.text ?? null,
    categories: cats.map((c) => c.name),
    publishedAt: published ? (publishedAt ?? scheduledPublishAt) : null,
    winners: winners?.map((w) => omit(w, "editionId")) ?? null,
    // Special awards sit beside the jury's placements, also only once published.
    specialAwards: awards,
  };
}

export type FestivalPage = NonNullable<Awaited<ReturnType<typeof getFestivalPage>>>;
