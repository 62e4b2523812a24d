import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { hasSessionCookie, sessionHintCookie } from "@/components/layout/session-hint";
import { nulInAddress } from "@/lib/api/handler";
import { authSecret } from "@/lib/auth/secret";
import { secureCookies } from "@/lib/auth/secure-cookies";
import { localeCookie, toLocale } from "@/lib/i18n/locales";
import { translateMessage } from "@/lib/i18n/translate-message";
import { isEmbedPath } from "@/lib/sharing/embed-path";
import { hasNulByte } from "@/lib/text/sanitise";

// next-intl reads this request header when a page does not call setRequestLocale (the dynamic
// role-area pages), the same name its own middleware uses.
const localeHeader = "X-NEXT-INTL-LOCALE";

// The filtered archive's page (app/[locale]/(public)/arsip/saring): next.config.mjs rewrites
// /arsip?<filter> there; it has no public URL of its own.
const filteredArchive = "/arsip/saring";

/** Role areas: /kim/{slug} is a KIM's public profile, only /kim and /kim/{film,kirim,profil,kegiatan}/... are a role area. */
export function isRoleArea(pathname: string): boolean {
  return /^\/(admin|juri|akun)(\/|$)/.test(pathname) || /^\/kim(\/(film|kirim|profil|kegiatan)(\/.*)?)?$/.test(pathname);
}

/** True for the internal filtered-archive path, which is sent back to /arsip. */
export function isInternalPath(pathname: string): boolean {
  return pathname === filteredArchive || pathname.startsWith(`${filteredArchive}/`);
}

/**
 * 1. Sends signed-out visitors of role areas to the sign-in page (a convenience only: every
 *    page, action and route handler still checks the role itself).
 * 2. Tells next-intl the locale (NEXT_LOCALE cookie, default id). The rewrite of /x to
 *    /{locale}/x itself is in next.config.mjs (`rewrites`), not here: a rewrite made by the proxy
 *    is treated as external, and proxied over HTTP, when the server listens on 127.0.0.1
 *    (`next start -H 127.0.0.1`), because Next names the proxy's URL "localhost".
 * 3. Keeps the session hint cookie (components/layout/session-hint.ts) in step with next-auth's
 *    session cookie. It is only written when the two disagree (right after signing in or out).
 *    Never on the embeddable player (/film/{id}/embed), which sets no cookie.
 * 4. Answers 400 to an address with a NUL byte in its path or query: no page takes one, and
 *    PostgreSQL refuses it (a 500 otherwise). JSON routes do the same in jsonRoute.
 */
export async function proxy(request: NextRequest) {
  if (hasNulByte(request.url)) {
    const text = translateMessage(nulInAddress().userMessage, toLocale(request.cookies.get(localeCookie)?.value));
    return new NextResponse(text, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const { pathname, search } = request.nextUrl;
  if (isInternalPath(pathname)) return NextResponse.redirect(new URL(`/arsip${search}`, request.url), 308);
  if (isRoleArea(pathname)) {
    const token = await getToken({ req: request, secret: authSecret(), secureCookie: secureCookies() });
    if (!token) {
      const url = new URL("/masuk", request.url);
      url.searchParams.set("kembali", pathname);
      return NextResponse.redirect(url);
    }
  }
  const headers = new Headers(request.headers);
  headers.set(localeHeader, toLocale(request.cookies.get(localeCookie)?.value));
  const response = NextResponse.next({ request: { headers } });
  // The embeddable player sets no cookie, not even the hint (docs/decisions/0037-sharing.md).
  if (isEmbedPath(pathname)) return response;
  const signedIn = hasSessionCookie(request.cookies.getAll().map((c) => c.name));
  const hinted = request.cookies.has(sessionHintCookie);
  if (signedIn && !hinted) response.cookies.set(sessionHintCookie, "1", { path: "/", sameSite: "lax", maxAge: 12 * 3600, secure: secureCookies() });
  if (!signedIn && hinted) response.cookies.delete(sessionHintCookie);
  return response;
}

// Every page: not the API, Next's assets, or the files at the app root (rss.xml, sitemap.xml and /sitemap/*,
// robots.txt, icon.svg). Paths may contain dots (/wilayah/33.13), so no "has an extension" rule.
export const config = {
  matcher: ["/((?!api/|_next/|rss\\.xml$|sitemap\\.xml$|sitemap/|robots\\.txt$|icon\\.svg$|favicon\\.ico$).*)"],
};
