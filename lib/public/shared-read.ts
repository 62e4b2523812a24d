import type { Db } from "@/lib/db/client";

/**
 * Reads that every public request would repeat alike (the archive's regency choices, the RSS
 * feed), kept per database for a short while so that a burst of requests costs one read
 * (docs/decisions/0040). The promise itself is kept, so requests that arrive while the read
 * runs wait for it instead of starting their own; a read that fails is not kept. An
 * organiser's change to what the public sees forgets them all (`forgetSharedReads`, called by
 * refreshPublicPages); a scheduled publication shows within `ttlMs`, as the cached pages do.
 */
export const sharedReadTtlMs = 60_000;
/** Keys kept per database; past it the oldest goes (made-up archive queries cost reads, not memory). */
const maxEntries = 500;

type Entry = { at: number; value: Promise<unknown> };
let reads = new WeakMap<Db, Map<string, Entry>>();

export function sharedRead<T>(db: Db, key: string, load: () => PromiseLike<T>, ttlMs = sharedReadTtlMs, now: () => number = Date.now): Promise<T> {
  let entries = reads.get(db);
  if (!entries) reads.set(db, (entries = new Map()));
  const kept = entries.get(key);
  if (kept && now() - kept.at < ttlMs) return kept.value as Promise<T>;
  // A drizzle query is a thenable that runs again on each `then`: the kept value is the one
  // promise of its single run (keeping the query kept nothing: every request read again).
  const value = Promise.resolve(load());
  const entry = { at: now(), value };
  entries.delete(key);
  entries.set(key, entry);
  while (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
  value.catch(() => {
    if (entries.get(key) === entry) entries.delete(key);
  });
  return value;
}

/** Every shared read is read again on its next request. */
export function forgetSharedReads(): void {
  reads = new WeakMap();
}
