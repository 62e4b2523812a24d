import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { messagesQueue, rowsOf } from "@/lib/jobs/boss";

/**
 * Waits until the message queue is drained: no message job waiting, running or to be retried,
 * and no message still antre (queued without a job: the workers' sweep sends it). Needs the
 * job workers running (startJobWorkers).
 */
export async function messagesSettled(db: Db, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const [jobs] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from pgboss.job where name = ${messagesQueue} and state in ('created', 'retry', 'active')`));
    const [waiting] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from outgoing_messages where status = 'antre'`));
    if (Number(jobs.n) === 0 && Number(waiting.n) === 0) return;
    if (Date.now() > until) throw new Error(`messages still queued after ${timeoutMs} ms (${jobs.n} jobs, ${waiting.n} waiting)`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
