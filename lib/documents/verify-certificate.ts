import { eq, sql } from "drizzle-orm";
import type { DbLike } from "@/lib/db/client";
import { categories, certificates, editions, films, kimGroups, placements, regions, specialAwards, users } from "@/lib/db/schema";
import { resultsArePublic } from "@/lib/editions/list-editions";

export type VerifiedCertificate = {
  code: string;
  kind: "juara" | "khusus" | "peserta" | "juri";
  award: string; // "Juara II", a special award's name, "Peserta", "Dewan Juri"
  holderName: string; // the KIM, or the judge
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
 * The piagam behind a code, for the public /verifikasi page: a placement's, a special award's,
 * a participation certificate's or a judge's, and only once its edition's results are public.
 * A sealed but unpublished certificate answers the same as an unknown code, so the page leaks
 * no result early.
 */
export async function verifyCertificate(db: DbLike, raw: string, now = new Date()): Promise<VerifiedCertificate | null> {
  const code = normaliseCertificateCode(raw);
  if (!code) return null;
  const found = (await placementCertificate(db, code)) ?? (await specialAwardCertificate(db, code)) ?? (await issuedCertificate(db, code));
  if (!found || !resultsArePublic(found, now)) return null;
  return {
    code,
    kind: found.kind,
    award: found.award,
    holderName: found.holderName,
    filmTitle: found.filmTitle,
    categoryName: found.categoryName,
    editionTitle: found.editionTitle,
    editionSlug: found.editionSlug,
    year: found.year,
    level: found.level,
    regionName: found.regionName,
  };
}

async function placementCertificate(db: DbLike, code: string) {
  const [row] = await db
    .select({ ...editionColumns, award: placements.placement, holderName: kimGroups.name, filmTitle: films.title, categoryName: categories.name })
    .from(placements)
    .innerJoin(editions, eq(editions.id, placements.editionId))
    .innerJoin(regions, eq(regions.code, editions.regionCode))
    .innerJoin(kimGroups, eq(kimGroups.id, placements.kimId))
    .leftJoin(films, eq(films.id, placements.filmId))
    .leftJoin(categories, eq(categories.id, placements.categoryId))
    .where(sql`upper(${placements.certificateCode}) = ${code}`);
  return row && { ...row, kind: "juara" as const };
}

async function specialAwardCertificate(db: DbLike, code: string) {
  const [row] = await db
    .select({ ...editionColumns, award: specialAwards.name, holderName: kimGroups.name, filmTitle: films.title, categoryName: categories.name })
    .from(specialAwards)
    .innerJoin(editions, eq(editions.id, specialAwards.editionId))
    .innerJoin(regions, eq(regions.code, editions.regionCode))
    .innerJoin(films, eq(films.id, specialAwards.filmId))
    .innerJoin(kimGroups, eq(kimGroups.id, films.kimId))
    .leftJoin(categories, eq(categories.id, films.categoryId))
    .where(sql`upper(${specialAwards.certificateCode}) = ${code}`);
  return row && { ...row, kind: "khusus" as const };
}

/** A participation or a judge's certificate (codes are stored upper-case: issue-certificates.ts). */
async function issuedCertificate(db: DbLike, code: string) {
  const [row] = await db
    .select({ ...editionColumns, kind: certificates.kind, kimName: kimGroups.name, judgeName: users.name, filmTitle: films.title, categoryName: categories.name })
    .from(certificates)
    .innerJoin(editions, eq(editions.id, certificates.editionId))
    .innerJoin(regions, eq(regions.code, editions.regionCode))
    .leftJoin(films, eq(films.id, certificates.filmId))
    .leftJoin(kimGroups, eq(kimGroups.id, certificates.kimId))
    .leftJoin(users, eq(users.id, certificates.userId))
    .leftJoin(categories, eq(categories.id, films.categoryId))
    .where(eq(certificates.code, code));
  if (!row) return undefined;
  const { kimName, judgeName, ...rest } = row;
  return row.kind === "juri"
    ? { ...rest, kind: "juri" as const, award: "Dewan Juri", holderName: judgeName ?? "", filmTitle: null, categoryName: null }
    : { ...rest, kind: "peserta" as const, award: "Peserta", holderName: kimName ?? "" };
}
