import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { defaultLocale } from "@/lib/i18n/locales";
import "./globals.css";

// Only for URLs outside app/[locale] (next.config.mjs rewrites every page request into it, where
// app/[locale]/not-found.tsx answers): no locale is known here, so Indonesian.
export default async function RootNotFound() {
  const t = await getTranslations({ locale: defaultLocale, namespace: "errors" });
  return (
    <html lang={defaultLocale}>
      <body className="min-h-screen font-sans antialiased">
        <main className="mx-auto max-w-md space-y-3 px-4 py-12 text-center">
          <h1 className="text-2xl font-bold">{t("notFoundTitle")}</h1>
          <p>{t("notFound")}</p>
          <Link href="/">{t("backHome")}</Link>
        </main>
      </body>
    </html>
  );
}
