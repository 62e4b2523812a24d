import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { browserAvailable, expectNoPageErrors, launchBrowser, newContext, signIn } from "./helpers";
import { cutUploadsFrom, makeLargeVideo, providedDataDir, recordTusRequests, sha256, sha256File, TUS_CHUNK_BYTES, type GeneratedVideo } from "./upload-helpers";

// The submission issue's test: a KIM member on a village phone uploads a real
// film, the connection drops mid-upload, the tab is reloaded, the same file is
// chosen again and the upload continues from the last stored byte to the end;
// the file the server keeps is byte for byte the one on the phone.

const shots = path.resolve("test-results/e2e");
const phone = { width: 360, height: 780 };

/** The KIM's new entry, made through the dashboard's "Kirim film" link of the open Karanganyar edition and its slot confirmation. */
async function createEntry(page: Page): Promise<string> {
  await page.goto("/kim");
  const edition = page.locator("section[aria-labelledby=h-open] li").filter({ hasText: "Karanganyar" });
  await expect.poll(() => edition.count()).toBe(1);
  // "Kirim film" leads to the rules and the slot confirmation; the draft is made there.
  await edition.getByRole("link", { name: "Kirim film" }).click();
  await page.waitForURL((u) => u.pathname.startsWith("/kim/kirim/"), { timeout: 30_000 });
  await page.locator("input[name=confirmSlot]").check();
  const button = page.getByRole("button", { name: "Buat draf film" });
  await expect.poll(() => button.isEnabled(), { timeout: 15_000 }).toBe(true);
  await button.click();
  await page.waitForURL((u) => /^\/kim\/film\/[0-9a-f-]{36}$/.test(u.pathname), { timeout: 30_000 });
  return new URL(page.url()).pathname.split("/").pop()!;
}

const uploadStatus = (page: Page) => page.locator("[data-testid=upload-status]").textContent();

describe.skipIf(!browserAvailable)("resumable film upload in a real browser", () => {
  let browser: Browser;
  let workDir: string;
  let video: GeneratedVideo;

  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), "layar-e2e-upload-"));
    [browser, video] = await Promise.all([launchBrowser(), makeLargeVideo(workDir)]);
    fs.mkdirSync(shots, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  test("a KIM's upload survives a dropped connection and a reload, resumes from the stored offset, and the stored file is identical", { timeout: 300_000 }, async () => {
    // A real film spanning several 5 MB chunks, so the cut lands between stored chunks.
    expect(video.size).toBeGreaterThan(4 * TUS_CHUNK_BYTES);

    const context = await newContext(browser, { viewport: phone });
    try {
      const page = await context.newPage();
      let phase = "first";
      const tus = recordTusRequests(page, () => phase);

      // 1. Sign in as the demo KIM and start a new entry in the open edition.
      await signIn(page, "kim@layar.test");
      expect(new URL(page.url()).pathname).toBe("/kim");
      const filmId = await createEntry(page);
      await expect.poll(() => page.locator("[data-testid=film-status]").textContent()).toBe("Draf");
      const input = page.locator("#video-file");
      await expect.poll(() => input.isEnabled(), { timeout: 15_000 }).toBe(true);

      // 2. Choose the film; the connection drops once the upload is past 30%:
      //    the first chunk that would start beyond that point never arrives.
      const cutFrom = Math.ceil(0.3 * video.size);
      const network = await cutUploadsFrom(page, cutFrom);
      await input.setInputFiles(video.path);
      await expect.poll(() => network.isCut(), { timeout: 60_000 }).toBe(true);
      await expect.poll(() => uploadStatus(page), { timeout: 30_000 }).toContain("Koneksi terputus. Mencoba lagi otomatis…");
      const shownPercent = Number(await page.locator("[data-testid=video-uploader] progress").getAttribute("value"));
      expect(shownPercent).toBeGreaterThanOrEqual(30);
      expect(shownPercent).toBeLessThan(100);

      // The phone loses its signal altogether: the uploader says it will carry on by itself.
      await context.setOffline(true);
      await expect.poll(() => uploadStatus(page), { timeout: 45_000 }).toContain("Tidak ada koneksi. Unggahan dilanjutkan otomatis saat koneksi kembali.");
      await context.setOffline(false);

      const created = tus.filter((r) => r.method === "POST");
      expect(created).toHaveLength(1);
      const firstPatches = tus.filter((r) => r.phase === "first" && r.method === "PATCH");
      const uploadUrl = firstPatches[0].url;
      const uploadId = new URL(uploadUrl).pathname.split("/").pop()!;
      expect(new URL(uploadUrl).pathname).toMatch(/^\/api\/upload\/[0-9a-f-]{36}$/);
      // Whole chunks stored before the cut; the cut one is the first at or past 30%.
      const storedBeforeCut = firstPatches.find((r) => (r.offset ?? 0) >= cutFrom)!.offset!;
      expect(storedBeforeCut % TUS_CHUNK_BYTES).toBe(0);
      expect(storedBeforeCut).toBeGreaterThan(0);
      expect(storedBeforeCut).toBeLessThan(video.size);
      expect(firstPatches.filter((r) => (r.offset ?? 0) < cutFrom).map((r) => r.offset)).toEqual(
        Array.from({ length: storedBeforeCut / TUS_CHUNK_BYTES }, (_, i) => i * TUS_CHUNK_BYTES),
      );

      // 3. The tab is closed and opened again (still no connection to the upload endpoint),
      //    then the signal comes back.
      await page.reload();
      phase = "reload"; // requests from here on come from the reopened page
      await network.restore();
      const uploader = page.locator("[data-testid=video-uploader]");
      await expect
        .poll(() => uploader.locator("[role=status]").first().textContent(), { timeout: 15_000 })
        .toMatch(/^Ada unggahan yang belum selesai: film-kim-desa\.mp4 \(\d+%\)\. Pilih berkas yang sama untuk melanjutkan dari titik terakhir\.$/);
      const pendingPercent = Number((await uploader.locator("[role=status]").first().textContent())!.match(/\((\d+)%\)/)![1]);
      expect(pendingPercent).toBeGreaterThanOrEqual(30);
      expect(pendingPercent).toBeLessThan(100);
      await page.screenshot({ path: path.join(shots, "unggah-tertunda-360.png"), fullPage: true });

      // 4. The same file again: the upload continues where the server stopped, not from 0.
      phase = "resume";
      await expect.poll(() => input.isEnabled(), { timeout: 15_000 }).toBe(true);
      await input.setInputFiles(video.path);
      await expect.poll(() => uploadStatus(page), { timeout: 30_000 }).toMatch(/Melanjutkan dari \d+%\./);
      const resumedPercent = Number((await uploadStatus(page))!.match(/Melanjutkan dari (\d+)%/)![1]);
      expect(resumedPercent).toBeGreaterThanOrEqual(30);

      // 5. The last byte arrives; the page refreshes itself until the server's check accepts the film.
      await expect.poll(() => page.locator("[data-testid=video-accepted]").count(), { timeout: 120_000, interval: 1_000 }).toBe(1);
      // The draft names no language yet and the edition asks subtitles of films not in Bahasa
      // Indonesia, so the accepted video alone does not complete the entry: it waits for them.
      await expect.poll(() => page.locator("[data-testid=film-status]").textContent(), { timeout: 30_000 }).toBe("Draf");
      expect(await page.locator("[data-testid=entry-todo]").textContent()).toContain("subtitle");
      const accepted = (await page.locator("[data-testid=video-accepted]").textContent()) ?? "";
      expect(accepted).toContain("1280");
      expect(accepted).toContain("720");
      expect(accepted).toContain("H264");
      expect(await page.locator("[data-testid=video-problems]").count()).toBe(0);
      expect(await uploadStatus(page)).not.toContain("Unggahan gagal");

      // What went over the wire after the reload: no new upload, the same upload URL,
      // the offset asked of the server (HEAD) first, then chunks from the stored offset.
      // Opening the page sends nothing to the upload endpoint by itself; choosing the file does.
      expect(tus.filter((r) => r.phase === "reload")).toEqual([]);
      const resumed = tus.filter((r) => r.phase === "resume");
      expect(resumed.filter((r) => r.method === "POST")).toEqual([]);
      expect(resumed[0].method).toBe("HEAD");
      const resumedPatches = resumed.filter((r) => r.method === "PATCH");
      expect(resumedPatches.length).toBeGreaterThan(0);
      expect(resumedPatches[0].offset).toBe(storedBeforeCut);
      expect(resumedPatches[0].offset).toBeGreaterThan(0);
      expect(resumedPatches.every((r) => r.url === uploadUrl)).toBe(true);
      expect(resumedPatches.map((r) => r.offset)).toEqual(
        Array.from({ length: Math.ceil((video.size - storedBeforeCut) / TUS_CHUNK_BYTES) }, (_, i) => storedBeforeCut + i * TUS_CHUNK_BYTES),
      );

      // 6. The stored original is the phone's file, byte for byte.
      const download = await context.request.get(`/api/films/${filmId}/video?unduh=1`);
      expect(download.status()).toBe(200);
      expect(download.headers()["content-disposition"]).toMatch(/^attachment; filename=".+\.mp4"$/);
      const served = await download.body();
      expect(served.length).toBe(video.size);
      expect(sha256(served)).toBe(video.sha256);
      // The server's own hash of what it stored (set by the check) is the ETag.
      expect(download.headers()["etag"]).toBe(`"${video.sha256}"`);
      const dataDir = providedDataDir();
      if (dataDir) expect(await sha256File(path.join(dataDir, "media", "uploads", uploadId))).toBe(video.sha256);

      // 7. Once finished, the browser forgets the upload: no pending notice after another reload.
      await page.reload();
      await expect.poll(() => page.locator("[data-testid=video-accepted]").count()).toBe(1);
      await expect.poll(() => input.isEnabled(), { timeout: 15_000 }).toBe(true);
      expect(await uploader.textContent()).not.toContain("Ada unggahan yang belum selesai");
      const remembered = await page.evaluate(() => Object.keys(localStorage));
      expect(remembered.filter((k) => k.includes(filmId) || k.includes(uploadId))).toEqual([]);
      await page.screenshot({ path: path.join(shots, "unggah-diterima-360.png"), fullPage: true });

      expectNoPageErrors(context);
    } finally {
      await context.close();
    }
  });
});
