import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ScreeningForm } from "@/components/admin/judging-forms";
import { PageTitle } from "@/components/layout/page-title";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { listEditionSubmissions } from "@/lib/films/list-edition-submissions";
import { formatBytes } from "@/lib/format/bytes";
import { formatDuration } from "@/lib/format/duration";

export const metadata: Metadata = { title: "Film masuk" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

export default async function SubmissionsPage({ params }: Props) {
  const { slug } = await params;
  const actor = await requirePageActor(["organiser"], `/admin/festival/${slug}/film`);
  const data = await listEditionSubmissions(getDb(), actor, slug).catch((error: unknown) => {
    if (error instanceof AppError) notFound();
    throw error;
  });
  const [t, tf, tj] = await Promise.all([getTranslations("submissions"), getTranslations("filmStatus"), getTranslations("penjurian")]);
  return (
    <div>
      <PageTitle title={t("title")} subtitle={`${data.edition.title} · ${t("count", { count: data.films.length })}`} />
      {data.films.length === 0 ? (
        <p className="text-muted">{t("none")}</p>
      ) : (
        <ul className="space-y-3" data-testid="submissions">
          {data.films.map((f) => (
            <li key={f.id} className="card space-y-1">
              <p className="flex flex-wrap items-baseline justify-between gap-2">
                <span className="font-semibold">
                  {f.code} · {f.title}
                </span>
                <span className="badge bg-sky-100 text-sky-900">{tf(f.status)}</span>
              </p>
              <p className="text-sm text-muted">
                {f.kimName} · {f.regencyName}
                {f.category ? ` · ${f.category}` : ""}
                {f.language ? ` · ${f.language}` : ""}
              </p>
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
              {["diunggah", "lolos_kurasi", "tidak_lolos_kurasi"].includes(f.status) && (
                <details>
                  <summary className="cursor-pointer text-sm">{tj("screening")}</summary>
                  <ScreeningForm slug={slug} filmId={f.id} />
                </details>
              )}
              {(f.lastAttempt?.status === "uploading" || f.lastAttempt?.status === "checking" || f.lastAttempt?.status === "received") && (
                <p className="text-sm">{t(`attempt.${f.lastAttempt.status}`)}</p>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
