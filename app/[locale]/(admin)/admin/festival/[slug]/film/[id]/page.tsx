import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { EntryEditor } from "@/components/films/entry-editor";
import { PageTitle } from "@/components/layout/page-title";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/client";
import { organiserMayEnter } from "@/lib/editions/submission-window";
import { AppError } from "@/lib/errors";
import { getEntry } from "@/lib/films/kim-film";
import { translateMessage } from "@/lib/i18n/translate-message";

export const metadata: Metadata = { title: "Film KIM" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string; id: string }> };

/**
 * A KIM's film as the organiser enters it for the KIM: the same details, poster, subtitle and
 * video upload as the KIM's own page, while the edition takes entries. Every change is
 * audited with the KIM's name; the film stays the KIM's.
 */
export default async function OrganiserEntryPage({ params }: Props) {
  const { slug, id } = await params;
  const actor = await requirePageActor(["organiser"], `/admin/festival/${slug}/film/${id}`);
  const entry = await getEntry(getDb(), actor, id).catch((error: unknown) => {
    if (error instanceof AppError) notFound();
    throw error;
  });
  if (entry.edition.slug !== slug) notFound();
  const [t, te, tf, locale] = await Promise.all([getTranslations("kirim"), getTranslations("entry"), getTranslations("filmStatus"), getLocale()]);
  const { film, kim } = entry;
  const window = organiserMayEnter(entry.edition);
  const open = window.open && film.status !== "ditarik";

  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href={`/admin/festival/${slug}/film`}>← {t("admin.back")}</Link>
      </p>
      <PageTitle title={film.title} subtitle={`${t("admin.entryTitle", { code: film.code })} · ${kim.name}`} />
      <section aria-labelledby="h-status" className="card space-y-2">
        <h2 id="h-status" className="text-lg font-semibold">
          {te("status")}: <span data-testid="film-status">{tf(film.status)}</span>
        </h2>
        {film.statusReason && <p>{translateMessage(film.statusReason, locale)}</p>}
        <p data-testid="on-behalf">{t("admin.onBehalf", { kim: kim.name })}</p>
        <p className="text-sm">{window.open ? t("entry.organiserOpen") : `${t("admin.closed")} ${translateMessage(window.reason, locale)}`}</p>
      </section>
      <EntryEditor entry={entry} open={open} />
    </div>
  );
}
