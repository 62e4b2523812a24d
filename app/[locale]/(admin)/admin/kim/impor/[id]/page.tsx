import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { KimImportCancelForm, KimImportConfirmForm, type PreviewRow } from "@/components/admin/kim-import-forms";
import { PageTitle } from "@/components/layout/page-title";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { formatWib } from "@/lib/format/dates";
import { translateMessage } from "@/lib/i18n/translate-message";
import { countOutcomes, getImportBatch } from "@/lib/kim/import/kim-import";
import type { ImportRow } from "@/lib/kim/import/parse-rows";

export const metadata: Metadata = { title: "Pratinjau impor KIM" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

const outcomes = ["baru", "sudah_ada", "ganda", "gagal", "luar_wilayah", "kosong"] as const;

/** The preview of an uploaded list: what each row becomes; after the confirmation, what it became. */
export default async function KimImportBatchPage({ params }: Props) {
  const { id } = await params;
  const actor = await requirePageActor(["organiser"], `/admin/kim/impor/${id}`);
  const batch = await getImportBatch(getDb(), actor, id).catch((error: unknown) => {
    if (error instanceof AppError) notFound();
    throw error;
  });
  const [t, locale] = await Promise.all([getTranslations("kimImport"), getLocale()]);
  const counts = countOutcomes(batch.rows);
  const say = (text: string) => translateMessage(text, locale);
  const shown = (row: ImportRow): PreviewRow => ({
    rowNumber: row.rowNumber,
    name: row.kim?.name || row.values.name || t("noName"),
    place: row.place
      ? row.place.villageName
        ? t("placeVillage", { village: row.place.villageName, district: row.place.districtName })
        : t("placeDistrict", { district: row.place.districtName })
      : [row.values.village, row.values.district, row.values.villageCode].filter(Boolean).join(", "),
    status: row.kim && row.outcome !== "gagal" ? `${t(`kimStatus.${row.kim.status}`)}${row.kim.reason ? ` (${row.kim.reason})` : ""}` : (row.values.status ?? ""),
    contact: row.kim ? [row.kim.contactName, row.kim.contactPhone, row.kim.contactEmail].filter(Boolean).join(" · ") : "",
    notes: row.notes.map(say),
    problems: row.problems.map(say),
    existing: row.existing ? t("existing", { name: row.existing.name }) : undefined,
  });
  const refused = batch.rows.filter((r) => r.outcome === "gagal" || r.outcome === "luar_wilayah" || r.outcome === "ganda");
  const results = { dibuat: 0, diperbarui: 0, dilewati: 0 };
  for (const r of batch.rows) if (r.result) results[r.result] += 1;

  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <p className="text-sm">
        <Link href="/admin/kim/impor">← {t("title")}</Link>
      </p>
      <PageTitle title={batch.status === "diimpor" ? t("doneTitle") : t("previewTitle")} subtitle={t("fileLine", { file: batch.fileName, date: formatWib(batch.createdAt, locale) })} />

      <section aria-labelledby="h-summary" className="card space-y-2">
        <h2 id="h-summary" className="text-lg font-semibold">
          {t("summaryTitle")}
        </h2>
        <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1" data-testid="import-summary">
          {outcomes.map((o) => (
            <div key={o} className="contents">
              <dt>{t(`counts.${o}`)}</dt>
              <dd className="text-right font-semibold" data-outcome={o}>
                {counts[o]}
              </dd>
            </div>
          ))}
        </dl>
        {batch.status === "diimpor" && (
          <p role="status" className="font-medium text-emerald-800" data-testid="import-done">
            {t("done", { created: results.dibuat, updated: results.diperbarui, skipped: results.dilewati })}
          </p>
        )}
        {batch.status === "dibatalkan" && <p role="status">{t("cancelled")}</p>}
      </section>

      {batch.status === "pratinjau" && (
        <KimImportConfirmForm batchId={batch.id} fresh={batch.rows.filter((r) => r.outcome === "baru").map(shown)} known={batch.rows.filter((r) => r.outcome === "sudah_ada").map(shown)} />
      )}

      {batch.status === "diimpor" && (
        <section aria-labelledby="h-result" className="space-y-2">
          <h2 id="h-result" className="text-xl font-semibold">
            {t("doneTitle")}
          </h2>
          <ul className="space-y-1" data-testid="import-result">
            {batch.rows
              .filter((r) => r.result === "dibuat" || r.result === "diperbarui")
              .map((r) => (
                <li key={r.rowNumber} className="break-words">
                  {r.kimId ? <Link href={`/admin/kim/${r.kimId}`}>{r.kim?.name}</Link> : r.kim?.name} <span className="text-sm text-muted">· {t(`result.${r.result!}`)}</span>
                </li>
              ))}
          </ul>
          <p className="flex flex-wrap gap-x-4">
            <Link href="/admin/kim">{t("toList")}</Link>
            <Link href="/admin/kim/impor">{t("another")}</Link>
          </p>
        </section>
      )}

      <section aria-labelledby="h-refused" className="space-y-2">
        <h2 id="h-refused" className="text-xl font-semibold">
          {t("problemTitle")} ({refused.length})
        </h2>
        {refused.length === 0 ? (
          <p>{t("none")}</p>
        ) : (
          <>
            <p className="text-sm text-muted">{t("problemHint")}</p>
            <ul className="space-y-2" data-testid="import-refused">
              {refused.map(shown).map((row) => (
                <li key={row.rowNumber} className="card space-y-1 break-words">
                  <span className="block font-medium">{row.name}</span>
                  <span className="block text-sm text-muted">
                    {t("row", { row: row.rowNumber })}
                    {row.place && ` · ${row.place}`}
                  </span>
                  {row.problems.map((p) => (
                    <span key={p} className="block text-sm text-danger">
                      {p}
                    </span>
                  ))}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      {batch.status === "pratinjau" && <KimImportCancelForm batchId={batch.id} />}
    </div>
  );
}
