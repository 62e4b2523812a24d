import { getTranslations } from "next-intl/server";
import { posterUrl } from "@/lib/films/poster-sizes";
import type { PublicFilm } from "@/lib/public/get-public-film";
import { PosterPicture } from "./film-poster";

/**
 * The browser's own player: works without JavaScript, seeks with Range requests
 * against /api/films/{id}/video, shows Indonesian subtitles when there are some.
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
  return (
    <video
      controls
      preload="metadata"
      playsInline
      poster={film.posterVersion ? posterUrl(film.id, film.posterVersion, 360, "webp") : undefined}
      className="aspect-video w-full rounded bg-black"
      aria-label={t("playerLabel", { title: film.title })}
      data-testid="film-video"
    >
      <source src={`${media}/video`} type={film.video.mimeType} />
      {film.hasSubtitles && <track kind="subtitles" src={`${media}/subtitles`} srcLang="id" label={t("subtitleLabel")} default />}
      <p>
        {t("videoFallback")} <a href={`${media}/video`}>{t("openVideo")}</a>
      </p>
    </video>
  );
}
