import { and, count, desc, eq, ne } from "drizzle-orm";
import type { DbLike } from "@/lib/db/client";
import { categories, editions, filmMedia, films, kimGroups } from "@/lib/db/schema";
import type { SessionUser } from "@/lib/auth/authenticate";
import { AppError, forbidden, notFound } from "@/lib/errors";

export function requireActiveKim(actor: SessionUser): asserts actor is SessionUser & { kimId: string } {
  if (actor.role !== "kim" || actor.status !== "active" || !actor.kimId) throw forbidden();
}

/** A film of the actor's own KIM, with its edition; another KIM's film is simply not found. */
export async function getKimFilm(db: DbLike, actor: SessionUser, filmId: string) {
  requireActiveKim(actor);
  if (!/^[0-9a-f-]{36}$/i.test(filmId)) throw notFound();
  const [row] = await db
    .select({ film: films, edition: editions })
    .from(films)
    .innerJoin(editions, eq(editions.id, films.editionId))
    .where(and(eq(films.id, filmId), eq(films.kimId, actor.kimId)));
  if (!row) throw notFound();
  return row;
}

/** Everything the KIM's entry page shows: the film, its edition's categories, and its current media. */
export async function getKimEntry(db: DbLike, actor: SessionUser, filmId: string) {
  const { film, edition } = await getKimFilm(db, actor, filmId);
  const [cats, media] = await Promise.all([
    db.select({ id: categories.id, name: categories.name }).from(categories).where(eq(categories.editionId, edition.id)).orderBy(categories.position),
    db.select().from(filmMedia).where(eq(filmMedia.filmId, film.id)).orderBy(desc(filmMedia.createdAt)),
  ]);
  const latest = (kind: string) => media.find((m) => m.kind === kind && m.isCurrent) ?? null;
  // The newest video attempt, accepted or not, so the KIM sees what the check said.
  const lastVideoAttempt = media.find((m) => m.kind === "video") ?? null;
  return { film, edition, categories: cats, video: latest("video"), poster: latest("poster"), subtitle: latest("subtitle"), lastVideoAttempt };
}

/** Entries of one KIM in one edition that count against the edition's limit (withdrawn ones do not). */
export async function countActiveEntries(db: DbLike, kimId: string, editionId: string): Promise<number> {
  const [{ n }] = await db
    .select({ n: count() })
    .from(films)
    .where(and(eq(films.kimId, kimId), eq(films.editionId, editionId), ne(films.status, "ditarik")));
  return n;
}

export async function kimRegency(db: DbLike, kimId: string): Promise<string> {
  const [kim] = await db.select({ regencyCode: kimGroups.regencyCode }).from(kimGroups).where(eq(kimGroups.id, kimId));
  if (!kim) throw new AppError("not_found", { userMessage: "KIM tidak ditemukan." });
  return kim.regencyCode;
}
