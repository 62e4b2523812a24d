import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/authenticate";
import { loginAttempts } from "@/lib/db/schema";
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

  it("locks an account after 5 failures, even for the right password, until the window passes", async () => {
    for (let i = 0; i < 5; i++) {
      await failure(authenticate(handle.db, { email: "kim@layar.test", password: `tebakan-${i}-xxxx` }, `10.0.0.${i}`, minutes(i), limits));
    }
    const locked = await failure(authenticate(handle.db, { email: "kim@layar.test", password: "benar-sekali-123" }, "10.0.9.9", minutes(5), limits));
    expect(locked.code).toBe("rate_limited");
    expect(locked.userMessage).toMatch(/Terlalu banyak percobaan.*15 menit/);
    // Another account from another address is not affected.
    await authenticate(handle.db, { email: "organiser@layar.test", password: "benar-sekali-123" }, "10.0.9.9", minutes(5), limits);
    // 15 minutes after the first failure, that failure leaves the window.
    const later = await authenticate(handle.db, { email: "kim@layar.test", password: "benar-sekali-123" }, "10.0.9.9", minutes(15.5), limits);
    expect(later.email).toBe("kim@layar.test");
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
