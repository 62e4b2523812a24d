import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { registerKimAction } from "@/lib/actions/account-actions";
import { initialFormState } from "@/lib/actions/form-state";
import { authenticate } from "@/lib/auth/authenticate";
import { registerKim, type RegistrationLimits } from "@/lib/auth/register-kim";
import { consumeRequest } from "@/lib/auth/request-limit";
import { kimRegistrations, users } from "@/lib/db/schema";
import { resetEnvForTests } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { createUser } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";
import { mailText, startSmtpServer } from "../setup/smtp";

// Issue 12, item 4 (registration): /daftar must not reveal which emails have accounts, and
// registrations are limited per address and per email, counted atomically.

// The form action runs as in Next: the client address from the request's headers, and a
// redirect that ends the action (Next throws to redirect; here the target is recorded).
const request = vi.hoisted(() => ({ forwardedFor: "203.0.113.7" }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": request.forwardedFor }) }));
class Redirect extends Error {
  constructor(readonly to: string) {
    super(`redirect ${to}`);
  }
}
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw new Redirect(to);
  },
}));

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
const ownerPassword = "sandi-pemilik-123";

const values = (over: Record<string, string> = {}) => ({
  name: "Penebak Email",
  email: "baru@layar.test",
  phone: "",
  position: "Ketua",
  kimName: "KIM Coba Coba",
  villageCode: "33.13.11.2004",
  password: "sandi-penebak-123",
  confirm: "sandi-penebak-123",
  ...over,
});
const formData = (v: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(v)) data.set(key, value);
  return data;
};
/** What the browser gets from posting /daftar: a redirect target, or the form state shown on the page. */
async function submit(v: Record<string, string>): Promise<{ redirect?: string; state?: unknown }> {
  try {
    return { state: await registerKimAction(initialFormState, formData(v)) };
  } catch (error) {
    if (error instanceof Redirect) return { redirect: error.to };
    throw error;
  }
}
const rejection = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AppError);

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  smtp = await startSmtpServer();
  process.env.SMTP_URL = smtp.url;
  resetEnvForTests();
  await createUser(handle.db, { email: "pemilik@layar.test", name: "Pemilik Akun", role: "judge", regionCode: "33.72", password: ownerPassword });
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  resetEnvForTests();
  await smtp.stop();
  await handle.drop();
});

describe("/daftar does not reveal which emails have accounts", () => {
  it("a used email gets the same answer as a new one, nothing is stored, and the owner is told by email", async () => {
    const fresh = await submit(values());
    const used = await submit(values({ email: "Pemilik@layar.test" }));
    expect(fresh).toEqual({ redirect: "/masuk?terdaftar=1" });
    expect(used).toEqual(fresh);

    const owners = await handle.db.select().from(users).where(eq(users.email, "pemilik@layar.test"));
    expect(owners).toHaveLength(1);
    expect(owners[0]).toMatchObject({ role: "judge", name: "Pemilik Akun", status: "active" });
    expect(await handle.db.select().from(kimRegistrations)).toHaveLength(1);
    // The owner's password still works, the guesser's does not.
    await expect(authenticate(handle.db, { email: "pemilik@layar.test", password: ownerPassword }, "127.0.0.1")).resolves.toMatchObject({ role: "judge" });
    await expect(authenticate(handle.db, { email: "pemilik@layar.test", password: "sandi-penebak-123" }, "127.0.0.1")).rejects.toThrow(AppError);

    // Both addresses get one mail: the newcomer's receipt, the owner's warning.
    const to = (email: string) => smtp.inbox.filter((m) => m.to.includes(email)).map((m) => mailText(m.raw));
    expect(to("baru@layar.test")).toHaveLength(1);
    expect(to("baru@layar.test")[0]).toContain("Subject: Pendaftaran KIM diterima");
    expect(to("pemilik@layar.test")).toHaveLength(1);
    expect(to("pemilik@layar.test")[0]).toContain("Subject: Pendaftaran KIM dengan email Anda");
    expect(to("pemilik@layar.test")[0]).toContain("http://layar.test/lupa-sandi");
  });

  it("a used email with a mistake elsewhere gets the same field errors as a new one", async () => {
    const bad = { kimName: "", password: "pendek", confirm: "pendek" };
    const fresh = await submit(values({ email: "lain@layar.test", ...bad }));
    const used = await submit(values({ email: "pemilik@layar.test", ...bad }));
    const shape = (r: { state?: unknown }) => {
      const s = r.state as { message?: string; fieldErrors?: Record<string, string[]> };
      return { message: s.message, fieldErrors: s.fieldErrors };
    };
    expect(shape(used)).toEqual(shape(fresh));
    expect(Object.keys(shape(used).fieldErrors ?? {})).not.toContain("email");
  });
});

describe("registration limits", () => {
  const limits: RegistrationLimits = {
    perAddress: { scope: "register:address", max: 4, windowMinutes: 60 },
    perEmail: { scope: "register:email", max: 2, windowMinutes: 60 },
  };

  it("counts atomically: of 30 parallel requests against a limit of 5, exactly 5 pass", async () => {
    const limit = { scope: "test:burst", max: 5, windowMinutes: 60 };
    const waits = await Promise.all(Array.from({ length: 30 }, () => consumeRequest(handle.db, limit, "198.51.100.1")));
    expect(waits.filter((w) => w === 0)).toHaveLength(5);
    expect(waits.filter((w) => w > 0)).toHaveLength(25);
  });

  it("refuses registrations from one address beyond its limit, stores none of them, and frees it in the next window", async () => {
    const now = new Date("2026-12-06T03:10:00Z");
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, i) => rejection(registerKim(handle.db, values({ email: `massal${i}@layar.test`, kimName: `KIM Massal ${i}` }), { ip: "198.51.100.2", now, limits }))),
    );
    const refused = outcomes.filter((e) => e?.code === "rate_limited");
    expect(refused).toHaveLength(4);
    expect(refused[0]?.userMessage).toBe("Terlalu banyak pendaftaran dalam waktu singkat. Coba lagi dalam 60 menit.");
    const stored = (await handle.db.select({ email: users.email }).from(users)).filter((u) => u.email.startsWith("massal"));
    expect(stored).toHaveLength(4);
    // Another address is not affected; the same one is free again an hour later.
    await expect(registerKim(handle.db, values({ email: "tetangga@layar.test" }), { ip: "198.51.100.3", now, limits })).resolves.toMatchObject({ outcome: "registered" });
    const later = new Date(now.getTime() + 60 * 60_000);
    await expect(registerKim(handle.db, values({ email: "besok@layar.test" }), { ip: "198.51.100.2", now: later, limits })).resolves.toMatchObject({ outcome: "registered" });
  });

  it("limits each email the same way whether or not it has an account, so the limit reveals nothing either", async () => {
    // A day ahead: the hits of the tests above (stamped now) lie outside this window, as every
    // hit after a window's start counts.
    const now = new Date(Date.now() + 24 * 3600_000);
    const attempt = (email: string, i: number) => rejection(registerKim(handle.db, values({ email }), { ip: `192.0.2.${i}`, now, limits }));
    const usedAnswers = [];
    const freshAnswers = [];
    for (let i = 0; i < 3; i++) {
      usedAnswers.push((await attempt("pemilik@layar.test", i))?.userMessage ?? "accepted");
      freshAnswers.push((await attempt("belum.ada@layar.test", 10 + i))?.userMessage ?? "accepted");
    }
    expect(usedAnswers).toEqual(["accepted", "accepted", "Terlalu banyak pendaftaran dalam waktu singkat. Coba lagi dalam 60 menit."]);
    expect(freshAnswers).toEqual(usedAnswers);
  });
});
