import { beforeAll, describe, expect, test } from "vitest";
import {
  actionIdOf,
  callServerAction,
  formsIn,
  hiddenFields,
  httpSignIn,
  registerKimWithoutJs,
  submitFormWithoutJs,
  testKimPassword,
  url,
  type FormField,
} from "./helpers";

// Who may open what, over plain HTTP with real session cookies. Every refusal
// must be a 403 whose body carries none of the page's data.

const accounts = {
  organiser: "admin.karanganyar@layar.test",
  judge: "juri.surakarta@layar.test",
  kim: "kim@layar.test",
  pendingKim: "pendaftar@layar.test",
} as const;
type Who = keyof typeof accounts;

// Every page carries all interface messages (next-intl hands them to the client),
// so labels alone prove nothing: a refusal is checked by the page's rendered
// heading and by data only a rendered page contains (a greeting with a name,
// the registrant's email, the invitation form's fields), searched in the HTML
// and in the RSC payload.
const greeting = /Halo, (?!\{)/;
const pages: { path: string; allowed: Who[]; heading: string; data: (string | RegExp)[] }[] = [
  { path: "/admin", allowed: ["organiser"], heading: "Dasbor panitia", data: [greeting, "Admin Diskominfo Karanganyar"] },
  { path: "/admin/pendaftaran", allowed: ["organiser"], heading: "Pendaftaran KIM", data: [accounts.pendingKim, "Agus Santoso", 'name="registrationId"'] },
  { path: "/admin/juri", allowed: ["organiser"], heading: "Undang juri", data: [/name="regencyCode"|"name":"regencyCode"/] },
  { path: "/juri", allowed: ["judge"], heading: "Dasbor juri", data: [greeting, /\d+ dari \d+ lembar nilai terkirim/] },
  { path: "/kim", allowed: ["kim", "pendingKim"], heading: "Dasbor KIM", data: [greeting] },
];

/** A rendered <h1>: in server HTML, or as an element in the RSC payload the client renders from. */
const h1 = (text: string) => new RegExp(`<h1[^>]*>${text}</h1>|\\["\\$","h1",[^\\]]*?"children":"${text}"`);
/** The HTML a reader sees: without the scripts that carry the message catalogue. */
const visible = (html: string) => html.replace(/<script\b[\s\S]*?<\/script>/g, "");

/** The server HTML plus the RSC payload it carries (decoded from its script strings). */
function everything(html: string): string {
  const flight = [...html.matchAll(/self\.__next_f\.push\(\[1,("(?:[^"\\]|\\.)*")\]\)/g)].map((m) => JSON.parse(m[1]) as string);
  return [html, ...flight].join("\n");
}

const cookies = {} as Record<Who, string>;

beforeAll(async () => {
  for (const who of Object.keys(accounts) as Who[]) {
    const signedIn = await httpSignIn(accounts[who]);
    expect(signedIn.ok, `${accounts[who]} could not sign in: ${signedIn.error}`).toBe(true);
    cookies[who] = signedIn.cookie;
  }
});

const get = (path: string, cookie = "") => fetch(url(path), { headers: { Cookie: cookie }, redirect: "manual" });

describe("role pages", () => {
  for (const page of pages) {
    for (const who of Object.keys(accounts) as Who[]) {
      if (page.allowed.includes(who)) {
        test(`${who} opens ${page.path}`, async () => {
          const response = await get(page.path, cookies[who]);
          expect(response.status).toBe(200);
          const body = everything(await response.text());
          // The page really shows its heading and data to the right role (so the refusals below mean something).
          expect(body).toMatch(h1(page.heading));
          for (const data of page.data) expect(body).toMatch(data);
        });
      } else {
        test(`${who} is refused ${page.path} with 403 and no data`, async () => {
          const response = await get(page.path, cookies[who]);
          expect(response.status).toBe(403);
          const body = everything(await response.text());
          // Next renders refusals (forbidden()) from the RSC payload: the server HTML is an empty shell.
          expect(body).toMatch(h1("Akses ditolak"));
          expect(body, `403 body of ${page.path} renders its heading`).not.toMatch(h1(page.heading));
          for (const data of page.data) expect(body, `403 body of ${page.path} leaks ${String(data)}`).not.toMatch(data);
        });
      }
    }

    test(`signed out: ${page.path} redirects to /masuk?kembali=${page.path}`, async () => {
      const response = await get(page.path);
      expect([302, 303, 307, 308]).toContain(response.status);
      const location = new URL(response.headers.get("location") ?? "", url("/"));
      expect(location.pathname).toBe("/masuk");
      expect(location.searchParams.get("kembali")).toBe(page.path);
      const body = everything(await response.text());
      for (const data of page.data) expect(body).not.toMatch(data);
    });
  }
});

// ----- server actions are public endpoints: the action itself must check the role -----

const registrationsPage = "/admin/pendaftaran";

/** The organiser's approve form for the registration of `email`: its hidden fields, action id and registration id. */
async function approveFormFor(email: string): Promise<{ fields: FormField[]; actionId: string; registrationId: string }> {
  const response = await get(registrationsPage, cookies.organiser);
  expect(response.status).toBe(200);
  const html = await response.text();
  const item = html.split("<li").find((chunk) => chunk.includes(email));
  expect(item, `${email} is not listed on ${registrationsPage}`).toBeDefined();
  const form = formsIn(item!).find((f) => /name="decision" value="approve"/.test(f));
  expect(form, "no approve form").toBeDefined();
  const fields = hiddenFields(form!);
  const registrationId = fields.find(([name]) => name === "registrationId")?.[1];
  expect(registrationId).toMatch(/^[0-9a-f-]{36}$/);
  return { fields, actionId: actionIdOf(fields), registrationId: registrationId! };
}

async function stillPending(email: string): Promise<boolean> {
  const html = await (await get(registrationsPage, cookies.organiser)).text();
  return html.includes(email);
}

/** The decoded payload lines of an action's RSC answer, e.g. {"message": ...}. */
function actionResult(body: string): { ok?: boolean; message?: string; values?: Record<string, string> } {
  for (const line of body.split("\n")) {
    const json = line.replace(/^[0-9a-f]+:/, "");
    if (!json.startsWith("{")) continue;
    const value = JSON.parse(json) as Record<string, unknown>;
    if ("message" in value || "ok" in value) return value as ReturnType<typeof actionResult>;
  }
  throw new Error(`no action result in:\n${body.slice(0, 500)}`);
}

/** A new pending registration (public form, no-JS submission), for the positive controls. */
async function registerKim(tag: string): Promise<string> {
  const { email } = await registerKimWithoutJs(`akses-${tag}`);
  expect(await stillPending(email), `${email} should now be pending`).toBe(true);
  return email;
}

describe("the approve action checks the role itself", () => {
  // The approve form renders, per React's progressive enhancement, $ACTION_REF_n,
  // $ACTION_n:0 = {"id": <action id>, "bound": ...}, $ACTION_n:1 (the bound form
  // state), $ACTION_KEY, registrationId and decision=approve. There is no plain
  // $ACTION_ID_<hex> field for useActionState forms, so the action id comes from
  // $ACTION_n:0 (the language switch, a plain action, does render $ACTION_ID_<hex>).

  test("the organiser's approve form names a server action", async () => {
    const { fields, actionId } = await approveFormFor(accounts.pendingKim);
    expect(actionId).toMatch(/^[0-9a-f]{20,}$/);
    expect(fields.map(([name]) => name)).toEqual(expect.arrayContaining(["registrationId", "decision", "$ACTION_KEY"]));
  });

  for (const who of ["kim", "judge", "pendingKim"] as const) {
    test(`${who}: the form posted without JavaScript does not approve`, async () => {
      const { fields } = await approveFormFor(accounts.pendingKim);
      const response = await submitFormWithoutJs(registrationsPage, fields, cookies[who]);
      // The action runs first and refuses; then the page itself answers 403.
      expect(response.status).toBe(403);
      expect(await response.text()).not.toContain("Pendaftaran disetujui.");
      expect(await stillPending(accounts.pendingKim)).toBe(true);
    });

    test(`${who}: calling the action as the React client does is refused by the action`, async () => {
      const { actionId, registrationId } = await approveFormFor(accounts.pendingKim);
      const form = new FormData();
      form.append("registrationId", registrationId);
      form.append("decision", "approve");
      const response = await callServerAction(registrationsPage, actionId, [{}, form], cookies[who]);
      expect(response.status).toBe(200);
      const result = actionResult(await response.text());
      // The action received the form (it echoes the fields back) and said no itself.
      expect(result.values).toMatchObject({ registrationId, decision: "approve" });
      expect(result.ok).not.toBe(true);
      expect(result.message).toMatch(/tidak berhak|menunggu persetujuan/);
      expect(await stillPending(accounts.pendingKim)).toBe(true);
    });
  }

  test("signed out: neither way approves", async () => {
    const { fields, actionId, registrationId } = await approveFormFor(accounts.pendingKim);
    const plain = await submitFormWithoutJs(registrationsPage, fields);
    expect(plain.status).not.toBe(200);
    const form = new FormData();
    form.append("registrationId", registrationId);
    form.append("decision", "approve");
    const rsc = await callServerAction(registrationsPage, actionId, [{}, form]);
    if (rsc.status === 200) expect(actionResult(await rsc.text()).ok).not.toBe(true);
    expect(await stillPending(accounts.pendingKim)).toBe(true);
  });

  // Positive controls: the same two requests with the organiser's cookies do approve,
  // so the refusals above are the action's doing and not a malformed request.
  test("control: the organiser's no-JS submission of the same form approves", async () => {
    const email = await registerKim("nojs");
    const { fields } = await approveFormFor(email);
    const response = await submitFormWithoutJs(registrationsPage, fields, cookies.organiser);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Pendaftaran disetujui.");
    expect(await stillPending(email)).toBe(false);
    expect(await stillPending(accounts.pendingKim)).toBe(true);
  });

  test("control: the organiser's client-style action call approves, and the KIM is active at once", async () => {
    const email = await registerKim("rsc");
    const registrant = await httpSignIn(email, testKimPassword);
    expect(registrant.ok).toBe(true);
    expect(visible(await (await get("/kim", registrant.cookie)).text())).toContain("sedang diperiksa");

    const { actionId, registrationId } = await approveFormFor(email);
    const form = new FormData();
    form.append("registrationId", registrationId);
    form.append("decision", "approve");
    const response = await callServerAction(registrationsPage, actionId, [{}, form], cookies.organiser);
    expect(response.status).toBe(200);
    expect(actionResult(await response.text())).toMatchObject({ ok: true, message: "Pendaftaran disetujui." });
    expect(await stillPending(email)).toBe(false);

    const dashboard = visible(await (await get("/kim", registrant.cookie)).text());
    expect(dashboard).toContain("Film KIM Anda");
    expect(dashboard).not.toContain("sedang diperiksa");
    expect(await stillPending(accounts.pendingKim)).toBe(true);
  });
});
