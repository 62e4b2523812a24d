import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { auditHref, type AuditQuery } from "@/lib/audit/list-audit";

type Props = {
  query: AuditQuery;
  editions: { slug: string; title: string }[];
  actions: { code: string; label: string }[];
  account: { name: string; email: string } | null;
};

/** A plain GET form (works without JavaScript); every filtered page has its own link. */
export async function AuditFilters({ query, editions, actions, account }: Props) {
  const t = await getTranslations("audit.filters");
  const label = "mb-1 block text-sm font-medium";
  return (
    <form method="get" action="/admin/audit" role="search" aria-label={t("label")} className="card space-y-3" data-testid="audit-filters">
      {query.akun && (
        <p className="rounded-md bg-sky-50 p-2 text-sm">
          <input type="hidden" name="akun" value={query.akun} />
          {account ? t("account", { name: `${account.name} (${account.email})` }) : t("accountUnknown")}{" "}
          <Link href={auditHref({ ...query, akun: undefined, halaman: undefined })}>{t("removeAccount")}</Link>
        </p>
      )}
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor="a-edisi" className={label}>
            {t("edition")}
          </label>
          <select id="a-edisi" name="edisi" defaultValue={query.edisi ?? ""} className="field">
            <option value="">{t("anyEdition")}</option>
            {editions.map((e) => (
              <option key={e.slug} value={e.slug}>
                {e.title}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="a-aksi" className={label}>
            {t("action")}
          </label>
          <select id="a-aksi" name="aksi" defaultValue={query.aksi ?? ""} className="field">
            <option value="">{t("anyAction")}</option>
            {actions.map((a) => (
              <option key={a.code} value={a.code}>
                {a.label}
              </option>
            ))}
          </select>
        </div>
        <div className="sm:col-span-2">
          <label htmlFor="a-cari" className={label}>
            {t("search")}
          </label>
          <input id="a-cari" name="cari" type="search" defaultValue={query.cari ?? ""} maxLength={100} className="field" />
        </div>
        <div>
          <label htmlFor="a-dari" className={label}>
            {t("from")}
          </label>
          <input id="a-dari" name="dari" type="date" defaultValue={query.dari ?? ""} className="field" />
        </div>
        <div>
          <label htmlFor="a-sampai" className={label}>
            {t("to")}
          </label>
          <input id="a-sampai" name="sampai" type="date" defaultValue={query.sampai ?? ""} className="field" />
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className="btn">
          {t("apply")}
        </button>
        <Link href="/admin/audit">{t("reset")}</Link>
      </div>
    </form>
  );
}

/** Newer / older links that keep the filters. */
export async function AuditPagination({ query, page, pageCount }: { query: AuditQuery; page: number; pageCount: number }) {
  if (pageCount <= 1) return null;
  const t = await getTranslations("audit.pages");
  return (
    <nav aria-label={t("label")} className="flex flex-wrap items-center justify-between gap-3" data-testid="audit-pagination">
      {page > 1 ? (
        <Link href={auditHref(query, page - 1)} rel="prev" className="btn-quiet">
          {t("previous")}
        </Link>
      ) : (
        <span />
      )}
      <p className="text-sm">{t("page", { page, pages: pageCount })}</p>
      {page < pageCount ? (
        <Link href={auditHref(query, page + 1)} rel="next" className="btn-quiet">
          {t("next")}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
