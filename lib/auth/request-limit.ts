import { and, eq, lt, sql } from "drizzle-orm";
import type { DbLike } from "@/lib/db/client";
import { requestCounts } from "@/lib/db/schema";

export type RequestLimit = { scope: string; max: number; windowMinutes: number };

/**
 * Counts one request of `key` (an address, an email) in the current fixed window and says
 * whether it is within `max`. The count is one upsert (`insert … on conflict do update … returning`),
 * so 30 parallel requests get 30 different counts, on one instance or many: no read-then-write
 * gap that lets a burst through. Returns the minutes until the window ends when refused, else 0.
 */
export async function consumeRequest(db: DbLike, limit: RequestLimit, key: string, now = new Date()): Promise<number> {
  const windowMs = limit.windowMinutes * 60_000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const [row] = await db
    .insert(requestCounts)
    .values({ scope: limit.scope, key, windowStart, count: 1 })
    .onConflictDoUpdate({ target: [requestCounts.scope, requestCounts.key, requestCounts.windowStart], set: { count: sql`${requestCounts.count} + 1` } })
    .returning({ count: requestCounts.count });
  // Earlier windows of this key are no longer read.
  await db.delete(requestCounts).where(and(eq(requestCounts.scope, limit.scope), eq(requestCounts.key, key), lt(requestCounts.windowStart, windowStart)));
  if (row.count <= limit.max) return 0;
  return Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 60_000));
}
