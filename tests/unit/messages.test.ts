import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve("messages");

function load(locale: string): Record<string, unknown> {
  const messages = JSON.parse(fs.readFileSync(path.join(root, `${locale}.json`), "utf8"));
  const dir = path.join(root, locale);
  if (fs.existsSync(dir)) for (const f of fs.readdirSync(dir)) messages[f.replace(/\.json$/, "")] = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"));
  return messages;
}

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("interface text", () => {
  it("has every Indonesian text in English too, and nothing only in English", () => {
    expect(keys(load("en")).sort()).toEqual(keys(load("id")).sort());
  });
  it("uses the same placeholders in both languages", () => {
    const id = load("id");
    const en = load("en");
    const at = (obj: Record<string, unknown>, key: string) => key.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], obj) as string;
    for (const key of keys(id)) {
      const names = (text: string) => [...new Set([...text.matchAll(/\{(\w+)(?=[,}])/g)].map((m) => m[1]))].sort();
      expect(names(at(en, key)), key).toEqual(names(at(id, key)));
    }
  });
});
