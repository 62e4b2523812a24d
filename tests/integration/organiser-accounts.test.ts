import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  acceptOrganiserInvitationAction,
  inviteOrganiserAction,
  resendOrganiserInvitationAction,
  revokeOrganiserInvitationAction,
  setOrganiserStatusAction,
} from "@/lib/actions/organiser-account-actions";
import { initialFormState } from "@/lib/actions/form-state";
import { authenticate } from "@/lib/auth/authenticate";
import { acceptOrganiserInvitation, inviteOrganiser, organiserInvitationPage, resendOrganiserInvitation, revokeOrganiserInvitation } from "@/lib/auth/invite-organiser";
import { createOrganiserAccount, invitableRegions, listOrganisers, setOrganiserStatus } from "@/lib/auth/organiser-accounts";
import { requireActor } from "@/lib/auth/session";
import { auditLog, organiserInvitations, users } from "@/lib/db/schema";
import { resetEnvForTests } from "@/lib/env";
import { createUser } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";
import { forgetSessionCookie } from "../setup/session-cookies";
import { createTestRegions } from "../setup/regions";
import { mailText, startSmtpServer } from "../setup/smtp";

// The organiser accounts page's rules: who may invite whom, the invitation's life (resend,
// revoke, expiry, acceptance), disabling, and that every action checks the session itself.

// The test says whose session it is; the session is a real one: a row made as at sign-in
// and next-auth's cookie naming it, read through next/headers as on every real request
// (requireActor re-reads the user and the session row).
const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next/headers", async (importOriginal) => {
  const original = await importOriginal<typeof import("next/headers")>();
  const { sessionCookieStore } = await import("@/tests/setup/session-cookies");
  return { ...original, cookies: () => sessionCookieStore(session.userId) };
});
// Outside Next there is no page cache to revalidate.
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
type User = Awaited<ReturnType<typeof createUser>>;
let jateng: User, karanganyar: User, karanganyar2: User, wonogiri: User, diy: User, kimMember: User, judge: User;

const day = 86_400_000;
const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value);
  return data;
};
const as = (user: User | null) => {
  session.userId = user?.id ?? null;
};
const tokenOf = (link: string) => link.split("/undangan-panitia/")[1];
const hashOf = async (email: string) => (await handle.db.select().from(organiserInvitations).where(eq(organiserInvitations.email, email)))[0].tokenHash;
const invitationsOf = (email: string) => handle.db.select().from(organiserInvitations).where(eq(organiserInvitations.email, email));
const password = "sandi-panitia-123";

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  jateng = await createUser(handle.db, { email: "admin.jateng@layar.test", name: "Diskominfo Jawa Tengah", role: "organiser", regionCode: "33" });
  karanganyar = await createUser(handle.db, { email: "admin.kra@layar.test", name: "Diskominfo Karanganyar", role: "organiser", regionCode: "33.13" });
  karanganyar2 = await createUser(handle.db, { email: "staf.kra@layar.test", name: "Staf Karanganyar", role: "organiser", regionCode: "33.13" });
  wonogiri = await createUser(handle.db, { email: "admin.wng@layar.test", name: "Diskominfo Wonogiri", role: "organiser", regionCode: "33.12" });
  diy = await createUser(handle.db, { email: "admin.diy@layar.test", name: "Diskominfo DIY", role: "organiser", regionCode: "34" });
  kimMember = await createUser(handle.db, { email: "kim@layar.test", role: "kim", status: "pending", regionCode: "33.13" });
  judge = await createUser(handle.db, { email: "juri@layar.test", role: "judge", regionCode: "33.72" });
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

describe("inviting an organiser", () => {
  it("a province organiser invites for a regency; the mail carries the link; the invited person creates the account and signs in", async () => {
    as(jateng);
    const before = smtp.inbox.length;
    const state = await inviteOrganiserAction(initialFormState, form({ name: "Sri Wahyuni", email: "Sri@Kra.go.id ", phone: "0812-3456-7890", regionCode: "33.13" }));
    expect(state).toMatchObject({ ok: true, message: "Undangan dikirim lewat email. Salin tautan di bawah atau bagikan lewat WhatsApp." });
    const link = state.result!.link;
    expect(link).toMatch(/^http:\/\/layar\.test\/undangan-panitia\/[A-Za-z0-9_-]{20,}$/);
    expect(state.result!.whatsapp).toBe(`https://wa.me/6281234567890?text=${encodeURIComponent(`Undangan panitia Layar untuk Kabupaten Karanganyar: ${link}`)}`);

    expect(smtp.inbox.length).toBe(before + 1);
    const mail = smtp.inbox[before];
    expect(mail.to).toEqual(["sri@kra.go.id"]);
    expect(mail.raw).toContain("Subject: Undangan menjadi panitia di Layar");
    expect(mailText(mail.raw)).toContain(link);
    // Only the token's hash is stored.
    expect((await invitationsOf("sri@kra.go.id"))[0].tokenHash).not.toContain(tokenOf(link));

    expect(await organiserInvitationPage(handle.db, tokenOf(link))).toMatchObject({
      state: "open",
      name: "Sri Wahyuni",
      email: "sri@kra.go.id",
      regionName: "Kabupaten Karanganyar",
      inviterName: "Diskominfo Jawa Tengah",
    });

    as(null);
    const mismatch = await acceptOrganiserInvitationAction(initialFormState, form({ token: tokenOf(link), password, confirm: "lain-sekali-1234" }));
    expect(mismatch.fieldErrors?.confirm).toEqual(["Konfirmasi kata sandi tidak sama."]);
    const short = await acceptOrganiserInvitationAction(initialFormState, form({ token: tokenOf(link), password: "pendek", confirm: "pendek" }));
    expect(short.fieldErrors?.password).toEqual(["Kata sandi minimal 10 karakter."]);
    expect(await handle.db.select().from(users).where(eq(users.email, "sri@kra.go.id"))).toEqual([]);

    await expect(acceptOrganiserInvitationAction(initialFormState, form({ token: tokenOf(link), password, confirm: password }))).rejects.toMatchObject({
      digest: expect.stringContaining("/masuk?sandi=baru&kembali=/admin"),
    });
    const [user] = await handle.db.select().from(users).where(eq(users.email, "sri@kra.go.id"));
    expect(user).toMatchObject({ role: "organiser", status: "active", regionCode: "33.13", name: "Sri Wahyuni", phone: "6281234567890" });
    await expect(authenticate(handle.db, { email: "sri@kra.go.id", password }, "127.0.0.1")).resolves.toMatchObject({ role: "organiser", regionCode: "33.13" });

    // The link is spent.
    expect(await organiserInvitationPage(handle.db, tokenOf(link))).toEqual({ state: "accepted" });
    const again = await acceptOrganiserInvitationAction(initialFormState, form({ token: tokenOf(link), password: "sandi-kedua-12345", confirm: "sandi-kedua-12345" }));
    expect(again.message).toMatch(/sudah dipakai, dicabut, atau kedaluwarsa/);

    const audit = await handle.db.select().from(auditLog).where(eq(auditLog.entityId, user.id));
    expect(audit.map((a) => a.action)).toContain("organiser.accept_invitation");
    expect(await handle.db.select().from(auditLog).where(and(eq(auditLog.action, "organiser.invite"), eq(auditLog.actorId, jateng.id)))).toHaveLength(1);
  });

  it("without a WhatsApp number the share link has none; the outbox takes the mail when SMTP is not set", async () => {
    delete process.env.SMTP_URL;
    resetEnvForTests();
    try {
      const result = await inviteOrganiser(handle.db, jateng, { name: "Tanpa Nomor", email: "tanpa.nomor@layar.test", phone: "", regionCode: "33.72" });
      expect(result.mailed).toBe("outbox");
      expect(result.whatsapp).toMatch(/^https:\/\/wa\.me\/\?text=/);
      expect((await invitationsOf("tanpa.nomor@layar.test"))[0].phone).toBeNull();
    } finally {
      process.env.SMTP_URL = smtp.url;
      resetEnvForTests();
    }
  });

  it("refuses, next to the field, an email that has an account or an open invitation, and a bad number", async () => {
    as(jateng);
    const taken = await inviteOrganiserAction(initialFormState, form({ name: "Juri Lama", email: "juri@layar.test", regionCode: "33.13" }));
    expect(taken.fieldErrors?.email).toEqual(["Email ini sudah punya akun Layar."]);
    expect(taken.values?.name).toBe("Juri Lama");
    await inviteOrganiser(handle.db, jateng, { name: "Dua Kali", email: "dua.kali@layar.test", regionCode: "33.12" });
    const twice = await inviteOrganiserAction(initialFormState, form({ name: "Dua Kali", email: "dua.kali@layar.test", regionCode: "33.12" }));
    expect(twice.fieldErrors?.email?.[0]).toMatch(/undangan yang masih berlaku/);
    const badPhone = await inviteOrganiserAction(initialFormState, form({ name: "Nomor Salah", email: "nomor.salah@layar.test", phone: "telepon saya", regionCode: "33.12" }));
    expect(badPhone.fieldErrors?.phone).toEqual(["Nomor WhatsApp hanya angka, mis. 0812 3456 7890."]);
    expect(await invitationsOf("juri@layar.test")).toEqual([]);
    expect(await invitationsOf("dua.kali@layar.test")).toHaveLength(1);
    expect(await invitationsOf("nomor.salah@layar.test")).toEqual([]);
  });

  it("offers a province organiser its province and its regencies, a regency organiser only its regency", async () => {
    expect((await invitableRegions(handle.db, jateng)).map((r) => r.code)).toEqual(["33", "33.12", "33.13", "33.72"]);
    expect((await invitableRegions(handle.db, karanganyar)).map((r) => r.code)).toEqual(["33.13"]);
  });

  it("refuses a regency organiser for the province and for another regency, and anyone for a region outside their own", async () => {
    as(karanganyar);
    for (const regionCode of ["33", "33.12", "34.04"]) {
      const state = await inviteOrganiserAction(initialFormState, form({ name: "Di Luar", email: `luar.${regionCode}@layar.test`, regionCode }));
      expect(state.message, regionCode).toBe("Wilayah ini di luar wewenang Anda.");
      expect(state.fieldErrors?.regionCode?.[0]).toMatch(/hanya bisa mengundang panitia untuk wilayah Anda/);
    }
    await expect(inviteOrganiser(handle.db, jateng, { name: "Di Luar", email: "luar.diy@layar.test", regionCode: "34.04" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(inviteOrganiser(handle.db, jateng, { name: "Desa", email: "desa@layar.test", regionCode: "33.13.11.2004" })).rejects.toThrow(
      "33.13.11.2004 adalah desa/kelurahan Dagen; pilih kode provinsi atau kabupaten/kota (mis. 33 atau 33.13).",
    );
    const ok = await inviteOrganiserAction(initialFormState, form({ name: "Staf Baru", email: "staf.baru@kra.go.id", regionCode: "33.13" }));
    expect(ok.ok).toBe(true);
    const written = await handle.db.select({ email: organiserInvitations.email }).from(organiserInvitations);
    expect(written.map((w) => w.email).filter((e) => e.startsWith("luar.") || e === "desa@layar.test")).toEqual([]);
  });
});

describe("the list, resend, revoke and expiry", () => {
  it("lists invitations and accounts in the actor's region with their status; a regency organiser sees only its regency", async () => {
    const long = new Date(Date.now() - 20 * day);
    await inviteOrganiser(handle.db, jateng, { name: "Lama Sekali", email: "lama@layar.test", regionCode: "33.13" }, long);
    const revoked = await inviteOrganiser(handle.db, jateng, { name: "Batal", email: "batal@layar.test", regionCode: "33.12" });
    await revokeOrganiserInvitation(handle.db, jateng, { invitationId: await hashOf("batal@layar.test") });
    expect(revoked.link).toBeTruthy();

    const province = await listOrganisers(handle.db, jateng);
    const state = (email: string) => province.invitations.find((i) => i.email === email)?.state;
    expect(state("lama@layar.test")).toBe("expired");
    expect(state("batal@layar.test")).toBe("revoked");
    expect(state("staf.baru@kra.go.id")).toBe("open");
    expect(state("sri@kra.go.id")).toBeUndefined(); // accepted: listed as an account
    const account = (email: string) => province.accounts.find((a) => a.email === email);
    expect(account("sri@kra.go.id")).toMatchObject({ status: "active", regionName: "Kabupaten Karanganyar", invitedBy: "Diskominfo Jawa Tengah", passwordSet: true, isSelf: false });
    expect(account("admin.jateng@layar.test")).toMatchObject({ isSelf: true });
    expect(account("admin.diy@layar.test")).toBeUndefined();
    expect(province.accounts.map((a) => a.email)).not.toContain("juri@layar.test");

    const regency = await listOrganisers(handle.db, karanganyar);
    expect(regency.accounts.map((a) => a.regionCode).every((c) => c === "33.13")).toBe(true);
    expect(regency.accounts.map((a) => a.email)).toEqual(expect.arrayContaining(["admin.kra@layar.test", "staf.kra@layar.test", "sri@kra.go.id"]));
    expect(regency.invitations.map((i) => i.regionCode).every((c) => c === "33.13")).toBe(true);
    expect(regency.invitations.map((i) => i.email)).not.toContain("batal@layar.test");
    expect((await listOrganisers(handle.db, wonogiri)).invitations.map((i) => i.email)).toEqual(expect.arrayContaining(["batal@layar.test", "dua.kali@layar.test"]));
  });

  it("resend makes a new link valid 14 more days and mails it; the old link stops working", async () => {
    const sentAt = new Date(Date.now() - 20 * day);
    const first = await inviteOrganiser(handle.db, jateng, { name: "Kirim Ulang", email: "ulang@layar.test", regionCode: "33.12" }, sentAt);
    expect(await organiserInvitationPage(handle.db, tokenOf(first.link))).toMatchObject({ state: "expired" });

    as(jateng);
    const before = smtp.inbox.length;
    const state = await resendOrganiserInvitationAction(initialFormState, form({ invitationId: await hashOf("ulang@layar.test") }));
    expect(state.ok).toBe(true);
    const link = state.result!.link;
    expect(link).not.toBe(first.link);
    expect(smtp.inbox.length).toBe(before + 1);
    expect(mailText(smtp.inbox[before].raw)).toContain(link);

    expect(await organiserInvitationPage(handle.db, tokenOf(first.link))).toEqual({ state: "unknown" });
    const page = await organiserInvitationPage(handle.db, tokenOf(link));
    expect(page.state).toBe("open");
    const [row] = await invitationsOf("ulang@layar.test");
    expect(Math.abs(row.expiresAt.getTime() - (Date.now() + 14 * day))).toBeLessThan(60_000);
    await expect(acceptOrganiserInvitation(handle.db, { token: tokenOf(first.link), password, confirm: password })).rejects.toMatchObject({ code: "invalid" });
    await acceptOrganiserInvitation(handle.db, { token: tokenOf(link), password, confirm: password });
    expect((await handle.db.select().from(users).where(eq(users.email, "ulang@layar.test")))[0]).toMatchObject({ role: "organiser", regionCode: "33.12" });
    expect(await handle.db.select().from(auditLog).where(eq(auditLog.action, "organiser.invite_resend"))).toHaveLength(1);
  });

  it("revoke ends an unaccepted invitation; an organiser outside its region can neither revoke nor resend it", async () => {
    const invitation = await inviteOrganiser(handle.db, jateng, { name: "Dicabut", email: "dicabut@layar.test", regionCode: "33.13" });
    const id = await hashOf("dicabut@layar.test");

    as(wonogiri);
    expect((await revokeOrganiserInvitationAction(initialFormState, form({ invitationId: id }))).message).toMatch(/tidak ditemukan di wilayah Anda/);
    expect((await resendOrganiserInvitationAction(initialFormState, form({ invitationId: id }))).message).toMatch(/tidak ditemukan di wilayah Anda/);
    expect((await invitationsOf("dicabut@layar.test"))[0]).toMatchObject({ revokedAt: null, tokenHash: id });

    as(karanganyar);
    expect(await revokeOrganiserInvitationAction(initialFormState, form({ invitationId: id }))).toMatchObject({ ok: true, message: "Undangan dicabut; tautannya tidak berlaku lagi." });
    expect(await organiserInvitationPage(handle.db, tokenOf(invitation.link))).toEqual({ state: "revoked" });
    await expect(acceptOrganiserInvitation(handle.db, { token: tokenOf(invitation.link), password, confirm: password })).rejects.toMatchObject({ code: "invalid" });
    await expect(resendOrganiserInvitation(handle.db, karanganyar, { invitationId: id })).rejects.toMatchObject({ code: "not_found" });
    await expect(revokeOrganiserInvitation(handle.db, karanganyar, { invitationId: id })).rejects.toMatchObject({ code: "not_found" });
    expect(await handle.db.select().from(users).where(eq(users.email, "dicabut@layar.test"))).toEqual([]);
  });

  it("an invitation expires after 14 days", async () => {
    const sentAt = new Date("2026-01-01T00:00:00Z");
    const invitation = await inviteOrganiser(handle.db, jateng, { name: "Terlambat", email: "terlambat@layar.test", regionCode: "33.72" }, sentAt);
    const late = new Date(sentAt.getTime() + 14 * day + 1000);
    expect(await organiserInvitationPage(handle.db, tokenOf(invitation.link), late)).toEqual({ state: "expired", expiresAt: new Date(sentAt.getTime() + 14 * day) });
    await expect(acceptOrganiserInvitation(handle.db, { token: tokenOf(invitation.link), password, confirm: password }, late)).rejects.toMatchObject({ code: "invalid" });
    const inTime = new Date(sentAt.getTime() + 13 * day);
    await acceptOrganiserInvitation(handle.db, { token: tokenOf(invitation.link), password, confirm: password }, inTime);
    expect(await handle.db.select().from(users).where(eq(users.email, "terlambat@layar.test"))).toHaveLength(1);
  });

  it("does not accept an invitation whose email got an account meanwhile, and keeps the link", async () => {
    const invitation = await inviteOrganiser(handle.db, jateng, { name: "Sudah Ada", email: "sudah.ada@layar.test", regionCode: "33.13" });
    await createUser(handle.db, { email: "sudah.ada@layar.test", role: "judge", regionCode: "33.72" });
    await expect(acceptOrganiserInvitation(handle.db, { token: tokenOf(invitation.link), password, confirm: password })).rejects.toMatchObject({ code: "conflict" });
    expect((await organiserInvitationPage(handle.db, tokenOf(invitation.link))).state).toBe("open");
    expect((await handle.db.select().from(users).where(eq(users.email, "sudah.ada@layar.test")))[0].role).toBe("judge");
  });
});

describe("disabling an organiser account", () => {
  it("ends the account's access at once, its open sessions for good; re-enabling lets it sign in again", async () => {
    as(karanganyar2);
    await expect(requireActor(["organiser"])).resolves.toMatchObject({ id: karanganyar2.id });

    as(jateng);
    const short = await setOrganiserStatusAction(initialFormState, form({ userId: karanganyar2.id, status: "disabled", reason: "x" }));
    expect(short.fieldErrors?.reason).toEqual(["Tulis alasan menonaktifkan (minimal 5 karakter)."]);
    expect((await handle.db.select().from(users).where(eq(users.id, karanganyar2.id)))[0].status).toBe("active");

    const done = await setOrganiserStatusAction(initialFormState, form({ userId: karanganyar2.id, status: "disabled", reason: "Pindah tugas ke dinas lain." }));
    expect(done).toMatchObject({ ok: true, message: "Akun dinonaktifkan; sesi masuknya berakhir." });
    expect((await handle.db.select().from(users).where(eq(users.id, karanganyar2.id)))[0]).toMatchObject({ status: "disabled", statusReason: "Pindah tugas ke dinas lain." });

    // The same session, the next request: refused.
    as(karanganyar2);
    await expect(requireActor(["organiser"])).rejects.toMatchObject({ code: "unauthenticated" });
    expect((await inviteOrganiserAction(initialFormState, form({ name: "Setelah", email: "setelah@layar.test", regionCode: "33.13" }))).message).toBe("Silakan masuk terlebih dahulu.");
    await expect(authenticate(handle.db, { email: "staf.kra@layar.test", password: "kata-sandi-uji-123" }, "127.0.0.2")).rejects.toThrow("Akun ini dinonaktifkan.");
    expect((await listOrganisers(handle.db, jateng)).accounts.find((a) => a.id === karanganyar2.id)).toMatchObject({ status: "disabled", statusReason: "Pindah tugas ke dinas lain." });

    as(karanganyar);
    expect(await setOrganiserStatusAction(initialFormState, form({ userId: karanganyar2.id, status: "active" }))).toMatchObject({ ok: true, message: "Akun diaktifkan kembali." });
    // The session that was open when the account was disabled stays ended; signing in again works.
    as(karanganyar2);
    await expect(requireActor(["organiser"])).rejects.toMatchObject({ code: "unauthenticated" });
    forgetSessionCookie(karanganyar2.id);
    await expect(requireActor(["organiser"])).resolves.toMatchObject({ id: karanganyar2.id, status: "active" });
    await expect(authenticate(handle.db, { email: "staf.kra@layar.test", password: "kata-sandi-uji-123" }, "127.0.0.2")).resolves.toMatchObject({ id: karanganyar2.id });

    const audit = await handle.db.select().from(auditLog).where(eq(auditLog.entityId, karanganyar2.id));
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([
      ["organiser.disable", jateng.id],
      ["organiser.enable", karanganyar.id],
    ]);
    expect(audit[0].data).toEqual({ reason: "Pindah tugas ke dinas lain." });
  });

  it("never touches the actor's own account or one outside the actor's region", async () => {
    await expect(setOrganiserStatus(handle.db, jateng, { userId: jateng.id, status: "disabled", reason: "Coba sendiri." })).rejects.toThrow("Anda tidak bisa mengubah status akun Anda sendiri.");
    await expect(setOrganiserStatus(handle.db, karanganyar, { userId: jateng.id, status: "disabled", reason: "Di atas saya." })).rejects.toMatchObject({ code: "not_found" });
    await expect(setOrganiserStatus(handle.db, wonogiri, { userId: karanganyar.id, status: "disabled", reason: "Tetangga." })).rejects.toMatchObject({ code: "not_found" });
    await expect(setOrganiserStatus(handle.db, diy, { userId: karanganyar.id, status: "disabled", reason: "Provinsi lain." })).rejects.toMatchObject({ code: "not_found" });
    // Only organiser accounts: a judge in scope is not this page's business.
    await expect(setOrganiserStatus(handle.db, jateng, { userId: judge.id, status: "disabled", reason: "Bukan panitia." })).rejects.toMatchObject({ code: "not_found" });
    const rows = await handle.db.select({ status: users.status }).from(users);
    expect(rows.filter((r) => r.status === "disabled")).toEqual([]);
  });
});

describe("who may call the organiser account actions", () => {
  it("refuses a KIM member, a judge and a signed-out visitor, and writes nothing", async () => {
    const id = await hashOf("staf.baru@kra.go.id");
    for (const [who, message] of [
      [kimMember, "Anda tidak berhak membuka halaman ini."],
      [judge, "Anda tidak berhak membuka halaman ini."],
      [null, "Silakan masuk terlebih dahulu."],
    ] as const) {
      as(who);
      expect((await inviteOrganiserAction(initialFormState, form({ name: "Penyusup", email: "penyusup@layar.test", regionCode: "33.13" }))).message).toBe(message);
      expect((await resendOrganiserInvitationAction(initialFormState, form({ invitationId: id }))).message).toBe(message);
      expect((await revokeOrganiserInvitationAction(initialFormState, form({ invitationId: id }))).message).toBe(message);
      expect((await setOrganiserStatusAction(initialFormState, form({ userId: karanganyar.id, status: "disabled", reason: "Bukan hak saya." }))).message).toBe(message);
    }
    expect(await invitationsOf("penyusup@layar.test")).toEqual([]);
    expect((await invitationsOf("staf.baru@kra.go.id"))[0]).toMatchObject({ tokenHash: id, revokedAt: null });
    expect((await handle.db.select().from(users).where(eq(users.id, karanganyar.id)))[0].status).toBe("active");
    // The domain functions refuse them too, whoever calls them.
    await expect(inviteOrganiser(handle.db, judge, { name: "Juri", email: "j2@layar.test", regionCode: "33.72" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(listOrganisers(handle.db, kimMember)).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("an account made by the operator's command", () => {
  it("is listed as active without a password until its owner sets one", async () => {
    const created = await createOrganiserAccount(handle.db, { email: "operator.baru@layar.test", name: "Panitia Baru", regionCode: "33.12" });
    expect(created.link).toMatch(/\/atur-ulang-sandi\//);
    const listed = (await listOrganisers(handle.db, jateng)).accounts.find((a) => a.email === "operator.baru@layar.test");
    expect(listed).toMatchObject({ status: "active", passwordSet: false, invitedBy: null });
    await expect(authenticate(handle.db, { email: "operator.baru@layar.test", password: "!belum-ada-kata-sandi" }, "127.0.0.3")).rejects.toThrow("Email atau kata sandi salah.");
  });
});
