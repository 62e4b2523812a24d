import fs from "node:fs";
import path from "node:path";

/** Every interface text of a locale, as lib/i18n/request.ts loads it: <locale>.json plus one namespace per file in <locale>/. */
export function messagesFor(locale: string): Record<string, unknown> {
  const root = path.resolve("messages");
  const all = JSON.parse(fs.readFileSync(path.join(root, `${locale}.json`), "utf8"));
  for (const f of fs.readdirSync(path.join(root, locale)).filter((f) => f.endsWith(".json"))) all[f.replace(/\.json$/, "")] = JSON.parse(fs.readFileSync(path.join(root, locale, f), "utf8"));
  return all;
}
