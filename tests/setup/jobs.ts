import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { rowsOf, videoCheckFailedQueue, videoCheckQueue } from "@/lib/jobs/boss";

/** Waits until the job queue has no check waiting, running or to be retried (the workers took and finished every one). */
export async function checksSettled(db: Db, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const rows = rowsOf<{ n: number }>(await db.execute(
      sql`select count(*)::int as n from pgboss.job where name in (${videoCheckQueue}, ${videoCheckFailedQueue}) and state in ('created', 'retry', 'active')`,
    ));
    if (Number(rows[0].n) === 0) return;
    if (Date.now() > until) throw new Error("video checks still queued after the timeout");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
