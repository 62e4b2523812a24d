import { and, asc, count, eq, ilike, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/authenticate";
import type { Db } from "@/lib/db/client";
import { kimChangeRequests, kimGroups, regions, users } from "@/lib/db/schema";
import { asRegistryOrganiser, kimInScope } from "./kim-scope";

const village = alias(regions, "village");
const district = alias(regions, "district");
const regency = alias(regions, "regency");
const requestedVillage = alias(regions, "requested_village");

/** At most this many rows on one page; the counts are always of the whole filter. */
export const REGISTRY_PAGE_ROWS = 300;

/** The query string of /admin/kim (a GET form): anything unexpected is ignored, never an error. */
export const registryFilterSchema = z.object({
  q: z.string().trim().max(100).catch("").default(""),
  kecamatan: z.string().regex(/^\d{2}\.\d{2}\.\d{2}$/).optional().catch(undefined),
  status: z.enum(["aktif", "tidak_aktif"]).optional().catch(undefined),
});
export type RegistryFilter = z.infer<typeof registryFilterSchema>;

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);

export function parseRegistryFilter(params: Record<string, string | string[] | undefined>): RegistryFilter {
  return registryFilterSchema.parse({ q: first(params.q) ?? "", kecamatan: first(params.kecamatan) || undefined, status: first(params.status) || undefined });
}

/**
 * The organiser's KIM directory: the KIMs of their region matching the filter (name search,
 * kecamatan, status), counts of the whole region and of the filter, the kecamatan that have
 * KIMs (for the filter's list) and the change requests waiting for a decision.
 */
export async function listRegistry(db: Db, actor: SessionUser, filter: RegistryFilter) {
  const organiser = asRegistryOrganiser(actor);
  const scope = kimInScope(organiser);
  const conditions = [scope];
  if (filter.q) conditions.push(ilike(kimGroups.name, `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (filter.kecamatan) conditions.push(eq(kimGroups.districtCode, filter.kecamatan));
  if (filter.status) conditions.push(eq(kimGroups.status, filter.status));
  const where = and(...conditions);
  const [rows, [totals], [matching], districts, requests] = await Promise.all([
    db
      .select({
        id: kimGroups.id,
        slug: kimGroups.slug,
        name: kimGroups.name,
        status: kimGroups.status,
        statusSince: kimGroups.statusSince,
        isSample: kimGroups.isSample,
        villageName: village.name,
        districtName: district.name,
        regencyName: regency.name,
        contactName: kimGroups.contactName,
        contactPhone: kimGroups.contactPhone,
        contactEmail: kimGroups.contactEmail,
      })
      .from(kimGroups)
      .leftJoin(village, eq(village.code, kimGroups.villageCode))
      .innerJoin(district, eq(district.code, kimGroups.districtCode))
      .innerJoin(regency, eq(regency.code, kimGroups.regencyCode))
      .where(where)
      .orderBy(asc(regency.name), asc(district.name), asc(kimGroups.name))
      .limit(REGISTRY_PAGE_ROWS),
    db
      .select({
        total: count(),
        active: sql<number>`count(*) filter (where ${kimGroups.status} = 'aktif')::int`,
        inactive: sql<number>`count(*) filter (where ${kimGroups.status} = 'tidak_aktif')::int`,
      })
      .from(kimGroups)
      .where(scope),
    db.select({ total: count() }).from(kimGroups).where(where),
    db
      .selectDistinct({ code: district.code, name: district.name, regencyName: regency.name })
      .from(kimGroups)
      .innerJoin(district, eq(district.code, kimGroups.districtCode))
      .innerJoin(regency, eq(regency.code, kimGroups.regencyCode))
      .where(scope)
      .orderBy(asc(regency.name), asc(district.name)),
    db
      .select({
        id: kimChangeRequests.id,
        kimId: kimGroups.id,
        kimName: kimGroups.name,
        name: kimChangeRequests.name,
        villageName: requestedVillage.name,
        note: kimChangeRequests.note,
        requestedBy: users.name,
        createdAt: kimChangeRequests.createdAt,
      })
      .from(kimChangeRequests)
      .innerJoin(kimGroups, eq(kimGroups.id, kimChangeRequests.kimId))
      .leftJoin(requestedVillage, eq(requestedVillage.code, kimChangeRequests.villageCode))
      .leftJoin(users, eq(users.id, kimChangeRequests.requestedBy))
      .where(and(scope, eq(kimChangeRequests.status, "pending")))
      .orderBy(asc(kimChangeRequests.createdAt)),
  ]);
  return { rows, totals, matching: matching.total, truncated: matching.total > rows.length, districts, requests, province: !organiser.regionCode.includes(".") };
}

/** Other KIMs in the organiser's region, by name: the choices for "merge a duplicate". */
export async function mergeCandidates(db: Db, actor: SessionUser, keepId: string) {
  const organiser = asRegistryOrganiser(actor);
  const rows = await db
    .select({ id: kimGroups.id, name: kimGroups.name, districtName: district.name })
    .from(kimGroups)
    .innerJoin(district, eq(district.code, kimGroups.districtCode))
    .where(and(kimInScope(organiser), sql`${kimGroups.id} <> ${keepId}`))
    .orderBy(asc(kimGroups.name))
    .limit(2000);
  return rows;
}
