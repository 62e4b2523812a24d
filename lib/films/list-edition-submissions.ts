import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { categories, editions, filmMedia, films, kimGroups, regions } from "@/lib/db/schema";
import type { SessionUser } from "@/lib/auth/authenticate";
import { organiserCovers } from "@/lib/auth/scope";
import { forbidden, notFound } from "@/lib/errors";

/**
 * An edition's entries for its organisers: status, the last video check's facts
 * and problems. Organisers of other regions get "not found".
 */
export async function listEditionSubmissions(db: Db, actor: SessionUser, slug: string) {
  if (actor.role !== "organiser" || actor.status !== "active") throw forbidden();
  const [edition] = await db.select().from(editions).where(eq(editions.slug, slug));
  if (!edition || !organiserCovers(actor, edition.regionCode)) throw notFound();
  const rows = await db
    .select({
      id: films.id,
      code: films.code,
      title: films.title,
      status: films.status,
      statusReason: films.statusReason,
      language: films.language,
      kimName: kimGroups.name,
      regencyName: regions.name,
      category: categories.name,
      updatedAt: films.updatedAt,
    })
    .from(films)
    .innerJoin(kimGroups, eq(kimGroups.id, films.kimId))
    .innerJoin(regions, eq(regions.code, kimGroups.regencyCode))
    .leftJoin(categories, eq(categories.id, films.categoryId))
    .where(eq(films.editionId, edition.id))
    .orderBy(asc(films.code));
  const media = rows.length
    ? await db
        .select()
        .from(filmMedia)
        .where(and(inArray(filmMedia.filmId, rows.map((r) => r.id)), eq(filmMedia.kind, "video")))
        .orderBy(asc(filmMedia.createdAt))
    : [];
  return {
    edition,
    films: rows.map((r) => {
      const videos = media.filter((m) => m.filmId === r.id);
      const current = videos.find((m) => m.isCurrent && m.status === "ok") ?? null;
      const last = videos.at(-1) ?? null;
      return { ...r, video: current, lastAttempt: last };
    }),
  };
}
