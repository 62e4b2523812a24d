import fs from "node:fs";
import { createRequire } from "node:module";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { expect, inject } from "vitest";
import { demoPassword } from "@/lib/seed/seed-demo";
import { headlessChromiumFlags } from "@/scripts/lib/chromium-flags";

export { demoPassword };

export const chromePath = process.env.CHROME_PATH ?? "/usr/bin/chromium";

/** False when no Chromium is installed: browser tests then skip (scripts/test-e2e.ts says how to install one). */
export const browserAvailable = fs.existsSync(chromePath);

/**
 * Every KIM the suite itself creates (registrations it approves) is named with
 * this prefix, so tests of the seeded registry can tell them apart.
 */
export const testKimPrefix = "KIM Uji e2e";
export const testKimPassword = "sandi-uji-e2e-2026";

export function baseUrl(): string {
  return inject("baseUrl");
}

export function url(pathname: string): string {
  return new URL(pathname, baseUrl()).toString();
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromePath,
    headless: true,
    args: [...headlessChromiumFlags, "--disable-dev-shm-usage"],
  });
}

/**
 * A fresh context (own cookies) whose pages record uncaught script errors and
 * console errors; `expectNoPageErrors` fails a test that produced any.
 */
export async function newContext(browser: Browser, options: Parameters<Browser["newContext"]>[0] = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: baseUrl(), locale: "id-ID", ...options });
  const errors: string[] = [];
  context.on("page", (page) => watchErrors(page, errors));
  (context as BrowserContext & { pageErrors?: string[] }).pageErrors = errors;
  return context;
}

function watchErrors(page: Page, errors: string[]): void {
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    // A refused request (401 from a wrong password, 403) is logged by the browser itself; not a script bug.
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) errors.push(`console.error: ${message.text()}`);
  });
}

export function expectNoPageErrors(context: BrowserContext): void {
  const errors = (context as BrowserContext & { pageErrors?: string[] }).pageErrors ?? [];
  expect(errors, `script errors in the browser:\n${errors.join("\n")}`).toEqual([]);
}

/**
 * Signs in through the real form on /masuk and waits until the browser has left it.
 * The header has submit buttons too (the language switch), so the button is the
 * one inside the main content; it is disabled until the form has hydrated.
 */
export async function signIn(page: Page, email: string, password = demoPassword): Promise<void> {
  await page.goto("/masuk");
  await fillSignIn(page, email, password);
  await page.waitForURL((u) => u.pathname !== "/masuk", { timeout: 30_000 });
}

/** Fills and submits the sign-in form without waiting for where it leads. */
export async function fillSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(password);
  const button = page.locator('#konten form button[type="submit"]');
  await expect.poll(() => button.isEnabled(), { timeout: 15_000 }).toBe(true);
  await button.click();
}

/** Cookies kept by name, as a browser would for one site. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  entries(): [string, string][] {
    return [...this.cookies];
  }
}

export type HttpSignIn = { ok: boolean; status: number; error: string | null; cookie: string; jar: CookieJar };

/**
 * Signs in over plain HTTP as next-auth's own client does (csrf token, then the
 * credentials callback with json=true). `error` is the decoded message the
 * sign-in page would show; `cookie` carries the session when `ok`.
 */
export async function httpSignIn(email: string, password = demoPassword): Promise<HttpSignIn> {
  const jar = new CookieJar();
  const csrf = await fetch(url("/api/auth/csrf"));
  jar.store(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(url("/api/auth/callback/credentials"), {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: jar.header() },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  jar.store(response);
  const body = (await response.json().catch(() => ({}))) as { url?: string };
  const error = body.url ? new URL(body.url).searchParams.get("error") : null;
  const hasSession = jar.entries().some(([name]) => name.endsWith("next-auth.session-token"));
  return { ok: response.ok && !error && hasSession, status: response.status, error, cookie: jar.header(), jar };
}

/** Puts an HTTP sign-in's cookies into a browser context, so a page opens signed in. */
export async function addSessionCookies(context: BrowserContext, signedIn: HttpSignIn): Promise<void> {
  await context.addCookies(signedIn.jar.entries().map(([name, value]) => ({ name, value, url: baseUrl() })));
}

// ----- forms as the server renders them, for requests a browser would send -----

export type FormField = [name: string, value: string];

const entities: Record<string, string> = { "&quot;": '"', "&#x27;": "'", "&#39;": "'", "&lt;": "<", "&gt;": ">", "&amp;": "&" };
const decodeEntities = (s: string) => s.replace(/&(?:quot|#x27|#39|lt|gt|amp);/g, (m) => entities[m]);

/** The <form> elements of a server-rendered page, as HTML strings. */
export function formsIn(html: string): string[] {
  return html.match(/<form\b[^>]*>[\s\S]*?<\/form>/g) ?? [];
}

/** The hidden inputs of one form, in document order, as a no-JS browser would submit them. */
export function hiddenFields(formHtml: string): FormField[] {
  const out: FormField[] = [];
  for (const [tag] of formHtml.matchAll(/<input\b[^>]*>/g)) {
    if (!/\btype="hidden"/.test(tag)) continue;
    const name = tag.match(/\bname="([^"]*)"/)?.[1];
    if (name === undefined) continue;
    out.push([decodeEntities(name), decodeEntities(tag.match(/\bvalue="([^"]*)"/)?.[1] ?? "")]);
  }
  return out;
}

/**
 * The server action a form posts to. React renders `$ACTION_ID_<id>` for a plain
 * action, and `$ACTION_REF_n` + `$ACTION_n:0` = {"id": ...} for one with bound
 * state (every useActionState form).
 */
export function actionIdOf(fields: FormField[]): string {
  for (const [name, value] of fields) {
    const plain = name.match(/^\$ACTION_ID_([0-9a-f]+)$/);
    if (plain) return plain[1];
    if (/^\$ACTION_\d+:0$/.test(name)) {
      const ref = JSON.parse(value) as { id?: string };
      if (ref.id) return ref.id;
    }
  }
  throw new Error(`no server action in form fields: ${fields.map(([n]) => n).join(", ")}`);
}

/** POSTs fields as multipart/form-data, exactly as a browser without JavaScript submits a form. */
export function submitFormWithoutJs(pathname: string, fields: FormField[], cookie = ""): Promise<Response> {
  const body = new FormData();
  for (const [name, value] of fields) body.append(name, value);
  return fetch(url(pathname), { method: "POST", body, redirect: "manual", headers: { Cookie: cookie, Origin: baseUrl() } });
}

type EncodeReply = (value: unknown) => Promise<string | FormData>;

/**
 * Calls a server action the way the React client does after hydration: the
 * `Next-Action` header names it, and the arguments go in React's reply encoding
 * (made here by the very encoder the browser bundle uses).
 */
export async function callServerAction(pathname: string, actionId: string, args: unknown[], cookie = ""): Promise<Response> {
  const require = createRequire(import.meta.url);
  const { encodeReply } = require("next/dist/compiled/react-server-dom-turbopack/client.edge") as { encodeReply: EncodeReply };
  const body = await encodeReply(args);
  return fetch(url(pathname), {
    method: "POST",
    body,
    redirect: "manual",
    headers: { Cookie: cookie, Origin: baseUrl(), "Next-Action": actionId, Accept: "text/x-component" },
  });
}

/**
 * Registers a new KIM in Karanganyar through the public /daftar form, posted as
 * a browser without JavaScript would (the village code goes in directly, as the
 * region picker would have set it). The registration is left pending.
 */
export async function registerKimWithoutJs(tag: string, kim: { kimName?: string; villageCode?: string } = {}): Promise<{ email: string; kimName: string }> {
  const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
  const email = `e2e-${tag}-${stamp}@layar.test`;
  const kimName = kim.kimName ?? `${testKimPrefix} ${tag} ${stamp}`;
  const page = await (await fetch(url("/daftar"))).text();
  const form = formsIn(page).find((f) => f.includes('name="villageCode"'));
  if (!form) throw new Error("no registration form on /daftar");
  const district = (await (await fetch(url("/api/v1/regions/33.13.01"))).json()) as { children: { code: string }[] };
  const values: Record<string, string> = {
    kimName,
    villageCode: kim.villageCode ?? district.children[0].code,
    name: `Penguji ${tag}`,
    position: "Ketua",
    email,
    phone: "",
    password: testKimPassword,
    confirm: testKimPassword,
  };
  const fields = hiddenFields(form).filter(([name]) => !(name in values));
  const response = await submitFormWithoutJs("/daftar", [...fields, ...Object.entries(values)]);
  const location = response.headers.get("location") ?? "";
  if (![303, 307].includes(response.status) || !location.includes("/masuk?terdaftar=1")) {
    throw new Error(`registration of ${email} answered ${response.status} ${location}`);
  }
  return { email, kimName };
}
