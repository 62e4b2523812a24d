import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ArchiveFilters } from "@/components/public/archive-filters";
import { ArchiveList } from "@/components/public/archive-list";
import { ArchivePagination } from "@/components/public/pagination";
import { env } from "@/lib/env";
import type { ArchiveQuery } from "@/lib/public/archive-query";
import type { ArchiveResult } from "@/lib/public/search-archive";
import { LeanPageMarker } from "@/components/layout/lean-page-marker";

export async function archiveMetadata(): Promise<Metadata> {
  const t = await getTranslations("publik.arsip");
  const url = `${env().publicUrl}/arsip`;
  return {
    title: t("title"),
    description: t("intro"),
    alternates: { canonical: url, types: { "application/rss+xml": `${env().publicUrl}/rss.xml` } },
    openGraph: { title: t("title"), description: t("intro"), url, siteName: "Layar", type: "website" },
    twitter: { card: "summary", title: t("title"), description: t("intro") },
  };
}

/** The archive of published results; filters and pages are query strings, so it all works without JavaScript. */
export async function ArchiveView({ query, result }: { query: ArchiveQuery; result: ArchiveResult }) {
  const t = await getTranslations("publik.arsip");
  return (
    <div className="space-y-6">
      <LeanPageMarker />
      <header>
        <h1 className="text-2xl font-bold sm:text-3xl">{t("title")}</h1>
        <p className="mt-2 max-w-2xl text-muted">{t("intro")}</p>
      </header>
      <ArchiveFilters query={query} options={result.options} />
      <p className="font-medium" data-testid="archive-count">
        {t("count", { count: result.total })}
      </p>
      {result.items.length === 0 ? <p className="text-muted">{t("none")}</p> : <ArchiveList items={result.items} />}
      <ArchivePagination query={query} page={result.page} pageCount={result.pageCount} />
      <p className="text-sm">
        <a href="/rss.xml">{t("rss")}</a>
      </p>
    </div>
  );
}
