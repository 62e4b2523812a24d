import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { cache } from "react";
import { editionYear } from "@/components/public/edition-year";
import { PlacementBadge } from "@/components/public/placement-badge";
import { VideoPlayer } from "@/components/public/video-player";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { noPrebuiltParams, pageLocale, type LocaleParams } from "@/lib/i18n/page-locale";
import { formatDuration } from "@/lib/format/duration";
import { getPublicFilm } from "@/lib/public/get-public-film";
import { placementKey } from "@/lib/public/placements";
import { filmMetadata } from "@/lib/public/share-metadata";
import { LeanPageMarker } from "@/components/layout/lean-page-marker";
import { ShareLinks } from "@/components/sharing/share-links";
import { filmShareText } from "@/lib/sharing/share-links";

export const revalidate = 60; // seconds; publishing revalidates at once (docs/decisions/0007)
export const generateStaticParams = noPrebuiltParams;

type Props = { params: Promise<LocaleParams & { id: string }> };

const load = cache((id: string) => getPublicFilm(getDb(), id));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await pageLocale(params);
  return filmMetadata(await load((await params).id), await getTranslations(), env().publicUrl);
}

/** A winning film (placed or with a special award): player, synopsis, crew, awards. Films not in a published result do not exist here. */
export default async function FilmPage({ params }: Props) {
  await pageLocale(params);
  const film = await load((await params).id);
  if (!film) notFound();
  const t = await getTranslations();
  const year = editionYear(film.edition, t("publik.yearUnknown"));
  const baseUrl = env().publicUrl;
  const award = film.placements[0] ? t(`publik.placement.${placementKey(film.placements[0].placement)}`) : (film.specialAwards[0]?.name ?? null);
  const shareText = filmShareText((key, values) => t(`sharing.${key}`, values), { id: film.id, title: film.title, kimName: film.kim.name, editionTitle: film.edition.title, award }, baseUrl);
  const details = [
    ["kim", <Link key="kim" href={`/kim/${film.kim.slug}`}>{film.kim.name}</Link>],
    ["place", <>{film.kim.districtName}, <Link href={`/wilayah/${film.kim.regencyCode}`}>{film.kim.regencyName}</Link></>],
    ["language", film.language],
    ["category", film.category],
    ["duration", film.video?.durationSeconds ? formatDuration(film.video.durationSeconds) : null],
  ] as const;

  return (
    <article className="space-y-6">
      <LeanPageMarker />
      <nav aria-label={t("publik.breadcrumb")} className="text-sm">
        <ol className="flex flex-wrap gap-1">
          <li>
            <Link href="/">{t("app.nav.home")}</Link> /
          </li>
          <li className="break-words">
            <Link href={`/festival/${film.edition.slug}`}>{film.edition.title}</Link> /
          </li>
          <li aria-current="page" className="break-words">
            {film.title}
          </li>
        </ol>
      </nav>
      <header className="space-y-2">
        <p className="flex flex-wrap gap-2" data-testid="film-placements">
          {film.placements.map((p) => (
            <PlacementBadge key={p.placement} placement={p.placement} />
          ))}
          {film.specialAwards.map((a) => (
            <span key={a.name} className="badge bg-amber-50 text-amber-900">
              {a.name}
            </span>
          ))}
        </p>
        <h1 className="text-2xl font-bold break-words sm:text-3xl">{film.title}</h1>
        <p className="text-muted">
          {film.kim.name} · {film.kim.regencyName} · {year}
        </p>
      </header>

      <VideoPlayer film={film} />
      {film.isSample && <p className="text-sm text-muted">{t("publik.film.sample")}</p>}

      <ShareLinks headingId="h-bagikan" text={shareText} embed={film.video ? { id: film.id, title: film.title, baseUrl } : undefined} />

      <section aria-labelledby="h-sinopsis">
        <h2 id="h-sinopsis" className="mb-2 text-xl font-semibold">
          {t("publik.film.synopsis")}
        </h2>
        <p className="max-w-2xl whitespace-pre-line">{film.synopsis ?? t("publik.film.noSynopsis")}</p>
      </section>

      <section aria-labelledby="h-keterangan">
        <h2 id="h-keterangan" className="mb-2 text-xl font-semibold">
          {t("publik.film.details")}
        </h2>
        <dl className="grid grid-cols-1 gap-x-4 sm:grid-cols-[auto_1fr]">
          {details
            .filter(([, value]) => value)
            .map(([key, value]) => (
              <div key={key} className="contents">
                <dt className="font-medium">{t(`publik.film.${key}`)}</dt>
                <dd className="mb-2 break-words">{value}</dd>
              </div>
            ))}
        </dl>
      </section>

      <section aria-labelledby="h-kru">
        <h2 id="h-kru" className="mb-2 text-xl font-semibold">
          {t("publik.film.crew")}
        </h2>
        {film.crew.length === 0 ? (
          <p className="text-muted">{t("publik.film.noCrew")}</p>
        ) : (
          <ul className="space-y-1">
            {film.crew.map((c, i) => (
              <li key={`${c.role}-${c.name}-${i}`}>
                <span className="font-medium">{c.role}</span>: {c.name}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="h-penghargaan">
        <h2 id="h-penghargaan" className="mb-2 text-xl font-semibold">
          {t("publik.film.awards")}
        </h2>
        <ul className="space-y-2" data-testid="film-awards">
          {film.placements.map((p) => (
            <li key={p.placement}>
              {t("publik.film.awardIn", { placement: t(`publik.placement.${placementKey(p.placement)}`), year })}{" "}
              <Link href={`/festival/${film.edition.slug}`}>{film.edition.title}</Link>
              {film.edition.theme && <span className="text-muted"> · {t("publik.festival.theme", { theme: film.edition.theme })}</span>}
            </li>
          ))}
          {film.specialAwards.map((a) => (
            <li key={a.name}>
              {t("publik.film.specialAward", { name: a.name })} · <Link href={`/festival/${film.edition.slug}`}>{film.edition.title}</Link>
              {a.note && <span className="text-muted"> · {a.note}</span>}
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}

