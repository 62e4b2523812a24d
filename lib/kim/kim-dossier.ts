import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { SessionUser } from "@/lib/auth/authenticate";
import { organiserCovers } from "@/lib/auth/scope";
import type { DbLike } from "@/lib/db/client";
import { editions, films, kimBoardMembers, kimGroups, placements, specialAwards, users } from "@/lib/db/schema";
import { resultsArePublic } from "@/lib/editions/list-editions";

const editionColumns = {
  title: editions.title,
  year: editions.year,
  regionCode: editions.regionCode,
  status: editions.status,
  scheduledPublishAt: editions.scheduledPublishAt,
};
type EditionFacts = { regionCode: string; status: string; scheduledPublishAt: Date | null };

/**
 * What an organiser sees of an existing KIM before letting a new account join it (a KIM with
 * no active member, so nobody else can vouch for the applicant): who is on it, what it has
 * entered and what it has won. Films and awards come only from editions the organiser runs or
 * whose results are public, so the screen shows nothing its reader could not see elsewhere.
 */
export async function kimDossier(db: DbLike, actor: SessionUser, kimId: string, now = new Date()) {
  const [kim] = await db.select({ id: kimGroups.id, name: kimGroups.name, slug: kimGroups.slug, status: kimGroups.status }).from(kimGroups).where(eq(kimGroups.id, kimId));
  if (!kim) return null;
  const [accounts, board, entries, placed, special] = await Promise.all([
    db
      .select({ name: users.name, email: users.email, status: users.status })
      .from(users)
      .where(and(eq(users.role, "kim"), eq(users.kimId, kimId)))
      .orderBy(asc(users.name)),
    db.select({ name: kimBoardMembers.name, position: kimBoardMembers.position }).from(kimBoardMembers).where(eq(kimBoardMembers.kimId, kimId)).orderBy(asc(kimBoardMembers.name)),
    db
      .select({ id: films.id, title: films.title, status: films.status, edition: editionColumns })
      .from(films)
      .innerJoin(editions, eq(editions.id, films.editionId))
      .where(eq(films.kimId, kimId))
      .orderBy(desc(editions.year), asc(films.title)),
    db
      .select({ placement: placements.placement, filmId: placements.filmId, edition: editionColumns })
      .from(placements)
      .innerJoin(editions, eq(editions.id, placements.editionId))
      .where(eq(placements.kimId, kimId))
      .orderBy(desc(editions.year)),
    db
      .select({ name: specialAwards.name, edition: editionColumns })
      .from(specialAwards)
      .innerJoin(films, eq(films.id, specialAwards.filmId))
      .innerJoin(editions, eq(editions.id, specialAwards.editionId))
      .where(eq(films.kimId, kimId))
      .orderBy(desc(editions.year)),
  ]);
  const mayRead = (edition: { regionCode: string }) => organiserCovers(actor, edition.regionCode);
  const awardVisible = (edition: EditionFacts) => resultsArePublic(edition, now) || mayRead(edition);
  return {
    kim,
    accounts,
    board,
    films: entries.filter((f) => mayRead(f.edition) || resultsArePublic(f.edition, now)).map((f) => ({ id: f.id, title: f.title, status: f.status, editionTitle: f.edition.title, year: f.edition.year })),
    awards: [
      ...placed.filter((p) => awardVisible(p.edition)).map((p) => ({ name: p.placement as string, editionTitle: p.edition.title, year: p.edition.year })),
      ...special.filter((s) => awardVisible(s.edition)).map((s) => ({ name: s.name, editionTitle: s.edition.title, year: s.edition.year })),
    ],
  };
}

export type KimDossier = NonNullable<Awaited<ReturnType<typeof kimDossier>>>;

/** Active accounts of each KIM: the members whose consent a request to join needs. */
export async function activeMembers(db: DbLike, kimIds: string[]) {
  if (kimIds.length === 0) return [];
  return db
    .select({ id: users.id, kimId: users.kimId, name: users.name, email: users.email })
    .from(users)
    .where(and(eq(users.role, "kim"), eq(users.status, "active"), inArray(users.kimId, kimIds)));
}
