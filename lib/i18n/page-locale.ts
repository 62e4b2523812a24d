import { setRequestLocale } from "next-intl/server";
import { toLocale, type Locale } from "./locales";

export type LocaleParams = { locale: string };

/**
 * For a page (and its generateMetadata) under app/[locale]: hands the segment's locale to
 * next-intl, so its server functions need no request header and the page can be static.
 */
export async function pageLocale(params: Promise<LocaleParams>): Promise<Locale> {
  const locale = toLocale((await params).locale);
  setRequestLocale(locale);
  return locale;
}

/** Static pages under a dynamic segment render on first request, then from the cache (ISR). */
export function noPrebuiltParams(): never[] {
  return [];
}
