import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CheckQueue } from "@/components/admin/check-queue";
import { ScreeningForm } from "@/components/admin/judging-forms";
import { DisqualifyForm, UndoDisqualificationForm } from "@/components/admin/entries-disqualify";
import { EntriesFilters, EntriesPagination } from "@/components/admin/entries-filters";
import { EntriesProgress } from "@/components/admin/entries-progress";
import { PageTitle } from "@/components/layout/page-title";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/client";
import { editionSettings } from "@/lib/editions/defaults";
import { AppError } from "@/lib/errors";
import { entriesHref, entriesPageSize, listEditionSubmissions, parseEntriesQuery } from "@/lib/films/list-edition-submissions";
import { formatBytes } from "@/lib/format/bytes";
import { formatDuration } from "@/lib/format/duration";
import { editionCheckQueue } from "@/lib/jobs/queue-status";

export const metadata: Metadata = { title: "Film masuk" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const badgeColour: Record<string, string> = {
  didiskualifikasi: "bg-red-100 text-red-900",
  ditolak_sistem: "bg-amber-100 text-amber-900",
  tidak_lolos_kurasi: "bg-amber-100 text-amber-900",
  ditarik: "bg-gray-100 text-gray-800",
  draf: "bg-gray-100 text-gray-800",
};

export default async function SubmissionsPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const query = parseEntriesQuery(await searchParams);
  const actor = await requirePageActor(["organiser"], entriesHref(slug, query, query.halaman));
  const data = await listEditionSubmissions(getDb(), actor, slug, query).catch((error: unknown) => {
    if (error instanceof AppError) notFound();
    throw error;
  });
  const { edition } = data;
  const [t, tf, tj, ta, checks] = await Promise.all([
    getTranslations("submissions"),
    getTranslations("filmStatus"),
    getTranslations("penjurian"),
    getTranslations("filmAdmin"),
    editionCheckQueue(getDb(), edition.id),
  ]);
  const screening = editionSettings(edition.settings).screeningRound;
  const sealed = edition.status === "disegel" || edition.status === "diumumkan";
  const byRegency = !edition.regionCode.includes(".");
  const base = `/admin/festival/${slug}/film`;
  const first = (data.page - 1) * entriesPageSize + 1;
  return (
    <div className="space-y-6">
      <PageTitle title={t("title")} subtitle={`${edition.title} · ${t("count", { count: data.all })}`} />

      <div className="flex flex-wrap gap-3">
        <a href={`/api/admin/festival/${slug}/film`} className="btn" download>
          {ta("export")}
        </a>
        <Link href={`${base}/baru`} className="btn-quiet">
          {ta("uploadForKim")}
        </Link>
      </div>
      <p className="-mt-3 text-sm text-muted">{ta("exportHint")}</p>

      <EntriesProgress progress={data.progress} byRegency={byRegency} />

      <CheckQueue queue={checks} slug={slug} />

      <EntriesFilters slug={slug} query={query} options={data.options} byRegency={byRegency} />

      <p role="status" data-testid="entries-count">
        {data.total === 0 ? ta("shownNone") : ta("shown", { from: first, to: first + data.films.length - 1, total: data.total })}
      </p>

      {data.all === 0 ? (
        <p className="text-muted">{t("none")}</p>
      ) : (
        <ul className="space-y-3" data-testid="submissions">
          {data.films.map((f) => (
            <li key={f.id} className="card space-y-2">
              <p className="flex flex-wrap items-baseline justify-between gap-2 break-words">
                {/* The e2e helpers read "code · title" from this span and "KIM · regency" from the next muted line. */}
                <span className="font-semibold">
                  {f.code} · {f.title}
                </span>
                <span className={`badge ${badgeColour[f.status] ?? "bg-sky-100 text-sky-900"}`}>{tf(f.status)}</span>
              </p>
              <p className="text-sm text-muted">
                {f.kimName} · {f.regencyName}
                {f.category ? ` · ${f.category}` : ""}
                {f.language ? ` · ${f.language}` : ""}
              </p>
              <p className="text-sm text-muted">{ta("district", { name: f.districtName })}</p>
              {f.statusReason && (f.status === "didiskualifikasi" || f.status === "tidak_lolos_kurasi") && (
                <p className="text-sm">
                  <span className="font-medium">{ta("reason")}</span> {f.statusReason}
                </p>
              )}
              {f.video?.probe ? (
                <p className="text-sm">
                  {t("facts", {
                    duration: formatDuration(f.video.probe.durationSeconds),
                    resolution: `${f.video.probe.width}×${f.video.probe.height}`,
                    container: f.video.probe.container.toUpperCase(),
                    codec: f.video.probe.videoCodec.toUpperCase(),
                    size: formatBytes(f.video.sizeBytes ?? 0),
                  })}{" "}
                  · <a href={`/api/films/${f.id}/video?unduh=1`}>{t("download")}</a>
                </p>
              ) : (
                <p className="text-sm text-muted">{t("noVideo")}</p>
              )}
              {f.lastAttempt?.status === "rejected" && (
                <p className="text-sm text-danger">
                  {t("problems")}: {f.lastAttempt.problems.join(" ")}
                </p>
              )}
              {(f.lastAttempt?.status === "uploading" || f.lastAttempt?.status === "checking" || f.lastAttempt?.status === "received") && (
                <p className="text-sm">{t(`attempt.${f.lastAttempt.status}`)}</p>
              )}
              <p className="text-sm">
                <Link href={`${base}/${f.id}`}>{ta("open", { code: f.code })}</Link>
              </p>
              {screening && ["diunggah", "lolos_kurasi", "tidak_lolos_kurasi"].includes(f.status) && (
                <details>
                  <summary className="cursor-pointer text-sm">{tj("screening")}</summary>
                  <ScreeningForm slug={slug} filmId={f.id} />
                </details>
              )}
              {!sealed && f.status !== "ditarik" && f.status !== "didiskualifikasi" && (
                <details>
                  <summary className="cursor-pointer text-sm">{ta("disqualify.open")}</summary>
                  <p className="mt-1 text-sm text-muted">{ta("disqualify.intro")}</p>
                  <DisqualifyForm slug={slug} filmId={f.id} />
                </details>
              )}
              {!sealed && f.status === "didiskualifikasi" && (
                <details>
                  <summary className="cursor-pointer text-sm">{ta("undo.open")}</summary>
                  <p className="mt-1 text-sm text-muted">{ta("undo.intro")}</p>
                  <UndoDisqualificationForm slug={slug} filmId={f.id} />
                </details>
              )}
            </li>
          ))}
        </ul>
      )}

      <EntriesPagination slug={slug} query={query} page={data.page} pageCount={data.pageCount} />
    </div>
  );
}
