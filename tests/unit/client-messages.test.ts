import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import idMessages from "@/messages/id.json";
import { clientMessages, clientNamespaces } from "@/lib/i18n/client-messages";

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

/** Top-level namespaces a client component reads: useTranslations("ns…"), or t("ns.…") after useTranslations(). */
function namespacesRead(source: string): string[] {
  const found = [...source.matchAll(/useTranslations\("([^".]+)/g)].map((m) => m[1]);
  if (source.includes("useTranslations()")) found.push(...[...source.matchAll(/\bt[a-zA-Z]*\("([a-zA-Z]+)\./g)].map((m) => m[1]));
  return found;
}

describe("the catalogue in the page", () => {
  const clientFiles = ["components", "app", "lib"].flatMap((d) => files(path.resolve(d))).filter((f) => /^\s*["']use client["']/.test(fs.readFileSync(f, "utf8")));

  it("holds every namespace a client component reads", () => {
    expect(clientFiles.length).toBeGreaterThan(10);
    const missing = clientFiles.flatMap((f) => namespacesRead(fs.readFileSync(f, "utf8")).filter((ns) => !(clientNamespaces as readonly string[]).includes(ns)).map((ns) => `${path.relative(process.cwd(), f)}: ${ns}`));
    expect(missing).toEqual([]);
  });

  it("leaves out what only the server reads", () => {
    const all = { ...idMessages, publik: { title: "x" }, penjurian: { a: "b" } };
    const picked = clientMessages(all);
    expect(Object.keys(picked)).toContain("penjurian");
    expect(Object.keys(picked)).not.toContain("publik");
    expect(Object.keys(picked)).not.toContain("home");
  });
});
