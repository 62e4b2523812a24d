import { and, eq, lt, or } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { filmMedia } from "@/lib/db/schema";
import { getStorage } from "@/lib/storage";
import { processVideoUpload } from "./process-video";

// One check at a time: ffprobe and the remux are CPU and disk work, and a regency
// server has two cores that also serve pages. The database is the queue's memory:
// a restart loses nothing, because the sweep picks up whatever is still "received".
const holder = globalThis as unknown as { __layarChecks?: Promise<unknown>; __layarQueued?: Set<string> };

export function enqueueVideoCheck(mediaId: string): Promise<unknown> {
  const queued = (holder.__layarQueued ??= new Set());
  if (queued.has(mediaId)) return holder.__layarChecks ?? Promise.resolve();
  queued.add(mediaId);
  holder.__layarChecks = (holder.__layarChecks ?? Promise.resolve())
    .then(async () => processVideoUpload(getDb(), await getStorage(), mediaId))
    .catch((error) => console.error(error))
    .finally(() => queued.delete(mediaId));
  return holder.__layarChecks;
}

/** Re-queues uploads that finished while no check ran (a restart), or whose check died. */
export async function sweepPendingChecks(now = new Date()): Promise<number> {
  const stale = new Date(now.getTime() - 15 * 60_000);
  const rows = await getDb()
    .select({ id: filmMedia.id })
    .from(filmMedia)
    .where(and(eq(filmMedia.kind, "video"), or(eq(filmMedia.status, "received"), and(eq(filmMedia.status, "checking"), lt(filmMedia.createdAt, stale)))));
  for (const row of rows) void enqueueVideoCheck(row.id);
  return rows.length;
}
