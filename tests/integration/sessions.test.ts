import { eq } from "drizzle-orm";
import { createRequire } from "node:module";
import path from "node:path";
import type { NextAuthOptions } from "next-auth";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { authOptions } from "@/lib/auth/options";
import { setOrganiserStatus } from "@/lib/auth/organiser-accounts";
import { changePassword, createPasswordToken, passwordTokenState, resetPassword } from "@/lib/auth/reset-password";
import { actorFromCookies, sessionClaimsFromCookies } from "@/lib/auth/session";
import { filmMedia, loginAttempts } from "@/lib/db/schema";
import { mediaForRequest } from "@/lib/films/media-access";
import { createEdition, createFilm, createKim, createUser } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";

// A session ends when it should, on every path that reads or renews it: the sign-in
// route's own session answer (GET /api/auth/session, which next-auth answers by re-issuing
// the cookie), pages and actions (getActor, same check as actorFromCookies), route handlers
// and uploads (actorFromCookies), and the film media routes (mediaForRequest). The
// next-auth requests go through AuthHandler, the core app/api/auth/[...nextauth] hands
// every request to, with the options the app uses.

// next-auth/core is not in the package's exports: loaded by its file path.
type InternalResponse = { status?: number; body?: unknown; cookies?: { name: string; value: string; options?: { maxAge?: number; expires?: Date | string } }[]; redirect?: string };
const { AuthHandler } = createRequire(import.meta.url)(path.resolve("node_modules/next-auth/core/index.js")) as {
  AuthHandler: (params: { req: Record<string, unknown>; options: NextAuthOptions }) => Promise<InternalResponse>;
};

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
type User = Awaited<ReturnType<typeof createUser>>;
let kimUser: User, organiser: User, province: User;
let filmId = "";
const password = "sandi-lama-uji-123";

/** A browser's cookie jar for one site, fed by next-auth's answers. */
class Jar {
  readonly values = new Map<string, string>();
  take(cookies: { name: string; value: string; options?: { maxAge?: number; expires?: Date | string } }[] | undefined) {
    for (const c of cookies ?? []) {
      const expired = c.options?.maxAge === 0 || (c.options?.expires !== undefined && new Date(c.options.expires).getTime() <= Date.now()) || c.value === "";
      if (expired) this.values.delete(c.name);
      else this.values.set(c.name, c.value);
    }
  }
  get session(): string | undefined {
    return this.values.get("next-auth.session-token");
  }
  header(session = this.session): string {
    return session ? `next-auth.session-token=${session}` : "";
  }
  copy(): Jar {
    const jar = new Jar();
    for (const [k, v] of this.values) jar.values.set(k, v);
    return jar;
  }
}

async function auth(action: string, jar: Jar, init: { method?: "GET" | "POST"; providerId?: string; body?: Record<string, string>; headers?: Record<string, string> } = {}) {
  const response = await AuthHandler({
    req: {
      method: init.method ?? "GET",
      action,
      providerId: init.providerId,
      cookies: Object.fromEntries(jar.values),
      body: init.body,
      query: {},
      headers: { host: "layar.test", "x-layar-socket-address": "192.0.2.10", cookie: "", ...init.headers },
    },
    options: authOptions(),
  });
  jar.take(response.cookies);
  return response;
}

async function signIn(email: string, pass = password): Promise<Jar> {
  const jar = new Jar();
  const csrf = await auth("csrf", jar);
  const { csrfToken } = csrf.body as { csrfToken: string };
  await auth("callback", jar, { method: "POST", providerId: "credentials", body: { csrfToken, email, password: pass, json: "true" } });
  expect(jar.session, `signing in as ${email}`).toBeTruthy();
  return jar;
}

/** GET /api/auth/session with this jar, as the header's account island asks it on every page. */
async function sessionAnswer(jar: Jar): Promise<{ user?: { id: string; role: string } }> {
  const response = await auth("session", jar);
  return response.body as { user?: { id: string; role: string } };
}

async function signOut(jar: Jar): Promise<void> {
  const csrf = await auth("csrf", jar);
  const { csrfToken } = csrf.body as { csrfToken: string };
  await auth("signout", jar, { method: "POST", body: { csrfToken } });
}

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  const kim = await createKim(handle.db, { name: "KIM Sesi", districtCode: "33.13.08" });
  kimUser = await createUser(handle.db, { email: "kim.sesi@layar.test", role: "kim", kimId: kim.id, regionCode: "33.13", password });
  organiser = await createUser(handle.db, { email: "staf.sesi@layar.test", role: "organiser", regionCode: "33.13", password });
  province = await createUser(handle.db, { email: "prov.sesi@layar.test", role: "organiser", regionCode: "33", password });
  const edition = await createEdition(handle.db, { slug: "sesi-2026", title: "Festival Sesi", year: 2026, regionCode: "33.13", status: "pendaftaran" });
  const film = await createFilm(handle.db, { editionId: edition.id, kimId: kim.id, code: "SES-1", title: "Film Sesi", status: "draf" });
  filmId = film.id;
  await handle.db.insert(filmMedia).values({ filmId, kind: "poster", storageDriver: "local", storageKey: `films/${filmId}/poster.jpg`, status: "ok", sizeBytes: 10 });
});
afterAll(() => handle.drop());
afterEach(() => {
  vi.useRealTimers();
});

const ownerSeesPoster = async (jar: Jar, session = jar.session) =>
  (await mediaForRequest(handle.db, await sessionClaimsFromCookies(jar.header(session)), filmId, "poster"))?.viewer === "owner";

describe("a session", () => {
  it("works on every path while it lasts, and GET /api/auth/session renews the cookie", async () => {
    const jar = await signIn(kimUser.email);
    const first = jar.session;
    expect((await sessionAnswer(jar)).user).toMatchObject({ id: kimUser.id, role: "kim" });
    expect(jar.session).toBeTruthy();
    expect(jar.session).not.toBe(first); // re-issued, as next-auth does on every call
    expect((await actorFromCookies(jar.header(), handle.db))?.id).toBe(kimUser.id);
    expect(await ownerSeesPoster(jar)).toBe(true);
  });

  it("signing out ends every copy of the cookie, including one renewed before", async () => {
    const jar = await signIn(kimUser.email);
    await sessionAnswer(jar); // renewed once
    const copy = jar.copy(); // e.g. taken from the browser before signing out
    const original = jar.session;
    await signOut(jar);
    expect(jar.session).toBeUndefined();

    expect(await sessionAnswer(copy)).toEqual({});
    expect(copy.session, "the session answer deletes the ended cookie instead of renewing it").toBeUndefined();
    expect(await actorFromCookies(`next-auth.session-token=${original}`, handle.db)).toBeNull();
    expect(await ownerSeesPoster(jar, original)).toBe(false);
  });

  it("a password change ends every session of the account, on every device, and renewing cannot bring one back", async () => {
    const phone = await signIn(kimUser.email);
    const laptop = await signIn(kimUser.email);
    await sessionAnswer(phone);
    const phoneRenewed = phone.copy();
    await changePassword(handle.db, kimUser.id, { current: password, password: "sandi-baru-uji-456", confirm: "sandi-baru-uji-456" });

    for (const jar of [phone, phoneRenewed, laptop]) {
      const before = jar.session;
      expect(await sessionAnswer(jar)).toEqual({});
      expect(jar.session).toBeUndefined();
      expect(await actorFromCookies(`next-auth.session-token=${before}`, handle.db)).toBeNull();
      expect(await ownerSeesPoster(jar, before)).toBe(false);
    }
    // The new password signs in; back to the old one for the other tests.
    const again = await signIn(kimUser.email, "sandi-baru-uji-456");
    await changePassword(handle.db, kimUser.id, { current: "sandi-baru-uji-456", password, confirm: password });
    expect(await sessionAnswer(again)).toEqual({});
  });

  it("a reset ends every session, and a reset link dies when the password changes", async () => {
    const jar = await signIn(kimUser.email);
    const early = await createPasswordToken(handle.db, kimUser.id, { purpose: "reset", validMinutes: 60 });
    const used = await createPasswordToken(handle.db, kimUser.id, { purpose: "reset", validMinutes: 60 });
    await resetPassword(handle.db, { token: used.token, password: "sandi-reset-uji-789", confirm: "sandi-reset-uji-789" });
    expect(await sessionAnswer(jar)).toEqual({});
    // The other link, mailed before the reset, no longer sets a password.
    expect((await passwordTokenState(handle.db, early.token)).state).toBe("used");
    await expect(resetPassword(handle.db, { token: early.token, password: "sandi-penyerang-000", confirm: "sandi-penyerang-000" })).rejects.toThrow(/sudah dipakai atau kedaluwarsa/);

    // A link asked for before a password change (from the account page) dies with the change.
    const stale = await createPasswordToken(handle.db, kimUser.id, { purpose: "reset", validMinutes: 60 });
    await changePassword(handle.db, kimUser.id, { current: "sandi-reset-uji-789", password, confirm: password });
    await expect(resetPassword(handle.db, { token: stale.token, password: "sandi-penyerang-000", confirm: "sandi-penyerang-000" })).rejects.toThrow(/sudah dipakai atau kedaluwarsa/);
    await signIn(kimUser.email, password);
  });

  it("disabling an account ends its sessions for good, also after it is enabled again", async () => {
    const jar = await signIn(organiser.email);
    expect((await sessionAnswer(jar)).user?.id).toBe(organiser.id);
    const kept = jar.copy();
    await setOrganiserStatus(handle.db, { ...province, status: "active" }, { userId: organiser.id, status: "disabled", reason: "Pindah tugas ke dinas lain." });
    expect(await sessionAnswer(jar)).toEqual({});
    await setOrganiserStatus(handle.db, { ...province, status: "active" }, { userId: organiser.id, status: "active" });
    expect(await sessionAnswer(kept)).toEqual({});
    expect(await actorFromCookies(kept.header(), handle.db)).toBeNull();
  });

  it("lasts 12 hours from sign-in however often it is renewed", async () => {
    vi.useFakeTimers({ now: new Date(), toFake: ["Date"] });
    const jar = await signIn(kimUser.email);
    const start = Date.now();
    for (const hours of [3, 6, 9, 11.9]) {
      vi.setSystemTime(start + hours * 3_600_000);
      expect((await sessionAnswer(jar)).user?.id, `renewed after ${hours} h`).toBe(kimUser.id);
    }
    const renewedLast = jar.session;
    vi.setSystemTime(start + 12 * 3_600_000 + 60_000);
    // The cookie renewed at 11.9 h is itself good for hours more; the session is not.
    expect(await sessionAnswer(jar)).toEqual({});
    expect(await actorFromCookies(`next-auth.session-token=${renewedLast}`, handle.db)).toBeNull();
  });

  it("a failed sign-in is counted against the socket's address, not a client-written X-Forwarded-For", async () => {
    const jar = new Jar();
    const { csrfToken } = (await auth("csrf", jar)).body as { csrfToken: string };
    await auth("callback", jar, {
      method: "POST",
      providerId: "credentials",
      body: { csrfToken, email: province.email, password: "bukan-sandinya-1", json: "true" },
      headers: { "x-forwarded-for": "6.6.6.6", "x-layar-socket-address": "::ffff:192.0.2.77" },
    });
    expect(jar.session).toBeUndefined();
    const rows = await handle.db.select().from(loginAttempts).where(eq(loginAttempts.email, province.email));
    expect(rows.map((r) => [r.ip, r.succeeded])).toEqual([["192.0.2.77", false]]);
  });

  it("a cookie made with the secret but naming no session (or an older cookie without one) is refused", async () => {
    const { encode } = await import("next-auth/jwt");
    const { authSecret } = await import("@/lib/auth/secret");
    const forged = new Jar();
    forged.values.set("next-auth.session-token", await encode({ token: { uid: kimUser.id }, secret: authSecret() }));
    expect(await sessionAnswer(forged)).toEqual({});
    expect(await actorFromCookies(forged.header(), handle.db)).toBeNull();
  });
});
