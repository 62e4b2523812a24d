import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/authenticate";
import { eq } from "drizzle-orm";
import { loginAttempts, users } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { createKim, createUser } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
const limits = { perAccount: 5, perIp: 20, windowMinutes: 15 };
const now = new Date("2026-11-28T03:00:00Z");
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  const kim = await createKim(handle.db, { name: "KIM Uji", districtCode: "33.13.08" });
  await createUser(handle.db, { email: "Organiser@Layar.Test", role: "organiser", regionCode: "33.13", password: "benar-sekali-123" });
  await createUser(handle.db, { email: "kim@layar.test", role: "kim", kimId: kim.id, regionCode: "33.13", password: "benar-sekali-123" });
  await createUser(handle.db, { email: "pending@layar.test", role: "kim", status: "pending", regionCode: "33.13", password: "benar-sekali-123" });
  await createUser(handle.db, { email: "rejected@layar.test", role: "kim", status: "rejected", statusReason: "KIM tidak ditemukan di Desa Dagen", regionCode: "33.13", password: "benar-sekali-123" });
  await createUser(handle.db, { email: "disabled@layar.test", role: "judge", status: "disabled", regionCode: "33.12", password: "benar-sekali-123" });
});
afterAll(() => handle.drop());
beforeEach(async () => {
  await handle.db.delete(loginAttempts);
});

describe("authenticate", () => {
  it("signs in with the right password, email in any case, and returns role and scope", async () => {
    const user = await authenticate(handle.db, { email: "  ORGANISER@layar.test ", password: "benar-sekali-123" }, "1.1.1.1", now, limits);
    expect(user).toMatchObject({ email: "organiser@layar.test", role: "organiser", regionCode: "33.13", status: "active" });
    expect(user).not.toHaveProperty("passwordHash");
  });

  it("refuses a wrong password and an unknown email with the same message", async () => {
    const wrong = await failure(authenticate(handle.db, { email: "kim@layar.test", password: "salah-salah-123" }, "1.1.1.1", now, limits));
    const unknown = await failure(authenticate(handle.db, { email: "nobody@layar.test", password: "salah-salah-123" }, "1.1.1.1", now, limits));
    expect(wrong.userMessage).toBe("Email atau kata sandi salah.");
    expect(unknown.userMessage).toBe(wrong.userMessage);
  });

  it("refuses malformed input without touching the database", async () => {
    const error = await failure(authenticate(handle.db, { email: "<script>", password: "" }, "1.1.1.1", now, limits));
    expect(error.code).toBe("invalid");
    expect(await handle.db.select().from(loginAttempts)).toHaveLength(0);
  });

  it("lets a pending KIM sign in (it only sees that it is waiting)", async () => {
    const user = await authenticate(handle.db, { email: "pending@layar.test", password: "benar-sekali-123" }, "1.1.1.1", now, limits);
    expect(user.status).toBe("pending");
  });

  it("tells a rejected KIM why, and refuses a disabled account", async () => {
    const rejected = await failure(authenticate(handle.db, { email: "rejected@layar.test", password: "benar-sekali-123" }, "1.1.1.1", now, limits));
    expect(rejected.userMessage).toContain("KIM tidak ditemukan di Desa Dagen");
    const disabled = await failure(authenticate(handle.db, { email: "disabled@layar.test", password: "benar-sekali-123" }, "1.1.1.1", now, limits));
    expect(disabled.userMessage).toContain("dinonaktifkan");
  });

  it("5 failures from one address stop that address on that account for the window; the owner elsewhere still signs in", async () => {
    for (let i = 0; i < 5; i++) {
      await failure(authenticate(handle.db, { email: "kim@layar.test", password: `tebakan-${i}-xxxx` }, "203.0.113.50", minutes(i), limits));
    }
    const locked = await failure(authenticate(handle.db, { email: "kim@layar.test", password: "benar-sekali-123" }, "203.0.113.50", minutes(5), limits));
    expect(locked.code).toBe("rate_limited");
    expect(locked.userMessage).toBe("Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam 10 menit.");
    // The owner, from their own network, is not locked out.
    const owner = await authenticate(handle.db, { email: "kim@layar.test", password: "benar-sekali-123" }, "198.51.100.20", minutes(5), limits);
    expect(owner.email).toBe("kim@layar.test");
    // Another account from the attacker's address is not affected either.
    await authenticate(handle.db, { email: "organiser@layar.test", password: "benar-sekali-123" }, "203.0.113.50", minutes(5), limits);
    // 15 minutes after the first failure, that failure leaves the window.
    const later = await authenticate(handle.db, { email: "kim@layar.test", password: "benar-sekali-123" }, "203.0.113.50", minutes(15.5), limits);
    expect(later.email).toBe("kim@layar.test");
  });

  it("failures spread over many addresses slow the account with growing delays, at most 3 minutes (never a lock), and a reset lifts them", async () => {
    const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);
    // Five guesses from five addresses: the fifth failure starts the delays (2 s, 4 s, 8 s ...).
    for (let i = 0; i < 5; i++) await failure(authenticate(handle.db, { email: "kim@layar.test", password: `tebakan-${i}-xxxx` }, `10.1.0.${i}`, at(i), limits));
    const slowed = await failure(authenticate(handle.db, { email: "kim@layar.test", password: "benar-sekali-123" }, "10.1.9.9", at(5), limits));
    expect(slowed.code).toBe("rate_limited");
    expect(slowed.userMessage).toBe('Terlalu banyak percobaan masuk yang gagal untuk akun ini. Coba lagi dalam 1 detik, atau atur ulang kata sandi lewat "Lupa kata sandi?".');
    // After the delay the owner gets in, from anywhere.
    expect((await authenticate(handle.db, { email: "kim@layar.test", password: "benar-sekali-123" }, "10.1.9.9", at(6.5), limits)).email).toBe("kim@layar.test");

    // A guesser with endless addresses who waits out every delay: each wait doubles, up to 3 minutes.
    const waits: number[] = [];
    let t = 10;
    for (let i = 0; i < 12; i++) {
      const blocked = await authenticate(handle.db, { email: "kim@layar.test", password: "salah-lagi-xxxx" }, `10.2.0.${i}`, at(t), limits).then(
        () => null,
        (e: AppError) => (e.code === "rate_limited" ? e : null),
      );
      if (blocked) {
        const seconds = Number(/dalam (\d+) detik/.exec(blocked.userMessage ?? "")?.[1]);
        waits.push(seconds);
        t += seconds;
        i--;
        continue;
      }
      t += 0.1;
    }
    expect(waits.slice(0, 6)).toEqual([4, 8, 16, 32, 64, 128]);
    expect(Math.max(...waits)).toBe(180);
    // From then on: one guess every 3 minutes (480 a day), whatever the number of addresses.
    expect(waits.slice(-3)).toEqual([180, 180, 180]);

    // The owner resets the password: the delay is lifted at once.
    await handle.db.update(users).set({ passwordChangedAt: at(t) }).where(eq(users.email, "kim@layar.test"));
    expect((await authenticate(handle.db, { email: "kim@layar.test", password: "benar-sekali-123" }, "10.1.9.9", at(t + 1), limits)).email).toBe("kim@layar.test");
  });

  it("30 wrong passwords at once get at most 5 password checks (counted atomically)", async () => {
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        authenticate(handle.db, { email: "organiser@layar.test", password: `tebakan-paralel-${i}` }, `10.3.0.${i % 3}`, now, limits).then(
          () => "signed in",
          (e: AppError) => e.userMessage,
        ),
      ),
    );
    // Five get a real password check, the rest are refused before it (the account's delay).
    expect(results.filter((r) => r === "Email atau kata sandi salah.")).toHaveLength(5);
    expect(results.filter((r) => r?.startsWith("Terlalu banyak percobaan")).length).toBe(25);
  });

  it("30 wrong passwords at once from one address get at most 5 password checks", async () => {
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        authenticate(handle.db, { email: "kim@layar.test", password: `tebakan-paralel-${i}` }, "10.4.0.1", now, limits).then(
          () => "signed in",
          (e: AppError) => e.userMessage,
        ),
      ),
    );
    expect(results.filter((r) => r === "Email atau kata sandi salah.").length).toBe(5);
  });

  it("limits one address trying many accounts", async () => {
    for (let i = 0; i < 20; i++) {
      await failure(authenticate(handle.db, { email: `guess${i}@layar.test`, password: "salah-salah-123" }, "203.0.113.7", now, limits));
    }
    const blocked = await failure(authenticate(handle.db, { email: "organiser@layar.test", password: "benar-sekali-123" }, "203.0.113.7", now, limits));
    expect(blocked.code).toBe("rate_limited");
    const elsewhere = await authenticate(handle.db, { email: "organiser@layar.test", password: "benar-sekali-123" }, "198.51.100.1", now, limits);
    expect(elsewhere.role).toBe("organiser");
  });
});
