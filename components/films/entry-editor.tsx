import { getLocale, getTranslations } from "next-intl/server";
import { EntryDetailsForm, EntryFileForm } from "@/components/films/entry-forms";
import { EditionRules } from "@/components/films/edition-rules";
import { PosterPicture } from "@/components/public/film-poster";
import { posterUrl, posterVersion } from "@/lib/films/poster-sizes";
import { VideoUploader } from "@/components/films/video-uploader";
import { editionRules } from "@/lib/editions/defaults";
import type { getEntry } from "@/lib/films/kim-film";
import { withShares } from "@/lib/public/get-festival-page";
import { formatBytes } from "@/lib/format/bytes";
import { formatDuration } from "@/lib/format/duration";
import { translateMessage } from "@/lib/i18n/translate-message";

type Entry = Awaited<ReturnType<typeof getEntry>>;

/**
 * The parts of an entry its KIM fills in, shown the same way on the KIM's entry page and on
 * the organiser's page for a film it enters for a KIM: the video (with the rules it is held
 * to, checked in the browser before sending), the details, the poster and the subtitle.
 */
export async function EntryEditor({ entry, open }: { entry: Entry; open: boolean }) {
  const [t, locale] = await Promise.all([getTranslations("entry"), getLocale()]);
  const { film, video, poster, subtitle, lastVideoAttempt } = entry;
  const rules = editionRules(entry.edition.rules);
  const probe = video?.probe;
  return (
    <>
      <section aria-labelledby="h-video" className="card space-y-3">
        <h2 id="h-video" className="text-lg font-semibold">
          {t("video")}
        </h2>
        <EditionRules rules={rules} categories={entry.categories} rubric={withShares(entry.rubric)} headingId="h-video-rules" level={3} compact />
        <p className="text-sm text-muted">{t("videoHint", { max: formatBytes(rules.maxFileBytes) })}</p>
        {probe && video && (
          <p data-testid="video-accepted">
            {t("videoOk", { duration: formatDuration(probe.durationSeconds), width: probe.width, height: probe.height, codec: probe.videoCodec.toUpperCase(), size: formatBytes(video.sizeBytes ?? 0) })}
          </p>
        )}
        {probe && (
          <video controls preload="metadata" className="w-full max-w-xl rounded bg-black" poster={poster ? posterUrl(film.id, posterVersion(poster.id), 360, "webp") : undefined}>
            <source src={`/api/films/${film.id}/video`} type={video?.mimeType ?? "video/mp4"} />
            {subtitle && <track kind="subtitles" src={`/api/films/${film.id}/subtitles`} srcLang="id" label="Bahasa Indonesia" default />}
          </video>
        )}
        {lastVideoAttempt?.status === "rejected" && (
          <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3" data-testid="video-problems">
            <p className="font-medium">{t("videoProblems")}</p>
            <ul className="list-disc pl-5">
              {lastVideoAttempt.problems.map((p) => (
                <li key={p}>{translateMessage(p, locale)}</li>
              ))}
            </ul>
          </div>
        )}
        <VideoUploader
          filmId={film.id}
          rules={{ maxFileBytes: rules.maxFileBytes, minHeight: rules.minHeight, maxDurationSeconds: rules.maxDurationSeconds }}
          disabled={!open}
          lastAttempt={lastVideoAttempt ? `${lastVideoAttempt.id}:${lastVideoAttempt.status}` : null}
        />
      </section>

      <section aria-labelledby="h-details" className="card">
        <h2 id="h-details" className="mb-3 text-lg font-semibold">
          {t("details")}
        </h2>
        <EntryDetailsForm
          disabled={!open}
          categories={entry.categories}
          maxDuration={formatDuration(rules.maxDurationSeconds)}
          details={{
            filmId: film.id,
            title: film.title,
            synopsis: film.synopsis ?? "",
            categoryId: film.categoryId ?? "",
            language: film.language ?? "",
            declaredDurationSeconds: film.declaredDurationSeconds ? String(film.declaredDurationSeconds) : "",
            crew: film.crew,
            originalityDeclared: film.originalityDeclared,
            publicationConsent: film.publicationConsent,
          }}
        />
      </section>

      <section aria-labelledby="h-poster" className="card space-y-3">
        <h2 id="h-poster" className="text-lg font-semibold">
          {t("poster")}
        </h2>
        {poster && <PosterPicture filmId={film.id} version={posterVersion(poster.id)} width={180} height={270} crop={false} alt={t("currentPoster")} className="h-auto max-h-64 w-auto rounded border border-line" />}
        <EntryFileForm filmId={film.id} kind="poster" accept="image/jpeg,image/png,image/webp" disabled={!open} />
      </section>

      <section aria-labelledby="h-subtitle" className="card space-y-3">
        <h2 id="h-subtitle" className="text-lg font-semibold">
          {t("subtitle")}
        </h2>
        {subtitle && <p>{t("hasSubtitle", { name: subtitle.originalName ?? "subtitle.vtt" })}</p>}
        <EntryFileForm filmId={film.id} kind="subtitle" accept=".srt,.vtt,text/vtt,application/x-subrip" disabled={!open} />
      </section>
    </>
  );
}
