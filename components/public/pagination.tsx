import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { archiveHref, type ArchiveQuery } from "@/lib/public/archive-query";

/** Previous / next links that keep the filters: plain links, no JavaScript needed. */
export async function ArchivePagination({ query, page, pageCount }: { query: ArchiveQuery; page: number; pageCount: number }) {
  if (pageCount <= 1) return null;
  const t = await getTranslations("publik.arsip");
  return (
    <nav aria-label={t("pagination")} className="flex flex-wrap items-center justify-between gap-3" data-testid="pagination">
      {page > 1 ? (
        <Link href={archiveHref(query, page - 1)} rel="prev" className="btn-quiet">
          {t("previous")}
        </Link>
      ) : (
        <span />
      )}
      <p className="text-sm">
        {t("page", { page, pages: pageCount })}
      </p>
      {page < pageCount ? (
        <Link href={archiveHref(query, page + 1)} rel="next" className="btn-quiet">
          {t("next")}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
