import { posterUrl } from "@/lib/films/poster-sizes";
import type { PublicFilm } from "@/lib/public/get-public-film";
import { playerScript } from "@/lib/public/player-script";
import { escapeXml as esc } from "./og-text";
import { filmUrl, type Translate } from "./share-links";

/**
 * The embeddable player (/film/{id}/embed) as one small HTML document, not a Next page: no
 * layout, header, account script or cookie, only the film's poster and video with the film
 * page's own sources and player script (HLS first, hls.js loaded on play where there is no
 * native HLS, the file otherwise; lib/public/player-script.ts), the title, the KIM and a
 * link to the full page. server.mjs still adds the CSP (its inline script by hash) and lets
 * only this address be framed (lib/server/security-headers.ts).
 */
export type EmbedOptions = { locale: string; t: Translate; award: string | null; baseUrl: string; hlsScriptUrl: string };

const style = `*{box-sizing:border-box}html,body{margin:0;height:100%;background:#0f172a;color:#f8fafc;font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif}
main{display:flex;flex-direction:column;height:100%}
video,.poster{flex:1;min-height:0;width:100%;background:#000;object-fit:contain;display:block}
.empty{flex:1;display:flex;align-items:center;justify-content:center;padding:12px;text-align:center}
.bar{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:4px 12px;padding:8px 12px}
h1{font-size:15px;margin:0;overflow-wrap:anywhere}.by{color:#cbd5e1;font-size:13px;margin:0}
a{color:#5eead4;font-weight:600}a:focus-visible{outline:2px solid #fbbf24;outline-offset:2px}`;

export function embedDocument(film: PublicFilm, o: EmbedOptions): string {
  const t = o.t;
  const media = `/api/films/${film.id}`;
  const poster = film.posterVersion ? posterUrl(film.id, film.posterVersion, 360, "webp") : null;
  const hls = film.video && film.renditions.ready ? `${media}/hls/master.m3u8` : null;
  let player: string;
  if (film.video) {
    player = `<video controls playsinline preload="${hls ? "none" : "metadata"}"${poster ? ` poster="${esc(poster)}"` : ""} aria-label="${esc(t("embed.playerLabel", { title: film.title }))}"${hls ? ` data-hls="${esc(hls)}"` : ""} data-testid="embed-video">`;
    if (hls) player += `<source src="${esc(hls)}" type="application/vnd.apple.mpegurl">`;
    player += `<source src="${media}/video" type="${esc(film.video.mimeType)}">`;
    if (film.hasSubtitles) player += `<track kind="subtitles" src="${media}/subtitles" srclang="id" label="${esc(t("embed.subtitleLabel"))}" default>`;
    player += `<p>${esc(t("embed.videoFallback"))} <a href="${media}/video" target="_blank" rel="noopener">${esc(t("embed.openVideo"))}</a></p></video>`;
  } else {
    player = poster ? `<img class="poster" src="${esc(poster)}" alt="">` : "";
    player += `<p class="empty">${esc(t("embed.noVideo"))}</p>`;
  }
  const by = [film.kim.name, o.award].filter(Boolean).join(" · ");
  const script = hls ? `<script data-layar="player">${playerScript(o.hlsScriptUrl)}</script>` : "";
  return `<!doctype html>
<html lang="${esc(o.locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(t("embed.frameTitle", { title: film.title }))}</title><meta name="robots" content="noindex"><link rel="canonical" href="${esc(filmUrl(o.baseUrl, film.id))}">
<style>${style}</style></head>
<body><main>${player}
<div class="bar"><div><h1>${esc(film.title)}</h1><p class="by">${esc(by)}</p></div><a href="${esc(filmUrl(o.baseUrl, film.id))}" target="_blank" rel="noopener" data-testid="embed-watch">${esc(t("embed.watchOnLayar"))}</a></div>
</main>${script}</body></html>`;
}

/** The answer for a film that is not public: the same for one that does not exist. */
export function embedNotFound(t: Translate, locale: string): string {
  return `<!doctype html><html lang="${esc(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(t("embed.notFound"))}</title><meta name="robots" content="noindex"><style>${style}</style></head><body><main><p class="empty">${esc(t("embed.notFound"))}</p></main></body></html>`;
}
