import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { filmStatus } from "@/lib/db/schema";
import { entriesHref, type EntriesQuery } from "@/lib/films/list-edition-submissions";

type Options = { categories: { id: string; name: string }[]; districts: { code: string; name: string; regencyName: string }[] };

/** A plain GET form: filtering works without JavaScript and every filtered page has its own link. */
export async function EntriesFilters({ slug, query, options, byRegency }: { slug: string; query: EntriesQuery; options: Options; byRegency: boolean }) {
  const [t, ts] = await Promise.all([getTranslations("filmAdmin.filters"), getTranslations("filmStatus")]);
  const regencies = [...new Set(options.districts.map((d) => d.regencyName))];
  const districtOption = (d: Options["districts"][number]) => (
    <option key={d.code} value={d.code}>
      {d.name}
    </option>
  );
  return (
    <form method="get" action={`/admin/festival/${slug}/film`} role="search" aria-label={t("label")} className="card space-y-3" data-testid="entries-filters">
      <div>
        <label htmlFor="f-cari" className="mb-1 block text-sm font-medium">
          {t("search")}
        </label>
        <p id="f-cari-hint" className="mb-1 text-sm text-muted">
          {t("searchHint")}
        </p>
        <input id="f-cari" name="cari" type="search" defaultValue={query.cari ?? ""} maxLength={100} className="field" aria-describedby="f-cari-hint" />
      </div>
      <div className="grid gap-3 sm:grid-cols-3">
        <div>
          <label htmlFor="f-status" className="mb-1 block text-sm font-medium">
            {t("status")}
          </label>
          <select id="f-status" name="status" defaultValue={query.status ?? ""} className="field">
            <option value="">{t("anyStatus")}</option>
            {filmStatus.enumValues.map((s) => (
              <option key={s} value={s}>
                {ts(s)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-kecamatan" className="mb-1 block text-sm font-medium">
            {t("district")}
          </label>
          <select id="f-kecamatan" name="kecamatan" defaultValue={query.kecamatan ?? ""} className="field">
            <option value="">{t("anyDistrict")}</option>
            {byRegency
              ? regencies.map((r) => (
                  <optgroup key={r} label={r}>
                    {options.districts.filter((d) => d.regencyName === r).map(districtOption)}
                  </optgroup>
                ))
              : options.districts.map(districtOption)}
          </select>
        </div>
        <div>
          <label htmlFor="f-kategori" className="mb-1 block text-sm font-medium">
            {t("category")}
          </label>
          <select id="f-kategori" name="kategori" defaultValue={query.kategori ?? ""} className="field">
            <option value="">{t("anyCategory")}</option>
            {options.categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className="btn">
          {t("apply")}
        </button>
        <Link href={entriesHref(slug, {})}>{t("reset")}</Link>
      </div>
    </form>
  );
}

/** Page numbers that keep the filters. Plain links in a nav (no list items: the entries list is the page's only list). */
export async function EntriesPagination({ slug, query, page, pageCount }: { slug: string; query: EntriesQuery; page: number; pageCount: number }) {
  if (pageCount <= 1) return null;
  const t = await getTranslations("filmAdmin.pages");
  // First, last, and two either side of the current page; gaps shown as "…".
  const shown = [...new Set([1, pageCount, ...[-2, -1, 0, 1, 2].map((d) => page + d)])].filter((p) => p >= 1 && p <= pageCount).sort((a, b) => a - b);
  return (
    <nav aria-label={t("label")} className="flex flex-wrap items-center gap-2" data-testid="entries-pagination">
      {page > 1 && (
        <Link href={entriesHref(slug, query, page - 1)} rel="prev" className="btn-quiet">
          {t("previous")}
        </Link>
      )}
      {shown.map((p, i) => (
        <span key={p} className="flex items-center gap-2">
          {i > 0 && p - shown[i - 1] > 1 && <span aria-hidden="true">…</span>}
          {p === page ? (
            <span aria-current="page" className="inline-flex min-h-11 min-w-11 items-center justify-center rounded-md bg-brand px-3 font-semibold text-white">
              <span className="sr-only">{t("page")} </span>
              {p}
            </span>
          ) : (
            <Link href={entriesHref(slug, query, p)} className="inline-flex min-h-11 min-w-11 items-center justify-center rounded-md border border-line px-3" aria-label={t("goTo", { page: p })}>
              {p}
            </Link>
          )}
        </span>
      ))}
      {page < pageCount && (
        <Link href={entriesHref(slug, query, page + 1)} rel="next" className="btn-quiet">
          {t("next")}
        </Link>
      )}
    </nav>
  );
}
