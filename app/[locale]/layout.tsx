import type { Metadata, Viewport } from "next";
import { notFound } from "next/navigation";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations, setRequestLocale } from "next-intl/server";
import { SiteHeader } from "@/components/layout/site-header";
import { clientMessages } from "@/lib/i18n/client-messages";
import { locales, type Locale } from "@/lib/i18n/locales";
import "../globals.css";

type Props = { params: Promise<{ locale: string }> };

function isLocale(value: string): value is Locale {
  return (locales as readonly string[]).includes(value);
}

// The URL has no locale prefix: next.config.mjs rewrites /arsip to /{locale}/arsip from the NEXT_LOCALE
// cookie, so each locale's copy of a page renders (and caches) on its own. No locale is
// prerendered by `next build` (the build has no database to read): each static page renders
// on its first request and is then served from the cache (docs/decisions/0007).
export function generateStaticParams(): { locale: string }[] {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: isLocale(locale) ? locale : "id", namespace: "app" });
  return { title: { default: `Layar — ${t("tagline")}`, template: "%s · Layar" }, description: t("tagline") };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#0f5f5c" };

export default async function LocaleLayout({ children, params }: Props & { children: React.ReactNode }) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  setRequestLocale(locale);
  const [t, messages] = await Promise.all([getTranslations("app"), getMessages()]);
  return (
    <html lang={locale}>
      <body className="min-h-screen font-sans antialiased">
        {/* Only what client components read goes into the page (lib/i18n/client-messages.ts). */}
        <NextIntlClientProvider messages={clientMessages(messages)}>
          <a href="#konten" className="sr-only focus:not-sr-only focus:absolute focus:m-2 focus:rounded focus:bg-white focus:p-2">
            {t("skip")}
          </a>
          <SiteHeader />
          <main id="konten" className="mx-auto w-full max-w-5xl px-4 py-6">
            {children}
          </main>
          <footer className="mx-auto max-w-5xl px-4 pb-8 pt-4 text-sm text-muted">{t("footer")}</footer>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
