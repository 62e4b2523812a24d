import { desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/lib/db/client";
import { kimGroups, kimStatusHistory, regions } from "@/lib/db/schema";
import { activitiesWithPhotos } from "@/lib/kim/activity-list";
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
  const [activities, statusHistory] = await Promise.all([publicActivities(db, kim.id), publicStatusHistory(db, kim.id)]);
  const films = [...new Map(awards.filter((a) => a.filmId).map((a) => [a.filmId!, { id: a.filmId!, title: a.filmTitle! }])).values()];
  return {
    ...omit(kim, "id", "logoKey"),
    logoUrl: logoUrl(kim.slug, kim.logoKey),
    films,
    awards: groupByYear(awards.map((a) => omit(a, "kimName", "kimSlug", "regencyCode", "regencyName"))),
    activities,
    statusHistory,
  };
}

/** Activities, newest first: day (YYYY-MM-DD), type, title; the report, links and photos for the page. */
async function publicActivities(db: Db, kimId: string) {
  const rows = await activitiesWithPhotos(db, kimId);
  return rows.map((a) => ({ date: a.heldOn, type: a.type, title: a.title, report: a.report, links: a.links, photos: a.photos.map((p) => ({ id: p.id, width: p.width, height: p.height })) }));
}

/** The status history, newest first (who decided is not public). */
async function publicStatusHistory(db: Db, kimId: string) {
  return db
    .select({ status: kimStatusHistory.status, from: kimStatusHistory.fromDate, reason: kimStatusHistory.reason })
    .from(kimStatusHistory)
    .where(eq(kimStatusHistory.kimId, kimId))
    .orderBy(desc(kimStatusHistory.fromDate), desc(kimStatusHistory.createdAt));
}

export type KimProfile = NonNullable<Awaited<ReturnType<typeof getKimProfile>>>;
