import { AppError, toErrorResponse } from "@/lib/errors";
import { localeCookie, toLocale, type Locale } from "@/lib/i18n/locales";
import { translateMessage } from "@/lib/i18n/translate-message";
import { hasNulByte } from "@/lib/text/sanitise";

type Handler<C> = (request: Request, context: C) => Promise<Response>;

/** The reader's language from the request's NEXT_LOCALE cookie (Indonesian without one). */
export function requestLocale(request: Request): Locale {
  return localeFromCookieHeader(request.headers.get("cookie") ?? "");
}

/** The NEXT_LOCALE value of a Cookie header, as a locale. */
export function localeFromCookieHeader(cookie: string): Locale {
  const value = cookie
    .split(";")
    .map((part) => part.trim().split("="))
    .find(([name]) => name === localeCookie)?.[1];
  return toLocale(value);
}

/** What a request with a NUL byte in its address gets (no route, page or query accepts one). */
export const nulInAddress = () => new AppError("bad_request", { userMessage: "Alamat berisi karakter yang tidak diizinkan." });

/**
 * Wraps a route handler so every failure answers JSON with a message and never a stack, in
 * the reader's language. A NUL byte in the path or query is a 400 before the handler runs.
 */
export function jsonRoute<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    try {
      if (hasNulByte(request.url)) throw nulInAddress();
      return await handler(request, context);
    } catch (error) {
      const locale = requestLocale(request);
      return toErrorResponse(error, (text) => translateMessage(text, locale), locale);
    }
  };
}

/** Public read data: browsers and CDNs may keep it for a minute. */
export const publicCache = { "Cache-Control": "public, max-age=60, stale-while-revalidate=300" };
