import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { formatDateWib } from "@/lib/format/dates";
import type { listPublicEditions } from "@/lib/editions/list-editions";

type Edition = Awaited<ReturnType<typeof listPublicEditions>>[number];

export async function EditionCard({ edition }: { edition: Edition }) {
  const [t, locale] = await Promise.all([getTranslations(), getLocale()]);
  const when =
    edition.status === "pendaftaran"
      ? t("home.closes", { date: formatDateWib(edition.submissionClosesAt, locale) })
      : edition.status === "penjurian"
        ? t("home.judgingCloses", { date: formatDateWib(edition.judgingClosesAt, locale) })
        : edition.publishedAt
          ? t("home.published_on", { date: formatDateWib(edition.publishedAt, locale) })
          : null;
  return (
    <li className="card">
      <h3 className="text-lg font-semibold leading-snug">
        <Link href={`/festival/${edition.slug}`}>{edition.title}</Link>
      </h3>
      <p className="mt-1 text-sm text-muted">
        {t(`level.${edition.level}`)} · {edition.regionName} · {edition.year ?? edition.periodNote ?? t("home.yearUnknown")}
      </p>
      {edition.theme && <p className="mt-2">{t("home.theme", { theme: edition.theme })}</p>}
      {when && <p className="mt-2 text-sm">{when}</p>}
    </li>
  );
}
