import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { cache } from "react";
import { AwardHistory } from "@/components/public/award-history";
import { KimActivities } from "@/components/public/kim-activities";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { noPrebuiltParams, pageLocale, type LocaleParams } from "@/lib/i18n/page-locale";
import { getKimProfile } from "@/lib/public/get-kim-profile";
import { kimMetadata } from "@/lib/public/share-metadata";
import { LeanPageMarker } from "@/components/layout/lean-page-marker";
import { KimAbout } from "@/components/kim/kim-about";

export const revalidate = 60; // seconds; publishing revalidates at once (docs/decisions/0007)
export const generateStaticParams = noPrebuiltParams;

type Props = { params: Promise<LocaleParams & { slug: string }> };

const load = cache((slug: string) => getKimProfile(getDb(), slug));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await pageLocale(params);
  return kimMetadata(await load((await params).slug), await getTranslations(), env().publicUrl);
}

/** A KIM's public profile: place, status, and its films and awards in published results. */
export default async function KimProfilePage({ params }: Props) {
  await pageLocale(params);
  const kim = await load((await params).slug);
  if (!kim) notFound();
  const t = await getTranslations();
  return (
    <article className="space-y-6">
      <LeanPageMarker />
      <nav aria-label={t("publik.breadcrumb")} className="text-sm">
        <ol className="flex flex-wrap gap-1">
          <li>
            <Link href="/">{t("app.nav.home")}</Link> /
          </li>
          <li>
            <Link href={`/wilayah/${kim.provinceCode}`}>{kim.provinceName}</Link> /
          </li>
          <li>
            <Link href={`/wilayah/${kim.regencyCode}`}>{kim.regencyName}</Link> /
          </li>
          <li aria-current="page" className="break-words">
            {kim.name}
          </li>
        </ol>
      </nav>
      <header className="space-y-2">
        {kim.logoUrl && (
          // eslint-disable-next-line @next/next/no-img-element -- a lean page: a plain img of our small WebP
          <img src={kim.logoUrl} alt={t("kimRegistry.publik.logoAlt", { name: kim.name })} width={96} height={96} className="h-24 w-24 rounded object-contain" data-testid="kim-logo" />
        )}
        <p className="text-sm text-muted">{t("publik.kim.kind")}</p>
        <h1 className="text-2xl font-bold break-words sm:text-3xl">{kim.name}</h1>
        <p className="flex flex-wrap items-center gap-2">
          <span className={`badge ${kim.status === "aktif" ? "bg-emerald-100 text-emerald-900" : "bg-gray-200 text-gray-800"}`} data-testid="kim-status">
            {t(`status.${kim.status}`)}
          </span>
          {kim.foundedYear && <span className="text-sm text-muted">{t("publik.kim.founded", { year: kim.foundedYear })}</span>}
        </p>
        {kim.status === "tidak_aktif" && kim.inactiveReason && <p className="text-sm text-muted">{kim.inactiveReason}</p>}
        <p data-testid="kim-place">
          {kim.villageName ?? t("region.villageUnknown")}, <Link href={`/wilayah/${kim.districtCode}`}>{kim.districtName}</Link>,{" "}
          <Link href={`/wilayah/${kim.regencyCode}`}>{kim.regencyName}</Link>
        </p>
        {kim.isSample && <p className="text-sm text-muted">{t("region.sampleNote")}</p>}
      </header>

      <KimAbout kim={kim} t={t} />

      <section aria-labelledby="h-film">
        <h2 id="h-film" className="mb-2 text-xl font-semibold">
          {t("publik.kim.films")}
        </h2>
        {kim.films.length === 0 ? (
          <p className="text-muted">{t("publik.kim.noFilms")}</p>
        ) : (
          <ul className="list-disc space-y-1 pl-5" data-testid="kim-films">
            {kim.films.map((f) => (
              <li key={f.id}>
                <Link href={`/film/${f.id}`}>{f.title}</Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="h-riwayat" className="space-y-3">
        <h2 id="h-riwayat" className="text-xl font-semibold">
          {t("publik.kim.awards")}
        </h2>
        {kim.awards.length === 0 ? <p className="text-muted">{t("publik.kim.noAwards")}</p> : <AwardHistory groups={kim.awards} idPrefix="riwayat" />}
      </section>

      <KimActivities activities={kim.activities} statusHistory={kim.statusHistory} />
    </article>
  );
}
