import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { EditionCard } from "@/components/editions/edition-card";
import { LeanPageMarker } from "@/components/layout/lean-page-marker";
import { PageLinks } from "@/components/layout/page-links";
import { getDb } from "@/lib/db/client";
import { editionSections, listEditionSection, type EditionSection } from "@/lib/editions/list-editions";
import { pageLocale, type LocaleParams } from "@/lib/i18n/page-locale";

const PAGE_SIZE = 24;

// Read per request: the section and page come from the query string.
export const dynamic = "force-dynamic";

type Props = { params: Promise<LocaleParams>; searchParams: Promise<Record<string, string | string[] | undefined>> };

// A hand-edited link falls back to the first section and page rather than an error.
const query = z.object({
  bagian: z.enum(editionSections).catch("published"),
  halaman: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await pageLocale(params);
  const t = await getTranslations("home");
  return { title: t("allTitle") };
}

const href = (section: EditionSection) => `/festival?bagian=${section}`;

/** Every public edition, one section at a time, a page at a time: plain links, no JavaScript needed. */
export default async function FestivalListPage({ params, searchParams }: Props) {
  await pageLocale(params);
  const raw = await searchParams;
  const { bagian, halaman } = query.parse({ bagian: raw.bagian, halaman: raw.halaman });
  const [t, { items, total }] = await Promise.all([getTranslations("home"), listEditionSection(getDb(), bagian, { limit: PAGE_SIZE, offset: (halaman - 1) * PAGE_SIZE })]);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return (
    <div className="space-y-6">
      <LeanPageMarker />
      <h1 className="text-2xl font-bold sm:text-3xl">{t("allTitle")}</h1>
      <nav aria-label={t("sections")}>
        <ul className="flex flex-wrap gap-x-4 gap-y-2">
          {editionSections.map((s) => (
            <li key={s}>
              {s === bagian ? (
                <span aria-current="page" className="font-semibold">
                  {t(s)}
                </span>
              ) : (
                <Link href={href(s)}>{t(s)}</Link>
              )}
            </li>
          ))}
        </ul>
      </nav>
      <h2 className="text-xl font-semibold">{t(bagian)}</h2>
      <p className="font-medium" data-testid="festival-count">
        {t("count", { count: total })}
      </p>
      {items.length === 0 ? (
        <p className="text-muted">{t("none")}</p>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2">
          {items.map((e) => (
            <EditionCard key={e.slug} edition={e} />
          ))}
        </ul>
      )}
      <PageLinks label={t("pagination")} param="halaman" page={halaman} pages={pages} query={{ bagian }} texts={{ previous: t("previous"), next: t("next"), pageOf: t("page", { page: halaman, pages }) }} />
    </div>
  );
}
