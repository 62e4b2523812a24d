import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { browserAvailable, expectNoPageErrors, httpSignIn, launchBrowser, newContext, signIn } from "./helpers";
import { get, judgeEmail, judgeQueueOf, judgingEditionSlug, provinceOrganiserEmail, textOf } from "./judging-helpers";

// An organiser starts a final round on the demo edition in judging, a judge finds it
// at the top of their queue, and the organiser cancels it again: the file leaves the
// demo data as it found it, so the other browser tests do not depend on its order.

const phone = { width: 360, height: 780 };

async function expectAccessible(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`), `axe on ${what}`).toEqual([]);
}

describe.skipIf(!browserAvailable)("a final round on a shortlist", () => {
  let browser: Browser;
  let organiser: BrowserContext;
  let page: Page;
  let slug: string;
  let judgeCookie: string;
  let before: number;

  beforeAll(async () => {
    const judge = await httpSignIn(judgeEmail);
    expect(judge.ok).toBe(true);
    judgeCookie = judge.cookie;
    slug = await judgingEditionSlug(judgeCookie);
    before = (await judgeQueueOf(judgeCookie, slug)).length;
    browser = await launchBrowser();
    organiser = await newContext(browser, { viewport: phone });
    page = await organiser.newPage();
  });
  afterAll(async () => {
    await organiser?.close();
    await browser?.close();
  });

  test("the organiser starts it from the judging page on a phone and sees the nominees", async () => {
    await signIn(page, provinceOrganiserEmail);
    await page.goto(`/admin/festival/${slug}/penjurian`);
    const section = page.getByTestId("final-round");
    await section.getByRole("heading", { name: "Babak final" }).waitFor();
    await section.getByLabel("Jumlah nominasi per kategori").fill("1");
    await section.getByRole("button", { name: "Mulai babak final" }).click();
    await expect.poll(() => section.textContent()).toContain("Babak final butuh minimal 2 nominasi.");
    await section.getByLabel("Jumlah nominasi per kategori").fill("2");
    await section.getByRole("button", { name: "Mulai babak final" }).click();
    await expect.poll(() => section.textContent(), { timeout: 20_000 }).toMatch(/Babak final berjalan: \d+ nominasi \(batas 2 per kategori\)/);
    expect(await section.locator("ol li").count()).toBeGreaterThanOrEqual(2);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), "judging page scrolls sideways at 360 px").toBeLessThanOrEqual(phone.width);
    await page.screenshot({ path: "/tmp/layar-final-round-organiser.png", fullPage: true });
    await expectAccessible(page, "the judging page with a final round");
    expectNoPageErrors(organiser);
  });

  test("the judge sees the final round first, the closed scoring round below, and a final sheet", async () => {
    const response = await get(`/juri/${slug}`, judgeCookie);
    const html = await response.text();
    expect(html).toContain('id="round-final"');
    expect(textOf(html)).toMatch(/Babak final.*Babak penilaian \(ditutup\)/);
    const queue = await judgeQueueOf(judgeCookie, slug);
    expect(queue.length).toBeGreaterThan(before);
    const judge = await newContext(browser, { viewport: phone });
    const judgePage = await judge.newPage();
    await signIn(judgePage, judgeEmail);
    await judgePage.goto(`/juri/${slug}`);
    const first = judgePage.getByTestId("judge-queue").getByRole("link").first();
    await first.click();
    await judgePage.waitForURL("**/juri/nilai/**");
    await expect.poll(() => judgePage.locator("#konten").textContent()).toContain("Babak final ·");
    await expectAccessible(judgePage, "a final-round score sheet");
    expectNoPageErrors(judge);
    await judge.close();
  });

  test("the organiser cancels it with a reason and the judge's queue is as before", async () => {
    await page.goto(`/admin/festival/${slug}/penjurian`);
    const section = page.getByTestId("final-round");
    await section.getByText("Batalkan babak final").first().click();
    await section.getByLabel("Alasan membatalkan").fill("Uji e2e: dibatalkan lagi.");
    await section.locator("form button[type=submit]", { hasText: "Batalkan babak final" }).click();
    await expect.poll(() => section.textContent(), { timeout: 20_000 }).toContain("Mulai babak final");
    const queue = await judgeQueueOf(judgeCookie, slug);
    expect(queue).toHaveLength(before);
    // The heading of a final round is gone (the text itself is in the page's message catalogue).
    expect(await (await get(`/juri/${slug}`, judgeCookie)).text()).not.toContain('id="round-final"');
    expectNoPageErrors(organiser);
  });
});
