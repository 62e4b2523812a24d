import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { browserAvailable, expectNoPageErrors, launchBrowser, newContext, signIn, url } from "./helpers";

// Issue 14, Monev, on a 360 px phone against the demo data. A KIM member records an activity
// with a photo on /kim/kegiatan and finds it on the KIM's public profile. The Karanganyar
// organiser creates a Monev for a year of its own, sets two criteria, starts it, scores two KIMs
// (an active one low, an inactive one high), closes it and sees both statuses changed, on the
// Monev page and on the public profiles. The two swap places, so the registry still counts 24
// active and 9 inactive for the other files (tests/e2e/api.test.ts).

const phone = { width: 360, height: 740 };
const stamp = Date.now();
const shots = path.resolve("test-results/e2e/kim");
const year = 2031 + (stamp % 60); // a year the demo's Monev (2025) and other runs do not use
const activityTitle = `Pelatihan pengelolaan media sosial e2e ${stamp}`;
let shot = 0;
const screenshot = (page: Page) => page.screenshot({ path: path.join(shots, `monev-${++shot}.png`), fullPage: true });

/** Clicks a form's submit button once the form has hydrated. */
async function submit(form: Locator, name: string | RegExp): Promise<void> {
  const button = form.getByRole("button", { name });
  await expect.poll(() => button.isEnabled(), { timeout: 20_000 }).toBe(true);
  await button.click();
}

/** A form's status line, once the server has answered. */
async function answer(form: Locator): Promise<string> {
  const status = form.locator("[role=status]").last();
  await expect.poll(async () => ((await status.textContent()) ?? "").trim().length, { timeout: 30_000 }).toBeGreaterThan(0);
  return ((await status.textContent()) ?? "").trim();
}

const formWith = (page: Page, button: string | RegExp) => page.locator("form").filter({ has: page.getByRole("button", { name: button }) });

type DirectoryKim = { name: string; slug: string; status: "aktif" | "tidak_aktif"; isSample: boolean };

describe.skipIf(!browserAvailable)("activities and the yearly Monev", () => {
  let browser: Browser;
  let photoFile: string;
  beforeAll(async () => {
    browser = await launchBrowser();
    fs.mkdirSync(shots, { recursive: true });
    // A phone photo: 2000×1500 JPEG with a GPS position in its EXIF.
    photoFile = path.join(os.tmpdir(), `layar-e2e-kegiatan-${stamp}.jpg`);
    const bytes = await sharp({ create: { width: 2000, height: 1500, channels: 3, background: "#2f6f4f" } })
      .withExif({ IFD3: { GPSLatitudeRef: "S", GPSLatitude: "7/1 35/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "110/1 56/1 0/1" } })
      .jpeg()
      .toBuffer();
    fs.writeFileSync(photoFile, bytes);
  });
  afterAll(async () => {
    await browser?.close();
    fs.rmSync(photoFile, { force: true });
  });

  test("a KIM member adds an activity with a photo and it shows on the public profile", async () => {
    const context = await newContext(browser, { viewport: phone });
    const page = await context.newPage();
    await signIn(page, "kim@layar.test");
    await page.goto("/kim");
    await page.getByRole("link", { name: "Kegiatan KIM", exact: true }).click();
    await page.waitForURL((u) => u.pathname === "/kim/kegiatan");
    await screenshot(page);

    const form = formWith(page, "Simpan kegiatan");
    await page.locator("#heldOn").fill("2026-11-20");
    await page.selectOption("#type", "pelatihan");
    await page.locator("#title").fill(activityTitle);
    await page.locator("#report").fill("Dua puluh warga berlatih mengelola akun media sosial desa.");
    await page.locator("#links").fill("https://karanganyarkab.go.id/");
    await page.locator("#photo-new").setInputFiles(photoFile);
    await submit(form, "Simpan kegiatan");
    await page.waitForURL((u) => /^\/kim\/kegiatan\/[0-9a-f-]{36}$/.test(u.pathname), { timeout: 60_000 });
    await expect.poll(() => page.getByTestId("activity-saved").isVisible()).toBe(true);
    const photos = page.getByTestId("activity-photos").locator("img");
    expect(await photos.count()).toBe(1);
    expect(await photos.first().getAttribute("alt")).toContain(activityTitle);
    expect(await page.getByText("Tanpa metadata lokasi.").count()).toBe(1);
    await screenshot(page);

    // The profile, as anyone sees it.
    const profileHref = await page.getByRole("link", { name: "Daftar kegiatan" }).getAttribute("href");
    await page.goto(profileHref!);
    const profileLink = page.getByRole("link", { name: "Lihat profil publik KIM" });
    const profilePath = (await profileLink.getAttribute("href"))!;
    const visitor = await (await newContext(browser, { viewport: phone })).newPage();
    await visitor.goto(profilePath);
    const activities = visitor.getByTestId("kim-activities");
    await expect.poll(async () => (await activities.textContent()) ?? "", { timeout: 20_000 }).toContain(activityTitle);
    const thumb = activities.locator(`img[alt*="${activityTitle}"]`);
    expect(await thumb.count()).toBe(1);
    const src = (await thumb.getAttribute("src"))!;
    const photo = await fetch(url(src));
    expect(photo.status).toBe(200);
    expect(photo.headers.get("content-type")).toBe("image/jpeg");
    const meta = await sharp(Buffer.from(await photo.arrayBuffer())).metadata();
    expect(meta.width).toBe(320);
    expect(meta.exif).toBeUndefined();
    expect((await visitor.getByTestId("kim-status-history").textContent()) ?? "").toMatch(/Sejak/);
    await screenshot(visitor);
    expectNoPageErrors(context);
  });

  test("an organiser creates a Monev, sets criteria, scores two KIMs, closes it and sees their status change", async () => {
    const directory = (await (await fetch(url("/api/v1/kim?regency=33.13"))).json()) as { kims: DirectoryKim[] };
    // Two sample KIMs without films (their profiles list none): one active, one inactive.
    const withoutFilms = async (k: DirectoryKim) => ((await (await fetch(url(`/api/v1/kim/${k.slug}`))).json()) as { films: unknown[] }).films.length === 0;
    const pickOne = async (status: DirectoryKim["status"]) => {
      for (const k of directory.kims.filter((x) => x.isSample && x.status === status).reverse()) if (await withoutFilms(k)) return k;
      throw new Error(`no sample KIM ${status} without films`);
    };
    const active = await pickOne("aktif");
    const inactive = await pickOne("tidak_aktif");

    const context = await newContext(browser, { viewport: phone });
    const page = await context.newPage();
    await signIn(page, "admin.karanganyar@layar.test");
    await page.goto("/admin/monev");
    const create = formWith(page, "Buat Monev");
    await page.locator("#year").fill(String(year));
    await page.locator("#threshold").fill("60");
    await submit(create, "Buat Monev");
    await page.waitForURL((u) => /^\/admin\/monev\/[0-9a-f-]{36}$/.test(u.pathname), { timeout: 60_000 });
    const monevPath = new URL(page.url()).pathname;
    expect((await page.getByTestId("monev-status").textContent()) ?? "").toContain("Draf");

    // Two criteria: 0-100 with weight 3, 0-10 with weight 1.
    const criteria = formWith(page, "Simpan kriteria");
    await page.locator("#crit-0-name").fill("Kelembagaan dan regenerasi pengurus");
    await page.locator("#crit-0-maxScore").fill("100");
    await page.locator("#crit-0-weight").fill("3");
    await page.locator("#crit-1-name").fill("Kegiatan dan laporan");
    await page.locator("#crit-1-maxScore").fill("10");
    await page.locator("#crit-1-weight").fill("1");
    await submit(criteria, "Simpan kriteria");
    expect(await answer(criteria)).toBe("Kriteria tersimpan.");
    await screenshot(page);
    // The start form gives way to "back to draft" once the page is rendered again.
    await submit(formWith(page, "Mulai Monev"), "Mulai Monev");
    await expect.poll(async () => (await page.getByTestId("monev-status").textContent()) ?? "", { timeout: 30_000 }).toContain("Berjalan");

    const score = async (kim: DirectoryKim, values: [string, string], expected: string) => {
      await page.goto(monevPath);
      await page.getByTestId("monev-kims").getByRole("link", { name: kim.name }).click();
      await page.waitForURL((u) => u.pathname.startsWith(`${monevPath}/kim/`));
      const inputs = page.locator('input[name^="score."]');
      expect(await inputs.count()).toBe(2);
      await inputs.nth(0).fill(values[0]);
      await inputs.nth(1).fill(values[1]);
      const sheet = formWith(page, "Simpan nilai");
      await submit(sheet, "Simpan nilai");
      expect(await answer(sheet)).toBe(`Nilai tersimpan. Total ${expected}.`);
    };
    // (3×30/100 + 1×3/10)/4 = 30 → proposed tidak aktif; (3×90/100 + 1×9/10)/4 = 90 → aktif.
    await score(active, ["30", "3"], "30.00");
    await screenshot(page);
    await score(inactive, ["90", "9"], "90.00");

    await page.goto(monevPath);
    const row = (kim: DirectoryKim) => page.getByTestId("monev-kims").locator("tr", { has: page.getByRole("link", { name: kim.name }) });
    expect((await row(active).textContent()) ?? "").toContain("30.00");
    expect((await row(inactive).textContent()) ?? "").toContain("90.00");
    await screenshot(page);

    const close = formWith(page, "Tutup Monev");
    await page.locator("#confirm").check();
    await submit(close, "Tutup Monev");
    // The closing form leaves the page with the Monev's new status.
    await expect.poll(async () => (await page.getByTestId("monev-status").textContent()) ?? "", { timeout: 30_000 }).toContain("Selesai");
    await page.goto(monevPath);
    expect((await row(active).textContent()) ?? "").toContain("Status sekarang: Tidak aktif");
    expect((await row(inactive).textContent()) ?? "").toContain("Status sekarang: Aktif");
    await screenshot(page);

    // The public profiles and the API say so, with the history newest first.
    const visitor = await (await newContext(browser, { viewport: phone })).newPage();
    await visitor.goto(`/kim/${active.slug}`);
    await expect.poll(async () => (await visitor.getByTestId("kim-status").textContent())?.trim(), { timeout: 20_000 }).toBe("Tidak aktif");
    expect((await visitor.getByTestId("kim-status-history").textContent()) ?? "").toContain(`Monev ${year}: nilai 30.00 di bawah ambang 60.00.`);
    await screenshot(visitor);
    const api = (await (await fetch(url(`/api/v1/kim/${inactive.slug}`))).json()) as { status: string; statusHistory: { status: string; from: string }[] };
    expect(api.status).toBe("aktif");
    expect(api.statusHistory[0].status).toBe("aktif");
    expectNoPageErrors(context);
  });
});
