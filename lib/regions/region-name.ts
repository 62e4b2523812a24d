import { eq, inArray } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { regions } from "@/lib/db/schema";

export async function regionName(db: Db, code: string | null): Promise<string> {
  if (!code) return "—";
  const [row] = await db.select({ name: regions.name }).from(regions).where(eq(regions.code, code));
  return row?.name ?? code;
}

/** Names for several codes at once (unknown codes are left out). */
export async function regionNames(db: Db, codes: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(codes.filter((c): c is string => Boolean(c)))];
  if (wanted.length === 0) return new Map();
  const rows = await db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, wanted));
  return new Map(rows.map((r) => [r.code, r.name]));
}
