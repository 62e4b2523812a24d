"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { localeCookie, toLocale } from "@/lib/i18n/locales";

const input = z.object({ locale: z.string().max(8) });

/**
 * The page to reload after the switch: the page the form was on (Referer), same origin only,
 * without any locale prefix; else the home page.
 */
function returnPath(referer: string | null, host: string | null): string {
  if (!referer || !host) return "/";
  try {
    const url = new URL(referer);
    if (url.host !== host) return "/";
    return `${url.pathname}${url.search}` || "/";
  } catch {
    return "/";
  }
}

/**
 * The language switch: a plain form post, so it works without JavaScript. Then a redirect to
 * the same page: the rewrite in next.config.mjs picks the locale for each request, so only a new request shows the
 * page in the other language (rendering the answer to this post would still use the old one).
 */
export async function setLocale(formData: FormData): Promise<void> {
  const parsed = input.safeParse({ locale: formData.get("locale") ?? "" });
  const locale = toLocale(parsed.success ? parsed.data.locale : "");
  (await cookies()).set(localeCookie, locale, { path: "/", maxAge: 365 * 86_400, sameSite: "lax" });
  const h = await headers();
  redirect(returnPath(h.get("referer"), h.get("x-forwarded-host") ?? h.get("host")));
}
