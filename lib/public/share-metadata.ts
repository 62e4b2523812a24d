import type { Metadata } from "next";
import type { FestivalPage } from "./get-festival-page";
import type { KimProfile } from "./get-kim-profile";
import type { PublicFilm } from "./get-public-film";
import { placementKey, type PlacementName } from "./placements";
import { editionOgUrl, filmOgUrl } from "@/lib/sharing/og-facts";
import { ogHeight, ogWidth } from "@/lib/sharing/og-text";

// Link previews (Open Graph, Twitter card) for the public pages. Built only from
// the public data functions' answers, so a placement that is not public yet has no
// way in: before publication a festival's preview says its status, nothing more. A
// published film and edition show their own preview image (poster, title, placement;
// lib/sharing/og-facts.ts), never one before publication.

export type Translate = (key: string, values?: Record<string, string | number>) => string;

const clip = (text: string, max = 200) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

/** A link-preview image made for the purpose (lib/sharing/og-image.ts) has a known size; a poster does not. */
type Image = string | { url: string; width: number; height: number };

function share(url: string, title: string, description: string, picture?: Image, extra: Partial<NonNullable<Metadata["openGraph"]>> = {}): Metadata {
  const image = typeof picture === "string" ? picture : picture?.url;
  const size = typeof picture === "object" ? { width: picture.width, height: picture.height } : {};
  return {
    title,
    description,
    alternates: { canonical: url },
    openGraph: { title, description, url, siteName: "Layar", locale: "id_ID", type: "website", ...(image ? { images: [{ url: image, ...size, alt: title }] } : {}), ...extra } as Metadata["openGraph"],
    twitter: { card: image ? "summary_large_image" : "summary", title, description, ...(image ? { images: [image] } : {}) },
  };
}

const ogSize = { width: ogWidth, height: ogHeight };

const placementLabel = (t: Translate, name: PlacementName) => t(`publik.placement.${placementKey(name)}`);

export function festivalMetadata(page: FestivalPage | null, t: Translate, baseUrl: string): Metadata {
  if (!page) return { title: t("publik.festival.notFound"), robots: { index: false } };
  const url = `${baseUrl}/festival/${page.slug}`;
  const where = `${t(`level.${page.level}`)} · ${page.regionName}`;
  if (!page.winners) {
    const description = [t("publik.meta.festivalStatus", { status: t(`status.${page.status}`), where }), page.theme ? t("publik.festival.theme", { theme: page.theme }) : null].filter(Boolean).join(" · ");
    return share(url, page.title, description);
  }
  const top = page.winners.filter((w) => w.filmTitle).slice(0, 3);
  const description = clip(
    [t("publik.meta.festivalWinners", { where }), ...top.map((w) => `${placementLabel(t, w.placement)}: ${w.filmTitle} (${w.kimName})`)].join(" · "),
  );
  const image = editionOgUrl(page, baseUrl);
  return share(url, page.title, description, image ? { url: image, ...ogSize } : undefined);
}

export function filmMetadata(film: PublicFilm | null, t: Translate, baseUrl: string): Metadata {
  if (!film) return { title: t("publik.film.notFound"), robots: { index: false } };
  const url = `${baseUrl}/film/${film.id}`;
  // Placements first, then special awards (a film may have only those).
  const awards = [...film.placements.map((p) => placementLabel(t, p.placement)), ...film.specialAwards.map((a) => a.name)].join(", ");
  const description = clip([awards, film.edition.title, `${film.kim.name}, ${film.kim.regencyName}`, film.synopsis].filter(Boolean).join(" · "));
  const video = film.video ? { videos: [{ url: `${baseUrl}/api/films/${film.id}/video`, type: film.video.mimeType }], type: "video.other" as const } : {};
  return share(url, film.title, description, { url: filmOgUrl(film, baseUrl), ...ogSize }, video);
}

export function kimMetadata(kim: KimProfile | null, t: Translate, baseUrl: string): Metadata {
  if (!kim) return { title: t("publik.kim.notFound"), robots: { index: false } };
  const place = [kim.villageName, kim.districtName, kim.regencyName].filter(Boolean).join(", ");
  const awards = kim.awards.reduce((n, g) => n + g.items.length, 0);
  const description = [place, t(`status.${kim.status}`), t("publik.meta.kimAwards", { count: awards })].join(" · ");
  const poster = kim.awards.flatMap((g) => g.items).find((a) => a.filmId && a.hasPoster);
  return share(`${baseUrl}/kim/${kim.slug}`, kim.name, description, poster ? `${baseUrl}/api/films/${poster.filmId}/poster` : undefined);
}
