import { and, count, eq, gt, min, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { requestLimitHits } from "@/lib/db/schema";

export type RequestLimit = { kind: string; key: string; limit: number; windowMinutes: number };

/**
 * Counts one request of `kind` from `key` (a client address) and answers the minutes to
 * wait when the window already holds `limit` of them (0: go ahead, and this one is
 * counted). Counting and checking happen under one transaction-level advisory lock on
 * (kind, key), so parallel requests cannot all slip under the limit; the rows are in the
 * database, so the limit holds across app instances. Every hit after the window's start
 * counts, also one stamped a moment after this request's `now`: a request that waited for
 * the lock behind a later one must still see it (bounding by `now` let a sixth of 30 pass).
 */
export async function checkRequestLimit(db: Db, limit: RequestLimit, now: Date): Promise<number> {
  const since = new Date(now.getTime() - limit.windowMinutes * 60_000);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`request-limit|${limit.kind}|${limit.key}`}, 0))`);
    const [row] = await tx
      .select({ n: count(), oldest: min(requestLimitHits.at) })
      .from(requestLimitHits)
      .where(and(eq(requestLimitHits.kind, limit.kind), eq(requestLimitHits.key, limit.key), gt(requestLimitHits.at, since)));
    if (row && row.n >= limit.limit && row.oldest) {
      const frees = new Date(row.oldest).getTime() + limit.windowMinutes * 60_000;
      return Math.max(1, Math.ceil((frees - now.getTime()) / 60_000));
    }
    await tx.insert(requestLimitHits).values({ kind: limit.kind, key: limit.key, at: now });
    return 0;
  });
}

/** A limit that several keys are counted against (registrations per address, per email). */
export type ScopedLimit = { scope: string; max: number; windowMinutes: number };

/** Counts one request of `key` under a scoped limit: the minutes to wait, or 0 (counted). */
export function consumeRequest(db: Db, limit: ScopedLimit, key: string, now = new Date()): Promise<number> {
  return checkRequestLimit(db, { kind: limit.scope, key, limit: limit.max, windowMinutes: limit.windowMinutes }, now);
}
