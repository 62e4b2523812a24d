import crypto from "node:crypto";
import type { FestivalPage } from "@/lib/public/get-festival-page";
import type { PublicFilm } from "@/lib/public/get-public-film";
import type { OgText } from "./og-text";

/**
 * What a link-preview image shows and its version (a hash of that), pure: the pages use it
 * for the image's URL in their metadata, lib/sharing/og-image.ts for the stored file's key.
 * Built only from the public pages' own answers (getPublicFilm, getFestivalPage), so a film
 * outside a published result, or an edition whose results are not public (sealed or not),
 * has no image and no placement can leak through one. The text is Indonesian whatever the
 * visitor's language: one image per film, shared in chats read by anyone.
 */

/** Bumped when the layout changes: every image is made again. */
const layoutVersion = 1;

/** A short hash of what the image shows (the poster by its version, never its key): the pages compute it too, for the image's URL. */
export function ogVersion(inputs: { kind: "film" | "edition"; id: string; text: OgText; posterVersion: string | null }): string {
  const facts = JSON.stringify([layoutVersion, inputs.kind, inputs.id, inputs.text.badge, inputs.text.title, inputs.text.lines, inputs.posterVersion]);
  return crypto.createHash("sha256").update(facts).digest("hex").slice(0, 16);
}

/** Where an image is kept. The id is a uuid or a slug (lowercase letters, digits, dashes): safe in a key. */
export function ogKey(kind: "film" | "edition", id: string, version: string): string {
  return `og/${kind}/${id}-${version}.jpg`;
}

export function filmOgText(film: PublicFilm): OgText {
  const awards = [...film.placements.map((p) => p.placement), ...film.specialAwards.map((a) => a.name)];
  return {
    badge: awards.length > 0 ? awards.join(", ") : null,
    title: film.title,
    lines: [`${film.kim.name} · ${film.kim.regencyName}`, film.edition.title],
  };
}

/** Only for an edition whose winners are public. */
export function editionOgText(page: FestivalPage): OgText | null {
  if (!page.winners) return null;
  const top = page.winners.filter((w) => w.filmTitle).slice(0, 3);
  return {
    badge: "Pemenang",
    title: page.title,
    lines: top.length > 0 ? top.map((w) => `${w.placement}: ${w.filmTitle} (${w.kimName})`) : [page.regionName],
  };
}

export const editionPoster = (page: FestivalPage) => page.winners?.find((w) => w.hasPoster && w.filmId) ?? null;

export function filmOgUrl(film: PublicFilm, baseUrl: string): string {
  const version = ogVersion({ kind: "film", id: film.id, text: filmOgText(film), posterVersion: film.posterVersion });
  return `${baseUrl}/api/og/film/${film.id}?v=${version}`;
}

export function editionOgUrl(page: FestivalPage, baseUrl: string): string | null {
  const text = editionOgText(page);
  if (!text) return null;
  const version = ogVersion({ kind: "edition", id: page.slug, text, posterVersion: editionPoster(page)?.posterVersion ?? null });
  return `${baseUrl}/api/og/edition/${page.slug}?v=${version}`;
}

