import { getTranslations } from "next-intl/server";
import type { PublicFilm } from "@/lib/public/get-public-film";

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
        {film.hasPoster && (
          // eslint-disable-next-line @next/next/no-img-element -- served by the access-checked media route
          <img src={`${media}/poster`} alt={t("posterOf", { title: film.title })} className="max-h-64 rounded border border-line" />
        )}
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
      poster={film.hasPoster ? `${media}/poster` : undefined}
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
