import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/layout/page-title";
import { CoverageChart } from "@/components/regions/coverage-chart";
import { requirePageActor } from "@/lib/auth/page-guard";
import { regionWithin } from "@/lib/auth/scope";
import { getDb } from "@/lib/db/client";
import { organiserCoverage } from "@/lib/kim/coverage";
import { ancestorCodes } from "@/lib/regions/get-region";
import { regionName } from "@/lib/regions/region-name";

export const metadata: Metadata = { title: "Cakupan KIM" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const href = (code?: string) => (code ? `/admin/kim/cakupan?wilayah=${encodeURIComponent(code)}` : "/admin/kim/cakupan");

/** How far the organiser's region (or a kecamatan/regency inside it, ?wilayah=) is from one KIM per desa (lib/kim/coverage.ts). */
export default async function KimCoveragePage({ searchParams }: Props) {
  const wilayah = (await searchParams).wilayah;
  const code = typeof wilayah === "string" && wilayah !== "" ? wilayah : undefined;
  const actor = await requirePageActor(["organiser"], href(code));
  const db = getDb();
  const [coverage, t] = await Promise.all([organiserCoverage(db, actor, code), getTranslations("coverage.admin")]);
  if (!coverage) notFound();
  const { region } = coverage;
  // One level up, while still inside the organiser's region.
  const parent = ancestorCodes(region.code).at(-1);
  const up = parent && regionWithin(actor.regionCode, parent) ? parent : null;
  const upName = up ? await regionName(db, up) : null;
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href="/admin/kim">← {t("back")}</Link>
        {up && upName && (
          <>
            {" · "}
            <Link href={href(up === actor.regionCode ? undefined : up)}>{t("up", { region: upName })}</Link>
          </>
        )}
      </p>
      <PageTitle title={t("title")} subtitle={t("subtitle", { region: region.name })} />
      <CoverageChart coverage={coverage} linkFor={(c) => href(c)} />
      <p className="text-sm">
        <Link href={`/wilayah/${region.code}`}>{t("publicPage")}</Link>
      </p>
    </div>
  );
}
