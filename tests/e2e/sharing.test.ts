import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import sharp from "sharp";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { browserAvailable, expectNoPageErrors, launchBrowser, newContext, signIn, url } from "./helpers";

// Issue 15, sharing, on a 360 px phone against the demo data (docs/decisions/0037-sharing.md).
// The demo KIM's placed film: its page names a 1200×630 link-preview image that loads, a
// WhatsApp link with the Indonesian text (English on an English page) and the embed code. The
// embed loads inside an <iframe> of a page served from another origin while the film page
// itself is refused there; each load of the embed counts (a prefetch does not) and the KIM sees
// the views on /kim.

const phone = { width: 360, height: 740 };
const shots = path.resolve("test-results/e2e/sharing");
let shot = 0;
const screenshot = (page: Page, name: string) => page.screenshot({ path: path.join(shots, `${++shot}-${name}.png`), fullPage: true });

async function expectAxeClean(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`).join("\n");
  expect(results.violations.map((v) => v.id), `${where}\n${summary}`).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${where} scrolls sideways at 360 px`).toBeLessThanOrEqual(phone.width);
}

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The KIM dashboard's embed views of one film (0 without a row). */
async function viewsOnDashboard(page: Page, filmId: string): Promise<number> {
  await page.goto("/kim");
  const row = page.getByTestId("embed-views").locator("tr").filter({ has: page.locator(`a[href="/film/${filmId}"]`) });
  if ((await row.count()) === 0) return 0;
  return Number((await row.getByTestId("embed-views-total").innerText()).replace(/\D/g, ""));
}

describe.skipIf(!browserAvailable)("sharing a published film", () => {
  let browser: Browser;
  let foreign: http.Server;
  let foreignOrigin = "";
  let filmId = "";
  let filmTitle = "";

  beforeAll(async () => {
    browser = await launchBrowser();
    fs.mkdirSync(shots, { recursive: true });
    // A village website on another origin: the embed code, and the film page framed the same way.
    foreign = http.createServer((req, res) => {
      const id = new URL(req.url ?? "/", "http://x").searchParams.get("film") ?? "";
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      res.end(`<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Situs Desa</title></head><body><h1>Situs Desa Manteb</h1>
<iframe id="embed" src="${url(`/film/${id}/embed`)}" width="340" height="260" title="Film sematan" allowfullscreen></iframe>
<iframe id="page" src="${url(`/film/${id}`)}" width="340" height="260" title="Halaman film"></iframe></body></html>`);
    });
    await new Promise<void>((resolve) => foreign.listen(0, "127.0.0.1", resolve));
    foreignOrigin = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => foreign?.close(() => resolve()));
  });

  test("the KIM's placed film has a preview image, a WhatsApp link and the embed code", async () => {
    const kimContext = await newContext(browser, { viewport: phone });
    const kimPage = await kimContext.newPage();
    await signIn(kimPage, "kim@layar.test");
    await kimPage.goto("/kim");
    // An entry with a placement in the published sample edition.
    const placed = kimPage.locator("li.card").filter({ has: kimPage.locator(".badge.bg-amber-100") }).first();
    const href = await placed.locator('a[href^="/kim/film/"]').getAttribute("href");
    filmId = href!.split("/").pop()!;
    expect(filmId).toMatch(/^[0-9a-f-]{36}$/);
    await kimContext.close();

    const context = await newContext(browser, { viewport: phone });
    const page = await context.newPage();
    await page.goto(`/film/${filmId}`);
    filmTitle = (await page.locator("h1").innerText()).trim();
    const image = await page.locator('head meta[property="og:image"]').getAttribute("content");
    expect(image).toMatch(new RegExp(`/api/og/film/${filmId}\\?v=[0-9a-f]{16}$`));
    expect(await page.locator('head meta[property="og:image:width"]').getAttribute("content")).toBe("1200");
    expect(await page.locator('head meta[name="twitter:card"]').getAttribute("content")).toBe("summary_large_image");
    expect(await page.locator('head meta[property="og:title"]').getAttribute("content")).toBe(filmTitle);
    const { pathname, search } = new URL(image!);
    const res = await fetch(url(`${pathname}${search}`));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/jpeg");
    expect(res.headers.get("cache-control")).toContain("immutable");
    expect(await sharp(Buffer.from(await res.arrayBuffer())).metadata()).toMatchObject({ format: "jpeg", width: 1200, height: 630 });

    const whatsapp = page.getByRole("link", { name: "Bagikan ke WhatsApp" });
    const wa = new URL((await whatsapp.getAttribute("href"))!);
    expect(wa.origin + wa.pathname).toBe("https://wa.me/");
    const text = wa.searchParams.get("text")!;
    expect(text).toMatch(new RegExp(`^Tonton film "${literal(filmTitle)}" karya KIM .+, Juara .+ di Layar: http.+/film/${filmId}$`));

    await page.getByText("Sematkan film ini di situs web desa").click();
    const code = await page.getByLabel("Kode sematan").inputValue();
    expect(code).toMatch(new RegExp(`^<iframe src="http[^"]+/film/${filmId}/embed" width="640" height="420" [^>]*allowfullscreen></iframe>$`));
    await expectAxeClean(page, `/film/${filmId}`);
    await screenshot(page, "film");
    expectNoPageErrors(context);
    await context.close();

    // The same link in English on an English page.
    const english = await (await fetch(url(`/film/${filmId}`), { headers: { cookie: "NEXT_LOCALE=en" } })).text();
    const englishHref = english.match(/href="(https:\/\/wa\.me\/\?text=[^"]+)"/)![1].replace(/&amp;/g, "&");
    expect(new URL(englishHref).searchParams.get("text")).toMatch(/^Watch ".+" by KIM .+ on Layar: http/);
  });

  test("the embed is framed on another origin, the film page is not; each load counts and the KIM sees it", async () => {
    expect(filmId).not.toBe("");
    const kimContext = await newContext(browser, { viewport: phone });
    const kimPage = await kimContext.newPage();
    await signIn(kimPage, "kim@layar.test");
    const before = await viewsOnDashboard(kimPage, filmId);

    // Headers: only the embed may be framed, and it sets no cookie.
    const embed = await fetch(url(`/film/${filmId}/embed`), { headers: { "user-agent": "Mozilla/5.0 Chrome/120.0" } }); // +1
    expect(embed.status).toBe(200);
    expect(embed.headers.get("x-frame-options")).toBeNull();
    expect(embed.headers.get("content-security-policy")).toContain("frame-ancestors *");
    expect(embed.headers.get("set-cookie")).toBeNull();
    expect(await embed.text()).toContain("Tonton di Layar");
    const filmPage = await fetch(url(`/film/${filmId}`));
    expect(filmPage.headers.get("x-frame-options")).toBe("DENY");
    expect(filmPage.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    const prefetch = await fetch(url(`/film/${filmId}/embed`), { headers: { "user-agent": "Mozilla/5.0 Chrome/120.0", "sec-purpose": "prefetch" } }); // not counted
    expect(prefetch.status).toBe(200);
    expect((await fetch(url("/film/00000000-0000-4000-8000-000000000000/embed"))).status).toBe(404);

    // A village page on another origin frames both.
    const context = await newContext(browser, { viewport: phone });
    const page = await context.newPage();
    const refused: string[] = [];
    page.on("console", (m) => {
      if (/frame-ancestors|Refused to (display|frame)/i.test(m.text())) refused.push(m.text());
    });
    await page.goto(`${foreignOrigin}/?film=${filmId}`); // +1
    const framed = page.frameLocator("#embed");
    await expect.poll(() => framed.getByTestId("embed-video").count(), { timeout: 20_000 }).toBe(1);
    expect(await framed.locator("h1").innerText()).toBe(filmTitle);
    expect(await framed.getByRole("link", { name: "Tonton di Layar" }).getAttribute("href")).toMatch(new RegExp(`/film/${filmId}$`));
    // The film page's frame stays empty: the browser refused it.
    await expect.poll(() => refused.length, { timeout: 20_000 }).toBeGreaterThan(0);
    expect(page.frames().map((f) => f.url())).toContain("chrome-error://chromewebdata/");
    expect(await page.frameLocator("#page").getByTestId("film-placements").count()).toBe(0);
    await screenshot(page, "village-site");
    await context.close();

    // The embed on its own at 360 px: axe-clean, no sideways scroll.
    const alone = await newContext(browser, { viewport: phone });
    const embedPage = await alone.newPage();
    await embedPage.goto(`/film/${filmId}/embed`); // +1
    await expectAxeClean(embedPage, `/film/${filmId}/embed`);
    await screenshot(embedPage, "embed");
    expect(await alone.cookies()).toEqual([]);
    expectNoPageErrors(alone);
    await alone.close();

    expect(await viewsOnDashboard(kimPage, filmId)).toBe(before + 3);
    await expect.poll(() => kimPage.getByTestId("embed-views").locator(`a[href="/film/${filmId}"]`).count()).toBe(1);
    await expectAxeClean(kimPage, "/kim");
    await kimPage.getByTestId("embed-views").scrollIntoViewIfNeeded();
    await screenshot(kimPage, "kim-views");
    expectNoPageErrors(kimContext);
    await kimContext.close();
  });
});
