import crypto from "node:crypto";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { baseUrl, browserAvailable, demoPassword, expectNoPageErrors, fillSignIn, httpSignIn, launchBrowser, newContext, signIn, url } from "./helpers";
import { judgeEmail, judgeQueueOf, judgingEditionSlug, textOf } from "./judging-helpers";

// Issue 12 items 1, 3, 5 and 8 from outside, against the real server (server.mjs): a
// session that ends stays ended on GET /api/auth/session (which next-auth answers by
// re-issuing the cookie), the return path after sign-in stays on the site, the headers
// are there, and pages run under their Content-Security-Policy without a violation.

type CspViolation = { directive: string; blocked: string; sample: string };

/** Records Content-Security-Policy violations a page reports, from before its first script. */
async function watchCsp(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const list: unknown[] = [];
    (window as unknown as { __csp: unknown[] }).__csp = list;
    document.addEventListener("securitypolicyviolation", (e) => list.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample }));
  });
}
const violations = (page: Page) => page.evaluate(() => (window as unknown as { __csp: CspViolation[] }).__csp ?? []);

/** The inline scripts of a page must each be allowed by a hash in its policy; nothing else inline. */
function expectPolicyCoversInlineScripts(html: string, policy: string) {
  const scriptSrc = policy.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src "))!;
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(scriptSrc).not.toContain("'unsafe-eval'");
  const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter((m) => !/\ssrc=/.test(` ${m[1]}`) && m[2].length > 0);
  expect(inline.length).toBeGreaterThan(0);
  for (const [, , body] of inline) {
    const hash = crypto.createHash("sha256").update(body, "utf8").digest("base64");
    expect(scriptSrc, `inline script ${body.slice(0, 60)}…`).toContain(`'sha256-${hash}'`);
  }
}

describe("sessions over HTTP", () => {
  test("signing out ends a copied cookie on /api/auth/session, pages and actions alike", async () => {
    const signedIn = await httpSignIn("kim.wonogiri@layar.test");
    expect(signedIn.ok).toBe(true);
    const copy = signedIn.cookie;
    const before = await fetch(url("/api/auth/session"), { headers: { Cookie: copy } });
    expect(((await before.json()) as { user?: { role: string } }).user?.role).toBe("kim");
    // next-auth renews the cookie on this route: keep the renewed one too.
    const renewed = before.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c.startsWith("next-auth.session-token="));
    expect(renewed, "GET /api/auth/session renews the cookie").toBeTruthy();
    expect(copy).not.toContain(renewed!);

    const jar = signedIn.jar;
    const csrf = await fetch(url("/api/auth/csrf"), { headers: { Cookie: jar.header() } });
    jar.store(csrf);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const out = await fetch(url("/api/auth/signout"), {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: jar.header() },
      body: new URLSearchParams({ csrfToken, json: "true" }),
    });
    expect(out.status).toBeLessThan(400);

    for (const cookie of [copy, renewed!]) {
      const session = await fetch(url("/api/auth/session"), { headers: { Cookie: cookie } });
      expect(await session.json()).toEqual({});
      // The ended cookie is deleted, not renewed.
      expect(session.headers.getSetCookie().some((c) => /next-auth\.session-token=;|next-auth\.session-token=[^;]*;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/i.test(c))).toBe(true);
      const page = await fetch(url("/kim"), { headers: { Cookie: cookie }, redirect: "manual" });
      expect(page.status).toBe(307);
      expect(page.headers.get("location")).toContain("/masuk");
    }
  });
});

describe("headers", () => {
  test("a public page: policy with a hash for each inline script, frame-ancestors 'none', and the other headers", async () => {
    const response = await fetch(url("/"));
    expect(response.status).toBe(200);
    const policy = response.headers.get("content-security-policy") ?? "";
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("base-uri 'self'");
    expectPolicyCoversInlineScripts(await response.text(), policy);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("same-origin");
    expect(response.headers.get("permissions-policy")).toContain("camera=()");
    // Served over plain HTTP here: no HSTS (it is sent when PUBLIC_URL is https).
    expect(response.headers.get("strict-transport-security")).toBeNull();
    // Still a cacheable static page.
    expect(response.headers.get("cache-control")).toMatch(/s-maxage=/);
  });

  test("the same page compressed and not, a form page, and a signed-in page carry a matching policy", async () => {
    const judge = await httpSignIn(judgeEmail);
    for (const [path, headers] of [
      ["/", { "Accept-Encoding": "identity" }],
      ["/masuk", {}],
      ["/daftar", { "Accept-Encoding": "br" }],
      ["/juri", { Cookie: judge.cookie }],
      ["/halaman-yang-tidak-ada", {}],
    ] as const) {
      const response = await fetch(url(path), { headers });
      const policy = response.headers.get("content-security-policy") ?? "";
      expect(policy, path).toContain("frame-ancestors 'none'");
      expectPolicyCoversInlineScripts(await response.text(), policy);
    }
  });

  test("API answers carry nosniff too", async () => {
    const response = await fetch(url("/api/health"));
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });
});

describe("the sign-in page", () => {
  test("?error= shows only the page's own messages, never the link's text", async () => {
    // What the page shows (its own address also travels in the page's data, never shown).
    const shown = async (query: string) => textOf((await (await fetch(url(`/masuk?${query}`))).text()).replace(/<script\b[\s\S]*?<\/script>/g, ""));
    const crafted = await shown(`error=${encodeURIComponent("Akun Anda diblokir. Hubungi 0812-0000-0000 sekarang")}`);
    expect(crafted).not.toContain("diblokir");
    expect(crafted).not.toContain("0812-0000-0000");
    expect(crafted).toContain("Tidak dapat masuk. Coba lagi.");
    expect(await shown("error=CredentialsSignin")).toContain("Email atau kata sandi salah.");
  });
});

describe.skipIf(!browserAvailable)("pages under their policy in Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test("public pages, the sign-in and registration forms: no violation, scripts run", async () => {
    const context = await newContext(browser);
    await watchCsp(context);
    try {
      const page = await context.newPage();
      for (const path of ["/", "/arsip", "/masuk", "/daftar"]) {
        await page.goto(path, { waitUntil: "networkidle" });
        expect(await violations(page), path).toEqual([]);
      }
      // Hydrated under the policy: the sign-in button is enabled only once React runs.
      await page.goto("/masuk", { waitUntil: "networkidle" });
      await expect.poll(() => page.locator('#konten form button[type="submit"]').isEnabled(), { timeout: 15_000 }).toBe(true);
      expect(await violations(page)).toEqual([]);
      expectNoPageErrors(context);
    } finally {
      await context.close();
    }
  });

  test("an open redirect in ?kembali= lands on the site after signing in", async () => {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      const offSite: string[] = [];
      page.on("request", (r) => {
        if (!r.url().startsWith(baseUrl())) offSite.push(r.url());
      });
      for (const kembali of ["/%09/evil.example/x", "/%0A/evil.example/x", "/%5C/evil.example/x", "/.//evil.example/x"]) {
        await page.goto(`/masuk?kembali=${kembali}`);
        await fillSignIn(page, "kim@layar.test", demoPassword);
        await page.waitForURL((u) => u.pathname !== "/masuk", { timeout: 30_000 });
        expect(new URL(page.url()).origin, kembali).toBe(new URL(baseUrl()).origin);
        expect(new URL(page.url()).pathname, kembali).toBe("/kim");
        await context.clearCookies();
      }
      expect(offSite).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test("the judge's score sheet autosaves under the policy", async () => {
    const judge = await httpSignIn(judgeEmail);
    const slug = await judgingEditionSlug(judge.cookie);
    const draft = (await judgeQueueOf(judge.cookie, slug)).find((f) => f.state === "draf");
    expect(draft, "the demo judge has a draft sheet").toBeDefined();
    const context = await newContext(browser, { viewport: { width: 390, height: 844 } });
    await watchCsp(context);
    try {
      const page = await context.newPage();
      await signIn(page, judgeEmail);
      await page.goto(`/juri/nilai/${draft!.assignmentId}`, { waitUntil: "networkidle" });
      // Type a score the draft already has again: the sheet saves it (and nothing changes for other tests).
      const inputs = page.locator('[data-criterion] input[type="number"]');
      await expect.poll(() => inputs.count()).toBeGreaterThan(0);
      const values = await inputs.evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value));
      const at = values.findIndex((v) => v !== "");
      expect(at, "the draft sheet has a score").toBeGreaterThanOrEqual(0);
      await inputs.nth(at).fill("");
      await inputs.nth(at).fill(values[at]);
      await expect.poll(() => page.getByTestId("save-status").textContent(), { timeout: 15_000 }).toMatch(/^Tersimpan pukul \d{2}\.\d{2} WIB$/);
      expect(await violations(page)).toEqual([]);
      expectNoPageErrors(context);
    } finally {
      await context.close();
    }
  });

  test("the KIM's film page with the uploader runs under the policy", async () => {
    const context = await newContext(browser, { viewport: { width: 360, height: 780 } });
    await watchCsp(context);
    try {
      const page = await context.newPage();
      await signIn(page, "kim@layar.test");
      const link = page.locator('a[href^="/kim/film/"]').first();
      await expect.poll(() => link.count()).toBeGreaterThan(0);
      await page.goto((await link.getAttribute("href"))!, { waitUntil: "networkidle" });
      await expect.poll(() => page.locator("[data-testid=film-status]").count()).toBe(1);
      expect(await violations(page)).toEqual([]);
      expectNoPageErrors(context);
    } finally {
      await context.close();
    }
  });
});
