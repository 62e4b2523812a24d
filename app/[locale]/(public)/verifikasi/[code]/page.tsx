import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/layout/page-title";
import { getDb } from "@/lib/db/client";
import { noPrebuiltParams, pageLocale, type LocaleParams } from "@/lib/i18n/page-locale";
import { regionTitle } from "@/lib/documents/labels";
import { verifyCertificate } from "@/lib/documents/verify-certificate";

export const revalidate = 60; // seconds; publishing revalidates at once (docs/decisions/0007)
export const generateStaticParams = noPrebuiltParams;

type Props = { params: Promise<LocaleParams & { code: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await pageLocale(params);
  const t = await getTranslations("dokumen.verify");
  return { title: t("metaTitle"), robots: { index: false, follow: false }, referrer: "no-referrer" };
}

/** Opened from the QR code on a piagam: says whether the certificate is genuine, without JavaScript. */
export default async function VerifyCertificatePage({ params }: Props) {
  await pageLocale(params);
  const { code } = await params;
  const shown = readable(code).slice(0, 64);
  const [certificate, t] = await Promise.all([verifyCertificate(getDb(), shown), getTranslations("dokumen.verify")]);

  return (
    <div className="mx-auto max-w-xl space-y-4">
      <PageTitle title={t("title")} />
      <p>
        {t("codeLabel")}: <span className="break-all font-mono font-semibold">{certificate?.code ?? shown}</span>
      </p>
      {certificate ? (
        <section aria-labelledby="h-verdict" className="rounded-lg border-2 border-emerald-700 bg-emerald-50 p-4">
          <h2 id="h-verdict" className="mb-2 flex items-center gap-2 text-xl font-bold text-emerald-900">
            <span aria-hidden="true">✓</span>
            {t("validTitle")}
          </h2>
          <p className="mb-3">{t("validIntro")}</p>
          <dl className="grid grid-cols-1 gap-x-4 gap-y-2 sm:grid-cols-[auto_1fr]">
            <Row term={certificate.kind === "juri" ? t("judge") : t("kim")} value={certificate.holderName} />
            {certificate.filmTitle && <Row term={t("film")} value={certificate.filmTitle} />}
            <Row term={t("award")} value={certificate.kind === "peserta" || certificate.kind === "juri" ? t(`kinds.${certificate.kind}`) : certificate.award} />
            {certificate.categoryName && <Row term={t("category")} value={certificate.categoryName} />}
            <Row term={t("edition")} value={certificate.editionTitle} />
            {certificate.year && <Row term={t("year")} value={String(certificate.year)} />}
            <Row term={t("region")} value={regionTitle(certificate)} />
          </dl>
        </section>
      ) : (
        <section aria-labelledby="h-verdict" className="rounded-lg border-2 border-amber-600 bg-amber-50 p-4">
          <h2 id="h-verdict" className="mb-2 flex items-center gap-2 text-xl font-bold text-amber-900">
            <span aria-hidden="true">!</span>
            {t("unknownTitle")}
          </h2>
          <p className="mb-2">{t("unknownIntro")}</p>
          <p>{t("unknownHelp")}</p>
        </section>
      )}
      <p>
        <Link href="/">{t("home")}</Link>
      </p>
    </div>
  );
}

/** The code as typed; a malformed %-escape is shown as it came. */
function readable(code: string): string {
  try {
    return decodeURIComponent(code);
  } catch {
    return code;
  }
}

function Row({ term, value }: { term: string; value: string }) {
  return (
    <>
      <dt className="font-semibold text-muted sm:font-normal">{term}</dt>
      <dd className="mb-1 break-words font-medium sm:mb-0">{value}</dd>
    </>
  );
}
