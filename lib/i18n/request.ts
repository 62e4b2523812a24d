import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { localeCookie, toLocale } from "./locales";

// Locale comes from a cookie (set by the language switch), not the URL: links stay
// short and shareable, and Indonesian is what a first visit sees.
export default getRequestConfig(async () => {
  const locale = toLocale((await cookies()).get(localeCookie)?.value);
  return {
    locale,
    timeZone: "Asia/Jakarta",
    messages: (await import(`../../messages/${locale}.json`)).default,
  };
});
