import { escapeXml } from "./og-text";

/**
 * The WhatsApp share link and the embed code of the public pages. Pure: the pages pass their
 * translator (namespace `sharing`) and the site's public URL (lib/env.ts `publicUrl`).
 */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

export type FilmShare = { id: string; title: string; kimName: string; editionTitle: string; award: string | null };

export const filmUrl = (baseUrl: string, filmId: string) => `${baseUrl}/film/${filmId}`;
export const embedUrl = (baseUrl: string, filmId: string) => `${baseUrl}/film/${filmId}/embed`;

/** "Tonton film "Nular" karya KIM Manteb, Juara II Festival …, di Layar: https://…" (English on an English page). */
export function filmShareText(t: Translate, film: FilmShare, baseUrl: string): string {
  const values = { title: film.title, kim: film.kimName, edition: film.editionTitle, url: filmUrl(baseUrl, film.id) };
  return film.award ? t("text.film", { ...values, award: film.award }) : t("text.filmNoAward", values);
}

/** An edition's text: its winners once they are public, otherwise only its name. */
export function editionShareText(t: Translate, edition: { slug: string; title: string; winnersPublic: boolean }, baseUrl: string): string {
  const values = { edition: edition.title, url: `${baseUrl}/festival/${edition.slug}` };
  return edition.winnersPublic ? t("text.editionWinners", values) : t("text.edition", values);
}

/** WhatsApp's own share address (any phone or WhatsApp Web): the text, encoded. */
export function whatsAppHref(text: string): string {
  return `https://wa.me/?text=${encodeURIComponent(text)}`;
}

/** The size the embed code asks for: a 16:9 video of 640 px and the title bar under it. */
export const embedSize = { width: 640, height: 420 };

/** The `<iframe>` a KIM copies onto its site. */
export function embedCode(t: Translate, film: { id: string; title: string }, baseUrl: string): string {
  const title = escapeXml(t("embed.frameTitle", { title: film.title }));
  return `<iframe src="${escapeXml(embedUrl(baseUrl, film.id))}" width="${embedSize.width}" height="${embedSize.height}" style="border:0;max-width:100%" title="${title}" loading="lazy" allow="fullscreen" allowfullscreen></iframe>`;
}
