import { getTranslations } from "next-intl/server";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { hlsScriptPath, hlsVersion } from "@/lib/http/hls-script";
import { toLocale } from "@/lib/i18n/locales";
import { getPublicFilm } from "@/lib/public/get-public-film";
import { placementKey } from "@/lib/public/placements";
import { embedDocument, embedNotFound } from "@/lib/sharing/embed-page";
import { isUncountedRequest, recordEmbedView } from "@/lib/sharing/embed-views";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type Context = { params: Promise<{ locale: string; id: string }> };

/**
 * /film/{id}/embed: the player a KIM puts on its village website, for a public film only.
 * Each load of the document that is not a prefetch or a crawler counts one view
 * (no-store, so a browser or shared cache never answers it instead); no cookie is set.
 */
async function handle(request: Request, { params }: Context): Promise<Response> {
  const { locale: segment, id } = await params;
  const locale = toLocale(segment);
  const t = await getTranslations({ locale });
  const s = (key: string, values?: Record<string, string | number>) => t(`sharing.${key}`, values);
  const headers = { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" };
  const db = getDb();
  const film = await getPublicFilm(db, id);
  if (!film) return new Response(request.method === "HEAD" ? null : embedNotFound(s, locale), { status: 404, headers });
  // A view that cannot be counted must not stop the film from playing.
  if (request.method === "GET" && !isUncountedRequest(request.headers)) await recordEmbedView(db, film.id).catch((error: unknown) => console.error(error));
  const award = film.placements[0] ? t(`publik.placement.${placementKey(film.placements[0].placement)}`) : (film.specialAwards[0]?.name ?? null);
  const html = embedDocument(film, { locale, t: s, award, baseUrl: env().publicUrl, hlsScriptUrl: `${hlsScriptPath}?v=${hlsVersion()}` });
  return new Response(request.method === "HEAD" ? null : html, { status: 200, headers });
}

export { handle as GET, handle as HEAD };
