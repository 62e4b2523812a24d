import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { EntryDetailsForm, EntryFileForm, WithdrawForm } from "@/components/films/entry-forms";
import { VideoUploader } from "@/components/films/video-uploader";
import { PageTitle } from "@/components/layout/page-title";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/client";
import { entriesOpen } from "@/lib/editions/submission-window";
import { AppError } from "@/lib/errors";
import { entryChecklist } from "@/lib/films/entry-checklist";
import { juryFeedback } from "@/lib/results/kim-feedback";
import { getKimEntry } from "@/lib/films/kim-film";
import { formatBytes } from "@/lib/format/bytes";
import { formatWib } from "@/lib/format/dates";
import { formatDuration } from "@/lib/format/duration";
import { translateMessage } from "@/lib/i18n/translate-message";
import { defaultRules } from "@/lib/editions/defaults";

export const metadata: Metadata = { title: "Film KIM" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export default async function EntryPage({ params }: Props) {
  const { id } = await params;
  const actor = await requirePageActor(["kim"], `/kim/film/${id}`);
  const entry = await getKimEntry(getDb(), actor, id).catch((error: unknown) => {
    if (error instanceof AppError) notFound();
    throw error;
  });
  const [t, tf, locale] = await Promise.all([getTranslations("entry"), getTranslations("filmStatus"), getLocale()]);
  const { film, edition, video, poster, subtitle, lastVideoAttempt } = entry;
  const rules = edition.rules ?? defaultRules;
  const open = entriesOpen(edition, new Date()).open && film.status !== "ditarik";
  const todo = entryChecklist(entry);
  const feedback = await juryFeedback(getDb(), actor, film.id);
  const probe = video?.probe;

  return (
    <div className="space-y-6">
      <p>
        <Link href="/kim">← {t("back")}</Link>
      </p>
      <PageTitle title={t("title", { title: film.title })} subtitle={`${edition.title} · ${t("code", { code: film.code })}`} />

      <section aria-labelledby="h-status" className="card space-y-2">
        <h2 id="h-status" className="text-lg font-semibold">
          {t("status")}: <span data-testid="film-status">{tf(film.status)}</span>
        </h2>
        <p className="text-sm">{open ? t("closes", { date: formatWib(edition.submissionClosesAt, locale) }) : t("closed")}</p>
        <h3 className="font-medium">{t("next")}</h3>
        <ul className="list-disc space-y-1 pl-5" data-testid="entry-todo">
          {todo.map((item) => (
            <li key={item}>{t(`todo.${item}`)}</li>
          ))}
        </ul>
      </section>

      {feedback && (
        <section aria-labelledby="h-feedback" className="card space-y-3" data-testid="jury-feedback">
          <h2 id="h-feedback" className="text-lg font-semibold">
            {t("feedbackTitle")}
          </h2>
          {feedback.map((sheet) => (
            <div key={sheet.judge}>
              <h3 className="font-medium">{t("feedbackJudge", { n: sheet.judge })}</h3>
              <dl className="mt-1 space-y-1 text-sm">
                {sheet.comments.map((c) => (
                  <div key={c.criterion}>
                    <dt className="font-medium">{c.criterion}</dt>
                    <dd>{c.comment}</dd>
                  </div>
                ))}
              </dl>
            </div>
          ))}
        </section>
      )}

      <section aria-labelledby="h-video" className="card space-y-3">
        <h2 id="h-video" className="text-lg font-semibold">
          {t("video")}
        </h2>
        <p className="text-sm text-muted">{t("videoHint", { max: formatBytes(rules.maxFileBytes) })}</p>
        {probe && video && (
          <p data-testid="video-accepted">
            {t("videoOk", { duration: formatDuration(probe.durationSeconds), width: probe.width, height: probe.height, codec: probe.videoCodec.toUpperCase(), size: formatBytes(video.sizeBytes ?? 0) })}
          </p>
        )}
        {probe && (
          <video controls preload="metadata" className="w-full max-w-xl rounded bg-black" poster={poster ? `/api/films/${film.id}/poster` : undefined}>
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
        <VideoUploader filmId={film.id} maxBytes={rules.maxFileBytes} disabled={!open} lastAttempt={lastVideoAttempt ? `${lastVideoAttempt.id}:${lastVideoAttempt.status}` : null} />
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
        {poster && (
          // eslint-disable-next-line @next/next/no-img-element -- served by our access-checked route, not a static asset
          <img src={`/api/films/${film.id}/poster`} alt={t("currentPoster")} className="max-h-64 rounded border border-line" />
        )}
        <EntryFileForm filmId={film.id} kind="poster" accept="image/jpeg,image/png,image/webp" disabled={!open} />
      </section>

      <section aria-labelledby="h-subtitle" className="card space-y-3">
        <h2 id="h-subtitle" className="text-lg font-semibold">
          {t("subtitle")}
        </h2>
        {subtitle && <p>{t("hasSubtitle", { name: subtitle.originalName ?? "subtitle.vtt" })}</p>}
        <EntryFileForm filmId={film.id} kind="subtitle" accept=".srt,.vtt,text/vtt,application/x-subrip" disabled={!open} />
      </section>

      {open && (
        <section aria-labelledby="h-withdraw" className="card">
          <h2 id="h-withdraw" className="mb-2 text-lg font-semibold">
            {t("withdraw")}
          </h2>
          <WithdrawForm filmId={film.id} />
        </section>
      )}
    </div>
  );
}
