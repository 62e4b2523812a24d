import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { browserAvailable, expectNoPageErrors, httpSignIn, launchBrowser, newContext, signIn, url } from "./helpers";
import { get, judgeEmail, judgeQueueOf, judgeViewport, judgingEditionSlug, judgingEditionTitle, type QueueItem } from "./judging-helpers";

// A judge scores a film on a phone: queue, sheet, autosave (server and device),
// reload, errors next to their criterion, submit, and the lock that survives a reload.

const scoreInputs = (page: Page) => page.locator('[data-criterion] input[type="number"]');
const commentInputs = (page: Page) => page.locator("[data-criterion] textarea");
const saveStatus = (page: Page) => page.getByTestId("save-status");

/** axe finds nothing on the page as it is now (the sheet is checked with its errors showing too). */
async function expectAccessible(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(summary, `axe on ${what}`).toEqual([]);
}

/** Waits until the sheet says the server has every change ("Tersimpan pukul HH.MM WIB"). */
async function waitSaved(page: Page) {
  await expect.poll(() => saveStatus(page).textContent(), { timeout: 15_000 }).toMatch(/^Tersimpan pukul \d{2}\.\d{2} WIB$/);
}

/** Reloads from the server only: the device's copy is removed first, so what shows is the server draft. */
async function reloadFromServer(page: Page) {
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.getByRole("heading", { level: 1 }).waitFor();
}

describe.skipIf(!browserAvailable)("a judge scores a film on a phone", () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let slug: string;
  let untouched: QueueItem[];

  beforeAll(async () => {
    const judge = await httpSignIn(judgeEmail);
    expect(judge.ok).toBe(true);
    slug = await judgingEditionSlug(judge.cookie);
    untouched = (await judgeQueueOf(judge.cookie, slug)).filter((f) => f.state === "belum dinilai");
    expect(untouched.length, "the demo judge needs untouched films (seed: 6 of 9: six sample films and Karanganyar's three nominated winners)").toBeGreaterThanOrEqual(2);
    browser = await launchBrowser();
    context = await newContext(browser, { viewport: judgeViewport });
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  test("signs in, and goes from the dashboard to the edition's queue", async () => {
    await signIn(page, judgeEmail);
    expect(new URL(page.url()).pathname).toBe("/juri");
    await page.getByRole("link", { name: judgingEditionTitle }).click();
    await page.waitForURL(`**/juri/${slug}`);
    await expect.poll(() => page.getByTestId("queue-progress").textContent()).toMatch(/^\d+ dari 9 terkirim$/);
    const items = page.locator("[data-code]");
    expect(await items.count()).toBe(9);
    // Codes and states only: the codes are the neutral film codes.
    for (const code of await items.evaluateAll((els) => els.map((el) => el.getAttribute("data-code")))) expect(code).toMatch(/^JTG\d{2}-[A-Z0-9]+$/);
    expect(new Set(await page.getByTestId("sheet-state").allTextContents())).toEqual(new Set(["terkirim", "draf", "belum dinilai"]));
    expect(await page.evaluate(() => document.documentElement.scrollWidth), "queue scrolls sideways at 390 px").toBeLessThanOrEqual(judgeViewport.width);
    await page.screenshot({ path: "/tmp/layar-judging-queue.png", fullPage: true });
    await expectAccessible(page, "the queue");
    expectNoPageErrors(context);
  });

  test("fills half, autosaves, reloads, completes, submits, and the sheet stays locked", async () => {
    const film = untouched[0];
    await page.goto(`/juri/${slug}`);
    await page.getByRole("link", { name: `Buka lembar nilai ${film.code}` }).click();
    await page.waitForURL(`**/juri/nilai/${film.assignmentId}`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(`Lembar nilai ${film.code}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), "sheet scrolls sideways at 390 px").toBeLessThanOrEqual(judgeViewport.width);

    const scoresIn = scoreInputs(page);
    const comments = commentInputs(page);
    expect(await scoresIn.count()).toBe(5);
    expect(await scoresIn.first().getAttribute("min")).toBe("50");
    expect(await scoresIn.first().getAttribute("max")).toBe("100");
    expect(await scoresIn.first().getAttribute("inputmode")).toBe("decimal");
    await expect.poll(() => page.getByTestId("sheet-total").textContent()).toBe("—");

    // Out of range: the server's message appears next to that criterion and is read with the field.
    await scoresIn.nth(0).fill("150");
    const firstError = page.locator("[data-criterion]").nth(0).getByTestId("criterion-error");
    await expect.poll(() => firstError.textContent(), { timeout: 15_000 }).toMatch(/harus antara 50 dan 100/);
    const describedBy = (await scoresIn.nth(0).getAttribute("aria-describedby")) ?? "";
    expect(describedBy.split(" ")).toContain(await firstError.getAttribute("id"));
    expect(await scoresIn.nth(0).getAttribute("aria-invalid")).toBe("true");

    // About half the criteria, score and comment.
    const scores = ["85", "80", "75", "70", "90"];
    for (const i of [0, 1]) {
      await scoresIn.nth(i).fill(scores[i]);
      await comments.nth(i).fill(`Komentar uji ${i + 1}: pesan jelas.`);
    }
    await waitSaved(page);
    expect(await firstError.count()).toBe(0);

    await reloadFromServer(page);
    for (const i of [0, 1]) {
      expect(await scoreInputs(page).nth(i).inputValue()).toBe(scores[i]);
      expect(await commentInputs(page).nth(i).inputValue()).toBe(`Komentar uji ${i + 1}: pesan jelas.`);
    }
    expect(await scoreInputs(page).nth(2).inputValue()).toBe("");

    // Submitting early: each missing criterion says what it needs, and nothing locks.
    await page.getByRole("button", { name: "Kirim nilai" }).click();
    await expect.poll(() => page.getByTestId("criterion-error").count(), { timeout: 15_000 }).toBe(3);
    expect(await page.locator("[data-criterion]").nth(2).getByTestId("criterion-error").textContent()).toMatch(/^Beri nilai untuk /);
    expect(await page.getByTestId("sheet-message").textContent()).toMatch(/belum lengkap/);
    expect(await page.getByTestId("sheet-locked").count()).toBe(0);
    await page.screenshot({ path: "/tmp/layar-judging-incomplete.png", fullPage: true });
    await expectAccessible(page, "the sheet with errors");

    for (const i of [2, 3, 4]) {
      await scoreInputs(page).nth(i).fill(scores[i]);
      await commentInputs(page).nth(i).fill(`Komentar uji ${i + 1}: gambar perlu lebih stabil.`);
    }
    // 100 * (30*85 + 25*80 + 20*75 + 15*70 + 10*90) / 100 / 100 = 80
    await expect.poll(() => page.getByTestId("sheet-total").textContent()).toBe("80,00");
    await waitSaved(page);

    // Sending locks the sheet, so the page asks first.
    await page.getByRole("button", { name: "Kirim nilai" }).click();
    await page.getByTestId("sheet-confirm").getByRole("button", { name: "Kirim", exact: true }).click();
    await expect.poll(() => page.getByTestId("sheet-locked").textContent(), { timeout: 15_000 }).toMatch(/Terkirim dan terkunci .* WIB/);
    await expectLocked(page, scores);
    await page.screenshot({ path: "/tmp/layar-judging-locked.png", fullPage: true });

    await page.reload();
    await page.getByTestId("sheet-locked").waitFor();
    expect(await page.getByTestId("sheet-locked").textContent()).toMatch(/terkunci/);
    await expectLocked(page, scores);
    expect(await page.getByRole("button", { name: "Kirim nilai" }).count()).toBe(0);
    expect(await page.getByRole("heading", { name: "Nyatakan konflik kepentingan" }).count()).toBe(0);

    await page.goto(`/juri/${slug}`);
    expect(await page.locator(`[data-code="${film.code}"]`).getByTestId("sheet-state").textContent()).toBe("terkirim");
    expectNoPageErrors(context);
  });

  test("a change made offline is kept on the device and saved when the connection returns", async () => {
    const film = untouched[1];
    await page.goto(`/juri/nilai/${film.assignmentId}`);
    await scoreInputs(page).first().waitFor();

    // Back online in the same page: the `online` event sends the draft.
    await context.setOffline(true);
    await scoreInputs(page).nth(0).fill("66");
    await expect.poll(() => saveStatus(page).textContent(), { timeout: 15_000 }).toMatch(/Tidak ada koneksi/);
    await context.setOffline(false);
    await waitSaved(page);

    // Offline and the tab closed: the next visit restores the device's copy and saves it.
    await context.setOffline(true);
    await commentInputs(page).nth(0).fill("Ditulis tanpa sinyal.");
    await expect.poll(() => saveStatus(page).textContent(), { timeout: 15_000 }).toMatch(/Tidak ada koneksi/);
    await page.close();
    await context.setOffline(false);
    page = await context.newPage();
    await page.goto(`/juri/nilai/${film.assignmentId}`);
    await expect.poll(() => page.getByText("dipulihkan dari perangkat ini").count(), { timeout: 15_000 }).toBe(1);
    expect(await commentInputs(page).nth(0).inputValue()).toBe("Ditulis tanpa sinyal.");
    await waitSaved(page);

    await reloadFromServer(page);
    expect(await scoreInputs(page).nth(0).inputValue()).toBe("66");
    expect(await commentInputs(page).nth(0).inputValue()).toBe("Ditulis tanpa sinyal.");
    expect(await page.getByText("dipulihkan dari perangkat ini").count()).toBe(0);
    expectNoPageErrors(context);
  });

  test("a save the server failed is sent again by itself, and the judge is told meanwhile", async () => {
    const film = untouched[1];
    await page.goto(`/juri/nilai/${film.assignmentId}`);
    await scoreInputs(page).first().waitFor();
    // The first two saves answer 500, as a server in trouble would; the third reaches the server.
    let failures = 2;
    const draftRoute = "**/api/juri/lembar/**";
    await page.route(draftRoute, async (route) => {
      if (failures > 0) {
        failures -= 1;
        await route.fulfill({ status: 500, contentType: "application/json", body: JSON.stringify({ error: "Terjadi kesalahan di server. Silakan coba lagi." }) });
      } else {
        await route.continue();
      }
    });
    await scoreInputs(page).nth(1).fill("77");
    await expect.poll(() => saveStatus(page).textContent(), { timeout: 15_000 }).toMatch(/^Belum tersimpan di server\. Nilai aman di perangkat ini dan dikirim lagi otomatis dalam \d+ detik\.$/);
    // No keystroke: the retries alone (after about 2 s, then 4 s) get it stored.
    await waitSaved(page);
    expect(failures).toBe(0);
    await page.unroute(draftRoute);
    await reloadFromServer(page);
    expect(await scoreInputs(page).nth(1).inputValue()).toBe("77");
    expectNoPageErrors(context);
  });

  test("the player plays the judges' copy from /api/films/<id>/video", async () => {
    // The demo's open favorit vote makes its nominees public (docs/decisions/0036): take a film that is not one.
    const favorit = (await (await fetch(url(`/api/v1/editions/${slug}/favorit`))).json()) as { nominees: { code: string }[] };
    const nominees = new Set(favorit.nominees.map((n) => n.code));
    const film = untouched.find((f) => !nominees.has(f.code));
    if (!film) throw new Error("every untouched film of the demo judge is a favorit nominee");
    await page.goto(`/juri/nilai/${film.assignmentId}`);
    const video = page.locator("video");
    expect(await video.count(), "the sheet has no player: the film has no judges' copy (judge_video) to show").toBe(1);
    const src = (await video.getAttribute("src")) ?? "";
    expect(src).toMatch(/^\/api\/films\/[0-9a-f-]{36}\/video$/);
    expect(await video.getAttribute("preload")).toBe("metadata");
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const response = await get(src, cookie, { Range: "bytes=0-" });
    expect([200, 206]).toContain(response.status);
    expect(response.headers.get("content-type")).toBe("video/mp4");
    expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    // Signed out, the same address answers nothing.
    expect((await fetch(url(src))).status).toBe(404);
  });
});

async function expectLocked(page: Page, scores: string[]) {
  const inputs = scoreInputs(page);
  for (let i = 0; i < scores.length; i++) {
    expect(await inputs.nth(i).isDisabled()).toBe(true);
    expect(await commentInputs(page).nth(i).isDisabled()).toBe(true);
    expect(await inputs.nth(i).inputValue()).toBe(scores[i]);
  }
}
