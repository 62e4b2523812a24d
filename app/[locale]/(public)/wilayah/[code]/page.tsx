import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CoverageChart } from "@/components/regions/coverage-chart";
import { KimCountTable } from "@/components/regions/kim-count-table";
import { KimTable } from "@/components/regions/kim-table";
import { RegionMedalsSection } from "@/components/public/region-medals";
import { getDb } from "@/lib/db/client";
import { noPrebuiltParams, pageLocale, type LocaleParams } from "@/lib/i18n/page-locale";
import { regionCoverage } from "@/lib/kim/coverage";
import { countKimsByChild, listKims, sumCounts } from "@/lib/kim/list-kims";
import { getRegionMedals } from "@/lib/public/region-medals";
import { getRegion } from "@/lib/regions/get-region";
import { LeanPageMarker } from "@/components/layout/lean-page-marker";

export const revalidate = 60; // seconds; publishing revalidates at once (docs/decisions/0007)
export const generateStaticParams = noPrebuiltParams;

type Props = { params: Promise<LocaleParams & { code: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await pageLocale(params);
  const region = await getRegion(getDb(), (await params).code);
  return { title: region?.name ?? "Wilayah" };
}

export default async function RegionPage({ params }: Props) {
  await pageLocale(params);
  const { code } = await params;
  const db = getDb();
  const region = await getRegion(db, code);
  if (!region) notFound();
  const t = await getTranslations();
  const byChild = region.level === "provinsi" || region.level === "kabupaten" ? await countKimsByChild(db, code, region.level) : null;
  const [kims, medals, coverage] = await Promise.all([
    region.level === "provinsi" ? [] : listKims(db, code),
    getRegionMedals(db, code),
    region.level === "desa" ? null : regionCoverage(db, code),
  ]);
  const totals = byChild ? sumCounts(byChild) : { total: kims.length, active: kims.filter((k) => k.status === "aktif").length, inactive: kims.filter((k) => k.status === "tidak_aktif").length };
  const gaps = byChild?.filter((r) => r.total === 0).length ?? 0;

  return (
    <div className="space-y-6">
      <LeanPageMarker />
      <nav aria-label={t("region.breadcrumb")} className="text-sm">
        <ol className="flex flex-wrap gap-1">
          <li>
            <Link href="/">{t("app.nav.home")}</Link> /
          </li>
          {region.ancestors.map((a) => (
            <li key={a.code}>
              <Link href={`/wilayah/${a.code}`}>{a.name}</Link> /
            </li>
          ))}
          <li aria-current="page">{region.name}</li>
        </ol>
      </nav>
      <header>
        <p className="text-sm text-muted">
          {t(`level.${region.level}`)} · {region.code}
        </p>
        <h1 className="text-2xl font-bold sm:text-3xl">{region.name}</h1>
        <p className="mt-2 text-lg" data-testid="kim-summary">
          {t("region.kimCount", totals)}
        </p>
        {byChild && region.level === "kabupaten" && <p className="text-muted">{t("region.coverage", { count: gaps })}</p>}
      </header>

      {coverage && <CoverageChart coverage={coverage} />}

      {byChild && (
        <KimCountTable
          rows={byChild}
          caption={region.level === "kabupaten" ? t("region.perDistrict") : t("region.perRegency")}
          labels={{ place: region.level === "kabupaten" ? t("region.district") : t("region.regency"), total: t("region.total"), active: t("region.active"), inactive: t("region.inactive") }}
        />
      )}

      {medals && <RegionMedalsSection medals={medals} />}

      {region.level !== "provinsi" && (
        <section aria-labelledby="h-direktori">
          <h2 id="h-direktori" className="mb-2 text-xl font-semibold">
            {t("region.directory")}
          </h2>
          {kims.length === 0 ? <p className="text-muted">{t("region.noKim")}</p> : <KimTable kims={kims} />}
          {kims.some((k) => k.isSample) && <p className="mt-2 text-sm text-muted">{t("region.sampleNote")}</p>}
        </section>
      )}

      {region.level !== "desa" && region.level !== "kabupaten" && (
        <section aria-labelledby="h-children">
          <h2 id="h-children" className="mb-2 text-xl font-semibold">
            {t("region.children")}
          </h2>
          <ul className="grid grid-cols-1 gap-1 sm:grid-cols-3">
            {region.children.map((c) => (
              <li key={c.code}>
                <Link href={`/wilayah/${c.code}`}>{c.name}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
