import type { Metadata } from "next";
import { pageLocale, type LocaleParams } from "@/lib/i18n/page-locale";
import { parseArchiveQuery } from "@/lib/public/archive-query";
import { searchArchiveCached } from "@/lib/public/cache";
import { ArchiveView, archiveMetadata } from "../archive-view";

// Not a public URL: next.config.mjs rewrites /arsip?<filter> here; proxy.ts sends /arsip/saring itself back to /arsip.
export const dynamic = "force-dynamic";

type Props = { params: Promise<LocaleParams>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await pageLocale(params);
  return archiveMetadata();
}

/** A filtered or paged archive: rendered per request (the query string varies), the search itself cached. */
export default async function FilteredArchivePage({ params, searchParams }: Props) {
  await pageLocale(params);
  const query = parseArchiveQuery(await searchParams);
  return <ArchiveView query={query} result={await searchArchiveCached(query)} />;
}
