import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { cache } from "react";
import { editionYear } from "@/components/public/edition-year";
import { WinnerList } from "@/components/public/winner-list";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { noPrebuiltParams, pageLocale, type LocaleParams } from "@/lib/i18n/page-locale";
import { EditionRules } from "@/components/films/edition-rules";
import { formatDateWib, formatWib } from "@/lib/format/dates";
import { getFestivalPage } from "@/lib/public/get-festival-page";
import { festivalMetadata } from "@/lib/public/share-metadata";
import { LeanPageMarker } from "@/components/layout/lean-page-marker";
import { ShareLinks } from "@/components/sharing/share-links";
import { editionShareText } from "@/lib/sharing/share-links";
import { editionWithPhase, isOpen } from "@/lib/favorit/phase";

export const revalidate = 60; // seconds; publishing revalidates at once (docs/decisions/0007)
export const generateStaticParams = noPrebuiltParams;

type Props = { params: Promise<LocaleParams & { slug: string }> };

// One query per request, shared by the page and its link preview.
const load = cache((slug: string) => getFestivalPage(getDb(), slug));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await pageLocale(params);
  return festivalMetadata(await load((await params).slug), await getTranslations(), env().publicUrl);
}

export default async function FestivalPage({ params }: Props) {
  await pageLocale(params);
  const festival = await load((await params).slug);
  if (!festival) notFound();
  const [t, locale, favorit] = await Promise.all([getTranslations(), getLocale(), editionWithPhase(getDb(), festival.slug)]);
  // The public's vote (docs/decisions/0036): linked while open; the page is revalidated every 60 s.
  const favoritPhase = favorit?.phase && isOpen(favorit.phase, new Date()) ? favorit.phase : null;
  const dates = [
    ["opens", festival.submissionOpensAt],
    ["closes", festival.submissionClosesAt],
    ["judgingCloses", festival.judgingClosesAt],
    ["announce", festival.announceAt],
    ["publishedOn", festival.publishedAt],
  ].filter((d): d is [string, Date] => d[1] instanceof Date);

  return (
    <article className="space-y-6">
      <LeanPageMarker />
      <nav aria-label={t("publik.breadcrumb")} className="text-sm">
        <ol className="flex flex-wrap gap-1">
          <li>
            <Link href="/">{t("app.nav.home")}</Link> /
          </li>
          {festival.winners && (
            <li>
              <Link href="/arsip">{t("publik.arsip.short")}</Link> /
            </li>
          )}
          <li aria-current="page" className="break-words">
            {festival.title}
          </li>
        </ol>
      </nav>
      <header className="space-y-2">
        <p className="text-sm text-muted">
          {t(`level.${festival.level}`)} · <Link href={`/wilayah/${festival.regionCode}`}>{festival.regionName}</Link> · {editionYear(festival, t("publik.yearUnknown"))}
          {festival.year === null && festival.periodNote ? ` (${festival.periodNote})` : ""}
        </p>
        <h1 className="text-2xl font-bold break-words sm:text-3xl">{festival.title}</h1>
        <p>
          <span className="badge bg-teal-50 text-teal-900" data-testid="festival-status">
            {t(`status.${festival.status}`)}
          </span>
        </p>
        {festival.theme && <p className="text-lg">{t("publik.festival.theme", { theme: festival.theme })}</p>}
        {festival.description && <p className="max-w-2xl text-muted">{festival.description}</p>}
        {festival.isSample && <p className="text-sm text-muted">{t("publik.festival.sample")}</p>}
        {festival.entriesOpen && festival.submissionClosesAt && (
          <div className="flex flex-wrap items-center gap-x-4 gap-y-2 pt-2">
            <Link href={`/kim/kirim/${festival.slug}`} className="btn" data-testid="send-film">
              {t("kirim.festival.send")}
            </Link>
            <span className="text-sm text-muted">{t("kirim.festival.sendHint", { date: formatWib(festival.submissionClosesAt, locale) })}</span>
          </div>
        )}
        {favoritPhase && (
          <div className="flex flex-wrap items-center gap-x-4 gap-y-2 pt-2">
            <Link href={`/festival/${festival.slug}/favorit`} className="btn" data-testid="favorit-link">
              {t("favorit.festivalLink")}
            </Link>
            <span className="text-sm text-muted">{t("favorit.festivalLinkHint", { closes: formatWib(favoritPhase.closesAt, locale) })}</span>
          </div>
        )}
      </header>

      <section aria-labelledby="h-hasil" className="space-y-3">
        <h2 id="h-hasil" className="text-xl font-semibold">
          {t("publik.festival.winners")}
        </h2>
        {festival.winners === null ? (
          <p className="card" data-testid="results-not-public">
            {t("publik.festival.notPublished")}
          </p>
        ) : festival.winners.length === 0 ? (
          <p className="text-muted">{t("publik.festival.noWinners")}</p>
        ) : (
          <WinnerList winners={festival.winners} />
        )}
        {festival.sourceNote && <p className="text-sm text-muted">{t("publik.festival.source", { source: festival.sourceNote })}</p>}
      </section>

      {festival.specialAwards.length > 0 && (
        <section aria-labelledby="h-khusus" className="space-y-2" data-testid="special-awards">
          <h2 id="h-khusus" className="text-xl font-semibold">
            {t("publik.festival.specialAwards")}
          </h2>
          <ul className="space-y-2">
            {festival.specialAwards.map((a) => (
              <li key={a.name} className="card">
                <p className="font-semibold">{a.name}</p>
                <p>
                  <Link href={`/film/${a.filmId}`}>{a.filmTitle}</Link> · <Link href={`/kim/${a.kimSlug}`}>{a.kimName}</Link>
                </p>
                {a.note && <p className="text-sm text-muted">{a.note}</p>}
              </li>
            ))}
          </ul>
        </section>
      )}

      <ShareLinks headingId="h-bagikan" text={editionShareText((key, values) => t(`sharing.${key}`, values), { slug: festival.slug, title: festival.title, winnersPublic: festival.winners !== null }, env().publicUrl)} />

      {dates.length > 0 && (
        <section aria-labelledby="h-jadwal">
          <h2 id="h-jadwal" className="mb-2 text-xl font-semibold">
            {t("publik.festival.dates")}
          </h2>
          <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
            {dates.map(([key, date]) => (
              <div key={key} className="contents">
                <dt className="font-medium">{t(`publik.festival.${key}`)}</dt>
                <dd className="mb-2 sm:mb-0">{formatDateWib(date, locale)}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}

      {festival.isHistorical && (festival.rulesText || festival.categories.length > 0) && (
        <section aria-labelledby="h-ketentuan" className="space-y-2">
          <h2 id="h-ketentuan" className="text-xl font-semibold">
            {t("publik.festival.rules")}
          </h2>
          {festival.categories.length > 0 && <p>{t("publik.festival.categories", { list: festival.categories.join(", ") })}</p>}
          {festival.rulesText && <p className="max-w-2xl whitespace-pre-line">{festival.rulesText}</p>}
        </section>
      )}

      {!festival.isHistorical && (
        <EditionRules rules={festival.rules} text={festival.rulesText} regionName={festival.regionName} categories={festival.categoryDetails} rubric={festival.rubric} headingId="h-ketentuan" />
      )}
    </article>
  );
}
