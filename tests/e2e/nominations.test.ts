import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { browserAvailable, launchBrowser, newContext, signIn, url } from "./helpers";

// Issue 15, from regency to province, on a 360 px phone against the demo data (docs/decisions/0035).
// The Jawa Tengah organiser imports a provincial edition that takes nominations only (any 2 films
// per regency; no direct entries, so no KIM's list of open editions changes for the other files)
// and opens it; the Karanganyar organiser nominates the demo KIM's film from its
// published edition; the KIM member opens the link from the mail and confirms; the province
// sees it under Kabupaten Karanganyar and returns it with a reason.

const phone = { width: 360, height: 740 };
const stamp = Date.now();
const shots = path.resolve("test-results/e2e/nominations");
const slug = `jateng-nominasi-e2e-${stamp}`;
const title = `Lomba Film KIM Jawa Tengah Nominasi e2e ${stamp}`;
let shot = 0;
const screenshot = (page: Page) => page.screenshot({ path: path.join(shots, `nominations-${++shot}.png`), fullPage: true });

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

async function submit(form: Locator, name: string | RegExp): Promise<void> {
  const button = form.getByRole("button", { name, exact: typeof name === "string" });
  await expect.poll(() => button.isEnabled(), { timeout: 20_000 }).toBe(true);
  await button.click();
}

async function answer(form: Locator): Promise<string> {
  const status = form.locator("[role=status]").last();
  await expect.poll(async () => ((await status.textContent()) ?? "").trim().length, { timeout: 30_000 }).toBeGreaterThan(0);
  return ((await status.textContent()) ?? "").trim();
}

const formWith = (page: Page, button: string | RegExp) => page.locator("form").filter({ has: page.getByRole("button", { name: button }) });

/** The provincial edition as an edition file: open now, nominations only, any 2 films per regency. */
function editionFile(): string {
  const day = 86_400_000;
  const at = (days: number) => new Date(Date.now() + days * day).toISOString();
  return JSON.stringify({
    format: "layar-edition",
    version: 1,
    slug,
    title,
    level: "provinsi",
    regionCode: "33",
    year: new Date().getFullYear(),
    theme: null,
    description: null,
    dates: { submissionOpensAt: at(-1), submissionClosesAt: at(10), judgingClosesAt: at(20), announceAt: at(30) },
    rules: { maxDurationSeconds: 300, minHeight: 720, maxFileBytes: 2 * 1024 ** 3, containers: ["mp4", "mov"], videoCodecs: ["h264", "hevc"], filmsPerKim: 2, uploadGraceMinutes: 60, subtitles: "opsional", eligibleKims: "semua", storageBudgetBytes: null, text: null },
    judging: { judgesPerFilm: 2, assignmentMode: "k", rankingMethod: "mean", placements: { juara: 3, harapan: 3 }, screeningRound: false, tieBreak: [] },
    visibility: { showOtherJudgesScores: false, showJuryCommentsToKim: true },
    categories: [{ name: "Fiksi", description: null, juara: null, harapan: null }],
    rubric: [{ name: "Cerita", description: null, weight: 1, minScore: 0, maxScore: 100 }],
    intake: { mode: "nominasi", quotaKind: "pilihan", quotaPerRegency: 2 },
    documents: { signatoryName: null, signatoryPosition: null, signatoryNip: null, beritaAcaraNumber: null },
  });
}

/** The newest mail in the server's outbox (no SMTP in the e2e run) that holds a nomination link. */
async function nominationLink(): Promise<string> {
  const dir = path.join(inject("dataDir"), "outbox");
  let link = "";
  await expect
    .poll(
      () => {
        if (!fs.existsSync(dir)) return "";
        const mails = fs
          .readdirSync(dir)
          .filter((f) => f.endsWith(".eml"))
          .map((f) => ({ f, at: fs.statSync(path.join(dir, f)).mtimeMs }))
          .sort((a, b) => b.at - a.at)
          .map(({ f }) => fs.readFileSync(path.join(dir, f), "utf8").replace(/=\r?\n/g, "").replace(/=3D/g, "="));
        const mail = mails.find((m) => m.includes("/nominasi/"));
        link = mail?.match(/\/nominasi\/[A-Za-z0-9_-]{20,}/)?.[0] ?? "";
        return link;
      },
      { timeout: 60_000 },
    )
    .not.toBe("");
  return link;
}

describe.skipIf(!browserAvailable)("nominations from regency to province", () => {
  let browser: Browser;
  let editionFilePath: string;
  let kimName = "";
  beforeAll(async () => {
    browser = await launchBrowser();
    fs.mkdirSync(shots, { recursive: true });
    editionFilePath = path.join(os.tmpdir(), `layar-e2e-nominasi-${stamp}.json`);
    fs.writeFileSync(editionFilePath, editionFile());
  });
  afterAll(async () => {
    await browser?.close();
    fs.rmSync(editionFilePath, { force: true });
  });

  test("the province imports an edition that takes nominations and opens it", async () => {
    const context = await newContext(browser, { viewport: phone });
    const page = await context.newPage();
    await signIn(page, "admin.jateng@layar.test");
    await page.goto("/admin/festival/baru");
    const form = formWith(page, "Impor sebagai draf baru");
    await form.locator('input[type="file"]').setInputFiles(editionFilePath);
    await submit(form, "Impor sebagai draf baru");
    await page.waitForURL((u) => u.pathname === `/admin/festival/${slug}/pengaturan`, { timeout: 60_000 });
    // The intake came with the file.
    await expect.poll(() => page.locator("#intake-mode").inputValue()).toBe("nominasi");
    expect(await page.locator("#intake-kind").inputValue()).toBe("pilihan");
    const open = formWith(page, "Buka pendaftaran");
    await open.locator("#confirm-pendaftaran").check();
    await submit(open, "Buka pendaftaran");
    await expect.poll(() => page.getByTestId("edition-status").textContent(), { timeout: 30_000 }).toMatch(/Pendaftaran dibuka/);
    await page.locator("#penerimaan").scrollIntoViewIfNeeded();
    await screenshot(page);
    await accessible(page);
    await context.close();
  });

  test("the regency nominates its KIM's film; a film the rules would refuse says why", async () => {
    const kimContext = await newContext(browser, { viewport: phone });
    const kimPage = await kimContext.newPage();
    await signIn(kimPage, "kim@layar.test");
    await kimPage.goto("/kim");
    // "Halo, … · KIM: KIM …": the KIM whose film is nominated.
    kimName = ((await kimPage.locator("h1 + p").textContent()) ?? "").split("·").pop()!.replace(/^\s*KIM:\s*/, "").trim();
    await kimContext.close();
    expect(kimName).toMatch(/^KIM /);

    const list = (await (await fetch(url("/api/v1/editions"))).json()) as { editions: { slug: string; regionCode: string; status: string; isSample: boolean }[] };
    const source = list.editions.find((e) => e.regionCode === "33.13" && e.status === "diumumkan" && e.isSample)!;
    const context = await newContext(browser, { viewport: phone });
    const page = await context.newPage();
    await signIn(page, "admin.karanganyar@layar.test");
    await page.goto(`/admin/festival/${source.slug}`);
    await page.getByRole("link", { name: "Nominasi", exact: true }).click();
    await page.waitForURL((u) => u.pathname === `/admin/festival/${source.slug}/nominasi`);
    const section = page.getByTestId("nomination-target").filter({ hasText: title });
    await expect.poll(() => section.count()).toBe(1);
    const form = section.locator("form");
    const film = form.locator("li").filter({ hasText: kimName }).first();
    await film.locator('input[type="checkbox"]').check();
    await screenshot(page);
    await accessible(page);
    await submit(form, "Kirim nominasi");
    expect(await answer(form)).toMatch(/1 film dinominasikan/);
    await page.reload();
    await expect.poll(() => page.getByTestId("nominations-sent").textContent()).toContain("Menunggu KIM");
    await screenshot(page);
    await context.close();
  });

  test("the KIM member opens the link from the mail and confirms; a second answer is refused", async () => {
    const link = await nominationLink();
    const context = await newContext(browser, { viewport: phone });
    const page = await context.newPage();
    await signIn(page, "kim@layar.test");
    await page.goto(link);
    await expect.poll(() => page.locator("h1").textContent()).toMatch(/^Nominasi: /);
    expect(await page.locator("main").textContent()).toContain(title);
    await screenshot(page);
    await accessible(page);
    const form = formWith(page, "Konfirmasi, ikutkan film ini");
    await submit(form, "Konfirmasi, ikutkan film ini");
    // The page then says so, with the film's new code in the provincial edition.
    await expect.poll(() => page.getByTestId("nomination-status").textContent(), { timeout: 30_000 }).toMatch(/sudah dikonfirmasi\. Film Anda ikut festival provinsi dengan kode P\d{2}-/);
    await page.reload();
    expect(await page.getByTestId("nomination-status").textContent()).toMatch(/sudah dikonfirmasi/);
    expect(await page.getByRole("button", { name: "Konfirmasi, ikutkan film ini" }).count()).toBe(0);
    await screenshot(page);
    await context.close();

    // Another KIM's member is told the link is not theirs.
    const other = await newContext(browser, { viewport: phone });
    const otherPage = await other.newPage();
    await signIn(otherPage, "kim.wonogiri@layar.test");
    await otherPage.goto(link);
    await expect.poll(() => otherPage.getByTestId("nomination-not-yours").count()).toBe(1);
    await other.close();
  });

  test("the province sees the nomination under Kabupaten Karanganyar, the API counts it, and the province returns it", async () => {
    const before = (await (await fetch(url(`/api/v1/editions/${slug}`))).json()) as { intake: unknown; nominationsByRegion: unknown[] };
    expect(before.intake).toEqual({ mode: "nominasi", quotaKind: "pilihan", quotaPerRegency: 2 });
    expect(before.nominationsByRegion).toEqual([{ regionCode: "33.13", regionName: expect.stringMatching(/Karanganyar/i), films: 1 }]);

    const context = await newContext(browser, { viewport: phone });
    const page = await context.newPage();
    await signIn(page, "admin.jateng@layar.test");
    await page.goto(`/admin/festival/${slug}/nominasi`);
    const region = page.getByTestId("incoming-region").filter({ hasText: "Karanganyar" });
    await expect.poll(() => region.textContent()).toContain("Masuk");
    await screenshot(page);
    await accessible(page);
    await region.locator("summary").first().click();
    const form = formWith(page, "Kembalikan nominasi");
    await form.locator("textarea").fill("Film ini sudah pernah tampil di festival provinsi tahun lalu.");
    await submit(form, "Kembalikan nominasi");
    // The page is drawn again with the nomination returned (its form gone), and stays so on reload.
    await expect.poll(() => page.getByTestId("incoming-region").textContent(), { timeout: 30_000 }).toContain("Dikembalikan");
    await page.reload();
    expect(await page.getByTestId("incoming-region").textContent()).toContain("Film ini sudah pernah tampil di festival provinsi tahun lalu.");
    await screenshot(page);
    await context.close();

    const after = (await (await fetch(url(`/api/v1/editions/${slug}`))).json()) as { nominationsByRegion: unknown[] };
    expect(after.nominationsByRegion).toEqual([]);
  });
});
