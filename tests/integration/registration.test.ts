import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/authenticate";
import { decideRegistration, listPendingRegistrations, registerKim } from "@/lib/auth/register-kim";
import { auditLog, kimGroups, kimRegistrations, users } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { listKimFilms } from "@/lib/films/list-kim-films";
import { createKim, createUser } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
type Organiser = Awaited<ReturnType<typeof createUser>>;
let karanganyar: Organiser, wonogiri: Organiser, jateng: Organiser, judge: Organiser;

const form = (over: Record<string, string> = {}) => ({
  name: "Agus Santoso",
  email: "agus@layar.test",
  phone: "0812 3456 7890",
  position: "Ketua",
  kimName: "KIM Dagen Maju",
  villageCode: "33.13.11.2004",
  password: "rahasia-kim-123",
  confirm: "rahasia-kim-123",
  ...over,
});
const rejection = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AppError);
/** Registers and returns the new account's id (fails the test when nothing was created). */
async function register(values: Record<string, string>): Promise<{ userId: string }> {
  const outcome = await registerKim(handle.db, values);
  if (outcome.outcome !== "registered") throw new Error(`${values.email} was not registered`);
  return outcome;
}

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  karanganyar = await createUser(handle.db, { email: "admin.kra@layar.test", role: "organiser", regionCode: "33.13" });
  wonogiri = await createUser(handle.db, { email: "admin.wng@layar.test", role: "organiser", regionCode: "33.12" });
  jateng = await createUser(handle.db, { email: "admin.jtg@layar.test", role: "organiser", regionCode: "33" });
  judge = await createUser(handle.db, { email: "juri@layar.test", role: "judge", regionCode: "33.72" });
});
afterAll(() => handle.drop());

describe("KIM self-registration", () => {
  it("creates a pending account in the village's regency that can sign in but not act", async () => {
    const { userId } = await register(form());
    const [user] = await handle.db.select().from(users).where(eq(users.id, userId));
    expect(user).toMatchObject({ status: "pending", role: "kim", regionCode: "33.13", kimId: null });
    const session = await authenticate(handle.db, { email: "agus@layar.test", password: "rahasia-kim-123" }, "127.0.0.1");
    await expect(listKimFilms(handle.db, session)).rejects.toThrow(AppError);
  });

  it("answers a second registration with the same email like any other, and stores nothing (tests/integration/registration-enumeration.test.ts)", async () => {
    const before = await handle.db.select().from(users);
    await expect(registerKim(handle.db, form({ email: "AGUS@layar.test", kimName: "KIM Lain" }))).resolves.toEqual({ outcome: "email_in_use" });
    expect(await handle.db.select().from(users)).toHaveLength(before.length);
    expect(await handle.db.select().from(kimRegistrations).where(eq(kimRegistrations.kimName, "KIM Lain"))).toEqual([]);
  });

  it("names each bad field in Indonesian", async () => {
    const error = await rejection(registerKim(handle.db, form({ email: "bukan-email", villageCode: "33.13", password: "pendek", confirm: "lain", kimName: "" })));
    const issues = (error as unknown as { issues: { path: string[]; message: string }[] }).issues;
    const byField = Object.fromEntries(issues.map((i) => [i.path.join("."), i.message]));
    expect(byField).toMatchObject({
      email: "Masukkan alamat email yang benar.",
      villageCode: "Pilih desa/kelurahan dari daftar.",
      password: "Kata sandi minimal 10 karakter.",
      kimName: "Tulis nama KIM.",
    });
  });

  it("refuses a village code that does not exist", async () => {
    const error = await rejection(registerKim(handle.db, form({ email: "x@layar.test", villageCode: "33.13.11.2999" })));
    expect(error?.fieldErrors?.villageCode).toBeDefined();
  });

  it("keeps a script tag in a name as plain text", async () => {
    await registerKim(handle.db, form({ email: "xss@layar.test", kimName: "<script>alert(1)</script> KIM" }));
    const [reg] = await handle.db.select().from(kimRegistrations).where(eq(kimRegistrations.kimName, "<script>alert(1)</script> KIM"));
    expect(reg).toBeDefined();
  });
});

describe("approval by the regency organiser", () => {
  it("shows pending registrations only to organisers whose region contains the village", async () => {
    expect((await listPendingRegistrations(handle.db, karanganyar)).map((r) => r.email)).toContain("agus@layar.test");
    expect((await listPendingRegistrations(handle.db, jateng)).map((r) => r.email)).toContain("agus@layar.test");
    expect(await listPendingRegistrations(handle.db, wonogiri)).toEqual([]);
    await expect(listPendingRegistrations(handle.db, judge)).rejects.toThrow(AppError);
  });

  it("refuses a decision from another regency's organiser as not found, changing nothing", async () => {
    const [reg] = await handle.db.select().from(kimRegistrations).where(eq(kimRegistrations.kimName, "KIM Dagen Maju"));
    const error = await rejection(decideRegistration(handle.db, wonogiri, { registrationId: reg.id, decision: "approve" }));
    expect(error?.code).toBe("not_found");
    await expect(decideRegistration(handle.db, judge, { registrationId: reg.id, decision: "approve" })).rejects.toThrow(AppError);
    const [after] = await handle.db.select().from(kimRegistrations).where(eq(kimRegistrations.id, reg.id));
    expect(after.status).toBe("pending");
  });

  it("needs a reason to reject", async () => {
    const [reg] = await handle.db.select().from(kimRegistrations).where(eq(kimRegistrations.kimName, "KIM Dagen Maju"));
    await expect(decideRegistration(handle.db, karanganyar, { registrationId: reg.id, decision: "reject", reason: "" })).rejects.toThrow(/alasan penolakan/);
  });

  it("approving creates the KIM in the registry and activates the account", async () => {
    const [reg] = await handle.db.select().from(kimRegistrations).where(eq(kimRegistrations.kimName, "KIM Dagen Maju"));
    await decideRegistration(handle.db, karanganyar, { registrationId: reg.id, decision: "approve" });
    const [user] = await handle.db.select().from(users).where(eq(users.id, reg.userId));
    expect(user.status).toBe("active");
    const [kim] = await handle.db.select().from(kimGroups).where(eq(kimGroups.id, user.kimId!));
    expect(kim).toMatchObject({ name: "KIM Dagen Maju", villageCode: "33.13.11.2004", districtCode: "33.13.11", regencyCode: "33.13", status: "aktif", isSample: false });
    const session = await authenticate(handle.db, { email: "agus@layar.test", password: "rahasia-kim-123" }, "127.0.0.1");
    await expect(listKimFilms(handle.db, session)).resolves.toEqual([]);
    // Deciding twice is refused (double click).
    await expect(decideRegistration(handle.db, karanganyar, { registrationId: reg.id, decision: "approve" })).rejects.toThrow(AppError);
    const audit = await handle.db.select().from(auditLog).where(eq(auditLog.entityId, reg.id));
    expect(audit.map((a) => a.action)).toEqual(["kim.registration.approve"]);
  });

  it("joins an existing KIM (without active members) of the same name and village instead of duplicating it", async () => {
    const existing = await createKim(handle.db, { name: "KIM Tunas Harapan", districtCode: "33.13.11", villageCode: "33.13.11.2004" });
    const { userId } = await register(form({ email: "sekretaris@layar.test", kimName: "KIM Tunas Harapan", position: "Sekretaris" }));
    const [reg] = await handle.db.select().from(kimRegistrations).where(eq(kimRegistrations.userId, userId));
    expect(reg.existingKimId).toBe(existing.id);
    await decideRegistration(handle.db, jateng, { registrationId: reg.id, decision: "approve" });
    const [user] = await handle.db.select().from(users).where(eq(users.id, userId));
    expect(user.kimId).toBe(existing.id);
  });

  it("rejecting tells the KIM why when it signs in", async () => {
    const { userId } = await register(form({ email: "palsu@layar.test", kimName: "KIM Fiktif" }));
    const [reg] = await handle.db.select().from(kimRegistrations).where(eq(kimRegistrations.userId, userId));
    await decideRegistration(handle.db, karanganyar, { registrationId: reg.id, decision: "reject", reason: "KIM tidak tercatat di Desa Dagen" });
    const error = await rejection(authenticate(handle.db, { email: "palsu@layar.test", password: "rahasia-kim-123" }, "127.0.0.1"));
    expect(error?.userMessage).toBe("Pendaftaran Anda ditolak: KIM tidak tercatat di Desa Dagen");
  });
});
