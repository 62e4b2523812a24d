"use server";

import { cookies } from "next/headers";
import { localeCookie, toLocale } from "@/lib/i18n/locales";

/** The language switch: a plain form post, so it works without JavaScript. */
export async function setLocale(formData: FormData): Promise<void> {
  const locale = toLocale(String(formData.get("locale") ?? ""));
  (await cookies()).set(localeCookie, locale, { path: "/", maxAge: 365 * 86_400, sameSite: "lax" });
}
