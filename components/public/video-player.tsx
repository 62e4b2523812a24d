import { getTranslations } from "next-intl/server";
import { preload } from "react-dom";
import { formatBytes } from "@/lib/format/bytes";
import { posterUrl } from "@/lib/films/poster-sizes";
import { hlsScriptPath, hlsVersion } from "@/lib/http/hls-script";
import type { PublicFilm } from "@/lib/public/get-public-film";
import { playerScript } from "@/lib/public/player-script";
import { PosterPicture } from "./film-poster";

/**
 * The browser's own player, a server component (public pages carry no React runtime): works
 * without JavaScript, seeks with Range requests against /api/films/{id}/video, shows Indonesian
 * subtitles when there are some. Once the film's HLS renditions are made (docs/decisions/0026)
 * the master playlist comes first: native HLS plays it, other browsers fall through to the
 * file, and a small inline script switches those with Media Source Extensions to hls.js when
 * the visitor presses play (lib/public/player-script.ts). The 360p file is offered for download.
 */
export async function VideoPlayer({ film }: { film: PublicFilm }) {
  const t = await getTranslations("publik.film");
  const media = `/api/films/${film.id}`;
  if (!film.video) {
    return (
      <div className="card flex flex-col items-start gap-3 sm:flex-row" data-testid="no-video">
        {film.posterVersion && <PosterPicture filmId={film.id} version={film.posterVersion} width={160} height={240} alt={t("posterOf", { title: film.title })} className="h-60 w-40 shrink-0 rounded border border-line object-cover" priority />}
        <div>
          <p className="font-semibold">{t("noVideo")}</p>
          <p className="text-sm text-muted">{t("noVideoHint")}</p>
        </div>
      </div>
    );
  }
  const hls = film.renditions.ready ? `${media}/hls/master.m3u8` : undefined;
  const poster = film.posterVersion ? posterUrl(film.id, film.posterVersion, 360, "webp") : undefined;
  // The poster is what a visitor sees first (the page's largest paint); a <video poster> is
  // found late by the browser, so the head names it.
  if (poster) preload(poster, { as: "image", fetchPriority: "high" });
  return (
    <div className="space-y-2">
      <video
        controls
        // With renditions nothing is fetched before play: the player then picks a size for the line.
        preload={hls ? "none" : "metadata"}
        playsInline
        poster={poster}
        className="aspect-video w-full rounded bg-black"
        aria-label={t("playerLabel", { title: film.title })}
        data-testid="film-video"
        data-hls={hls}
      >
        {hls && <source src={hls} type="application/vnd.apple.mpegurl" />}
        <source src={`${media}/video`} type={film.video.mimeType} />
        {film.hasSubtitles && <track kind="subtitles" src={`${media}/subtitles`} srcLang="id" label={t("subtitleLabel")} default />}
        <p>
          {t("videoFallback")} <a href={`${media}/video`}>{t("openVideo")}</a>
        </p>
      </video>
      {hls && (
        <>
          <p className="text-sm">
            <a href={`${media}/ringan`} download data-testid="light-download">
              {t("lightDownload")}
            </a>
            {film.renditions.lightBytes ? <span className="text-muted"> · {formatBytes(film.renditions.lightBytes)}</span> : null}
          </p>
          <script data-layar="player" dangerouslySetInnerHTML={{ __html: playerScript(`${hlsScriptPath}?v=${hlsVersion()}`) }} />
        </>
      )}
    </div>
  );
}
