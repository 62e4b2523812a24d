import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { browserAvailable, launchBrowser, newContext, signIn, url } from "./helpers";

// Issue 15 part 4, the public's favourite vote, on a 360 px phone against the demo data: the
// Jawa Tengah sample edition in judging has an open vote (lib/seed/seed-favorit-demo.ts). A
// member of the public follows the festival page's link, asks for a code, reads it from the
// mail (the e2e server has no SMTP_URL: the mail is the .eml in the data directory's outbox),
// enters it, chooses a film, and is refused a second time. The API shows no results while
// open. The Jawa Tengah organiser sees the fraud report with the vote. Pages pass axe.

const phone = { width: 360, height: 740 };
const stamp = Date.now();
const shots = path.resolve("test-results/e2e/favorit");
let shot = 0;
const screenshot = (page: Page) => page.screenshot({ path: path.join(shots, `favorit-${++shot}.png`), fullPage: true });

async function axeClean(page: Page, where: string) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), where).toEqual([]);
}

/** The 6-digit code in the newest outbox mail to this address. */
async function codeFromOutbox(address: string): Promise<string> {
  const outbox = path.join(inject("dataDir"), "outbox");
  const safe = address.replace(/[^a-z0-9@._-]/gi, "_");
  let code = "";
  await expect
    .poll(
      () => {
        const files = fs.existsSync(outbox) ? fs.readdirSync(outbox).filter((f) => f.endsWith(`-${safe}.eml`)).sort() : [];
        const raw = files.length ? fs.readFileSync(path.join(outbox, files[files.length - 1]), "utf8").replace(/=\r?\n/g, "") : "";
        code = raw.match(/Kode pilihan Film Terfavorit: (\d{6})/)?.[1] ?? "";
        return code;
      },
      { timeout: 20_000 },
    )
    .toMatch(/^\d{6}$/);
  return code;
}

describe.skipIf(!browserAvailable)("the public's favourite vote", () => {
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let slug = "";
  beforeAll(async () => {
    browser = await launchBrowser();
    fs.mkdirSync(shots, { recursive: true });
    const editions = (await (await fetch(url("/api/v1/editions"))).json()) as { slug: string }[] | { editions: { slug: string }[] };
    const list = Array.isArray(editions) ? editions : editions.editions;
    for (const edition of list) {
      if ((await fetch(url(`/api/v1/editions/${edition.slug}/favorit`))).status === 200) slug = edition.slug;
    }
  });
  afterAll(async () => {
    await browser?.close();
  });

  test("the API shows the nominees and no results while the vote is open", async () => {
    expect(slug, "the demo has an edition with a favorit vote").not.toBe("");
    const body = (await (await fetch(url(`/api/v1/editions/${slug}/favorit`))).json()) as { open: boolean; nominees: { filmId: string; code: string; title: string }[]; results: unknown };
    expect(body.open).toBe(true);
    expect(body.nominees).toHaveLength(4);
    expect(body.results).toBeNull();
    // Only what identifies a nominee: no counts, scores, ranks or KIM while the vote is open.
    for (const nominee of body.nominees) expect(Object.keys(nominee).filter((k) => k !== "categoryId").sort()).toEqual(["code", "filmId", "title"]);
  });

  test("a member of the public votes with an emailed code, once", async () => {
    const context = await newContext(browser, { viewport: phone });
    const page = await context.newPage();
    await page.goto(`/festival/${slug}`);
    await page.getByTestId("favorit-link").click();
    await page.waitForURL((u) => u.pathname === `/festival/${slug}/favorit`);
    await screenshot(page);
    await axeClean(page, "vote page, step 1");

    // A disposable address is refused, in words.
    await page.getByLabel("Alamat email").fill("coba@mailinator.com");
    await page.getByRole("button", { name: "Kirim kode" }).click();
    await expect.poll(() => page.getByTestId("favorit-flash").textContent()).toContain("sekali pakai");

    const address = `warga.e2e.${stamp}@gmail.com`;
    await page.getByLabel("Alamat email").fill(address);
    await page.getByRole("button", { name: "Kirim kode" }).click();
    await expect.poll(() => page.getByTestId("favorit-flash").textContent()).toContain("Kode sudah dikirim");
    await screenshot(page);
    const code = await codeFromOutbox(address);
    await page.getByLabel("Kode 6 angka").fill(code);
    await page.getByRole("button", { name: "Periksa kode" }).click();
    await expect.poll(() => page.getByTestId("favorit-flash").textContent()).toContain("terverifikasi");
    await axeClean(page, "vote page, choosing");
    await page.getByRole("radio").first().check();
    await screenshot(page);
    await page.getByRole("button", { name: "Kirim pilihan" }).click();
    await expect.poll(() => page.getByTestId("favorit-flash").textContent()).toContain("pilihan Anda tersimpan");
    await expect.poll(() => page.getByText("Anda sudah memilih di kategori ini.").first().isVisible()).toBe(true);
    await screenshot(page);
    // No page width beyond the phone's.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);

    // The same person with another spelling of the address: refused in that category.
    await page.getByRole("button", { name: "Selesai" }).click();
    const again = `wargae2e${stamp}+dua@gmail.com`;
    await page.getByLabel("Alamat email").fill(again);
    await page.getByRole("button", { name: "Kirim kode" }).click();
    await page.getByLabel("Kode 6 angka").fill(await codeFromOutbox(again));
    await page.getByRole("button", { name: "Periksa kode" }).click();
    await expect.poll(() => page.getByText("Anda sudah memilih di kategori ini.").first().isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: "Kirim pilihan" }).count()).toBe(0);
    await context.close();
  });

  test("works without JavaScript: the forms post and the page answers", async () => {
    const context = await newContext(browser, { viewport: phone, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`/festival/${slug}/favorit`);
    const address = `tanpa.js.${stamp}@yahoo.co.id`;
    await page.getByLabel("Alamat email").fill(address);
    await page.getByRole("button", { name: "Kirim kode" }).click();
    await page.waitForURL((u) => u.pathname === `/festival/${slug}/favorit`);
    await page.getByLabel("Kode 6 angka").fill(await codeFromOutbox(address));
    await page.getByRole("button", { name: "Periksa kode" }).click();
    await page.getByRole("radio").last().check();
    await page.getByRole("button", { name: "Kirim pilihan" }).click();
    expect(await page.getByTestId("favorit-flash").textContent()).toContain("pilihan Anda tersimpan");
    await context.close();
  });

  test("the organiser sees the fraud report with the votes, and no count per film while open", async () => {
    const context = await newContext(browser, { viewport: phone });
    const page = await context.newPage();
    await signIn(page, "admin.jateng@layar.test");
    await page.goto(`/admin/festival/${slug}/favorit`);
    const report = page.getByTestId("favorit-report");
    await expect.poll(() => report.textContent()).toMatch(/Suara sah: \d+/);
    expect(await report.textContent()).toContain("gmail.com");
    expect(await page.getByTestId("favorit-results").count()).toBe(0);
    await screenshot(page);
    await axeClean(page, "organiser's favorit page");
    await context.close();
  });
});
