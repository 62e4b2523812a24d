import { and, eq, type SQL } from "drizzle-orm";
import type { SessionUser } from "@/lib/auth/authenticate";
import { regionWithin } from "@/lib/auth/scope";
import type { DbLike } from "@/lib/db/client";
import { kimGroups, regions } from "@/lib/db/schema";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { inRegion } from "@/lib/kim/in-region";

/** An active organiser with a region: the only actor that manages the registry. */
export type RegistryOrganiser = SessionUser & { role: "organiser"; regionCode: string };

export function asRegistryOrganiser(actor: SessionUser): RegistryOrganiser {
  if (actor.role !== "organiser" || actor.status !== "active" || !actor.regionCode) throw forbidden();
  return actor as RegistryOrganiser;
}

/**
 * The KIMs an organiser's region covers, for a where clause: its own district code or any
 * below it (a province 33 covers 33.13.08, a regency 33.13 covers its kecamatan). Another
 * region's KIM is simply not found.
 */
export function kimInScope(actor: RegistryOrganiser): SQL {
  return inRegion(kimGroups.districtCode, actor.regionCode);
}

/** The KIM row when the organiser's region covers it; "not found" otherwise. */
export async function kimForOrganiser(db: DbLike, actor: RegistryOrganiser, kimId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(kimId)) throw notFound();
  const [kim] = await db.select().from(kimGroups).where(and(eq(kimGroups.id, kimId), kimInScope(actor)));
  if (!kim) throw notFound();
  return kim;
}

/**
 * A desa the KIM may be placed in: it exists, is a desa/kelurahan and lies inside `scope`
 * (the organiser's region, or the KIM's regency for a member's request). The kecamatan and
 * regency follow from its code.
 */
export async function placeOfVillage(db: DbLike, scope: string, villageCode: string, field = "villageCode") {
  const refuse = (message: string) => new AppError("invalid", { userMessage: message, fieldErrors: { [field]: [message] } });
  const [village] = await db.select({ code: regions.code, name: regions.name, level: regions.level }).from(regions).where(eq(regions.code, villageCode));
  if (!village || village.level !== "desa") throw refuse("Pilih desa/kelurahan dari daftar.");
  if (!regionWithin(scope, village.code)) throw refuse("Desa itu di luar wilayah Anda.");
  const parts = village.code.split(".");
  return { villageCode: village.code, villageName: village.name, districtCode: parts.slice(0, 3).join("."), regencyCode: parts.slice(0, 2).join(".") };
}
