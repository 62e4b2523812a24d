import fs from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { browserAvailable, demoPassword, expectNoPageErrors, fillSignIn, launchBrowser, newContext, signIn } from "./helpers";

const shots = path.resolve("test-results/e2e");

describe.skipIf(!browserAvailable)("sign-in in a real browser", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
    fs.mkdirSync(shots, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  const roles = [
    { email: "admin.karanganyar@layar.test", path: "/admin", heading: "Dasbor panitia" },
    { email: "juri.surakarta@layar.test", path: "/juri", heading: "Dasbor juri" },
    { email: "kim@layar.test", path: "/kim", heading: "Dasbor KIM" },
  ];

  for (const role of roles) {
    test(`${role.email} lands on ${role.path}`, async () => {
      const context = await newContext(browser);
      try {
        const page = await context.newPage();
        await signIn(page, role.email);
        expect(new URL(page.url()).pathname).toBe(role.path);
        await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(role.heading);
        await page.screenshot({ path: path.join(shots, `masuk-${role.path.slice(1)}.png`), fullPage: true });
        expectNoPageErrors(context);
      } finally {
        await context.close();
      }
    });
  }

  test("a pending KIM lands on /kim and is told its registration is being checked", async () => {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      await signIn(page, "pendaftar@layar.test");
      expect(new URL(page.url()).pathname).toBe("/kim");
      await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Dasbor KIM");
      await expect.poll(() => page.locator("#konten [role=status]").textContent()).toContain("sedang diperiksa");
      expect(await page.locator("#konten").textContent()).not.toContain("Film KIM Anda");
      expectNoPageErrors(context);
    } finally {
      await context.close();
    }
  });

  test("a wrong password shows the error and stays on /masuk", async () => {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      await page.goto("/masuk");
      await fillSignIn(page, "admin.jateng@layar.test", "bukan-sandinya");
      await expect.poll(() => page.locator("#signin-error").textContent()).toBe("Email atau kata sandi salah.");
      expect(new URL(page.url()).pathname).toBe("/masuk");
      // The form is usable again for the next try.
      await expect.poll(() => page.locator('#konten form button[type="submit"]').isEnabled()).toBe(true);
      expectNoPageErrors(context);
    } finally {
      await context.close();
    }
  });

  test("signing in from a protected page returns to it", async () => {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      await page.goto("/admin/pendaftaran");
      expect(new URL(page.url()).pathname).toBe("/masuk");
      await fillSignIn(page, "admin.karanganyar@layar.test", demoPassword);
      await page.waitForURL((u) => u.pathname === "/admin/pendaftaran");
      await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Pendaftaran KIM");
    } finally {
      await context.close();
    }
  });

  test("a signed-in KIM who opens /admin sees the refusal page", async () => {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      await signIn(page, "kim@layar.test");
      const response = await page.goto("/admin");
      expect(response?.status()).toBe(403);
      await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Akses ditolak");
      expect(await page.locator("#konten").textContent()).not.toContain("Dasbor panitia");
    } finally {
      await context.close();
    }
  });

  test("signing out ends the session", async () => {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      await signIn(page, "kim.wonogiri@layar.test");
      expect(new URL(page.url()).pathname).toBe("/kim");
      await page.locator("header").getByRole("button", { name: "Keluar" }).click();
      await page.waitForURL((u) => u.pathname === "/");
      await expect.poll(() => page.locator("header").getByRole("link", { name: "Masuk" }).count()).toBe(1);
      expect(await page.locator("header").getByRole("button", { name: "Keluar" }).count()).toBe(0);
      const cookies = await context.cookies();
      expect(cookies.some((c) => c.name.endsWith("next-auth.session-token"))).toBe(false);
      await page.goto("/kim");
      expect(new URL(page.url()).pathname).toBe("/masuk");
      expect(new URL(page.url()).searchParams.get("kembali")).toBe("/kim");
      expectNoPageErrors(context);
    } finally {
      await context.close();
    }
  });
});
