import { eq } from "drizzle-orm";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ConflictForm } from "@/components/judging/conflict-form";
import { OtherJudges } from "@/components/judging/other-judges";
import { ScoreSheet } from "@/components/judging/score-sheet";
import { PageTitle } from "@/components/layout/page-title";
import { PosterPicture } from "@/components/public/film-poster";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getDb, type Db } from "@/lib/db/client";
import { editions, films } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { posterUrl } from "@/lib/films/poster-sizes";
import { formatWib } from "@/lib/format/dates";
import { formatDuration } from "@/lib/format/duration";
import { translateMessage } from "@/lib/i18n/translate-message";
import { getScoreSheet, otherJudgesSheets } from "@/lib/judging/score-sheet";

export const dynamic = "force-dynamic";

// A neutral title: the browser tab and history show no film at all.
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("judging.sheet");
  return { title: t("metaTitle") };
}

type Props = { params: Promise<{ assignmentId: string }> };

/**
 * The edition's slug, for the way back to the queue. Asked only after
 * getScoreSheet has confirmed the assignment is the judge's; the slug is made
 * from the edition's title, which names no KIM.
 */
async function editionSlugOf(db: Db, filmId: string): Promise<string> {
  const [row] = await db.select({ slug: editions.slug }).from(films).innerJoin(editions, eq(editions.id, films.editionId)).where(eq(films.id, filmId));
  return row.slug;
}

export default async function ScoreSheetPage({ params }: Props) {
  const { assignmentId } = await params;
  const actor = await requirePageActor(["judge"], `/juri/nilai/${assignmentId}`);
  const db = getDb();
  const sheet = await getScoreSheet(db, actor, assignmentId).catch((error: unknown) => {
    if (error instanceof AppError) notFound();
    throw error;
  });
  const [slug, others, t, tj, locale] = await Promise.all([
    editionSlugOf(db, sheet.film.id),
    otherJudgesSheets(db, actor, assignmentId),
    getTranslations("judging.sheet"),
    getTranslations("judging"),
    getLocale(),
  ]);
  const { film } = sheet;
  const media = `/api/films/${film.id}/`;
  const locked = sheet.status === "submitted";

  return (
    <div className="space-y-6">
      <p>
        <Link href={`/juri/${slug}`}>← {tj("backToQueue")}</Link>
      </p>
      <PageTitle title={t("title", { code: film.code })} subtitle={sheet.roundKind === "final" ? `${t("finalRound")} · ${film.title}` : film.title} />

      <section aria-labelledby="h-film" className="card space-y-3">
        <h2 id="h-film" className="text-lg font-semibold">
          {t("watch")}
        </h2>
        {sheet.hasVideo ? (
          <video controls preload="metadata" playsInline src={`${media}video`} poster={sheet.posterVersion ? posterUrl(film.id, sheet.posterVersion, 360, "webp") : undefined} className="aspect-video w-full rounded bg-black" data-testid="film-video">
            {sheet.hasSubtitles && <track kind="subtitles" src={`${media}subtitles`} srcLang="id" label={t("subtitles")} default />}
          </video>
        ) : (
          <>
            <p className="rounded-md border border-amber-300 bg-amber-50 p-3" data-testid="no-video">
              {t("noVideo")}
            </p>
            {sheet.posterVersion && <PosterPicture filmId={film.id} version={sheet.posterVersion} width={180} height={270} crop={false} alt={t("poster")} className="h-auto max-h-64 w-auto rounded border border-line" />}
          </>
        )}
        <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
          <dt className="font-medium">{t("synopsis")}</dt>
          <dd className="whitespace-pre-line">{film.synopsis || t("noSynopsis")}</dd>
          <dt className="font-medium">{t("language")}</dt>
          <dd>{film.language || t("unknown")}</dd>
          <dt className="font-medium">{t("duration")}</dt>
          <dd>{film.declaredDurationSeconds ? formatDuration(film.declaredDurationSeconds) : t("unknown")}</dd>
        </dl>
        <p className="text-sm text-muted">{t("closes", { date: formatWib(sheet.judgingClosesAt, locale) })}</p>
      </section>

      <section aria-labelledby="h-rubric" className="space-y-3">
        <h2 id="h-rubric" className="text-xl font-semibold">
          {t("rubric")}
        </h2>
        <ScoreSheet
          assignmentId={sheet.assignmentId}
          criteria={sheet.criteria}
          values={sheet.values}
          locked={locked}
          submittedAt={sheet.submittedAt?.toISOString() ?? null}
          updatedAt={sheet.updatedAt?.toISOString() ?? null}
          closedReason={sheet.open.open ? null : translateMessage(sheet.open.reason, locale)}
        />
      </section>

      {others && <OtherJudges sheets={others} criteria={sheet.criteria} />}

      {!locked && (
        <section aria-labelledby="h-conflict" className="card space-y-2">
          <h2 id="h-conflict" className="text-lg font-semibold">
            {tj("conflict.title")}
          </h2>
          <p className="text-sm text-muted">{tj("conflict.hint")}</p>
          <ConflictForm assignmentId={sheet.assignmentId} editionSlug={slug} />
        </section>
      )}
    </div>
  );
}
