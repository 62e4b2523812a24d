import crypto from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { browserAvailable, expectNoPageErrors, launchBrowser, newContext, signIn } from "./helpers";

// Issue 14, messages, as the Karanganyar organiser meets it on a 360 px phone (seeded demo):
// a template edited with its server-rendered preview (an unknown placeholder refused, then
// saved, then reset), a broadcast to every KIM of the region previewed and sent, and the
// broadcast in the list of messages (sending once per form is tested in tests/integration/messages.test.ts).

const phone = { width: 360, height: 740 };
const shots = path.resolve("test-results/e2e/kim");
let shot = 0;
const screenshot = async (page: Page) => {
  shot += 1;
  await page.screenshot({ path: path.join(shots, `messages-${shot}.png`), fullPage: true });
};

/** Clicks a button once the form has hydrated (buttons are disabled while an action runs). */
async function click(scope: Locator | Page, name: string | RegExp): Promise<void> {
  const button = scope.getByRole("button", { name, exact: typeof name === "string" });
  await expect.poll(() => button.isEnabled(), { timeout: 20_000 }).toBe(true);
  await button.click();
}

async function statusText(form: Locator, matcher: RegExp): Promise<string> {
  const status = form.locator("[role=status]").last();
  await expect.poll(async () => ((await status.textContent()) ?? "").trim(), { timeout: 30_000 }).toMatch(matcher);
  return ((await status.textContent()) ?? "").trim();
}

describe.skipIf(!browserAvailable)("organiser messages on a phone", () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    fs.mkdirSync(shots, { recursive: true });
    browser = await launchBrowser();
    context = await newContext(browser, { viewport: phone });
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  test("edits a template with a preview, sends a broadcast once and finds it in /admin/pesan", async () => {
    // Signed in inside the test: the sign-in helper polls with expect, which needs a running test.
    await signIn(page, "admin.karanganyar@layar.test");
    // The template of "Video diterima" in Indonesian.
    await page.goto("/admin/pesan/templat?jenis=video_accepted&bahasa=id");
    await expect.poll(() => page.locator("h1").textContent()).toBe("Templat pesan");
    await expect.poll(() => page.getByTestId("placeholders").textContent()).toContain("{film}");
    const form = page.getByTestId("template-form");
    const subject = form.getByLabel("Judul email");
    const body = form.getByLabel("Isi pesan");

    // An unknown placeholder is shown in the preview and refused when saving.
    await subject.fill("Video {film} sudah masuk {jadwal}");
    await click(form, "Pratinjau");
    await expect.poll(() => page.getByTestId("template-preview").textContent(), { timeout: 30_000 }).toContain("Penanda tidak dikenal: {jadwal}");
    await click(form, "Simpan templat");
    await statusText(form, /Periksa penanda/);
    await expect.poll(() => form.locator("#subject-video_accepted-id-error").textContent()).toContain("{jadwal}");
    await screenshot(page);

    // Fixed, previewed with the sample values, saved.
    await subject.fill("Video {film} sudah kami terima");
    await body.fill("Halo {nama},\n\nVideo {film} dari {kim} untuk {festival} sudah lolos pemeriksaan. Terima kasih!\n\n{tautan}");
    await click(form, "Pratinjau");
    await expect.poll(() => page.getByTestId("preview-subject").textContent(), { timeout: 30_000 }).toBe("Video Sungai Kami sudah kami terima");
    await expect.poll(() => page.getByTestId("preview-body").textContent()).toContain("Halo Siti Rahayu,");
    await click(form, "Simpan templat");
    await statusText(form, /Templat disimpan/);
    await page.reload();
    await expect.poll(() => page.getByTestId("template-source").textContent()).toBe("Teks wilayah Anda");
    await screenshot(page);

    // Back to the default text (the demo's other tests read the default).
    await click(page, "Kembalikan ke teks bawaan");
    await expect.poll(() => page.getByTestId("template-source").textContent(), { timeout: 30_000 }).toBe("Teks bawaan Layar");

    // A broadcast to every KIM of the region: preview, then send; a second send adds nothing.
    const tag = crypto.randomBytes(3).toString("hex");
    const title = `Rapat koordinasi KIM ${tag}`;
    await page.goto("/admin/pesan/siaran");
    const broadcast = page.getByTestId("broadcast-form");
    await broadcast.getByLabel("Judul").fill(title);
    await broadcast.getByLabel("Isi pesan").fill("Halo {nama} dari {kim}, rapat koordinasi KIM hari Senin pukul 09.00 WIB di Diskominfo.");
    await click(broadcast, "Pratinjau");
    const preview = page.getByTestId("broadcast-preview");
    await expect.poll(() => page.getByTestId("broadcast-count").textContent(), { timeout: 30_000 }).toMatch(/Akan dikirim ke \d+ penerima/);
    const count = Number((await page.getByTestId("broadcast-count").textContent())!.match(/(\d+)/)![1]);
    expect(count).toBeGreaterThan(0);
    expect(await preview.textContent()).toContain("rapat koordinasi KIM hari Senin");
    expect(await preview.textContent()).not.toContain("{nama}");
    await screenshot(page);
    await click(preview, "Kirim sekarang");
    await statusText(broadcast, new RegExp(`Pesan masuk antrean untuk ${count} penerima`));
    await screenshot(page);

    // The list: the broadcast's messages, only this region's, with their status.
    await page.goto("/admin/pesan?jenis=broadcast");
    await expect.poll(() => page.getByTestId("messages-table").textContent(), { timeout: 30_000 }).toContain(title);
    const rows = page.getByTestId("messages-table").locator("tbody tr", { hasText: title });
    // Newest first, 25 a page: the broadcast's messages fill the first page.
    expect(await rows.count()).toBe(Math.min(count, 25));
    expect(await rows.first().textContent()).toMatch(/Antre|Terkirim|Gagal/);
    expect(await rows.first().textContent()).toContain("WIB");
    await screenshot(page);

    // The page fits the phone: nothing wider than the viewport but the table's own scroller.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(overflow).toBeLessThanOrEqual(phone.width);
    expectNoPageErrors(context);
  });

  test("the messages pages and the account's choices pass axe at 360 px", async () => {
    for (const pathname of ["/admin/pesan", "/admin/pesan/templat?jenis=deadline_reminder&bahasa=en", "/admin/pesan/siaran", "/akun/pesan"]) {
      const response = await page.goto(pathname, { waitUntil: "load" });
      expect(response?.status(), pathname).toBe(200);
      await page.waitForLoadState("networkidle", { timeout: 10_000 }).catch(() => undefined);
      const { violations } = await new AxeBuilder({ page }).analyze();
      expect(violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`), pathname).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `${pathname} scrolls sideways`).toBeLessThanOrEqual(phone.width);
    }
    // The account's choices: reminders off, mail in English, then back.
    const form = page.locator("form", { has: page.getByLabel("Bahasa email") });
    await page.getByLabel("Bahasa email").selectOption("en");
    await page.getByLabel(/Kirimi saya pengingat tenggat/).uncheck();
    await click(form, "Simpan pilihan");
    await statusText(form, /Pilihan pesan disimpan/);
    await page.reload();
    expect(await page.getByLabel("Bahasa email").inputValue()).toBe("en");
    expect(await page.getByLabel(/Kirimi saya pengingat tenggat/).isChecked()).toBe(false);
    await screenshot(page);
    await page.getByLabel("Bahasa email").selectOption("id");
    await page.getByLabel(/Kirimi saya pengingat tenggat/).check();
    await click(form, "Simpan pilihan");
    await statusText(form, /Pilihan pesan disimpan/);
    expectNoPageErrors(context);
  });
});
