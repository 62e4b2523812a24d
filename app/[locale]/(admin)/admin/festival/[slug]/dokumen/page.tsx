import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { DocumentSettingsForm } from "@/components/admin/document-settings-form";
import { PageTitle } from "@/components/layout/page-title";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/client";
import { documentAvailability, type DocumentAvailability } from "@/lib/documents/document-list";
import { logoPreview } from "@/lib/documents/document-settings";
import { AppError } from "@/lib/errors";
import { formatWib } from "@/lib/format/dates";
import { organiserEdition } from "@/lib/judging/assignment-plan";
import { getStorage } from "@/lib/storage";

export const metadata: Metadata = { title: "Dokumen" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

/** "rekap-titik.csv" -> "rekap_titik_csv": message keys cannot hold dots. */
const docKey = (doc: string) => doc.replace(/[.-]/g, "_");

/** The edition's documents (what, from when) and the settings printed on them (signatory, number, logo). */
export default async function DocumentsAdminPage({ params }: Props) {
  const { slug } = await params;
  const actor = await requirePageActor(["organiser"], `/admin/festival/${slug}/dokumen`);
  const db = getDb();
  const edition = await organiserEdition(db, actor, slug).catch((error: unknown) => {
    if (error instanceof AppError) notFound();
    throw error;
  });
  const [availability, preview, t, locale] = await Promise.all([
    documentAvailability(db, edition),
    edition.documents?.logoKey ? getStorage().then((storage) => logoPreview(storage, edition.documents)) : Promise.resolve(null),
    getTranslations("dokumen"),
    getLocale(),
  ]);
  const documents = edition.documents ?? {};
  const stateLine = (d: DocumentAvailability) => {
    switch (d.state) {
      case "later":
        return t("state.later");
      case "none":
        return t(`state.none.${d.doc === "piagam.pdf" ? "winners" : "issued"}`);
      case "draft":
        return availability.publicFrom ? t("state.draftScheduled", { date: formatWib(availability.publicFrom, locale) }) : t("state.draft");
      case "ready":
        return d.count === undefined ? t("state.ready") : t("state.readyPiagam", { date: formatWib(availability.publicFrom, locale) });
    }
  };

  return (
    <div className="space-y-6">
      <PageTitle title={t("page.title")} subtitle={edition.title} />

      <section aria-labelledby="h-documents" className="card space-y-3">
        <h2 id="h-documents" className="text-lg font-semibold">
          {t("page.documents")}
        </h2>
        <p className="text-sm text-muted">{t("page.documentsIntro")}</p>
        <ul className="divide-y divide-line" data-testid="document-list">
          {availability.documents.map((d) => (
            <li key={d.doc} className="space-y-1 break-words py-3">
              <p className="font-medium">
                {d.state === "later" || d.state === "none" ? (
                  t(`docs.${docKey(d.doc)}.label`)
                ) : (
                  <a href={`/api/festival/${edition.slug}/dokumen/${d.doc}`} download>
                    {t(`docs.${docKey(d.doc)}.label`)}
                  </a>
                )}
                {d.count !== undefined && d.count > 0 && <span className="ml-2 text-sm font-normal text-muted">{t("page.pages", { count: d.count })}</span>}
              </p>
              <p className="text-sm">{t(`docs.${docKey(d.doc)}.about`)}</p>
              <p className={`text-sm ${d.state === "draft" ? "text-amber-900" : "text-muted"}`}>
                {d.state === "draft" && <span className="badge mr-2 bg-amber-100 text-amber-900">{t("page.draftBadge")}</span>}
                {stateLine(d)}
              </p>
            </li>
          ))}
        </ul>
        <p className="text-sm text-muted">{t("page.ownCopies")}</p>
      </section>

      <section aria-labelledby="h-settings" className="card space-y-3">
        <h2 id="h-settings" className="text-lg font-semibold">
          {t("settings.title")}
        </h2>
        <p className="text-sm text-muted">{t("settings.intro")}</p>
        <DocumentSettingsForm
          slug={edition.slug}
          current={{ signatoryName: documents.signatoryName, signatoryPosition: documents.signatoryPosition, signatoryNip: documents.signatoryNip, beritaAcaraNumber: documents.beritaAcaraNumber }}
          logoPreview={preview}
        />
      </section>
    </div>
  );
}
