import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { regions } from "@/lib/db/schema";

export async function regionName(db: Db, code: string | null): Promise<string> {
  if (!code) return "—";
  const [row] = await db.select({ name: regions.name }).from(regions).where(eq(regions.code, code));
  return row?.name ?? code;
}
