import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { noYear, type ArchiveQuery } from "@/lib/public/archive-query";
import type { ArchiveResult } from "@/lib/public/search-archive";
import { placementNames, placementKey, placementSlug } from "@/lib/public/placements";

type Option = { value: string; label: string };

function Select({ name, label, any, options, value }: { name: string; label: string; any: string; options: Option[]; value?: string }) {
  return (
    <div>
      <label htmlFor={`f-${name}`} className="mb-1 block text-sm font-medium">
        {label}
      </label>
      <select id={`f-${name}`} name={name} defaultValue={value ?? ""} className="field">
        <option value="">{any}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A plain GET form: filtering works without JavaScript and every result page has its own link. */
export async function ArchiveFilters({ query, options }: { query: ArchiveQuery; options: ArchiveResult["options"] }) {
  const t = await getTranslations();
  const a = (key: string) => t(`publik.arsip.${key}`);
  const filtered = (["tahun", "tingkat", "kabupaten", "kim", "juara", "tema"] as const).some((name) => query[name] !== undefined);
  return (
    <form method="get" action="/arsip" role="search" aria-label={a("filters")} className="card space-y-3" data-testid="archive-filters">
      <div>
        <label htmlFor="f-q" className="mb-1 block text-sm font-medium">
          {a("search")}
        </label>
        <input id="f-q" name="q" type="search" defaultValue={query.q ?? ""} className="field" maxLength={100} />
      </div>
      {/* Closed on a phone unless a filter is in use; <details> opens without JavaScript. */}
      <details open={filtered}>
        <summary className="min-h-11 cursor-pointer py-2 font-medium text-brand">{a("more")}</summary>
        <div className="grid gap-3 pt-2 sm:grid-cols-2 lg:grid-cols-3">
          <Select name="tahun" label={a("year")} any={a("anyYear")} value={query.tahun} options={options.years.map((y) => (y === null ? { value: noYear, label: t("publik.yearUnknown") } : { value: String(y), label: String(y) }))} />
          <Select name="tingkat" label={a("level")} any={a("anyLevel")} value={query.tingkat} options={(["kabupaten", "provinsi"] as const).map((l) => ({ value: l, label: t(`level.${l}`) }))} />
          <Select name="kabupaten" label={a("regency")} any={a("anyRegency")} value={query.kabupaten} options={options.regencies.map((r) => ({ value: r.code, label: r.name }))} />
          <Select name="kim" label={a("kim")} any={a("anyKim")} value={query.kim} options={options.kims.map((k) => ({ value: k.slug, label: k.name }))} />
          <Select name="juara" label={a("placement")} any={a("anyPlacement")} value={query.juara} options={placementNames.map((p) => ({ value: placementSlug(p), label: t(`publik.placement.${placementKey(p)}`) }))} />
          <Select name="tema" label={a("theme")} any={a("anyTheme")} value={query.tema} options={options.themes.map((th) => ({ value: th, label: th }))} />
        </div>
      </details>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className="btn">
          {a("apply")}
        </button>
        <Link href="/arsip">{a("reset")}</Link>
      </div>
    </form>
  );
}
