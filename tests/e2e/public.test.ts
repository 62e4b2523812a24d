import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { browserAvailable, expectNoPageErrors, launchBrowser, newContext, url } from "./helpers";

// The public site on a 360 px phone, against the demo data: winners of the
// published sample edition, playing a winning film, the archive without
// JavaScript, KIM Manteb's award history, and nothing before publication.
const viewport = { width: 360, height: 740 };
const shots = process.env.E2E_SCREENSHOTS; // a directory: save what the pages look like

type Edition = { slug: string; status: string; isSample: boolean; isHistorical: boolean; title: string };

async function demoEditions(): Promise<Edition[]> {
  return ((await (await fetch(url("/api/v1/editions"))).json()) as { editions: Edition[] }).editions;
}

async function expectAxeClean(page: Page, path: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`).join("\n");
  expect(results.violations.map((v) => v.id), `${path}\n${summary}`).toEqual([]);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${path} scrolls sideways at 360 px`).toBeLessThanOrEqual(viewport.width);
}

async function snap(page: Page, name: string): Promise<void> {
  if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

describe("public site over HTTP", () => {
  test("a signed-out visitor reads a KIM profile, while the KIM dashboard still asks to sign in", async () => {
    const profile = await fetch(url("/kim/kim-manteb-karangpandan"), { redirect: "manual" });
    expect(profile.status).toBe(200);
    const dashboard = await fetch(url("/kim"), { redirect: "manual" });
    expect(dashboard.status).toBe(307);
    expect(dashboard.headers.get("location")).toContain("/masuk");
    expect((await fetch(url("/kim/film/00000000-0000-0000-0000-000000000000"), { redirect: "manual" })).headers.get("location")).toContain("/masuk");
  });

  test("a festival still being judged shows its status and dates, and no placement — not even in its link preview", async () => {
    const judging = (await demoEditions()).find((e) => e.status === "penjurian");
    expect(judging).toBeDefined();
    const html = await (await fetch(url(`/festival/${judging!.slug}`))).text();
    // What the page renders and its link preview; the script payload also carries the interface texts (placement names among them).
    const main = html.slice(html.indexOf("<main"), html.indexOf("</main>"));
    const head = html.slice(0, html.indexOf("</head>"));
    expect(main).toContain("Hasil belum diumumkan");
    expect(main).toContain("Sedang dinilai");
    expect(main).not.toMatch(/Juara|Harapan|href="\/film\//);
    expect(head).not.toMatch(/Juara|Harapan|\/api\/films\//);
    expect(head).toMatch(/<meta property="og:title" content="[^"]+"/);
    expect(head).not.toContain("og:image");
    const api = (await (await fetch(url(`/api/v1/editions/${judging!.slug}`))).json()) as { results: unknown };
    expect(api.results).toBeNull();
  });

  test("RSS and sitemap list published results only", async () => {
    const rss = await fetch(url("/rss.xml"));
    expect(rss.status).toBe(200);
    expect(rss.headers.get("content-type")).toMatch(/rss\+xml/);
    const xml = await rss.text();
    expect(xml).toContain("Lomba Film Pendek KIM Tingkat Jawa Tengah 2021–2024");
    expect(xml).toContain("Nular");
    const editions = await demoEditions();
    const judging = editions.find((e) => e.status === "penjurian")!;
    expect(xml).not.toContain(judging.title.replace(/&/g, "&amp;"));
    // The sitemap is an index of files (at most 10,000 URLs each): read it as a crawler does.
    const index = await fetch(url("/sitemap.xml"));
    expect(index.headers.get("content-type")).toMatch(/application\/xml/);
    const locs = (text: string) => [...text.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    const files = locs(await index.text());
    expect(files.map((f) => new URL(f).pathname)).toEqual(["/sitemap/halaman.xml", "/sitemap/film-1.xml", "/sitemap/kim-1.xml"]);
    let sitemap = "";
    for (const file of files) {
      const res = await fetch(url(new URL(file).pathname));
      expect(res.status, file).toBe(200);
      sitemap += await res.text();
    }
    expect((await fetch(url("/sitemap/kim-2.xml"))).status).toBe(404);
    expect(sitemap).toContain("/kim/kim-manteb-karangpandan");
    expect(sitemap).toContain(`/festival/${judging.slug}`);
    expect((sitemap.match(/\/film\/[0-9a-f-]{36}/g) ?? []).length).toBe(6 + 5); // the sample edition's six, the archive's five
  });
});

describe.skipIf(!browserAvailable)("public site in the browser at 360 px", () => {
  let browser: Browser;
  let context: BrowserContext;
  let published: Edition;
  beforeAll(async () => {
    browser = await launchBrowser();
    context = await newContext(browser, { viewport });
    published = (await demoEditions()).find((e) => e.status === "diumumkan" && e.isSample && !e.isHistorical)!;
    expect(published).toBeDefined();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  test("the home page links each festival; the published one shows its six winners", async () => {
    const page = await context.newPage();
    await page.goto("/");
    await page.getByRole("link", { name: published.title }).click();
    await page.waitForURL(`**/festival/${published.slug}`);
    const winners = page.getByTestId("winners").locator(":scope > li");
    expect(await winners.count()).toBe(6);
    expect(await winners.first().innerText()).toContain("Juara I");
    expect(await winners.nth(5).innerText()).toContain("Juara Harapan III");
    // Posters come as sizes for their 64×96 frames (AVIF here), never more than twice the pixels shown.
    const posters = page.getByTestId("winners").locator("img");
    expect(await posters.count()).toBe(6);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await expect.poll(() => posters.evaluateAll((imgs: HTMLImageElement[]) => imgs.every((i) => i.complete && i.naturalWidth > 0)), { timeout: 15_000 }).toBe(true);
    for (const poster of await posters.evaluateAll((imgs: HTMLImageElement[]) => imgs.map((i) => ({ src: i.currentSrc, natural: i.naturalWidth, shown: i.clientWidth, lazy: i.loading })))) {
      expect(poster.src).toMatch(/\/poster\?w=64&f=avif&v=[0-9a-f]{8}$/);
      expect(poster.natural).toBeLessThanOrEqual(2 * poster.shown);
      expect(poster.lazy).toBe("lazy");
    }
    await expectAxeClean(page, `/festival/${published.slug}`);
    await snap(page, "festival");
    expectNoPageErrors(context);
    await page.close();
  });

  test("a visitor opens the Juara I film and plays it", async () => {
    const page = await context.newPage();
    await page.goto(`/festival/${published.slug}`);
    await page.getByTestId("winners").locator("li").first().locator('a[href^="/film/"]').click();
    await page.waitForURL("**/film/*");
    expect(await page.getByTestId("film-placements").innerText()).toContain("Juara I");
    const video = page.getByTestId("film-video");
    // After a client-side navigation the router applies the new page's metadata a moment later.
    await page.locator('head meta[property="og:image"]').waitFor({ state: "attached" });
    const head = await page.locator("head").innerHTML();
    const filmId = new URL(page.url()).pathname.split("/")[2];
    expect(head).toMatch(new RegExp(`property="og:image" content="${url(`/api/og/film/${filmId}`)}\\?v=[0-9a-f]{16}"`));
    expect(head).toContain('name="twitter:card" content="summary_large_image"');
    expect(head).toContain('property="og:video"');
    await expectAxeClean(page, `/film/${filmId}`);
    await snap(page, "film");

    const h264 = await page.evaluate(() => document.createElement("video").canPlayType('video/mp4; codecs="avc1.42E01E"'));
    // Once the server's job has made the HLS renditions (the first minute after start), the
    // player fetches nothing before play and offers the 360p download; before, the original's
    // metadata loads through the Range route whatever the codec support.
    const hls = await video.getAttribute("data-hls");
    if (hls) {
      expect(hls).toBe(`/api/films/${filmId}/hls/master.m3u8`);
      expect(await video.getAttribute("preload")).toBe("none");
      expect(await page.getByTestId("light-download").getAttribute("href")).toBe(`/api/films/${filmId}/ringan`);
    } else {
      await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
      expect(await video.evaluate((v: HTMLVideoElement) => v.duration)).toBeCloseTo(6, 0);
    }
    if (h264) {
      await video.evaluate((v: HTMLVideoElement) => {
        v.muted = true;
        return v.play();
      });
      await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 15_000 }).toBeGreaterThan(0.2);
      expect(await video.evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(2);
      expect(await video.evaluate((v: HTMLVideoElement) => v.duration)).toBeCloseTo(6, 0);
    }
    expectNoPageErrors(context);
    await page.close();
  });

  test("KIM Manteb's profile lists Nular, Krasa and Kuatir, under the year the source does not give", async () => {
    const page = await context.newPage();
    const response = await page.goto("/kim/kim-manteb-karangpandan");
    expect(response?.status()).toBe(200);
    expect((await page.getByTestId("kim-films").innerText()).split("\n").sort()).toEqual(["Krasa", "Kuatir", "Nular"]);
    expect(await page.getByRole("heading", { name: "Tahun tidak disebutkan" }).count()).toBe(1);
    expect(await page.getByTestId("kim-status").innerText()).toBe("Aktif");
    await expectAxeClean(page, "/kim/kim-manteb-karangpandan");
    await snap(page, "kim");

    await page.getByRole("link", { name: "Krasa" }).first().click();
    await page.waitForURL("**/film/*");
    expect(await page.getByTestId("no-video").innerText()).toContain("Video tidak tersedia di Layar");
    expect(await page.getByTestId("film-video").count()).toBe(0);
    await expectAxeClean(page, "/film/(Krasa)");
    expectNoPageErrors(context);
    await page.close();
  });

  test("the archive filters without JavaScript: year not stated, then a search", async () => {
    const noJs = await newContext(browser, { viewport, javaScriptEnabled: false });
    try {
      const page = await noJs.newPage();
      await page.goto("/arsip");
      expect(await page.getByTestId("archive-count").innerText()).toBe("12 hasil");
      // The filters sit in a <details>, closed until a filter is in use: it opens without JavaScript.
      expect(await page.locator("#f-tahun").isVisible()).toBe(false);
      await page.locator("summary").click();
      await page.selectOption("#f-tahun", "tanpa");
      await page.getByRole("button", { name: "Terapkan" }).click();
      await page.waitForURL((u) => u.searchParams.get("tahun") === "tanpa");
      const titles = await page.getByTestId("archive-results").locator("h2").allInnerTexts();
      expect(titles.sort()).toEqual(["Bantuan", "Krasa", "Kuatir", "Nular", "Penglaris"]);
      await page.fill("#f-q", "manteb");
      await page.getByRole("button", { name: "Terapkan" }).click();
      await page.waitForURL((u) => u.searchParams.get("q") === "manteb");
      expect(await page.getByTestId("archive-count").innerText()).toBe("3 hasil");
      expect(await page.locator("#f-tahun").inputValue()).toBe("tanpa");
      await page.selectOption("#f-tahun", "2024");
      await page.fill("#f-q", "");
      await page.getByRole("button", { name: "Terapkan" }).click();
      await page.waitForURL((u) => u.searchParams.get("tahun") === "2024");
      expect(await page.getByTestId("archive-results").innerText()).toContain("KIM Tunas Harapan");
      expect(await page.getByTestId("archive-results").innerText()).toContain("Judul film tidak disebutkan sumber");
      await snap(page, "arsip-nojs");
      // A KIM's own link (from its profile) keeps the KIM through a search, and can be dropped.
      await page.goto("/arsip?kim=kim-manteb-karangpandan");
      expect(await page.getByTestId("archive-kim").innerText()).toContain("Hanya juara dari KIM Manteb");
      expect(await page.getByTestId("archive-count").innerText()).toBe("3 hasil");
      await page.fill("#f-q", "nul");
      await page.getByRole("button", { name: "Terapkan" }).click();
      await page.waitForURL((u) => u.searchParams.get("q") === "nul" && u.searchParams.get("kim") === "kim-manteb-karangpandan");
      expect(await page.getByTestId("archive-count").innerText()).toBe("1 hasil");
      await page.getByRole("link", { name: "Tampilkan semua KIM" }).click();
      await page.waitForURL((u) => u.searchParams.get("kim") === null && u.searchParams.get("q") === "nul");
      await page.close();
    } finally {
      await noJs.close();
    }
    const page = await context.newPage();
    await page.goto("/arsip?tahun=tanpa");
    await expectAxeClean(page, "/arsip");
    await snap(page, "arsip");
    await page.close();
  });

  test("in English the same pages read in English and still fit 360 px", async () => {
    const english = await newContext(browser, { viewport });
    try {
      await english.addCookies([{ name: "NEXT_LOCALE", value: "en", url: url("/") }]);
      const page = await english.newPage();
      await page.goto(`/festival/${published.slug}`);
      expect(await page.getByTestId("winners").locator(":scope > li").first().innerText()).toContain("Juara I (1st)");
      await expectAxeClean(page, `/festival/${published.slug} (en)`);
      await page.goto("/kim/kim-manteb-karangpandan");
      expect(await page.getByRole("heading", { name: "Award history" }).count()).toBe(1);
      await expectAxeClean(page, "/kim/kim-manteb-karangpandan (en)");
      await page.goto("/arsip?tahun=tanpa");
      expect(await page.getByTestId("archive-count").innerText()).toBe("5 results");
      await expectAxeClean(page, "/arsip (en)");
      await snap(page, "arsip-en");
      expectNoPageErrors(english);
    } finally {
      await english.close();
    }
  });

  test("region pages show medals: per year for Karanganyar, a medal table for Jawa Tengah", async () => {
    const page = await context.newPage();
    await page.goto("/wilayah/33.13");
    const medals = page.getByTestId("region-medals");
    expect(await medals.innerText()).toContain("Tahun tidak disebutkan");
    expect(await medals.innerText()).toContain("Nular");
    await expectAxeClean(page, "/wilayah/33.13");
    await snap(page, "wilayah-33.13");
    await page.goto("/wilayah/33");
    const table = page.getByTestId("medal-table");
    expect(await table.innerText()).toContain("Kabupaten Karanganyar");
    await expectAxeClean(page, "/wilayah/33");
    await snap(page, "wilayah-33");
    expectNoPageErrors(context);
    await page.close();
  });
});
