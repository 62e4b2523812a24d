import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { addSessionCookies, browserAvailable, httpSignIn, launchBrowser, newContext, registerKimWithoutJs, url } from "./helpers";

// axe on a small phone screen (360 x 740), public pages and each role's pages.
const viewport = { width: 360, height: 740 };

const publicPages = ["/", "/festival?bagian=archive", "/wilayah/33.13", "/wilayah/33", "/masuk", "/daftar", "/lupa-sandi"];
const rolePages: { email: string; paths: string[] }[] = [
  { email: "admin.karanganyar@layar.test", paths: ["/admin", "/admin/pendaftaran", "/admin/juri"] },
  { email: "juri.surakarta@layar.test", paths: ["/juri"] },
  { email: "kim@layar.test", paths: ["/kim", "/akun/sandi"] },
  { email: "pendaftar@layar.test", paths: ["/kim"] },
];

type Violation = { id: string; impact?: string | null; help: string; helpUrl: string; nodes: { target: unknown[]; failureSummary?: string }[] };

function describeViolations(path: string, violations: Violation[]): string {
  return [
    `${violations.length} axe violation(s) on ${path}:`,
    ...violations.map((v) =>
      [
        `- ${v.id} (${v.impact ?? "?"}): ${v.help} <${v.helpUrl}>`,
        ...v.nodes.map((n) => `    ${n.target.map(String).join(" ")}${n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, "\n      ")}` : ""}`),
      ].join("\n"),
    ),
  ].join("\n");
}

async function audit(context: BrowserContext, path: string): Promise<void> {
  const page = await context.newPage();
  try {
    const response = await page.goto(path, { waitUntil: "load" });
    // Hydrated and quiet, as far as Next's link prefetches let it be: on a busy server (the
    // demo films' renditions are encoded in the first minute) a long page's prefetches can
    // keep the network from ever being idle for 500 ms, and they change nothing axe reads.
    await page.waitForLoadState("networkidle", { timeout: 10_000 }).catch(() => undefined);
    expect(response?.status(), `${path} answered ${response?.status()}`).toBe(200);
    const results = await new AxeBuilder({ page }).analyze();
    // Only the rule ids in the diff; the message carries the details (help, selectors, why).
    expect(results.violations.map((v) => v.id), describeViolations(path, results.violations as Violation[])).toEqual([]);
    // axe no longer reports duplicate ids, but a repeated id breaks <label for> and
    // aria-describedby: the second field gets the first one's label, or none.
    const duplicates = await page.evaluate(() => {
      const seen = new Map<string, number>();
      for (const el of document.querySelectorAll("[id]")) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
      return [...seen].filter(([, n]) => n > 1).map(([id, n]) => `#${id} x${n}`);
    });
    expect(duplicates, `${path} repeats element ids (labels and descriptions then point at the wrong field): ${duplicates.join(", ")}`).toEqual([]);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, `${path} scrolls sideways at 360 px (scrollWidth ${width})`).toBeLessThanOrEqual(viewport.width);
  } finally {
    await page.close();
  }
}

describe.skipIf(!browserAvailable)("accessibility at 360 px", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
    // /admin/pendaftaran repeats one decision form per registration: audit it with
    // at least two pending (the demo's and this one), as a real list would be.
    await registerKimWithoutJs("a11y");
  });
  afterAll(async () => {
    await browser?.close();
  });

  describe("public pages", () => {
    for (const path of publicPages) {
      test(path, async () => {
        const context = await newContext(browser, { viewport });
        try {
          await audit(context, path);
        } finally {
          await context.close();
        }
      });
    }
  });

  // The organiser console: the province organiser's own pages, and every tab of an edition
  // in each status its dashboard lists (found there, since the demo's slugs carry the year).
  describe("organiser console (admin.jateng@layar.test)", () => {
    let context: BrowserContext;
    let tabs: string[] = [];
    beforeAll(async () => {
      const signedIn = await httpSignIn("admin.jateng@layar.test");
      expect(signedIn.ok, signedIn.error ?? undefined).toBe(true);
      context = await newContext(browser, { viewport });
      await addSessionCookies(context, signedIn);
      const page = await context.newPage();
      await page.goto("/admin");
      const hrefs = await page.locator('a[href$="/pengaturan"]').evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
      await page.close();
      const all = [...new Set(hrefs.map((h) => h.replace(/\/pengaturan$/, "")))];
      expect(all.length, "the province organiser's dashboard lists its editions").toBeGreaterThan(0);
      // A tab's markup follows the edition's status: every tab of one edition per status (a
      // draft is not in the public list).
      const listed = (await (await fetch(url("/api/v1/editions?limit=200"))).json()) as { editions: { slug: string; status: string }[] };
      const statusOf = new Map(listed.editions.map((e) => [e.slug, e.status]));
      const byStatus = new Map<string, string>();
      for (const e of all) {
        const status = statusOf.get(e.split("/").pop()!) ?? "draf";
        if (!byStatus.has(status)) byStatus.set(status, e);
      }
      const editions = [...byStatus.values()];
      tabs = editions.flatMap((e) => ["pengaturan", "film", "film/baru", "juri", "penjurian", "hasil", "dokumen"].map((tab) => `${e}/${tab}`));
    });
    afterAll(async () => {
      await context?.close();
    });
    for (const path of ["/admin/festival/baru", "/admin/panitia", "/admin/audit"]) test(path, () => audit(context, path));
    // 7 tabs of one edition per status, 2-4 s of axe each on this machine: one test, its own time.
    test("every tab of an edition in each status", async () => {
      for (const path of tabs) await audit(context, path);
    }, 300_000);
  });

  for (const role of rolePages) {
    describe(`signed in as ${role.email}`, () => {
      let context: BrowserContext;
      beforeAll(async () => {
        const signedIn = await httpSignIn(role.email);
        expect(signedIn.ok, `${role.email}: ${signedIn.error}`).toBe(true);
        context = await newContext(browser, { viewport });
        await addSessionCookies(context, signedIn);
      });
      afterAll(async () => {
        await context?.close();
      });
      for (const path of role.paths) test(path, () => audit(context, path));
    });
  }
});
