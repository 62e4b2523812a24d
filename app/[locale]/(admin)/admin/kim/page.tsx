import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/layout/page-title";
import { ContactLinks, dayLabel, PendingRequests } from "@/components/kim/registry-bits";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/client";
import { listRegistry, parseRegistryFilter } from "@/lib/kim/list-registry";
import { regionName } from "@/lib/regions/region-name";

export const metadata: Metadata = { title: "Direktori KIM" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The organiser's KIM directory: search and filters (a GET form), counts, pending change requests. */
export default async function KimRegistryPage({ searchParams }: Props) {
  const actor = await requirePageActor(["organiser"], "/admin/kim");
  const db = getDb();
  const filter = parseRegistryFilter(await searchParams);
  const [t, ts, locale, data, region] = await Promise.all([getTranslations("kimRegistry"), getTranslations("status"), getLocale(), listRegistry(db, actor, filter), regionName(db, actor.regionCode)]);
  const regencies = [...new Set(data.districts.map((d) => d.regencyName))];
  const filtered = Boolean(filter.q || filter.kecamatan || filter.status);
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageTitle title={t("title")} subtitle={t("intro", { region })} />
      <p data-testid="kim-counts">{t("counts", { total: data.totals.total, active: data.totals.active, inactive: data.totals.inactive })}</p>
      <nav aria-label={t("title")} className="flex flex-wrap gap-3">
        <Link href="/admin/kim/baru" className="btn">
          {t("add")}
        </Link>
        <Link href="/admin/kim/impor" className="btn-quiet">
          {t("import")}
        </Link>
        <Link href="/admin/kim/cakupan" className="btn-quiet">
          {t("coverageLink")}
        </Link>
      </nav>

      <section aria-labelledby="h-requests" className="space-y-3">
        <h2 id="h-requests" className="text-xl font-semibold">
          {t("requests.heading", { count: data.requests.length })}
        </h2>
        <PendingRequests requests={data.requests} locale={locale} showKim />
      </section>

      <form method="get" action="/admin/kim" role="search" aria-label={t("filters.label")} className="card space-y-3">
        <div>
          <label htmlFor="f-q" className="mb-1 block text-sm font-medium">
            {t("filters.search")}
          </label>
          <input id="f-q" name="q" type="search" defaultValue={filter.q} maxLength={100} className="field" />
        </div>
        <div className="grid gap-3 sm:grid-cols-2">
          <div>
            <label htmlFor="f-kecamatan" className="mb-1 block text-sm font-medium">
              {t("filters.district")}
            </label>
            <select id="f-kecamatan" name="kecamatan" defaultValue={filter.kecamatan ?? ""} className="field">
              <option value="">{t("filters.anyDistrict")}</option>
              {data.province
                ? regencies.map((r) => (
                    <optgroup key={r} label={r}>
                      {data.districts.filter((d) => d.regencyName === r).map((d) => (
                        <option key={d.code} value={d.code}>
                          {d.name}
                        </option>
                      ))}
                    </optgroup>
                  ))
                : data.districts.map((d) => (
                    <option key={d.code} value={d.code}>
                      {d.name}
                    </option>
                  ))}
            </select>
          </div>
          <div>
            <label htmlFor="f-status" className="mb-1 block text-sm font-medium">
              {t("filters.status")}
            </label>
            <select id="f-status" name="status" defaultValue={filter.status ?? ""} className="field">
              <option value="">{t("filters.anyStatus")}</option>
              <option value="aktif">{ts("aktif")}</option>
              <option value="tidak_aktif">{ts("tidak_aktif")}</option>
            </select>
          </div>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" className="btn">
            {t("filters.apply")}
          </button>
          {filtered && <Link href="/admin/kim">{t("filters.reset")}</Link>}
        </div>
      </form>

      <section aria-labelledby="h-list" className="space-y-3">
        <h2 id="h-list" className="text-xl font-semibold">
          {t("list.heading")}
        </h2>
        {filtered && <p role="status">{t("matching", { count: data.matching })}</p>}
        {data.truncated && <p className="text-sm text-muted">{t("truncated", { shown: data.rows.length })}</p>}
        {data.rows.length === 0 ? (
          <p className="text-muted">{t("empty")}</p>
        ) : (
          <ul className="space-y-2" data-testid="kim-list">
            {data.rows.map((k) => (
              <li key={k.id} className="card space-y-1">
                <p className="flex flex-wrap items-center gap-2">
                  <Link href={`/admin/kim/${k.id}`} className="font-medium break-words">
                    {k.name}
                  </Link>
                  <span className={`badge ${k.status === "aktif" ? "bg-emerald-100 text-emerald-900" : "bg-gray-200 text-gray-800"}`}>{ts(k.status)}</span>
                  {k.isSample && <span className="text-sm text-muted">({t("sample")})</span>}
                </p>
                <p className="text-sm text-muted">
                  {[k.villageName, k.districtName, data.province ? k.regencyName : null].filter(Boolean).join(", ")}
                  {k.statusSince && ` · ${t("list.since", { date: dayLabel(k.statusSince, locale) })}`}
                </p>
                {k.contactName && <p className="text-sm">{`${t("list.contact")}: ${k.contactName}`}</p>}
                <ContactLinks phone={k.contactPhone} email={k.contactEmail} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
