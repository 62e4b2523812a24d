import fs from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { url } from "./helpers";

// Reading the judge's and the organiser's pages of the demo data over HTTP, for
// the judging and blind tests. The demo judge from Kota Surakarta scores six
// films of the Jawa Tengah sample edition (Karanganyar and Wonogiri KIMs).

export const judgeEmail = "juri.surakarta@layar.test";
export const provinceOrganiserEmail = "admin.jateng@layar.test";
export const judgingEditionTitle = /Lomba Film Pendek KIM Jawa Tengah \d{4} \(contoh\)/;
export const judgeViewport = { width: 390, height: 844 };

export const get = (pathname: string, cookie: string, headers: Record<string, string> = {}) => fetch(url(pathname), { headers: { Cookie: cookie, ...headers }, redirect: "manual" });

/** Text as a reader sees it: tags, React's text separators and entities gone. */
export function textOf(html: string): string {
  return html
    .replace(/<!-- -->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}

/** The server HTML plus the RSC payload it carries (decoded from its script strings). */
export function withFlight(html: string): string {
  const flight = [...html.matchAll(/self\.__next_f\.push\(\[1,("(?:[^"\\]|\\.)*")\]\)/g)].map((m) => JSON.parse(m[1]) as string);
  return [html, ...flight].join("\n");
}

/** The slug of the sample edition in judging, from the link on the judge's dashboard. */
export async function judgingEditionSlug(judgeCookie: string): Promise<string> {
  const response = await get("/juri", judgeCookie);
  expect(response.status).toBe(200);
  const html = await response.text();
  for (const [, slug, inner] of html.matchAll(/<a [^>]*href="\/juri\/([a-z0-9-]+)"[^>]*>([\s\S]*?)<\/a>/g)) {
    if (judgingEditionTitle.test(textOf(inner))) return slug;
  }
  throw new Error("the judge's dashboard links to no Jawa Tengah judging edition");
}

export type QueueItem = { code: string; title: string; assignmentId: string; state: string };

/** The judge's queue of one edition, as /juri/<slug> lists it. */
export async function judgeQueueOf(judgeCookie: string, slug: string): Promise<QueueItem[]> {
  const response = await get(`/juri/${slug}`, judgeCookie);
  expect(response.status).toBe(200);
  const html = await response.text();
  return html
    .split("<li")
    .slice(1)
    .filter((chunk) => chunk.includes("data-code="))
    .map((chunk) => {
      const code = chunk.match(/data-code="([^"]+)"/)![1];
      const assignmentId = chunk.match(/href="\/juri\/nilai\/([0-9a-f-]{36})"/)![1];
      const state = textOf(chunk.match(/data-testid="sheet-state"[^>]*>([\s\S]*?)<\/span>/)![1]);
      const title = textOf(chunk.match(/<p class="break-words">([\s\S]*?)<\/p>/)![1]);
      return { code, title, assignmentId, state };
    });
}

export type Submission = { filmId: string; code: string; title: string; kimName: string; regencyName: string };

/** The organiser's list of an edition's films: code, KIM and regency (what judges must never see). */
export async function submissionsOf(organiserCookie: string, slug: string): Promise<Submission[]> {
  const response = await get(`/admin/festival/${slug}/film`, organiserCookie);
  expect(response.status).toBe(200);
  const html = await response.text();
  const list = html.slice(html.indexOf('data-testid="submissions"'));
  return list
    .split("<li")
    .slice(1)
    .map((chunk) => {
      const [codeAndTitle] = [...chunk.matchAll(/<span class="font-semibold">([\s\S]*?)<\/span>/g)].map((m) => textOf(m[1]));
      const [code, ...title] = codeAndTitle.split(" · ");
      const facts = textOf(chunk.match(/<p class="text-sm text-muted">([\s\S]*?)<\/p>/)![1]).split(" · ");
      const filmId = chunk.match(/\/api\/films\/([0-9a-f-]{36})\//)?.[1] ?? "";
      return { filmId, code, title: title.join(" · "), kimName: facts[0], regencyName: facts[1] };
    });
}

export type KimFacts = { name: string; slug: string; villageName: string | null; districtName: string; regencyName: string };

/** The public KIM directory of a regency (GET /api/v1/kim?regency=...). */
export async function kimDirectory(regency: string): Promise<KimFacts[]> {
  const response = await fetch(url(`/api/v1/kim?regency=${regency}`));
  expect(response.status).toBe(200);
  return ((await response.json()) as { kims: KimFacts[] }).kims;
}

/**
 * The texts that name a film's origin: KIM name (with and without the "(contoh)"
 * mark), its slug, village, district and regency.
 */
export function originNames(kim: KimFacts): string[] {
  return [...new Set([kim.name, kim.name.replace(/\s*\(contoh\)$/, ""), kim.slug, kim.villageName, kim.districtName, kim.regencyName].filter((s): s is string => Boolean(s)))];
}

/** Every text of the interface catalogue (both languages): the same on every page, so it names no film. */
export function catalogueTexts(): string[] {
  const out: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === "string") out.push(value);
    else if (value && typeof value === "object") Object.values(value).forEach(walk);
  };
  for (const locale of ["id", "en"]) {
    const root = path.resolve("messages");
    walk(JSON.parse(fs.readFileSync(path.join(root, `${locale}.json`), "utf8")));
    const dir = path.join(root, locale);
    if (fs.existsSync(dir)) for (const f of fs.readdirSync(dir)) walk(JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")));
  }
  return out;
}
