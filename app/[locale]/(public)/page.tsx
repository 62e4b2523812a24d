import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { EditionCard } from "@/components/editions/edition-card";
import { getDb } from "@/lib/db/client";
import { editionSections, listEditionSection } from "@/lib/editions/list-editions";
import { pageLocale, type LocaleParams } from "@/lib/i18n/page-locale";
import { LeanPageMarker } from "@/components/layout/lean-page-marker";

export const revalidate = 60; // seconds; publishing revalidates at once (docs/decisions/0007)

/** Editions per section on the home page; the rest are on /festival (docs/decisions/0039). */
const HOME_SECTION_SIZE = 6;

export default async function HomePage({ params }: { params: Promise<LocaleParams> }) {
  await pageLocale(params);
  const db = getDb();
  const [t, sections] = await Promise.all([
    getTranslations("home"),
    Promise.all(editionSections.map(async (key) => ({ key, ...(await listEditionSection(db, key, { limit: HOME_SECTION_SIZE })) }))),
  ]);
  return (
    <div className="space-y-8">
      <LeanPageMarker />
      <section>
        <h1 className="text-2xl font-bold sm:text-3xl">{t("title")}</h1>
        <p className="mt-2 max-w-2xl text-muted">{t("intro")}</p>
        <p className="mt-3 flex flex-wrap gap-3">
          <Link href="/wilayah/33.13">{t("exploreRegion")}</Link>
          <Link href="/daftar">{t("registerCta")}</Link>
        </p>
      </section>
      {sections.map((s) => (
        <section key={s.key} aria-labelledby={`h-${s.key}`}>
          <h2 id={`h-${s.key}`} className="mb-3 text-xl font-semibold">
            {t(s.key)}
          </h2>
          {s.items.length === 0 ? (
            <p className="text-muted">{t("none")}</p>
          ) : (
            <ul className="grid gap-3 sm:grid-cols-2">
              {s.items.map((e) => (
                <EditionCard key={e.slug} edition={e} />
              ))}
            </ul>
          )}
          {s.total > s.items.length && (
            <p className="mt-3">
              <Link href={`/festival?bagian=${s.key}`} data-testid={`all-${s.key}`}>
                {t("all", { count: s.total })}
              </Link>
            </p>
          )}
        </section>
      ))}
    </div>
  );
}
