import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { addSessionCookies, browserAvailable, expectNoPageErrors, httpSignIn, launchBrowser, newContext, testKimPrefix, url } from "./helpers";

// Coverage against one KIM per desa (issue 14, docs/decisions/0033), against the demo seed:
// Karanganyar (33.13) has 17 kecamatan and 177 desa/kelurahan (idn-area-data) and 33 KIMs,
// 24 aktif and 9 tidak aktif (plus any active "KIM Uji e2e" an earlier file approved). The public region page says how many desa have an active KIM
// above a chart that works without JavaScript, with the numbers as a table, on a 360 px phone;
// the JSON says the same; the organiser's own page does too.

const viewport = { width: 360, height: 740 };
const shots = path.resolve("test-results/e2e/kim");
const organiser = "admin.karanganyar@layar.test";

type Counts = { villages: number; villagesWithActiveKim: number; kimActive: number; kimInactive: number };
type Coverage = { region: { code: string; name: string; level: string }; totals: Counts; districts: ({ code: string; name: string } & Counts)[]; trend: ({ year: number } & Omit<Counts, "villages">)[] };

async function coverageJson(code: string): Promise<Coverage> {
  const response = await fetch(url(`/api/v1/regions/${code}/kim-coverage`));
  expect(response.status).toBe(200);
  return (await response.json()) as Coverage;
}

/**
 * The KIM directory's counts for Karanganyar. Files that approve a registration add an active
 * KIM here named with testKimPrefix (tests/e2e/api.test.ts); without those it is the demo's 24 + 9.
 */
/**
 * Karanganyar's KIM counts, and how many of each the other e2e files added (always named with
 * testKimPrefix; the registry's file marks its KIM tidak aktif).
 */
async function directory(): Promise<{ active: number; inactive: number; added: number; addedInactive: number }> {
  const body = (await (await fetch(url("/api/v1/kim?regency=33.13"))).json()) as { active: number; inactive: number; kims: { name: string; status: string }[] };
  const mine = body.kims.filter((k) => k.name.startsWith(testKimPrefix));
  const added = mine.filter((k) => k.status === "aktif").length;
  return { active: body.active, inactive: body.inactive, added, addedInactive: mine.length - added };
}

async function expectAxeClean(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`).join("\n");
  expect(results.violations.map((v) => v.id), `${where}\n${summary}`).toEqual([]);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${where} scrolls sideways at 360 px`).toBeLessThanOrEqual(viewport.width);
}

/** The numbers in the page's coverage table, per place, as the JSON spells them. */
async function tableRows(page: Page): Promise<{ name: string; villages: number; villagesWithActiveKim: number; kimActive: number; kimInactive: number }[]> {
  return page.locator("[data-testid=coverage-table] tbody tr").evaluateAll((rows) =>
    rows.map((row) => {
      const cells = [...row.querySelectorAll("td")].map((td) => Number(td.textContent));
      return { name: row.querySelector("th")!.textContent!.trim(), villages: cells[0], villagesWithActiveKim: cells[1], kimActive: cells[2], kimInactive: cells[3] };
    }),
  );
}

/** The chart is an image with a title and a description that exist, and its labels stay inside the drawing. */
async function expectAccessibleChart(page: Page, testId: string): Promise<void> {
  const chart = page.locator(`[data-testid=${testId}]`);
  await expect.poll(() => chart.isVisible()).toBe(true);
  expect(await chart.getAttribute("role")).toBe("img");
  const ids = (await chart.getAttribute("aria-labelledby"))!.split(" ");
  for (const id of ids) expect(((await page.locator(`[id="${id}"]`).textContent()) ?? "").trim().length, `#${id}`).toBeGreaterThan(10);
  const box = (await chart.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
  const clipped = await chart.evaluate((svg) => {
    const view = (svg as SVGSVGElement).viewBox.baseVal;
    return [...svg.querySelectorAll("text")]
      .map((t) => ({ text: t.textContent, box: (t as SVGTextElement).getBBox() }))
      .filter(({ box }) => box.x < view.x - 0.5 || box.x + box.width > view.x + view.width + 0.5 || box.y < view.y - 0.5 || box.y + box.height > view.y + view.height + 0.5)
      .map(({ text }) => text);
  });
  expect(clipped, `${testId}: labels outside the drawing`).toEqual([]);
}

describe("coverage over HTTP", () => {
  test("the JSON for Karanganyar: 17 kecamatan, 177 desa/kelurahan, 24 KIM aktif and 9 tidak aktif, a trend to this year", async () => {
    const body = await coverageJson("33.13");
    expect(Object.keys(body)).toEqual(["region", "totals", "districts", "trend"]);
    expect(body.region).toEqual({ code: "33.13", name: "Kabupaten Karanganyar", level: "kabupaten" });
    expect(body.districts).toHaveLength(17);
    const kims = await directory();
    expect(body.totals).toMatchObject({ villages: 177, kimActive: kims.active, kimInactive: kims.inactive });
    expect({ active: body.totals.kimActive - kims.added, inactive: body.totals.kimInactive - kims.addedInactive }).toEqual({ active: 24, inactive: 9 });
    // Two named KIMs have no desa and a desa counts once: fewer desa covered than active KIMs, far below the target.
    expect(body.totals.villagesWithActiveKim).toBeGreaterThan(0);
    expect(body.totals.villagesWithActiveKim).toBeLessThanOrEqual(22 + kims.added);
    expect(body.districts.reduce((n, d) => n + d.villages, 0)).toBe(177);
    const thisYear = Number(new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 4));
    expect(body.trend.at(-1)).toMatchObject({ year: thisYear, kimActive: body.totals.kimActive, kimInactive: body.totals.kimInactive, villagesWithActiveKim: body.totals.villagesWithActiveKim });
    const regionAnswer = (await (await fetch(url("/api/v1/regions/33.13"))).json()) as { links: { kimCoverage: string } };
    expect(regionAnswer.links.kimCoverage).toBe("/api/v1/regions/33.13/kim-coverage");
  });

  test("an unknown code is 404, a malformed one 422", async () => {
    expect((await fetch(url("/api/v1/regions/99.99/kim-coverage"))).status).toBe(404);
    expect((await fetch(url("/api/v1/regions/karanganyar/kim-coverage"))).status).toBe(422);
  });
});

describe.skipIf(!browserAvailable)("coverage in the browser at 360 px", () => {
  let browser: Browser;
  let context: BrowserContext;
  let shot = 0;
  const snap = async (page: Page) => {
    fs.mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: path.join(shots, `coverage-${++shot}.png`), fullPage: true });
  };
  beforeAll(async () => {
    browser = await launchBrowser();
    context = await newContext(browser, { viewport });
  });
  afterAll(async () => {
    if (context) expectNoPageErrors(context);
    await context?.close();
    await browser?.close();
  });

  test("/wilayah/33.13 says how many desa have an active KIM above the chart, and its table matches the JSON", async () => {
    const json = await coverageJson("33.13");
    const page = await context.newPage();
    await page.goto("/wilayah/33.13");
    const summary = page.getByTestId("coverage-summary");
    expect(await summary.textContent()).toContain(`${json.totals.villagesWithActiveKim} dari 177 desa/kelurahan memiliki KIM aktif`);
    expect(await summary.textContent()).toContain(`${json.totals.kimActive} KIM aktif dan ${json.totals.kimInactive} KIM tidak aktif`);
    expect(json.totals.kimInactive - (await directory()).addedInactive).toBe(9);
    expect(await summary.getAttribute("data-villages")).toBe("177");
    // The sentence comes before the chart.
    const order = await page.evaluate(() => {
      const s = document.querySelector("[data-testid=coverage-summary]")!;
      const c = document.querySelector("[data-testid=coverage-bars]")!;
      return s.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING;
    });
    expect(order).toBeTruthy();
    await expectAccessibleChart(page, "coverage-bars");
    await expectAccessibleChart(page, "coverage-trend");
    expect(await tableRows(page)).toEqual(json.districts.map(({ name, villages, villagesWithActiveKim, kimActive, kimInactive }) => ({ name, villages, villagesWithActiveKim, kimActive, kimInactive })));
    expect(await page.locator("[data-testid=coverage-trend-table] tbody tr").count()).toBe(json.trend.length);
    // The KIM tables that were there stay.
    const { kimActive, kimInactive } = json.totals;
    expect(await page.getByTestId("kim-summary").textContent()).toContain(`${kimActive + kimInactive} KIM: ${kimActive} aktif, ${kimInactive} tidak aktif`);
    await expectAxeClean(page, "/wilayah/33.13");
    await snap(page);
    await page.close();
  });

  test("without JavaScript the chart and its table are there all the same", async () => {
    const plain = await newContext(browser, { viewport, javaScriptEnabled: false });
    const page = await plain.newPage();
    await page.goto("/wilayah/33.13");
    expect(await page.getByTestId("coverage-bars").isVisible()).toBe(true);
    expect(await page.locator("[data-testid=coverage-table] tbody tr").count()).toBe(17);
    await snap(page);
    await plain.close();
  });

  test("the province page lists the regencies, Karanganyar's row as on its own page", async () => {
    const [province, regency] = await Promise.all([coverageJson("33"), coverageJson("33.13")]);
    const page = await context.newPage();
    await page.goto("/wilayah/33");
    const rows = await tableRows(page);
    expect(rows).toHaveLength(province.districts.length);
    expect(rows.find((r) => r.name === "Kabupaten Karanganyar")).toEqual({ name: "Kabupaten Karanganyar", ...regency.totals });
    await expectAccessibleChart(page, "coverage-bars");
    await expectAxeClean(page, "/wilayah/33");
    await snap(page);
    await page.close();
  });

  test("the organiser's /admin/kim/cakupan shows the same numbers and leads into a kecamatan", async () => {
    const json = await coverageJson("33.13");
    const admin = await newContext(browser, { viewport });
    await addSessionCookies(admin, await httpSignIn(organiser));
    const page = await admin.newPage();
    await page.goto("/admin/kim/cakupan");
    expect(await page.getByTestId("coverage-summary").getAttribute("data-covered")).toBe(String(json.totals.villagesWithActiveKim));
    expect(await page.getByTestId("coverage-summary").getAttribute("data-active")).toBe(String(json.totals.kimActive));
    expect(await tableRows(page)).toHaveLength(17);
    await expectAxeClean(page, "/admin/kim/cakupan");
    await snap(page);
    const first = json.districts[0];
    await page.locator("[data-testid=coverage-table] tbody tr th a").first().click();
    await page.waitForURL((address) => address.pathname === "/admin/kim/cakupan" && address.searchParams.get("wilayah") === first.code);
    await expect.poll(() => page.getByTestId("coverage-summary").getAttribute("data-villages")).toBe(String(first.villages));
    expect(await tableRows(page)).toEqual([{ name: first.name, villages: first.villages, villagesWithActiveKim: first.villagesWithActiveKim, kimActive: first.kimActive, kimInactive: first.kimInactive }]);
    await expectAxeClean(page, `/admin/kim/cakupan?wilayah=${first.code}`);
    await snap(page);
    // Another regency is not the organiser's: not found.
    expect((await page.goto("/admin/kim/cakupan?wilayah=33.12"))?.status()).toBe(404);
    expectNoPageErrors(admin);
    await admin.close();
  });
});
