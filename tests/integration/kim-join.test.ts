import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { initialFormState } from "@/lib/actions/form-state";
import { decideJoinRequestAction } from "@/lib/actions/kim-join-actions";
import { authenticate } from "@/lib/auth/authenticate";
import { decideRegistration, listPendingRegistrations, registerKim } from "@/lib/auth/register-kim";
import { auditLog, kimBoardMembers, kimRegistrations, placements, users } from "@/lib/db/schema";
import { listOwnCertificates } from "@/lib/documents/own-certificates";
import { resetEnvForTests } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { listKimFilms } from "@/lib/films/list-kim-films";
import { viewerOf } from "@/lib/films/media-access";
import { decideJoinRequest, listJoinRequests } from "@/lib/kim/join-requests";
import { createEdition, createFilm, createKim, createUser } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";
import { mailText, startSmtpServer } from "../setup/smtp";

// Issue 12, item 2: a registration naming an existing KIM (its name and village are public)
// must not hand the KIM's films, jury comments and certificates to a stranger. Joining needs
// an active member's consent, or the organiser's for a KIM without one; members are mailed;
// a new KIM whose name is close to one in the same village is flagged to the organiser.

// The test says whose session it is; the session is a real one (a row made as at sign-in and
// next-auth's cookie naming it), read through next/headers as on every real request.
const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next/headers", async (importOriginal) => {
  const original = await importOriginal<typeof import("next/headers")>();
  const { sessionCookieStore } = await import("@/tests/setup/session-cookies");
  return { ...original, cookies: () => sessionCookieStore(session.userId) };
});
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));
// Next ends an action with a redirect by throwing; here the target is recorded.
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
type User = Awaited<ReturnType<typeof createUser>>;
type Kim = Awaited<ReturnType<typeof createKim>>;
let karanganyar: User, wonogiri: User, ketua: User, formerMember: User, otherMember: User;
let tunas: Kim, sepi: Kim, other: Kim;
let tunasFilmId: string;

const password = "rahasia-kim-123";
const form = (over: Record<string, string> = {}) => ({
  name: "Orang Asing",
  email: "asing@layar.test",
  phone: "",
  position: "Ketua",
  kimName: "KIM Tunas Harapan",
  villageCode: "33.13.11.2004",
  password,
  confirm: password,
  ...over,
});
const formData = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value);
  return data;
};
const rejection = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AppError);
const signIn = (email: string) => authenticate(handle.db, { email, password }, "127.0.0.1");
const mailsTo = (email: string) => smtp.inbox.filter((m) => m.to.includes(email)).map((m) => mailText(m.raw));
const registrationOf = async (userId: string) => (await handle.db.select().from(kimRegistrations).where(eq(kimRegistrations.userId, userId)))[0];

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  smtp = await startSmtpServer();
  process.env.SMTP_URL = smtp.url;
  resetEnvForTests();
  karanganyar = await createUser(handle.db, { email: "admin.kra@layar.test", role: "organiser", regionCode: "33.13" });
  wonogiri = await createUser(handle.db, { email: "admin.wng@layar.test", role: "organiser", regionCode: "33.12" });
  tunas = await createKim(handle.db, { name: "KIM Tunas Harapan", districtCode: "33.13.11", villageCode: "33.13.11.2004" });
  sepi = await createKim(handle.db, { name: "KIM Sepi Anggota", districtCode: "33.13.08", villageCode: "33.13.08.2001" });
  other = await createKim(handle.db, { name: "KIM Lain Desa", districtCode: "33.13.08", villageCode: "33.13.08.2001" });
  ketua = await createUser(handle.db, { email: "ketua.tunas@layar.test", name: "Bu Ketua", role: "kim", regionCode: "33.13", kimId: tunas.id, password });
  formerMember = await createUser(handle.db, { email: "mantan.tunas@layar.test", role: "kim", status: "disabled", regionCode: "33.13", kimId: tunas.id, password });
  otherMember = await createUser(handle.db, { email: "anggota.lain@layar.test", role: "kim", regionCode: "33.13", kimId: other.id, password });
  // The KIM's private data: an entry in an edition still being judged.
  const edition = await createEdition(handle.db, { title: "Festival Film KIM Karanganyar 2026", regionCode: "33.13", year: 2026, status: "penjurian" });
  tunasFilmId = (await createFilm(handle.db, { editionId: edition.id, kimId: tunas.id, title: "Air Kita", code: "F-TUNAS", status: "dinilai" })).id;
  // The member-less KIM's record: a former account, a board member, a film and a published award.
  await createUser(handle.db, { email: "dulu.sepi@layar.test", name: "Pak Dulu", role: "kim", status: "disabled", regionCode: "33.13", kimId: sepi.id });
  await handle.db.insert(kimBoardMembers).values({ kimId: sepi.id, name: "Sri Lestari", position: "Sekretaris" });
  const published = await createEdition(handle.db, { title: "Festival Film KIM Karanganyar 2024", regionCode: "33.13", year: 2024, status: "diumumkan" });
  const sepiFilm = await createFilm(handle.db, { editionId: published.id, kimId: sepi.id, title: "Sawah Terakhir", code: "F-SEPI", status: "juara" });
  await handle.db.insert(placements).values({ editionId: published.id, filmId: sepiFilm.id, kimId: sepi.id, placement: "Juara II", rank: 2 });
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  resetEnvForTests();
  await smtp.stop();
  await handle.drop();
});

describe("joining a KIM that has active members", () => {
  it("a registration naming it (in any case or spacing) waits for a member: the account reads nothing of the KIM and the organiser cannot approve it", async () => {
    const outcome = await registerKim(handle.db, form({ kimName: "kim  tunas HARAPAN" }));
    expect(outcome).toMatchObject({ outcome: "registered", joinsKimId: tunas.id });
    if (outcome.outcome !== "registered") throw new Error("not registered");
    const applicant = await signIn("asing@layar.test");
    expect(applicant).toMatchObject({ status: "pending", kimId: null });
    await expect(listKimFilms(handle.db, applicant)).rejects.toThrow(AppError);
    expect(await viewerOf(handle.db, applicant, tunasFilmId)).toBeNull();
    expect(await listOwnCertificates(handle.db, applicant)).toEqual([]);

    const [pending] = (await listPendingRegistrations(handle.db, karanganyar)).filter((r) => r.email === "asing@layar.test");
    expect(pending.join).toMatchObject({ activeMembers: 1, dossier: null });
    const refused = await rejection(decideRegistration(handle.db, karanganyar, { registrationId: outcome.registrationId, decision: "approve" }));
    expect(refused?.userMessage).toContain("KIM ini punya anggota aktif");
    const [after] = await handle.db.select().from(users).where(eq(users.id, outcome.userId));
    expect(after).toMatchObject({ status: "pending", kimId: null });
  });

  it("mails the KIM's active members (not a disabled one) and tells the applicant it waits", async () => {
    const [toMember] = mailsTo(ketua.email);
    expect(toMember).toContain("Subject: Permintaan bergabung dengan KIM Tunas Harapan");
    expect(toMember).toContain("Orang Asing (asing@layar.test, Ketua)");
    expect(toMember).toContain("http://layar.test/kim");
    expect(mailsTo(formerMember.email)).toEqual([]);
    expect(mailsTo("asing@layar.test").join("\n")).toContain("Subject: Pendaftaran KIM diterima");
  });

  it("only the KIM's own active members see and decide the request", async () => {
    const outsider = await signIn(otherMember.email);
    expect(await listJoinRequests(handle.db, outsider)).toEqual([]);
    const [reg] = await handle.db.select().from(kimRegistrations).where(eq(kimRegistrations.existingKimId, tunas.id));
    expect((await rejection(decideJoinRequest(handle.db, outsider, { registrationId: reg.id, decision: "approve" })))?.code).toBe("not_found");
    const applicant = await signIn("asing@layar.test");
    await expect(listJoinRequests(handle.db, applicant)).rejects.toThrow(AppError);
    // The applicant cannot approve itself through the action either.
    session.userId = applicant.id;
    const state = await decideJoinRequestAction(initialFormState, formData({ registrationId: reg.id, decision: "approve" }));
    expect(state.ok).toBeUndefined();
    expect((await registrationOf(applicant.id)).status).toBe("pending");
  });

  it("a member approves through the form's action: the account joins and reads the KIM's films", async () => {
    const member = await signIn(ketua.email);
    const [request] = await listJoinRequests(handle.db, member);
    expect(request).toMatchObject({ name: "Orang Asing", email: "asing@layar.test", position: "Ketua" });
    session.userId = ketua.id;
    const redirected = await decideJoinRequestAction(initialFormState, formData({ registrationId: request.id, decision: "approve" })).then(
      () => null,
      (e: unknown) => (e instanceof Redirect ? e.to : e),
    );
    // The decided request leaves the list, so the dashboard says the outcome.
    expect(redirected).toBe("/kim?permintaan=disetujui");
    const applicant = await signIn("asing@layar.test");
    expect(applicant).toMatchObject({ status: "active", kimId: tunas.id });
    expect((await listKimFilms(handle.db, applicant)).map((f) => f.title)).toEqual(["Air Kita"]);
    expect((await viewerOf(handle.db, applicant, tunasFilmId))?.viewer).toBe("owner");
    // Deciding twice (a double click, a second member) is refused.
    expect((await rejection(decideJoinRequest(handle.db, member, { registrationId: request.id, decision: "reject", reason: "terlambat" })))?.code).toBe("not_found");
    const audit = await handle.db.select().from(auditLog).where(eq(auditLog.entityId, request.id));
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([["kim.join.approve", ketua.id]]);
  });

  it("a member refuses with a reason the applicant reads when signing in", async () => {
    await registerKim(handle.db, form({ email: "penyusup@layar.test", name: "Penyusup" }));
    const member = await signIn(ketua.email);
    const [request] = await listJoinRequests(handle.db, member);
    await expect(decideJoinRequest(handle.db, member, { registrationId: request.id, decision: "reject", reason: "" })).rejects.toThrow();
    await decideJoinRequest(handle.db, member, { registrationId: request.id, decision: "reject", reason: "Kami tidak mengenal Anda" });
    const error = await rejection(signIn("penyusup@layar.test"));
    expect(error?.userMessage).toBe("Pendaftaran Anda ditolak: Kami tidak mengenal Anda");
  });
});

describe("joining a KIM without an active member", () => {
  it("the organiser sees the KIM's members, films and awards, and approving links the account", async () => {
    const outcome = await registerKim(handle.db, form({ email: "baru.sepi@layar.test", kimName: "KIM Sepi Anggota", villageCode: "33.13.08.2001" }));
    if (outcome.outcome !== "registered") throw new Error("not registered");
    expect(outcome.joinsKimId).toBe(sepi.id);
    expect(await listPendingRegistrations(handle.db, wonogiri)).toEqual([]);
    const [pending] = (await listPendingRegistrations(handle.db, karanganyar)).filter((r) => r.email === "baru.sepi@layar.test");
    expect(pending.join?.activeMembers).toBe(0);
    const dossier = pending.join?.dossier;
    expect(dossier?.kim.name).toBe("KIM Sepi Anggota");
    expect(dossier?.accounts).toEqual([{ name: "Pak Dulu", email: "dulu.sepi@layar.test", status: "disabled" }]);
    expect(dossier?.board).toEqual([{ name: "Sri Lestari", position: "Sekretaris" }]);
    expect(dossier?.films.map((f) => f.title)).toEqual(["Sawah Terakhir"]);
    expect(dossier?.awards).toEqual([{ name: "Juara II", editionTitle: "Festival Film KIM Karanganyar 2024", year: 2024 }]);

    const applicant = await signIn("baru.sepi@layar.test");
    await expect(listKimFilms(handle.db, applicant)).rejects.toThrow(AppError);
    await decideRegistration(handle.db, karanganyar, { registrationId: outcome.registrationId, decision: "approve" });
    const joined = await signIn("baru.sepi@layar.test");
    expect(joined).toMatchObject({ status: "active", kimId: sepi.id });
    expect((await listKimFilms(handle.db, joined)).map((f) => f.title)).toEqual(["Sawah Terakhir"]);
  });
});

describe("a new KIM with a name close to an existing one", () => {
  it("is a new KIM, flagged to the organiser with the KIM it resembles; other names and other villages are not", async () => {
    const typo = await registerKim(handle.db, form({ email: "typo@layar.test", kimName: "KIM Tunas Harapn" }));
    const distinct = await registerKim(handle.db, form({ email: "beda@layar.test", kimName: "KIM Sinar Pagi" }));
    const elsewhere = await registerKim(handle.db, form({ email: "jauh@layar.test", kimName: "KIM Tunas Harapan", villageCode: "33.13.08.2001" }));
    for (const outcome of [typo, distinct, elsewhere]) expect(outcome).toMatchObject({ outcome: "registered", joinsKimId: null });
    const list = await listPendingRegistrations(handle.db, karanganyar);
    const similarOf = (email: string) => list.find((r) => r.email === email)?.similar.map((k) => k.name);
    expect(similarOf("typo@layar.test")).toEqual(["KIM Tunas Harapan"]);
    expect(similarOf("beda@layar.test")).toEqual([]);
    expect(similarOf("jauh@layar.test")).toEqual([]);
  });
});
