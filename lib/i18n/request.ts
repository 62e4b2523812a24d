import fs from "node:fs";
import path from "node:path";
import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { env } from "@/lib/env";
import { localeCookie, toLocale, type Locale } from "./locales";

type Messages = Record<string, unknown>;
const cache = new Map<Locale, Messages>();

/**
 * messages/<locale>.json plus every messages/<locale>/<area>.json (one namespace per
 * file, named after it), so features keep their texts apart.
 */
function loadMessages(locale: Locale): Messages {
  // Read once per process in production; in development on every request, so a text edited
  // while `next dev` runs shows at once.
  const cached = env().NODE_ENV === "production" ? cache.get(locale) : undefined;
  if (cached) return cached;
  const root = path.join(process.cwd(), "messages");
  const messages = JSON.parse(fs.readFileSync(path.join(root, `${locale}.json`), "utf8")) as Messages;
  const dir = path.join(root, locale);
  if (fs.existsSync(dir)) {
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
      messages[file.replace(/\.json$/, "")] = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
    }
  }
  cache.set(locale, messages);
  return messages;
}

// Locale comes from a cookie (set by the language switch), not the URL: links stay short and
// shareable, and Indonesian is what a first visit sees. next.config.mjs rewrites each page request to
// /{locale}/... from that cookie; pages and layouts under app/[locale] pass the segment on with
// setRequestLocale (so they can be static). A dynamic page that does not falls back to the
// cookie, which is the same value the rewrite used.
export default getRequestConfig(async ({ requestLocale }) => {
  const requested = await requestLocale;
  const locale = requested ? toLocale(requested) : toLocale((await cookies()).get(localeCookie)?.value);
  return { locale, timeZone: "Asia/Jakarta", messages: loadMessages(locale) };
});
