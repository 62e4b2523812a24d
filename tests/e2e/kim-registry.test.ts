import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Locator, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { browserAvailable, expectNoPageErrors, launchBrowser, newContext, registerKimWithoutJs, signIn, testKimPassword, testKimPrefix } from "./helpers";

// Issue 14, the KIM directory as an organiser and a KIM meet it on a 360 px phone: the
// Karanganyar organiser adds a KIM, marks it tidak aktif with a reason and reads the history,
// adds the same KIM again by mistake and merges the duplicate into it. A KIM (registered and
// approved here, so the demo's KIMs keep their names) edits its public description and asks
// for a new name, which the organiser approves from the directory.

const phone = { width: 360, height: 740 };
const shots = path.resolve("test-results/e2e/kim");
const stamp = Date.now().toString(36);
const kimName = `${testKimPrefix} Registri ${stamp}`;
let shot = 0;

async function screenshot(page: Page): Promise<void> {
  fs.mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `registry-${++shot}.png`), fullPage: true });
}

/** axe finds nothing, no id repeats and nothing scrolls sideways at 360 px (as tests/e2e/a11y.test.ts checks). */
async function accessible(page: Page): Promise<void> {
  const where = new URL(page.url()).pathname;
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), `axe on ${where}`).toEqual([]);
  const duplicates = await page.evaluate(() => {
    const seen = new Map<string, number>();
    for (const el of document.querySelectorAll("[id]")) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
    return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
  });
  expect(duplicates, `repeated ids on ${where}`).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${where} scrolls sideways`).toBeLessThanOrEqual(phone.width);
}

/** Clicks a form's submit button once the form has hydrated. */
async function submit(form: Locator, name: string | RegExp): Promise<void> {
  const button = form.getByRole("button", { name, exact: typeof name === "string" });
  await expect.poll(() => button.isEnabled(), { timeout: 20_000 }).toBe(true);
  await button.click();
}

/** A form's status line, once the server has answered. */
async function answer(form: Locator): Promise<string> {
  const status = form.locator("[role=status]").last();
  await expect.poll(async () => ((await status.textContent()) ?? "").trim().length, { timeout: 30_000 }).toBeGreaterThan(0);
  return ((await status.textContent()) ?? "").trim();
}

/** Adds a KIM through /admin/kim/baru and returns its id (from the page it lands on). */
async function addKim(page: Page, name: string, extra: { phone?: string; board?: [string, string] } = {}): Promise<string> {
  await page.goto("/admin/kim");
  await page.getByRole("link", { name: "Tambah KIM" }).click();
  await page.waitForURL("**/admin/kim/baru");
  if (!name.endsWith("ganda")) await accessible(page);
  const form = page.getByTestId("kim-record-form");
  await form.locator("#name").fill(name);
  // The first desa of the first kecamatan of Karanganyar.
  const village = await form.locator("#villageCode option").nth(1).getAttribute("value");
  await form.locator("#villageCode").selectOption(village!);
  if (extra.phone) await form.locator("#contactPhone").fill(extra.phone);
  if (extra.board) {
    await form.locator('[id="board.0.name"]').fill(extra.board[0]);
    await form.locator('[id="board.0.position"]').fill(extra.board[1]);
  }
  await submit(form, "Tambah KIM");
  await page.waitForURL(/\/admin\/kim\/[0-9a-f-]{36}/, { timeout: 30_000 }).catch(async (error: Error) => {
    // Say what the form answered instead of only "timeout".
    throw new Error(`${error.message}\nThe form says: ${(await form.innerText()).replace(/\s+/g, " ").slice(0, 600)}`);
  });
  return new URL(page.url()).pathname.split("/").pop()!;
}

describe.skipIf(!browserAvailable)("the KIM directory on a phone", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test("an organiser adds a KIM, marks it tidak aktif, reads the history and merges a duplicate; a KIM edits its profile and asks for a new name", async () => {
    const admin = await newContext(browser, { viewport: phone });
    const page = await admin.newPage();
    await signIn(page, "admin.karanganyar@layar.test");
    await page.goto("/admin/kim");
    expect(await page.getByTestId("kim-counts").textContent()).toMatch(/\d+ KIM · \d+ aktif · \d+ tidak aktif/);
    await accessible(page);
    await screenshot(page);

    // 1. Add a KIM with a WhatsApp number and a board member.
    const id = await addKim(page, kimName, { phone: "0812-3456-7890", board: ["Sri Lestari", "Ketua"] });
    expect(await page.getByTestId("kim-saved").textContent()).toContain("KIM ditambahkan");
    expect(await page.getByTestId("kim-whatsapp").first().getAttribute("href")).toBe("https://wa.me/6281234567890");
    await screenshot(page);

    // A renamed program is refused as a logo, with a sentence; nothing else changes.
    const record = page.getByTestId("kim-record-form");
    await record.locator("#logo").setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: Buffer.concat([Buffer.from("MZ\x90\x00", "latin1"), Buffer.alloc(4096)]) });
    await submit(record, "Simpan");
    expect(await answer(record)).toContain("bukan gambar PNG, JPEG atau WebP");

    // It is found by name in the directory (a GET form).
    await page.goto(`/admin/kim?q=${encodeURIComponent(stamp)}`);
    await expect.poll(() => page.getByTestId("kim-list").locator("li").count()).toBe(1);

    // 2. Tidak aktif with a reason; the history shows it first.
    await page.goto(`/admin/kim/${id}`);
    const statusForm = page.getByTestId("kim-status-form");
    await statusForm.locator("#status").selectOption("tidak_aktif");
    await statusForm.locator("#reason").fill("Pengurus pindah, tidak ada kegiatan sejak Agustus");
    await submit(statusForm, "Simpan status");
    expect(await answer(statusForm)).toContain("KIM ditandai tidak aktif");
    await page.reload();
    expect(await page.getByTestId("kim-status").textContent()).toBe("Tidak aktif");
    const firstRow = page.getByTestId("kim-history").locator("tbody tr").first();
    expect(await firstRow.textContent()).toContain("Pengurus pindah, tidak ada kegiatan sejak Agustus");
    expect(await firstRow.textContent()).toContain("Diskominfo");
    await accessible(page);
    await screenshot(page);

    // 3. The same KIM added again by mistake, then merged into the first record.
    const duplicateName = `${kimName} ganda`;
    const duplicateId = await addKim(page, duplicateName, { phone: "0813 1111 2222" });
    await page.goto(`/admin/kim/${id}`);
    await page.locator("#gabung").selectOption({ value: duplicateId });
    await page.getByRole("button", { name: "Lihat yang akan dipindah" }).click();
    await page.waitForURL((u) => u.searchParams.get("gabung") === duplicateId);
    const preview = page.getByTestId("merge-preview");
    expect(await preview.textContent()).toContain("Riwayat status");
    const mergeForm = page.getByTestId("kim-merge-form");
    // Without the box ticked the server refuses.
    await submit(mergeForm, "Gabungkan");
    expect(await answer(mergeForm)).toBeTruthy();
    expect(await mergeForm.locator("#confirm-error").textContent()).toContain("Centang konfirmasi");
    await mergeForm.locator("#confirm").check();
    await accessible(page);
    await screenshot(page);
    await submit(mergeForm, "Gabungkan");
    await page.waitForURL((u) => u.searchParams.get("disimpan") === "gabung", { timeout: 30_000 });
    expect(await page.getByTestId("kim-saved").textContent()).toContain("digabungkan");
    const gone = await page.goto(`/admin/kim/${duplicateId}`);
    expect(gone?.status()).toBe(404);

    // 4. A new KIM registers and is approved; its member edits the profile and asks for a new name.
    const registrant = await registerKimWithoutJs("registri");
    await page.goto("/admin/pendaftaran");
    const item = page.locator("#konten li", { hasText: registrant.email });
    await expect.poll(() => item.count()).toBe(1);
    await item.getByRole("button", { name: "Setujui" }).click();
    await expect.poll(() => item.count(), { timeout: 15_000 }).toBe(0);

    const kim = await newContext(browser, { viewport: phone });
    const kimPage = await kim.newPage();
    await signIn(kimPage, registrant.email, testKimPassword);
    await kimPage.goto("/kim/profil");
    const profile = kimPage.getByTestId("own-profile-form");
    await profile.locator("#description").fill("Kami meliput kabar desa setiap pekan.");
    await profile.locator('[id="social.0.label"]').fill("Instagram");
    await profile.locator('[id="social.0.url"]').fill("https://instagram.com/kimuji");
    const logo = await sharp({ create: { width: 640, height: 320, channels: 3, background: "#1d6f42" } }).png().toBuffer();
    await profile.locator("#logo").setInputFiles({ name: "logo-kim.png", mimeType: "image/png", buffer: logo });
    await submit(profile, "Simpan profil");
    expect(await answer(profile)).toContain("Profil KIM tersimpan");
    const newName = `${registrant.kimName} Jaya`;
    const change = kimPage.getByTestId("change-request-form");
    await change.locator("#new-name").fill(newName);
    await change.locator("#change-note").fill("Sesuai SK kepala desa yang baru");
    await submit(change, "Kirim permintaan");
    expect(await answer(change)).toContain("Permintaan terkirim");
    await kimPage.reload();
    expect(await kimPage.getByTestId("own-change-requests").textContent()).toContain("Menunggu keputusan");
    await accessible(kimPage);
    await screenshot(kimPage);

    // 5. The organiser sees it waiting on /admin/kim and approves; the public profile follows, the slug stays.
    await page.goto("/admin/kim");
    const request = page.getByTestId("change-requests").locator("li", { hasText: newName });
    await expect.poll(() => request.count()).toBe(1);
    const approve = request.getByRole("button", { name: "Setujui" });
    await expect.poll(() => approve.isEnabled(), { timeout: 20_000 }).toBe(true);
    await approve.click();
    // Decided requests leave the list (the page is rendered again with the action's answer).
    await expect.poll(() => request.count(), { timeout: 30_000 }).toBe(0);
    await screenshot(page);

    await kimPage.goto("/kim/profil");
    expect(await kimPage.getByTestId("own-change-requests").textContent()).toContain("Disetujui");
    const publicLink = await kimPage.getByRole("link", { name: "Lihat profil publik" }).getAttribute("href");
    const publicPage = await (await fetch(new URL(publicLink!, page.url()))).text();
    expect(publicPage).toContain(newName);
    expect(publicPage).toContain("Kami meliput kabar desa setiap pekan.");
    expect(publicPage).toContain("https://instagram.com/kimuji");
    const logoPath = publicPage.match(/src="(\/api\/kim\/[a-z0-9-]+\/logo\?v=[0-9a-f]+)"/)?.[1];
    expect(logoPath, "the public profile shows the logo").toBeTruthy();
    const logoAnswer = await fetch(new URL(logoPath!.replace(/&amp;/g, "&"), page.url()));
    expect(logoAnswer.headers.get("content-type")).toBe("image/webp");
    expect(logoAnswer.headers.get("cache-control")).toContain("immutable");

    expectNoPageErrors(admin);
    expectNoPageErrors(kim);
    await admin.close();
    await kim.close();
  }, 240_000);
});
