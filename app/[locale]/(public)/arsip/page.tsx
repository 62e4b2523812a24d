import type { Metadata } from "next";
import { getDb } from "@/lib/db/client";
import { pageLocale, type LocaleParams } from "@/lib/i18n/page-locale";
import { searchArchive } from "@/lib/public/search-archive";
import { ArchiveView, archiveMetadata } from "./archive-view";

export const revalidate = 60; // seconds; publishing revalidates at once (docs/decisions/0007)

type Props = { params: Promise<LocaleParams> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await pageLocale(params);
  return archiveMetadata();
}

/**
 * /arsip without a query string: static (ISR). With a filter (or a page number), next.config.mjs sends the
 * request to ./saring instead, which is rendered per request from a cached search.
 */
export default async function ArchivePage({ params }: Props) {
  await pageLocale(params);
  return <ArchiveView query={{}} result={await searchArchive(getDb(), {}, new Date(), { shared: true })} />;
}
