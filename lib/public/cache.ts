import { unstable_cache } from "next/cache";
import { getDb } from "@/lib/db/client";
import { archiveFilterNames, type ArchiveQuery } from "./archive-query";
import { searchArchive } from "./search-archive";

/** Every cached public read carries this tag; publishing results expires it (lib/actions/judging-admin-actions.ts). */
export const publicCacheTag = "public";

/** Seconds a public page or cached public read may be served before it is rendered again. */
export const publicRevalidateSeconds = 60;

const search = unstable_cache((query: ArchiveQuery) => searchArchive(getDb(), query, new Date(), { shared: true }), ["archive-search"], {
  revalidate: publicRevalidateSeconds,
  tags: [publicCacheTag],
});

/**
 * The archive search for a filtered /arsip request (those pages are rendered per request):
 * cached per filter for publicRevalidateSeconds, so repeating a search costs no queries. The
 * query is rebuilt in a fixed order so the same filters share one cache entry.
 */
export function searchArchiveCached(query: ArchiveQuery) {
  const ordered: Record<string, unknown> = {};
  for (const name of archiveFilterNames) if (query[name] !== undefined) ordered[name] = query[name];
  return search(ordered as ArchiveQuery);
}
