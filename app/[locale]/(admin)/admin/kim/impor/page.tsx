import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { KimImportUploadForm } from "@/components/admin/kim-import-forms";
import { PageTitle } from "@/components/layout/page-title";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/client";
import { formatWib } from "@/lib/format/dates";
import { recentImportBatches } from "@/lib/kim/import/kim-import";

export const metadata: Metadata = { title: "Impor daftar KIM" };
export const dynamic = "force-dynamic";

/** Upload a list the office keeps; the preview opens at /admin/kim/impor/{id}. */
export default async function KimImportPage() {
  const actor = await requirePageActor(["organiser"], "/admin/kim/impor");
  const [t, locale, recent] = await Promise.all([getTranslations("kimImport"), getLocale(), recentImportBatches(getDb(), actor)]);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <p className="text-sm">
        <Link href="/admin/kim">← {t("back")}</Link>
      </p>
      <PageTitle title={t("title")} subtitle={t("intro")} />
      <section aria-labelledby="h-upload" className="card space-y-3">
        <h2 id="h-upload" className="text-lg font-semibold">
          {t("uploadTitle")}
        </h2>
        <KimImportUploadForm />
      </section>
      <section aria-labelledby="h-columns" className="space-y-2">
        <h2 id="h-columns" className="text-lg font-semibold">
          {t("columnsTitle")}
        </h2>
        <p>{t("columns")}</p>
      </section>
      <section aria-labelledby="h-example" className="space-y-2">
        <h2 id="h-example" className="text-lg font-semibold">
          {t("exampleTitle")}
        </h2>
        {/* The region is named here, not in the catalogue: every page's client messages carry the catalogue, judges' included. */}
        <p className="text-sm text-muted">{t("exampleNote", { region: "Kabupaten Karanganyar" })}</p>
        <ul className="flex flex-wrap gap-x-4 gap-y-1">
          <li>
            <a href="/api/kim/impor/contoh.xlsx" download>
              {t("exampleXlsx")}
            </a>
          </li>
          <li>
            <a href="/api/kim/impor/contoh.csv" download>
              {t("exampleCsv")}
            </a>
          </li>
        </ul>
      </section>
      <section aria-labelledby="h-recent" className="space-y-2">
        <h2 id="h-recent" className="text-lg font-semibold">
          {t("recentTitle")}
        </h2>
        {recent.length === 0 ? (
          <p>{t("noRecent")}</p>
        ) : (
          <ul className="space-y-1">
            {recent.map((b) => (
              <li key={b.id} className="break-words">
                <Link href={`/admin/kim/impor/${b.id}`}>{b.fileName}</Link>{" "}
                <span className="text-sm text-muted">
                  · {formatWib(b.createdAt, locale)} · {t(`batchStatus.${b.status}`)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
