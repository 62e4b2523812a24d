import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { browserAvailable, expectNoPageErrors, launchBrowser, newContext } from "./helpers";

describe.skipIf(!browserAvailable)("language switch", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test("the header's English button switches the home page to English, and back", async () => {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      await page.goto("/");
      const heading = page.getByRole("heading", { level: 1 });
      expect(await heading.textContent()).toBe("Festival film pendek KIM");
      expect(await page.locator("html").getAttribute("lang")).toBe("id");

      await page.locator("header").getByRole("button", { name: "English" }).click();
      await expect.poll(() => heading.textContent(), { timeout: 15_000 }).toBe("KIM short-film festivals");
      await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");
      expect(await page.locator("header").getByRole("link", { name: "Sign in" }).count()).toBe(1);

      // The choice is remembered (a cookie), so a new page load stays in English.
      await page.reload();
      expect(await heading.textContent()).toBe("KIM short-film festivals");

      await page.locator("header").getByRole("button", { name: "Bahasa Indonesia" }).click();
      await expect.poll(() => heading.textContent(), { timeout: 15_000 }).toBe("Festival film pendek KIM");
      await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("id");
      expect(await page.locator("header").getByRole("button", { name: "English" }).count()).toBe(1);
      expectNoPageErrors(context);
    } finally {
      await context.close();
    }
  });
});
