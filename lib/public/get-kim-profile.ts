import { eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/lib/db/client";
import { kimGroups, regions } from "@/lib/db/schema";
import { logoUrl } from "@/lib/kim/logo-version";
import { omit } from "./omit";
import { groupByYear } from "./placements";
import { listPublicPlacements } from "./public-placements";
import { listPublishedEditions } from "./published-editions";

const village = alias(regions, "village");
const district = alias(regions, "district");
const regency = alias(regions, "regency");
const province = alias(regions, "province");

/**
 * A KIM's public profile: where it is, whether it is active, what it says of itself
 * (description, logo, social links), and its awards in published results, by year. Contacts and board members are never included, and
 * entries in editions not yet published do not appear at all.
 */
export async function getKimProfile(db: Db, slug: string, now = new Date()) {
  if (!/^[a-z0-9-]{1,100}$/.test(slug)) return null;
  const [kim] = await db
    .select({
      id: kimGroups.id,
      slug: kimGroups.slug,
      name: kimGroups.name,
      status: kimGroups.status,
      inactiveReason: kimGroups.inactiveReason,
      foundedYear: kimGroups.foundedYear,
      isSample: kimGroups.isSample,
      description: kimGroups.description,
      socialLinks: kimGroups.socialLinks,
      logoKey: kimGroups.logoKey,
      villageName: village.name,
      districtCode: kimGroups.districtCode,
      districtName: district.name,
      regencyCode: kimGroups.regencyCode,
      regencyName: regency.name,
      provinceCode: province.code,
      provinceName: province.name,
    })
    .from(kimGroups)
    .leftJoin(village, eq(village.code, kimGroups.villageCode))
    .innerJoin(district, eq(district.code, kimGroups.districtCode))
    .innerJoin(regency, eq(regency.code, kimGroups.regencyCode))
    .innerJoin(province, eq(province.code, regency.parentCode))
    .where(eq(kimGroups.slug, slug));
  if (!kim) return null;
  const awards = await listPublicPlacements(db, await listPublishedEditions(db, now), eq(kimGroups.id, kim.id));
  const films = [...new Map(awards.filter((a) => a.filmId).map((a) => [a.filmId!, { id: a.filmId!, title: a.filmTitle! }])).values()];
  return {
    ...omit(kim, "id", "logoKey"),
    logoUrl: logoUrl(kim.slug, kim.logoKey),
    films,
    awards: groupByYear(awards.map((a) => omit(a, "kimName", "kimSlug", "regencyCode", "regencyName"))),
  };
}

export type KimProfile = NonNullable<Awaited<ReturnType<typeof getKimProfile>>>;
