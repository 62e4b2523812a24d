import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { baseUrl, browserAvailable, expectNoPageErrors, httpSignIn, launchBrowser, newContext, signIn, url } from "./helpers";
import { makeLargeVideo, type GeneratedVideo } from "./upload-helpers";

// Two findings of the outside review, against the production server:
// 1. A NUL byte in a path or a query answered 500; it must be a 4xx, on pages and API alike.
// 2. tus protocol errors reached a KIM in English ("Upload-Offset conflict"): the uploader
//    must word every failure itself, in the reader's language.

const nulAddresses = [
  "/arsip?q=%00",
  "/festival/%00",
  "/film/%00",
  "/kim/%00",
  "/wilayah/%00",
  "/verifikasi/%00",
  "/masuk?kembali=%00",
  "/kim/film/%00",
  "/api/v1/editions/%00",
  "/api/v1/kim/%00",
  "/api/v1/films/%00",
  "/api/v1/regions/%00",
  "/api/v1/arsip?q=%00",
  "/api/v1/arsip?tema=%00",
  "/api/films/%00/video",
  "/api/festival/%00/dokumen/rekap.csv",
  "/api/upload/%00",
];
// next-auth's own routes ignore what they do not know (a query) or send back to sign-in.
const authAddresses = ["/api/auth/session?x=%00", "/api/auth/signin/%00", "/api/auth/providers?x=%00"];

describe("a NUL byte in an address", () => {
  test.each(nulAddresses)("%s answers 4xx, never a server error", async (address) => {
    const response = await fetch(url(address), { redirect: "manual", headers: address.startsWith("/api/upload") ? { "Tus-Resumable": "1.0.0" } : {} });
    expect(response.status, address).toBeGreaterThanOrEqual(400);
    expect(response.status, address).toBeLessThan(500);
  });
  test.each(authAddresses)("%s is no server error", async (address) => {
    const response = await fetch(url(address), { redirect: "manual" });
    expect(response.status, address).toBeLessThan(500);
  });
});

describe("a NUL byte in a form field", () => {
  test("signing in with one is a refusal, not a server error", async () => {
    const signedIn = await httpSignIn("kim\u0000@layar.test", "kata\u0000sandi");
    expect(signedIn.ok).toBe(false);
    expect(signedIn.status).toBeLessThan(500);
  });
});

describe.skipIf(!browserAvailable)("the uploader's words when the upload endpoint refuses", () => {
  let browser: Browser;
  let workDir: string;
  let video: GeneratedVideo;

  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), "layar-e2e-upload-errors-"));
    [browser, video] = await Promise.all([launchBrowser(), makeLargeVideo(workDir, 1)]);
  });
  afterAll(async () => {
    await browser?.close();
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  /** The demo KIM's draft in the open edition, with the file chosen; returns what the uploader says. */
  async function chooseFile(page: Page): Promise<string> {
    await page.goto("/kim");
    await page.getByRole("link", { name: /Sinyal di Lereng Lawu/ }).first().click();
    await page.waitForURL((u) => /^\/kim\/film\/[0-9a-f-]{36}$/.test(u.pathname), { timeout: 30_000 });
    const input = page.locator("#video-file");
    await expect.poll(() => input.isEnabled(), { timeout: 15_000 }).toBe(true);
    await input.setInputFiles(video.path);
    const status = page.locator("[data-testid=upload-status]");
    await expect.poll(async () => (await status.textContent()) ?? "", { timeout: 30_000 }).toMatch(/gagal|failed/i);
    return (await status.textContent()) ?? "";
  }

  async function withKim<T>(locale: "id" | "en", work: (page: Page, context: BrowserContext) => Promise<T>): Promise<T> {
    const context = await newContext(browser);
    try {
      if (locale === "en") await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseUrl() }]);
      const page = await context.newPage();
      await signIn(page, "kim@layar.test");
      return await work(page, context);
    } finally {
      await context.close();
    }
  }

  test("a tus protocol error from the real server (a creation without Upload-Length): the uploader's own sentence, never tus's English", { timeout: 120_000 }, async () => {
    for (const [locale, expected] of [
      ["id", "Unggahan gagal: Server tidak menerima permintaan unggah ini."],
      ["en", "Upload failed: The server did not accept this upload request."],
    ] as const) {
      const said = await withKim(locale, async (page, context) => {
        // The browser's creation request loses its length on the way: @tus/server refuses it (400).
        await page.route("**/api/upload", async (route) => {
          const headers = { ...route.request().headers() };
          delete headers["upload-length"];
          await route.continue({ headers });
        });
        const text = await chooseFile(page);
        expectNoPageErrors(context);
        return text;
      });
      expect(said).toContain(expected);
      expect(said).not.toMatch(/Upload-Length|header required|tus:/);
    }
  });

  test("a proxy's HTML error page (413): the uploader's own sentence, not the page", { timeout: 120_000 }, async () => {
    const tooLarge = await withKim("id", async (page) => {
      await page.route("**/api/upload", (route) => route.fulfill({ status: 413, contentType: "text/html", body: "<html><body><center><h1>413 Request Entity Too Large</h1></center><hr><center>nginx</center></body></html>" }));
      return chooseFile(page);
    });
    expect(tooLarge).toContain("Berkas lebih besar dari yang diterima server.");
    expect(tooLarge).not.toContain("nginx");
  });
});
