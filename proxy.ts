import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { authSecret } from "@/lib/auth/secret";
import { hasSessionCookie, sessionHintCookie } from "@/components/layout/session-hint";
import { localeCookie, toLocale } from "@/lib/i18n/locales";

// next-intl reads this request header when a page does not call setRequestLocale (the dynamic
// role-area pages), the same name its own middleware uses.
const localeHeader = "X-NEXT-INTL-LOCALE";

/** Role areas: /kim/{slug} is a KIM's public profile, only /kim and /kim/film/... are a role area. */
export function isRoleArea(pathname: string): boolean {
  return /^\/(admin|juri|akun)(\/|$)/.test(pathname) || /^\/kim(\/film(\/.*)?)?$/.test(pathname);
}

// The filtered archive is rendered per request, the plain /arsip is static: same public URL.
const filteredArchive = "/arsip/saring";

/** The path under /{locale} that answers a public path. */
export function internalPath(pathname: string, search: string): string {
  if (pathname === "/") return "";
  if (pathname === "/arsip" && search.length > 1) return filteredArchive;
  // Internal only: no second URL for the archive (the catch-all answers 404).
  if (pathname === filteredArchive || pathname.startsWith(`${filteredArchive}/`)) return `/_internal${pathname}`;
  return pathname;
}

/**
 * 1. Sends signed-out visitors of role areas to the sign-in page (a convenience only: every
 *    page, action and route handler still checks the role itself).
 * 2. Rewrites every page request to /{locale}/... (app/[locale]), the locale from the
 *    NEXT_LOCALE cookie (default id): URLs stay unprefixed (docs/decisions/0004), and each
 *    locale's copy of a static page is cached apart. A direct /id/... or /en/... URL becomes
 *    /{locale}/id/..., which no route matches: 404, so there are no duplicate public URLs.
 * 3. Keeps the session hint cookie (components/layout/session-hint.ts) in step with next-auth's
 *    session cookie. It is only written when the two disagree (right after signing in or out).
 */
export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (isRoleArea(pathname)) {
    const token = await getToken({ req: request, secret: authSecret() });
    if (!token) {
      const url = new URL("/masuk", request.url);
      url.searchParams.set("kembali", pathname);
      return NextResponse.redirect(url);
    }
  }
  const locale = toLocale(request.cookies.get(localeCookie)?.value);
  const url = request.nextUrl.clone();
  url.pathname = `/${locale}${internalPath(pathname, request.nextUrl.search)}`;
  const headers = new Headers(request.headers);
  headers.set(localeHeader, locale);
  const response = NextResponse.rewrite(url, { request: { headers } });
  const signedIn = hasSessionCookie(request.cookies.getAll().map((c) => c.name));
  const hinted = request.cookies.has(sessionHintCookie);
  if (signedIn && !hinted) response.cookies.set(sessionHintCookie, "1", { path: "/", sameSite: "lax", maxAge: 12 * 3600 });
  if (!signedIn && hinted) response.cookies.delete(sessionHintCookie);
  return response;
}

// Every page: not the API, Next's assets, or the files at the app root (rss.xml, sitemap.xml,
// robots.txt, icon.svg). Paths may contain dots (/wilayah/33.13), so no "has an extension" rule.
export const config = {
  matcher: ["/((?!api/|_next/|rss\\.xml$|sitemap\\.xml$|robots\\.txt$|icon\\.svg$|favicon\\.ico$).*)"],
};
