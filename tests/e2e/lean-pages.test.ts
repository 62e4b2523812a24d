import zlib from "node:zlib";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { browserAvailable, expectNoPageErrors, launchBrowser, newContext, signIn, url } from "./helpers";

// The reading pages as a phone on a metered line receives them from server.mjs
// (docs/decisions/0029): no Next runtime, a kilobyte of script, compressed once,
// with validators; and the header still knows who is signed in.
type Edition = { slug: string; status: string; isSample: boolean; isHistorical: boolean; title: string };

const jsBudget = 25 * 1024;

async function readingPages(): Promise<string[]> {
  const editions = ((await (await fetch(url("/api/v1/editions"))).json()) as { editions: Edition[] }).editions;
  const published = editions.find((e) => e.status === "diumumkan" && e.isSample && !e.isHistorical)!;
  const html = await (await fetch(url(`/festival/${published.slug}`))).text();
  const film = /href="(\/film\/[0-9a-f-]{36})"/.exec(html)?.[1];
  const kim = /href="(\/kim\/[a-z0-9-]+)"/.exec(html)?.[1];
  expect(film && kim).toBeTruthy();
  return ["/", `/festival/${published.slug}`, film!, "/arsip", "/arsip?q=sawah", kim!, "/wilayah/33.13", "/wilayah/33"];
}

/** Gzip bytes of every script the page makes the browser run: inline ones and files. */
async function scriptBytes(html: string): Promise<{ gzip: number; files: string[] }> {
  let gzip = 0;
  const files: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const src = /\ssrc="([^"]+)"/.exec(` ${m[1]}`)?.[1];
    if (src) {
      files.push(src);
      gzip += zlib.gzipSync(Buffer.from(await (await fetch(url(src))).arrayBuffer())).length;
    } else gzip += zlib.gzipSync(m[2]).length;
  }
  for (const m of html.matchAll(/<link\b[^>]*rel="(?:modulepreload|preload)"[^>]*as="script"[^>]*>/gi)) files.push(m[0]);
  return { gzip, files };
}

describe("reading pages over HTTP", () => {
  test("each ships at most 25 KB gzip of script, no Next runtime, RSC payload or message catalogue", async () => {
    for (const path of await readingPages()) {
      const res = await fetch(url(path), { headers: { "accept-encoding": "br, gzip" } });
      expect(res.status, path).toBe(200);
      const html = await res.text();
      expect(html, path).not.toMatch(/\/_next\/static\/[^"]*\.js/);
      expect(html, path).not.toContain("__next_f");
      // Sentences of the catalogue that no reading page shows (the organiser's judging page, the uploader).
      expect(html, path).not.toContain("Simpan waktu penutupan");
      expect(html, path).not.toContain("memulai masa penilaian");
      const scripts = await scriptBytes(html);
      expect(scripts.files, path).toEqual([]);
      expect(scripts.gzip, path).toBeLessThanOrEqual(jsBudget);
      expect(html, path).toContain('data-layar="akun"');
    }
  });

  test("a cached page comes in brotli or gzip with validators, and a browser that has it gets 304", async () => {
    const [home, festival] = await readingPages();
    for (const path of [home, festival]) {
      await fetch(url(path)); // rendered and kept
      const br = await fetch(url(path), { headers: { "accept-encoding": "br" } });
      expect(br.headers.get("content-encoding"), path).toBe("br");
      expect(br.headers.get("cache-control")).toBe("public, max-age=0, s-maxage=60, stale-while-revalidate=300");
      expect(br.headers.get("vary")).toMatch(/Accept-Encoding/);
      expect(br.headers.get("vary")).toMatch(/Cookie/);
      expect(br.headers.get("last-modified")).toBeTruthy();
      expect(br.headers.get("content-security-policy")).toMatch(/script-src 'self' 'sha256-/);
      const etag = br.headers.get("etag")!;
      expect(etag).toMatch(/^W\//);
      const gz = await fetch(url(path), { headers: { "accept-encoding": "gzip" } });
      expect(gz.headers.get("content-encoding")).toBe("gzip");
      expect(gz.headers.get("etag")).toBe(etag);
      const again = await fetch(url(path), { headers: { "if-none-match": etag } });
      expect(again.status, path).toBe(304);
    }
  });

  test("each language is its own copy", async () => {
    const id = await (await fetch(url("/arsip"))).text();
    const en = await (await fetch(url("/arsip"), { headers: { cookie: "NEXT_LOCALE=en" } })).text();
    expect(id).toContain('lang="id"');
    expect(en).toContain('lang="en"');
  });
});

describe.skipIf(!browserAvailable)("reading pages in the browser", () => {
  let browser: Browser;
  let context: BrowserContext;
  beforeAll(async () => {
    browser = await launchBrowser();
    context = await newContext(browser, { viewport: { width: 360, height: 740 } });
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  test("a signed-in KIM member sees their links on a reading page, and signs out from there", async () => {
    const page = await context.newPage();
    await signIn(page, "kim@layar.test");
    const [, festival] = await readingPages();
    await page.goto(festival);
    const dashboard = page.getByRole("link", { name: "Dasbor" });
    await dashboard.waitFor();
    expect(await dashboard.getAttribute("href")).toBe("/kim");
    expect(await page.getByRole("link", { name: "Masuk", exact: true }).count()).toBe(0);
    await page.getByRole("button", { name: "Keluar" }).click();
    await page.waitForURL((u) => u.pathname === "/");
    await page.getByRole("link", { name: "Masuk", exact: true }).waitFor();
    await page.goto("/kim");
    expect(new URL(page.url()).pathname).toBe("/masuk");
    expectNoPageErrors(context);
    await page.close();
  });

  test("a visitor switches language on a reading page and back, without Next's runtime", async () => {
    const page = await context.newPage();
    await page.goto("/arsip");
    expect(await page.evaluate(() => "__next_f" in self)).toBe(false);
    await page.getByRole("button", { name: "English" }).click();
    await page.waitForFunction(() => document.documentElement.lang === "en");
    expect(new URL(page.url()).pathname).toBe("/arsip");
    await page.getByRole("button", { name: /Indonesia/ }).click();
    await page.waitForFunction(() => document.documentElement.lang === "id");
    expectNoPageErrors(context);
    await page.close();
  });
});
