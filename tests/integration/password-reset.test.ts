import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/authenticate";
import { changePassword, requestPasswordReset, resetPassword } from "@/lib/auth/reset-password";
import { auditLog, passwordResetTokens, users } from "@/lib/db/schema";
import { env, resetEnvForTests } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { createUser } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";
import { mailText, startSmtpServer } from "../setup/smtp";

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let userId: string;

function linkToken(raw: string): string {
  const match = mailText(raw).match(/http:\/\/layar\.test\/atur-ulang-sandi\/([A-Za-z0-9_-]+)/);
  expect(match, "the mail carries a reset link").not.toBeNull();
  return match![1];
}

const rejection = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AppError);

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  userId = (await createUser(handle.db, { email: "juri@layar.test", name: "Rina", role: "judge", regionCode: "33.72", password: "sandi-lama-12345" })).id;
  smtp = await startSmtpServer();
  process.env.SMTP_URL = smtp.url;
  resetEnvForTests();
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  resetEnvForTests();
  await smtp.stop();
  await handle.drop();
});

describe("password reset by email", () => {
  it("mails a link over SMTP; the link sets a new password once, and the old one stops working", async () => {
    await requestPasswordReset(handle.db, { email: "Juri@layar.test " });
    expect(smtp.inbox).toHaveLength(1);
    expect(smtp.inbox[0].to).toEqual(["juri@layar.test"]);
    expect(smtp.inbox[0].raw).toContain("Subject: Atur ulang kata sandi Layar");
    const token = linkToken(smtp.inbox[0].raw);
    // Only a hash of the token is stored.
    const stored = await handle.db.select().from(passwordResetTokens);
    expect(stored.map((r) => r.tokenHash)).not.toContain(token);

    await resetPassword(handle.db, { token, password: "sandi-baru-67890", confirm: "sandi-baru-67890" });
    await expect(authenticate(handle.db, { email: "juri@layar.test", password: "sandi-baru-67890" }, "127.0.0.1")).resolves.toMatchObject({ id: userId });
    await expect(authenticate(handle.db, { email: "juri@layar.test", password: "sandi-lama-12345" }, "127.0.0.1")).rejects.toThrow();

    const reused = await rejection(resetPassword(handle.db, { token, password: "sandi-ketiga-000", confirm: "sandi-ketiga-000" }));
    expect(reused?.userMessage).toContain("sudah dipakai atau kedaluwarsa");
    const audit = await handle.db.select().from(auditLog).where(eq(auditLog.action, "password.reset"));
    expect(audit).toHaveLength(1);
  });

  it("sends nothing for an unknown email (and says the same thing to the caller)", async () => {
    const before = smtp.inbox.length;
    await expect(requestPasswordReset(handle.db, { email: "nobody@layar.test" })).resolves.toBeUndefined();
    expect(smtp.inbox.length).toBe(before);
  });

  it("refuses an expired link", async () => {
    const sentAt = new Date("2026-01-01T00:00:00Z");
    const before = smtp.inbox.length;
    await requestPasswordReset(handle.db, { email: "juri@layar.test" }, sentAt);
    const token = linkToken(smtp.inbox[before].raw);
    const late = new Date(sentAt.getTime() + 61 * 60_000);
    const error = await rejection(resetPassword(handle.db, { token, password: "sandi-telat-1234", confirm: "sandi-telat-1234" }, late));
    expect(error?.code).toBe("invalid");
  });

  it("checks the new password before using the link", async () => {
    const before = smtp.inbox.length;
    await requestPasswordReset(handle.db, { email: "juri@layar.test" });
    const token = linkToken(smtp.inbox[before].raw);
    await expect(resetPassword(handle.db, { token, password: "pendek", confirm: "pendek" })).rejects.toThrow(/minimal 10 karakter/);
    await expect(resetPassword(handle.db, { token, password: "cukup-panjang-1", confirm: "lain-sekali-22" })).rejects.toThrow(/tidak sama/);
    // The link was not spent by the invalid attempts.
    await resetPassword(handle.db, { token, password: "cukup-panjang-1", confirm: "cukup-panjang-1" });
  });

  it("sends at most three links an hour to one account", async () => {
    await createUser(handle.db, { email: "sering@layar.test", role: "judge", regionCode: "33.12" });
    const start = new Date("2027-06-01T00:00:00Z");
    const at = (minute: number) => new Date(start.getTime() + minute * 60_000);
    const sent = () => smtp.inbox.filter((m) => m.to.includes("sering@layar.test")).length;
    for (let i = 0; i < 5; i++) await requestPasswordReset(handle.db, { email: "sering@layar.test" }, at(i));
    expect(sent()).toBe(3);
    // An hour after the first link, one slot is free again.
    await requestPasswordReset(handle.db, { email: "sering@layar.test" }, at(61));
    expect(sent()).toBe(4);
  });

  it("one address may ask five times in 15 minutes, whatever the emails, and is told how long to wait", async () => {
    const start = new Date("2027-08-01T00:00:00Z");
    const at = (minute: number) => new Date(start.getTime() + minute * 60_000);
    const before = smtp.inbox.length;
    // Existing and unknown accounts count alike, so the limit says nothing about which exist.
    for (const [i, email] of ["juri@layar.test", "tidak-ada-1@layar.test", "tidak-ada-2@layar.test", "tidak-ada-3@layar.test", "tidak-ada-4@layar.test"].entries()) {
      await requestPasswordReset(handle.db, { email }, at(i), "203.0.113.80");
    }
    const refused = await rejection(requestPasswordReset(handle.db, { email: "juri@layar.test" }, at(5), "203.0.113.80"));
    expect(refused?.code).toBe("rate_limited");
    expect(refused?.userMessage).toBe("Terlalu banyak permintaan atur ulang kata sandi dari jaringan ini. Coba lagi dalam 10 menit.");
    const unknownRefused = await rejection(requestPasswordReset(handle.db, { email: "tidak-ada-9@layar.test" }, at(5), "203.0.113.80"));
    expect(unknownRefused?.userMessage).toBe(refused?.userMessage);
    expect(smtp.inbox.length).toBe(before + 1);
    // Another address is not affected; the first one may ask again once its oldest request is 15 minutes old.
    await requestPasswordReset(handle.db, { email: "tidak-ada-5@layar.test" }, at(5), "198.51.100.80");
    await requestPasswordReset(handle.db, { email: "tidak-ada-6@layar.test" }, at(15.5), "203.0.113.80");
  });

  it("counts parallel requests from one address atomically", async () => {
    const when = new Date("2027-09-01T00:00:00Z");
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => requestPasswordReset(handle.db, { email: `paralel-${i}@layar.test` }, when, "203.0.113.81").then(() => "ok", (e: AppError) => e.code)),
    );
    expect(results.filter((r) => r === "ok")).toHaveLength(5);
    expect(results.filter((r) => r === "rate_limited")).toHaveLength(7);
  });
});

describe("without SMTP", () => {
  it("writes the mail to the data directory's outbox so an admin can pass the link on", async () => {
    delete process.env.SMTP_URL;
    resetEnvForTests();
    await createUser(handle.db, { email: "kim-outbox@layar.test", role: "organiser", regionCode: "33.13" });
    await requestPasswordReset(handle.db, { email: "kim-outbox@layar.test" });
    const outbox = path.join(env().dataDir, "outbox");
    const files = fs.readdirSync(outbox).filter((f) => f.includes("kim-outbox"));
    expect(files).toHaveLength(1);
    const raw = fs.readFileSync(path.join(outbox, files[0]), "utf8");
    expect(mailText(raw)).toMatch(/atur-ulang-sandi\/[A-Za-z0-9_-]+/);
    process.env.SMTP_URL = smtp.url;
    resetEnvForTests();
  });
});

describe("change password", () => {
  it("needs the current password, and records the change time", async () => {
    const wrong = await rejection(changePassword(handle.db, userId, { current: "bukan-ini-123", password: "sandi-keempat-1", confirm: "sandi-keempat-1" }));
    expect(wrong?.fieldErrors?.current).toEqual(["Kata sandi saat ini salah."]);
    await changePassword(handle.db, userId, { current: "cukup-panjang-1", password: "sandi-keempat-1", confirm: "sandi-keempat-1" });
    const [user] = await handle.db.select().from(users).where(eq(users.id, userId));
    expect(user.passwordChangedAt).toBeInstanceOf(Date);
    await expect(authenticate(handle.db, { email: "juri@layar.test", password: "sandi-keempat-1" }, "127.0.0.2")).resolves.toBeTruthy();
  });
});
