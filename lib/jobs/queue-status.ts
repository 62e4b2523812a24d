import { and, desc, eq, sql } from "drizzle-orm";
import type { DbLike } from "@/lib/db/client";
import { auditLog, films, kimGroups } from "@/lib/db/schema";
import { bossSchema, rowsOf, videoCheckQueue } from "./boss";

export type CheckFailure = { filmId: string; code: string; title: string; kimName: string; at: Date; attempts: number; error: string };

export type EditionCheckQueue = {
  /** This edition's uploads waiting for a worker, being checked, and waiting to be tried again. */
  waiting: number;
  running: number;
  retrying: number;
  /** Checks waiting or running for every edition on this server: how long the line is. */
  queueDepth: number;
  /** The latest checks that failed every attempt (newest first). */
  failures: CheckFailure[];
};

const row = (result: unknown) => rowsOf(result);

/**
 * What the organiser's film list shows about the video checks of one edition: the queue (read
 * from pg-boss's job table, whose job ids are the uploads' ids) and the final failures (from the
 * audit log, where the dead-letter worker records them). The caller has checked the organiser's
 * scope for the edition.
 */
export async function editionCheckQueue(db: DbLike, editionId: string, { failureLimit = 10 } = {}): Promise<EditionCheckQueue> {
  const status: EditionCheckQueue = { waiting: 0, running: 0, retrying: 0, queueDepth: 0, failures: [] };
  const [installed] = row(await db.execute(sql`select to_regclass(${`${bossSchema}.job`}) is not null as installed`));
  if (installed?.installed) {
    const job = sql.raw(`${bossSchema}.job`);
    const states = row(
      await db.execute(sql`
        select j.state::text as state, count(*)::int as n
        from ${job} j
        join film_media m on m.id = j.id
        join films f on f.id = m.film_id
        where j.name = ${videoCheckQueue} and j.state in ('created', 'retry', 'active') and f.edition_id = ${editionId}
        group by j.state`),
    );
    for (const s of states) {
      const n = Number(s.n);
      if (s.state === "created") status.waiting = n;
      else if (s.state === "retry") status.retrying = n;
      else status.running = n;
    }
    const [depth] = row(await db.execute(sql`select count(*)::int as n from ${job} where name = ${videoCheckQueue} and state in ('created', 'retry', 'active')`));
    status.queueDepth = Number(depth?.n ?? 0);
  }
  const failed = await db
    .select({ at: auditLog.at, data: auditLog.data, filmId: films.id, code: films.code, title: films.title, kimName: kimGroups.name })
    .from(auditLog)
    .innerJoin(films, eq(sql`${films.id}::text`, auditLog.entityId))
    .innerJoin(kimGroups, eq(kimGroups.id, films.kimId))
    .where(and(eq(auditLog.editionId, editionId), eq(auditLog.action, "video.check_failed")))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(failureLimit);
  status.failures = failed.map((f) => ({
    filmId: f.filmId,
    code: f.code,
    title: f.title,
    kimName: f.kimName,
    at: f.at,
    attempts: Number(f.data?.attempts ?? 0),
    error: String(f.data?.error ?? ""),
  }));
  return status;
}
