import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { browserAvailable, expectNoPageErrors, launchBrowser, newContext, signIn, testKimPrefix } from "./helpers";

// Self-contained: the KIM registered here is the one approved here, so the demo's
// pending registrant (pendaftar@layar.test) stays pending for the other files.

const stamp = Date.now();
const registrant = {
  email: `e2e-daftar-${stamp}@layar.test`,
  password: "sandi-uji-daftar-2026",
  name: "Sari Penguji",
  kimName: `${testKimPrefix} persetujuan ${stamp}`,
};

/** Chooses the first real option of a cascading select once the previous level has loaded it. */
async function chooseFirst(page: Page, select: string): Promise<string> {
  const option = page.locator(`${select} option:not([value=""])`).first();
  await option.waitFor({ state: "attached", timeout: 15_000 });
  const value = (await option.getAttribute("value"))!;
  await page.selectOption(select, value);
  return value;
}

describe.skipIf(!browserAvailable)("a KIM registers, the organiser approves it", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test("registration through /daftar, approval on /admin/pendaftaran, then the full KIM dashboard", async () => {
    // 1. The KIM registers through the public form and its cascading region selects.
    const kimContext = await newContext(browser);
    const kimPage = await kimContext.newPage();
    await kimPage.goto("/daftar");
    await kimPage.locator("#kimName").fill(registrant.kimName);
    // Each select fills from the regions API once the level above is chosen.
    await kimPage.selectOption("#villageCode-province", { label: "Jawa Tengah" });
    expect(await kimPage.locator("#villageCode-province").inputValue()).toBe("33");
    await kimPage.selectOption("#villageCode-regency", { label: "Kabupaten Karanganyar" });
    expect(await kimPage.locator("#villageCode-regency").inputValue()).toBe("33.13");
    const district = await chooseFirst(kimPage, "#villageCode-district");
    expect(district).toMatch(/^33\.13\.\d{2}$/);
    const village = await chooseFirst(kimPage, "#villageCode-village");
    expect(village.startsWith(`${district}.`)).toBe(true);
    expect(await kimPage.locator('input[type=hidden][name="villageCode"]').inputValue()).toBe(village);
    await kimPage.locator("#name").fill(registrant.name);
    await kimPage.locator("#position").fill("Ketua");
    await kimPage.locator("#email").fill(registrant.email);
    await kimPage.locator("#phone").fill("0812 3456 7890");
    await kimPage.locator("#password").fill(registrant.password);
    await kimPage.locator("#confirm").fill(registrant.password);
    await kimPage.locator("#konten form").getByRole("button", { name: "Kirim pendaftaran" }).click();
    await kimPage.waitForURL((u) => u.pathname === "/masuk" && u.searchParams.get("terdaftar") === "1", { timeout: 30_000 });

    // 2. It can sign in at once, and is told it is waiting.
    await signIn(kimPage, registrant.email, registrant.password);
    expect(new URL(kimPage.url()).pathname).toBe("/kim");
    await expect.poll(() => kimPage.locator("#konten [role=status]").textContent()).toContain("sedang diperiksa");

    // 3. The organiser approves exactly this registration.
    const adminContext = await newContext(browser);
    const adminPage = await adminContext.newPage();
    await signIn(adminPage, "admin.karanganyar@layar.test");
    await adminPage.goto("/admin/pendaftaran");
    const item = adminPage.locator("#konten li", { hasText: registrant.email });
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.textContent()).toContain(registrant.kimName);
    await item.getByRole("button", { name: "Setujui" }).click();
    // Approved registrations leave the list; the demo's own pending registrant stays.
    await expect.poll(() => item.count(), { timeout: 15_000 }).toBe(0);
    await adminPage.reload();
    expect(await adminPage.locator("#konten").textContent()).not.toContain(registrant.email);
    expect(await adminPage.locator("#konten").textContent()).toContain("pendaftar@layar.test");
    fs.mkdirSync(path.resolve("test-results/e2e"), { recursive: true });
    await adminPage.screenshot({ path: path.resolve("test-results/e2e/setelah-persetujuan.png"), fullPage: true });

    // 4. The approval takes effect on the KIM's next request, in the same session...
    await kimPage.reload();
    await expect.poll(() => kimPage.getByRole("heading", { level: 1 }).textContent()).toBe("Dasbor KIM");
    await expect.poll(() => kimPage.locator("#konten").textContent()).toContain("Film KIM Anda");
    expect(await kimPage.locator("#konten").textContent()).not.toContain("sedang diperiksa");

    // 5. ...and on a fresh sign-in.
    const freshContext = await newContext(browser);
    const freshPage = await freshContext.newPage();
    await signIn(freshPage, registrant.email, registrant.password);
    expect(new URL(freshPage.url()).pathname).toBe("/kim");
    await expect.poll(() => freshPage.getByRole("heading", { level: 1 }).textContent()).toBe("Dasbor KIM");
    const dashboard = (await freshPage.locator("#konten").textContent()) ?? "";
    expect(dashboard).toContain("Film KIM Anda");
    expect(dashboard).toContain(registrant.kimName);
    expect(dashboard).not.toContain("sedang diperiksa");

    for (const context of [kimContext, adminContext, freshContext]) {
      expectNoPageErrors(context);
      await context.close();
    }
  });
});
