import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { groupBy } from "@/lib/group-by";
import { archiveHref, noYear, type ArchiveQuery } from "@/lib/public/archive-query";
import type { ArchiveResult } from "@/lib/public/search-archive";
import { placementNames, placementKey, placementSlug } from "@/lib/public/placements";

type Option = { value: string; label: string };
type Group = { label: string; options: Option[] };

function Select({ name, label, any, options, groups, value }: { name: string; label: string; any: string; options?: Option[]; groups?: Group[]; value?: string }) {
  const list = (items: Option[]) =>
    items.map((o) => (
      <option key={o.value} value={o.value}>
        {o.label}
      </option>
    ));
  return (
    <div>
      <label htmlFor={`f-${name}`} className="mb-1 block text-sm font-medium">
        {label}
      </label>
      <select id={`f-${name}`} name={name} defaultValue={value ?? ""} className="field">
        <option value="">{any}</option>
        {options && list(options)}
        {groups?.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {list(g.options)}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

/** Regencies under their province, as the filter offers them. */
function byProvince(regencies: ArchiveResult["options"]["regencies"]): Group[] {
  return [...groupBy(regencies, (r) => r.provinceName)].map(([label, rows]) => ({ label, options: rows.map((r) => ({ value: r.code, label: r.name })) }));
}

/** A plain GET form: filtering works without JavaScript and every result page has its own link. */
export async function ArchiveFilters({ query, options }: { query: ArchiveQuery; options: ArchiveResult["options"] }) {
  const t = await getTranslations();
  const a = (key: string) => t(`publik.arsip.${key}`);
  const filtered = (["tahun", "tingkat", "kabupaten", "juara", "tema"] as const).some((name) => query[name] !== undefined);
  const chosenKim = options.kims[0];
  return (
    <form method="get" action="/arsip" role="search" aria-label={a("filters")} className="card space-y-3" data-testid="archive-filters">
      <div>
        <label htmlFor="f-q" className="mb-1 block text-sm font-medium">
          {a("search")}
        </label>
        <input id="f-q" name="q" type="search" defaultValue={query.q ?? ""} className="field" maxLength={100} aria-describedby="f-q-hint" />
        <p id="f-q-hint" className="mt-1 text-sm text-muted">
          {a("searchHint")}
        </p>
      </div>
      {chosenKim && (
        <p className="flex flex-wrap items-center gap-x-3 text-sm" data-testid="archive-kim">
          <input type="hidden" name="kim" value={chosenKim.slug} />
          <span className="font-medium">{t("publik.arsip.kimChosen", { name: chosenKim.name })}</span>
          <Link href={archiveHref({ ...query, kim: undefined })}>{a("kimAll")}</Link>
        </p>
      )}
      {/* Closed on a phone unless a filter is in use; <details> opens without JavaScript. */}
      <details open={filtered}>
        <summary className="min-h-11 cursor-pointer py-2 font-medium text-brand">{a("more")}</summary>
        <div className="grid gap-3 pt-2 sm:grid-cols-2 lg:grid-cols-3">
          <Select name="tahun" label={a("year")} any={a("anyYear")} value={query.tahun} options={options.years.map((y) => (y === null ? { value: noYear, label: t("publik.yearUnknown") } : { value: String(y), label: String(y) }))} />
          <Select name="tingkat" label={a("level")} any={a("anyLevel")} value={query.tingkat} options={(["kabupaten", "provinsi"] as const).map((l) => ({ value: l, label: t(`level.${l}`) }))} />
          <Select name="kabupaten" label={a("regency")} any={a("anyRegency")} value={query.kabupaten} groups={byProvince(options.regencies)} />
          <Select name="juara" label={a("placement")} any={a("anyPlacement")} value={query.juara} options={placementNames.map((p) => ({ value: placementSlug(p), label: t(`publik.placement.${placementKey(p)}`) }))} />
          <div>
            <label htmlFor="f-tema" className="mb-1 block text-sm font-medium">
              {a("theme")}
            </label>
            <input id="f-tema" name="tema" type="text" defaultValue={query.tema ?? ""} className="field" maxLength={200} aria-describedby="f-tema-hint" />
            <p id="f-tema-hint" className="mt-1 text-sm text-muted">
              {a("themeHint")}
            </p>
          </div>
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
