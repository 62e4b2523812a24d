import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/layout/page-title";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/client";
import { formatWib } from "@/lib/format/dates";
import { judgeEditionPhase, listJudgeEditions } from "@/lib/judging/judge-progress";
import { judgeQueue } from "@/lib/judging/score-sheet";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("judging.queue");
  return { title: t("metaTitle") };
}

type Props = { params: Promise<{ slug: string }> };

const stateStyle = { empty: "bg-gray-100 text-ink", draft: "bg-amber-100 text-amber-900", submitted: "bg-emerald-100 text-emerald-900" } as const;

/** A judge's films in one edition: neutral code and title only (judging is blind). */
export default async function JudgeQueuePage({ params }: Props) {
  const { slug } = await params;
  const actor = await requirePageActor(["judge"], `/juri/${slug}`);
  const db = getDb();
  const [queue, editions, t, tr, locale] = await Promise.all([judgeQueue(db, actor, slug), listJudgeEditions(db, actor), getTranslations("judging"), getTranslations("juriRoster.dashboard"), getLocale()]);
  // The edition row gives a title even when every film has left the queue (conflicts).
  const edition = editions.find((e) => e.slug === slug);
  if (!edition && queue.length === 0) notFound();
  const title = queue[0]?.editionTitle ?? edition?.title ?? "";
  const closes = queue[0]?.judgingClosesAt ?? edition?.judgingClosesAt ?? null;
  const { phase, close } = judgeEditionPhase({ status: edition?.status ?? "penjurian", judgingClosesAt: closes });
  const closeText = close.kind === "at" ? tr("closes", { date: formatWib(close.date, locale) }) : close.kind === "closed" ? tr("closed") : tr("noClose");
  const waiting = phase === "draf" || phase === "pendaftaran";
  // With a final round, its nominees come first and count for progress; the closed scoring round stays readable below.
  const rounds = (["final", "penilaian", "kurasi"] as const)
    .map((kind) => ({ kind, films: queue.filter((f) => f.roundKind === kind) }))
    .filter((r) => r.films.length > 0);
  const current = rounds[0]?.films ?? [];
  const submitted = current.filter((f) => f.sheetStatus === "submitted").length;
  const progress = t("queue.progress", { submitted, assigned: current.length });
  const showRounds = rounds.length > 1;

  return (
    <div className="space-y-4">
      <p>
        <Link href="/juri">← {t("backToDashboard")}</Link>
      </p>
      <PageTitle title={t("queue.title")} subtitle={title} />
      <section className="card space-y-2" aria-label={progress}>
        <p className="text-sm" data-testid="queue-phase">
          {tr(`phase_${phase}`)} {closeText}.
        </p>
        <p className="font-medium" data-testid="queue-progress">
          {progress}
        </p>
        <progress className="w-full" max={Math.max(current.length, 1)} value={submitted} aria-label={progress} />
        <p className="text-sm text-muted">{t("queue.blindNote")}</p>
      </section>
      {queue.length === 0 ? (
        <p className="text-muted">{waiting ? (edition?.submissionClosesAt ? tr("waitingWithDate", { date: formatWib(edition.submissionClosesAt, locale) }) : tr("waiting")) : t("queue.empty")}</p>
      ) : (
        rounds.map((round, i) => (
          <section key={round.kind} aria-labelledby={`round-${round.kind}`} className="space-y-2">
            {showRounds && (
              <h2 id={`round-${round.kind}`} className="text-lg font-semibold">
                {round.kind === "final" ? t("queue.roundFinal") : t("queue.roundPenilaian")}
                {round.films[0].roundClosedAt && <span className="ml-2 text-sm font-normal text-muted">({t("queue.roundClosed")})</span>}
              </h2>
            )}
            <ul className="space-y-2" data-testid={i === 0 ? "judge-queue" : `judge-queue-${round.kind}`}>
              {round.films.map((f) => (
                <li key={f.assignmentId} className="card flex flex-wrap items-center justify-between gap-2" data-code={f.code}>
                  <div className="min-w-0">
                    <p className="font-mono text-sm font-semibold">{f.code}</p>
                    <p className="break-words">{f.title}</p>
                  </div>
                  <div className="flex flex-wrap items-center gap-2">
                    <span className={`badge ${stateStyle[f.sheetStatus]}`} data-testid="sheet-state">
                      {t(`state.${f.sheetStatus}`)}
                    </span>
                    <Link href={`/juri/nilai/${f.assignmentId}`} className="btn-quiet" aria-label={t("queue.openFilm", { code: f.code })}>
                      {t("queue.open")}
                    </Link>
                  </div>
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </div>
  );
}
