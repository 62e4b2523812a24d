import { asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { regions } from "@/lib/db/schema";

export type Region = typeof regions.$inferSelect;

export const regionCodePattern = /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/;

/** "33.13.08" -> ["33", "33.13"]: the codes of the regions above this one. */
export function ancestorCodes(code: string): string[] {
  const parts = code.split(".");
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join("."));
}

/** A region with its ancestors (top first) and its children (by name); null when unknown. */
export async function getRegion(db: Db, code: string) {
  if (!regionCodePattern.test(code)) return null;
  const [region] = await db.select().from(regions).where(eq(regions.code, code));
  if (!region) return null;
  const up = ancestorCodes(code);
  const [ancestors, children] = await Promise.all([
    up.length ? db.select().from(regions).where(inArray(regions.code, up)).orderBy(asc(regions.code)) : Promise.resolve([]),
    db.select().from(regions).where(eq(regions.parentCode, code)).orderBy(asc(regions.name)),
  ]);
  return { ...region, ancestors, children };
}
