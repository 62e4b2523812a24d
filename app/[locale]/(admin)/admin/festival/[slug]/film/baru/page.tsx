import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { EditionRules } from "@/components/films/edition-rules";
import { EntryForKimForm } from "@/components/films/entry-forms";
import { PageTitle } from "@/components/layout/page-title";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { kimsForEntry } from "@/lib/films/kims-for-entry";
import { translateMessage } from "@/lib/i18n/translate-message";

export const metadata: Metadata = { title: "Unggah film untuk KIM" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ q?: string | string[] }> };

/**
 * An organiser enters a film for a KIM that handed it over directly (a flash disk): search
 * the edition's eligible KIMs by name, choose one, confirm it uses one of its slots. The
 * search is a plain GET form and the choice a server action: both work without JavaScript.
 */
export default async function NewEntryForKimPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const raw = (await searchParams).q;
  const query = (Array.isArray(raw) ? raw[0] : raw) ?? "";
  const actor = await requirePageActor(["organiser"], `/admin/festival/${slug}/film/baru`);
  const data = await kimsForEntry(getDb(), actor, slug, query).catch((error: unknown) => {
    if (error instanceof AppError) notFound();
    throw error;
  });
  const [t, locale] = await Promise.all([getTranslations("kirim.admin"), getLocale()]);
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href={`/admin/festival/${slug}/film`}>← {t("back")}</Link>
      </p>
      <PageTitle title={t("newTitle")} subtitle={data.edition.title} />
      <p className="max-w-2xl text-muted">{t("newIntro")}</p>

      {!data.open.open ? (
        <p className="card border-amber-300 bg-amber-50" role="status" data-testid="entry-for-kim-closed">
          {t("closed")} <span className="text-sm">{translateMessage(data.open.reason, locale)}</span>
        </p>
      ) : (
        <section aria-labelledby="h-choose" className="card space-y-4">
          <h2 id="h-choose" className="text-lg font-semibold">
            {t("formTitle")}
          </h2>
          <form method="get" role="search" className="flex flex-wrap items-end gap-2">
            <div className="min-w-0 flex-1">
              <label htmlFor="q" className="mb-1 block font-medium">
                {t("searchLabel")}
              </label>
              <input id="q" name="q" type="search" defaultValue={query} className="field" autoComplete="off" />
            </div>
            <button type="submit" className="btn-quiet">
              {t("searchButton")}
            </button>
          </form>
          <p className="text-sm" role="status">
            {t("results", { count: data.total })}
            {data.total > data.kims.length && ` ${t("resultsMore", { shown: data.kims.length })}`}
          </p>
          {data.kims.length > 0 && <EntryForKimForm editionSlug={slug} kims={data.kims} limit={data.limit} />}
        </section>
      )}

      <div className="card">
        <EditionRules rules={data.rules} regionName={data.edition.regionName} headingId="h-rules" />
      </div>
    </div>
  );
}
