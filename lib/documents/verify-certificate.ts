import { eq, sql } from "drizzle-orm";
import type { DbLike } from "@/lib/db/client";
import { categories, editions, films, kimGroups, placements, regions, specialAwards } from "@/lib/db/schema";
import { resultsArePublic } from "@/lib/editions/list-editions";

export type VerifiedCertificate = {
  code: string;
  award: string; // "Juara II", or a special award's name
  kimName: string;
  filmTitle: string | null;
  categoryName: string | null;
  editionTitle: string;
  editionSlug: string;
  year: number | null;
  level: "kabupaten" | "provinsi";
  regionName: string;
};

/** Codes as printed on the piagam: letters and digits; anything else is not a code. */
export function normaliseCertificateCode(raw: string): string | null {
  const code = raw.trim().toUpperCase();
  return /^[A-Z0-9]{4,64}$/.test(code) ? code : null;
}

const editionColumns = {
  editionTitle: editions.title,
  editionSlug: editions.slug,
  year: editions.year,
  level: editions.level,
  regionName: regions.name,
  status: editions.status,
  scheduledPublishAt: editions.scheduledPublishAt,
};

/**
 * The piagam behind a code, for the public /verifikasi page: a placement's or a special
 * award's, and only once its edition's results are public. A sealed but unpublished
 * certificate answers the same as an unknown code, so the page leaks no result early.
 */
export async function verifyCertificate(db: DbLike, raw: string, now = new Date()): Promise<VerifiedCertificate | null> {
  const code = normaliseCertificateCode(raw);
  if (!code) return null;
  const [placed] = await db
    .select({ ...editionColumns, award: placements.placement, kimName: kimGroups.name, filmTitle: films.title, categoryName: categories.name })
    .from(placements)
    .innerJoin(editions, eq(editions.id, placements.editionId))
    .innerJoin(regions, eq(regions.code, editions.regionCode))
    .innerJoin(kimGroups, eq(kimGroups.id, placements.kimId))
    .leftJoin(films, eq(films.id, placements.filmId))
    .leftJoin(categories, eq(categories.id, placements.categoryId))
    .where(sql`upper(${placements.certificateCode}) = ${code}`);
  const [special] = placed
    ? []
    : await db
        .select({ ...editionColumns, award: specialAwards.name, kimName: kimGroups.name, filmTitle: films.title, categoryName: categories.name })
        .from(specialAwards)
        .innerJoin(editions, eq(editions.id, specialAwards.editionId))
        .innerJoin(regions, eq(regions.code, editions.regionCode))
        .innerJoin(films, eq(films.id, specialAwards.filmId))
        .innerJoin(kimGroups, eq(kimGroups.id, films.kimId))
        .leftJoin(categories, eq(categories.id, films.categoryId))
        .where(sql`upper(${specialAwards.certificateCode}) = ${code}`);
  const found = placed ?? special;
  if (!found || !resultsArePublic(found, now)) return null;
  return {
    code,
    award: found.award,
    kimName: found.kimName,
    filmTitle: found.filmTitle,
    categoryName: found.categoryName,
    editionTitle: found.editionTitle,
    editionSlug: found.editionSlug,
    year: found.year,
    level: found.level,
    regionName: found.regionName,
  };
}
