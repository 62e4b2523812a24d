import { and, desc, eq, gt, lte, or } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { editions, films, placements } from "@/lib/db/schema";
import { resultsArePublic } from "@/lib/editions/list-editions";
import type { SessionUser } from "@/lib/auth/authenticate";
import { forbidden } from "@/lib/errors";

/** The KIM's own entries; a KIM member sees only their KIM's films. */
export async function listKimFilms(db: Db, actor: SessionUser) {
  if (actor.role !== "kim" || !actor.kimId || actor.status !== "active") throw forbidden();
  const rows = await db
    .select({
      id: films.id,
      title: films.title,
      status: films.status,
      statusReason: films.statusReason,
      editionTitle: editions.title,
      editionSlug: editions.slug,
      editionStatus: editions.status,
      scheduledPublishAt: editions.scheduledPublishAt,
      placement: placements.placement,
      certificateCode: placements.certificateCode,
    })
    .from(films)
    .innerJoin(editions, eq(editions.id, films.editionId))
    .leftJoin(placements, eq(placements.filmId, films.id))
    .where(eq(films.kimId, actor.kimId))
    .orderBy(desc(films.createdAt));
  // Until results are published a KIM sees "being judged", never an outcome.
  return rows.map(({ scheduledPublishAt, editionStatus, placement, certificateCode, ...r }) => {
    const published = resultsArePublic({ status: editionStatus, scheduledPublishAt });
    return {
      ...r,
      editionStatus,
      status: !published && r.status === "juara" ? ("dinilai" as const) : r.status,
      placement: published ? placement : null,
      certificateCode: published ? certificateCode : null,
    };
  });
}

/** Editions open for entries right now that a KIM of this regency may enter (its regency's or its province's). */
export async function listOpenEditions(db: Db, regencyCode: string, now = new Date()) {
  return db
    .select({ slug: editions.slug, title: editions.title, submissionClosesAt: editions.submissionClosesAt, regionCode: editions.regionCode })
    .from(editions)
    .where(
      and(
        eq(editions.status, "pendaftaran"),
        lte(editions.submissionOpensAt, now),
        gt(editions.submissionClosesAt, now),
        or(eq(editions.regionCode, regencyCode), eq(editions.regionCode, regencyCode.slice(0, 2))),
      ),
    )
    .orderBy(editions.submissionClosesAt);
}
