import { lt } from "drizzle-orm";
import type { DbLike } from "@/lib/db/client";
import { favoritCodes } from "@/lib/db/schema";

/**
 * Code rows are needed for 10 minutes (the code) and 30 more (the verified ballot): after a day
 * they only hold hashes nobody can use, so the hourly sweep (lib/background.ts) removes them.
 * Votes keep what the fraud report needs (domain, network) on their own rows.
 */
export async function removeOldFavoritCodes(db: DbLike, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - 24 * 3_600_000);
  const removed = await db.delete(favoritCodes).where(lt(favoritCodes.createdAt, cutoff)).returning({ id: favoritCodes.id });
  return removed.length;
}
