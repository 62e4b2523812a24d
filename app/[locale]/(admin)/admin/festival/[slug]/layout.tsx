import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { EditionTabs } from "@/components/admin/edition-tabs";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { organiserEdition } from "@/lib/judging/assignment-plan";
import { takesNominations } from "@/lib/nominations/rules";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }>; children: React.ReactNode };

/** Every page of one edition for its organisers: who may see it is checked here and again on each page. */
export default async function EditionAdminLayout({ params, children }: Props) {
  const { slug } = await params;
  const actor = await requirePageActor(["organiser"], `/admin/festival/${slug}`);
  const edition = await organiserEdition(getDb(), actor, slug).catch((error: unknown) => {
    if (error instanceof AppError) notFound();
    throw error;
  });
  const [t, tf] = await Promise.all([getTranslations("editionNav"), getTranslations("favorit")]);
  const base = `/admin/festival/${edition.slug}`;
  const tabs = [
    { href: `${base}/pengaturan`, label: t("settings") },
    { href: `${base}/film`, label: t("entries") },
    { href: `${base}/juri`, label: t("judges") },
    { href: `${base}/penjurian`, label: t("judging") },
    { href: `${base}/hasil`, label: t("results") },
    // Nominations (docs/decisions/0035): a provincial edition that takes them, a published regency edition that sends them.
    ...(takesNominations(edition) || (edition.level === "kabupaten" && edition.status === "diumumkan") ? [{ href: `${base}/nominasi`, label: t("nominations") }] : []),
    { href: `${base}/favorit`, label: tf("tab") },
    { href: `${base}/dokumen`, label: t("documents") },
    { href: `/admin/audit?edisi=${edition.slug}`, label: t("audit") },
  ];
  return (
    <div>
      <p className="mb-2 text-sm">
        <Link href="/admin">← {t("back")}</Link> · <span className="text-muted">{edition.title}</span>
      </p>
      <EditionTabs tabs={tabs} label={t("label", { title: edition.title })} />
      {children}
    </div>
  );
}
