import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, deadlineExtensions, editions, films } from "@/lib/db/schema";
import { resetEnvForTests } from "@/lib/env";
import { editionReadiness } from "@/lib/editions/edition-readiness";
import { eligibleKims, extendEditionDeadline, extendKimDeadline, kimDeadline, listDeadlineExtensions } from "@/lib/editions/extend-deadline";
import { changeEditionStatus, readinessOf } from "@/lib/editions/lifecycle";
import { createCategory, createEdition, createFilm, createKim, createRubric, createUser } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";
import { mailText, startSmtpServer } from "../setup/smtp";

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
type User = Awaited<ReturnType<typeof createUser>>;
let organiser: User, neighbour: User, judge: User, member: User;
let editionId: string;
let kims: Record<string, string> = {};
const slug = "siklus-uji";
const now = new Date("2027-01-10T03:00:00Z"); // 10 Januari 2027 10.00 WIB
const day = 86_400_000;
const at = (days: number) => new Date(now.getTime() + days * day);
const confirm = { confirm: "on" };

const current = async () => (await handle.db.select().from(editions).where(eq(editions.id, editionId)))[0];
const setStatus = (status: "draf" | "pendaftaran" | "penjurian") => handle.db.update(editions).set({ status }).where(eq(editions.id, editionId));

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  organiser = await createUser(handle.db, { email: "kra@layar.test", role: "organiser", regionCode: "33.13" });
  neighbour = await createUser(handle.db, { email: "wng@layar.test", role: "organiser", regionCode: "33.12" });
  judge = await createUser(handle.db, { email: "juri@layar.test", role: "judge", regionCode: "33.72" });
  const a = await createKim(handle.db, { name: "KIM Manteb", districtCode: "33.13.08" });
  const b = await createKim(handle.db, { name: "KIM Tidur", districtCode: "33.13.11", status: "tidak_aktif", inactiveReason: "Pengurus pindah." });
  const c = await createKim(handle.db, { name: "KIM Gedong", districtCode: "33.12.01" });
  kims = { a: a.id, b: b.id, c: c.id };
  member = await createUser(handle.db, { email: "ketua.manteb@layar.test", name: "Ketua Manteb", role: "kim", kimId: a.id, regionCode: "33.13" });
  await createUser(handle.db, { email: "sekretaris.manteb@layar.test", role: "kim", kimId: a.id, regionCode: "33.13" });
  await createUser(handle.db, { email: "lama.manteb@layar.test", role: "kim", kimId: a.id, regionCode: "33.13", status: "disabled" });
  await createUser(handle.db, { email: "ketua.tidur@layar.test", role: "kim", kimId: b.id, regionCode: "33.13" });
  await createUser(handle.db, { email: "ketua.gedong@layar.test", role: "kim", kimId: c.id, regionCode: "33.12" });
  editionId = (await createEdition(handle.db, { slug, title: "Festival Siklus Uji", regionCode: "33.13", status: "draf" })).id;
});
afterAll(() => handle.drop());

describe("readiness", () => {
  it("lists what a draft lacks, in words", () => {
    const none = { submissionOpensAt: null, submissionClosesAt: null, judgingClosesAt: null, announceAt: null };
    expect(editionReadiness(none, 0, [], now).map((m) => m.key)).toEqual(["categories", "rubric", "submissionOpensAt", "submissionClosesAt", "judgingClosesAt", "announceAt"]);
    const dates = { submissionOpensAt: at(1), submissionClosesAt: at(30), judgingClosesAt: at(20), announceAt: at(40) };
    expect(editionReadiness(dates, 1, [{ name: "Tema", weight: 1, minScore: 0, maxScore: 10 }], now)).toEqual([
      { key: "order", message: "urutan tanggal belum benar (pembukaan, penutupan pendaftaran, penutupan penilaian, pengumuman)" },
    ]);
    const past = { submissionOpensAt: at(-30), submissionClosesAt: at(-1), judgingClosesAt: at(20), announceAt: at(40) };
    expect(editionReadiness(past, 1, [{ name: "Tema", weight: 1, minScore: 0, maxScore: 10 }], now).map((m) => m.key)).toEqual(["closePassed"]);
    expect(editionReadiness(dates, 1, [{ name: "Tema", weight: 0, minScore: 0, maxScore: 10 }], now).map((m) => m.key)).toContain("rubric");
  });
});

describe("the lifecycle", () => {
  it("refuses to open registration while something is missing, and says what", async () => {
    await expect(changeEditionStatus(handle.db, organiser, slug, { to: "pendaftaran", ...confirm }, now)).rejects.toMatchObject({
      code: "conflict",
      userMessage:
        "Pendaftaran belum bisa dibuka: belum ada kategori film; belum ada kriteria penilaian (nama, bobot lebih dari 0, rentang nilai); tanggal pembukaan pendaftaran belum diisi; tanggal penutupan pendaftaran belum diisi; tanggal penutupan penilaian belum diisi; tanggal pengumuman belum diisi.",
    });
    expect((await current()).status).toBe("draf");
  });

  it("asks for the confirmation box (checked on the server)", async () => {
    await createCategory(handle.db, editionId, "Umum");
    await createRubric(handle.db, editionId);
    await handle.db.update(editions).set({ submissionOpensAt: at(-1), submissionClosesAt: at(10), judgingClosesAt: at(30), announceAt: at(40) }).where(eq(editions.id, editionId));
    expect(await readinessOf(handle.db, await current(), now)).toEqual([]);
    await expect(changeEditionStatus(handle.db, organiser, slug, { to: "pendaftaran" }, now)).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["confirm"], message: "Centang kotak konfirmasi dulu." })] });
    expect((await current()).status).toBe("draf");
  });

  it("opens registration once complete, audited; goes back to draf only while nobody entered", async () => {
    expect(await changeEditionStatus(handle.db, organiser, slug, { to: "pendaftaran", ...confirm }, now)).toEqual({ from: "draf", to: "pendaftaran" });
    await changeEditionStatus(handle.db, organiser, slug, { to: "draf", ...confirm }, now);
    await changeEditionStatus(handle.db, organiser, slug, { to: "pendaftaran", ...confirm }, now);
    const steps = await handle.db.select().from(auditLog).where(and(eq(auditLog.editionId, editionId), eq(auditLog.action, "edition.status"))).orderBy(auditLog.id);
    expect(steps.map((s) => s.data)).toEqual([
      { from: "draf", to: "pendaftaran" },
      { from: "pendaftaran", to: "draf" },
      { from: "draf", to: "pendaftaran" },
    ]);
    const film = await createFilm(handle.db, { editionId, kimId: kims.a, code: "S-1", title: "Film Masuk" });
    await expect(changeEditionStatus(handle.db, organiser, slug, { to: "draf", ...confirm }, now)).rejects.toMatchObject({ userMessage: "Sudah ada 1 film yang didaftarkan; edisi tidak bisa kembali ke draf." });
    await handle.db.delete(films).where(eq(films.id, film.id));
  });

  it("offers only the steps of the current status (sealing and publishing are the results page's)", async () => {
    await expect(changeEditionStatus(handle.db, organiser, slug, { to: "pendaftaran", ...confirm }, now)).rejects.toMatchObject({ userMessage: "Langkah ini tidak tersedia untuk status edisi sekarang." });
    await expect(changeEditionStatus(handle.db, organiser, slug, { to: "disegel", ...confirm }, now)).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["to"] })] });
  });

  it("starts judging only after the close plus the grace, with a judging close in the future", async () => {
    await expect(changeEditionStatus(handle.db, organiser, slug, { to: "penjurian", ...confirm }, at(10))).rejects.toMatchObject({
      userMessage: "Pendaftaran masih berjalan sampai 20 Januari 2027 pukul 11.00 WIB (termasuk perpanjangan dan masa tenggang unggah); penjurian dimulai setelah itu.",
    });
    await expect(changeEditionStatus(handle.db, organiser, slug, { to: "penjurian", ...confirm }, at(31))).rejects.toMatchObject({ userMessage: "Penutupan penilaian harus di masa depan. Ubah dulu di bagian Tanggal." });
    expect((await current()).status).toBe("pendaftaran");
  });

  it("is the edition's organisers' only", async () => {
    await expect(changeEditionStatus(handle.db, neighbour, slug, { to: "draf", ...confirm }, now)).rejects.toMatchObject({ code: "not_found" });
    await expect(changeEditionStatus(handle.db, judge, slug, { to: "draf", ...confirm }, now)).rejects.toMatchObject({ code: "forbidden" });
    await expect(changeEditionStatus(handle.db, member, slug, { to: "draf", ...confirm }, now)).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("extending the entry deadline", () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    process.env.SMTP_URL = smtp.url;
    resetEnvForTests();
  });
  afterAll(async () => {
    delete process.env.SMTP_URL;
    resetEnvForTests();
    await smtp.stop();
  });

  it("lists the KIMs that may enter: the regency's, inactive ones only when the rules allow", async () => {
    expect((await eligibleKims(handle.db, await current())).map((k) => k.name)).toEqual(["KIM Manteb", "KIM Tidur"]);
    const rules = (await current()).rules!;
    expect((await eligibleKims(handle.db, { ...(await current()), rules: { ...rules, eligibleKims: "aktif" } })).map((k) => k.name)).toEqual(["KIM Manteb"]);
  });

  it("moves the whole edition's close, audits it and mails every active member of the eligible KIMs the new deadline in WIB", async () => {
    smtp.inbox.length = 0;
    const result = await extendEditionDeadline(handle.db, organiser, slug, { closesAt: "2027-01-25T23:59", reason: "Banyak KIM terkendala sinyal." }, now);
    expect(result).toEqual({ mailed: 3 });
    expect((await current()).submissionClosesAt?.toISOString()).toBe("2027-01-25T16:59:00.000Z");
    expect(smtp.inbox.map((m) => m.to[0]).sort()).toEqual(["ketua.manteb@layar.test", "ketua.tidur@layar.test", "sekretaris.manteb@layar.test"]);
    const text = mailText(smtp.inbox.find((m) => m.to[0] === "ketua.manteb@layar.test")!.raw);
    expect(text).toContain("Halo Ketua Manteb,");
    expect(text).toContain("diperpanjang sampai 25 Januari 2027 pukul 23.59 WIB");
    expect(text).toContain("Alasan: Banyak KIM terkendala sinyal.");
    const [audit] = await handle.db.select().from(auditLog).where(and(eq(auditLog.editionId, editionId), eq(auditLog.action, "edition.extend_deadline")));
    expect(audit).toMatchObject({ actorId: organiser.id, data: { scope: "edition", before: at(10).toISOString(), after: "2027-01-25T16:59:00.000Z", mailed: 3 } });
  });

  it("refuses a deadline in the past, not later than the current one, or at the judging close, and changes nothing", async () => {
    const before = await current();
    const fieldError = async (closesAt: string) =>
      (await extendEditionDeadline(handle.db, organiser, slug, { closesAt }, now).catch((e: { issues: { message: string }[] }) => e.issues[0].message)) as string;
    expect(await fieldError("2027-01-09T10:00")).toBe("Pilih waktu setelah sekarang.");
    expect(await fieldError("2027-01-20T10:00")).toBe("Batas baru harus setelah batas sekarang (25 Januari 2027 pukul 23.59 WIB).");
    expect(await fieldError("2027-02-09T10:00")).toBe("Batas baru harus sebelum penutupan penilaian (9 Februari 2027 pukul 10.00 WIB).");
    expect(await fieldError("besok")).toBe("Isi tanggal dan jam batas baru.");
    expect(await current()).toEqual(before);
  });

  it("gives one KIM a later deadline with a reason (upserted), audited and mailed to that KIM only", async () => {
    smtp.inbox.length = 0;
    await expect(extendKimDeadline(handle.db, organiser, slug, { kimId: kims.a, closesAt: "2027-01-28T12:00", reason: "" }, now)).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["reason"], message: "Tulis alasan perpanjangan (minimal 5 karakter)." })],
    });
    await expect(extendKimDeadline(handle.db, organiser, slug, { kimId: kims.c, closesAt: "2027-01-28T12:00", reason: "Bukan KIM kabupaten ini." }, now)).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["kimId"], message: "Pilih KIM dari daftar." })],
    });
    expect(await kimDeadline(handle.db, editionId, kims.a)).toBeNull();
    expect(await extendKimDeadline(handle.db, organiser, slug, { kimId: kims.a, closesAt: "2027-01-28T12:00", reason: "Flashdisk rusak saat pengiriman." }, now)).toEqual({ kimName: "KIM Manteb", mailed: 2 });
    await extendKimDeadline(handle.db, organiser, slug, { kimId: kims.a, closesAt: "2027-01-29T12:00", reason: "Masih menunggu listrik desa." }, now);
    expect(await kimDeadline(handle.db, editionId, kims.a)).toEqual(new Date("2027-01-29T05:00:00Z"));
    expect(await kimDeadline(handle.db, editionId, kims.b)).toBeNull();
    expect((await handle.db.select().from(deadlineExtensions)).length).toBe(1);
    expect(await listDeadlineExtensions(handle.db, editionId)).toEqual([expect.objectContaining({ kimName: "KIM Manteb", reason: "Masih menunggu listrik desa.", createdBy: "kra" })]);
    expect(smtp.inbox.map((m) => m.to[0]).sort()).toEqual(["ketua.manteb@layar.test", "ketua.manteb@layar.test", "sekretaris.manteb@layar.test", "sekretaris.manteb@layar.test"]);
    expect(mailText(smtp.inbox[smtp.inbox.length - 1].raw)).toContain("untuk KIM Manteb diperpanjang sampai 29 Januari 2027 pukul 12.00 WIB");
    const audits = await handle.db.select().from(auditLog).where(and(eq(auditLog.editionId, editionId), eq(auditLog.action, "edition.extend_deadline"))).orderBy(auditLog.id);
    expect(audits[2].data).toMatchObject({ scope: "kim", kimName: "KIM Manteb", before: "2027-01-28T05:00:00.000Z", after: "2027-01-29T05:00:00.000Z", reason: "Masih menunggu listrik desa.", mailed: 2 });
  });

  it("keeps judging from starting before a KIM's extension (plus the grace) is over", async () => {
    await expect(changeEditionStatus(handle.db, organiser, slug, { to: "penjurian", ...confirm }, new Date("2027-01-27T00:00:00Z"))).rejects.toMatchObject({
      userMessage: expect.stringMatching(/^Pendaftaran masih berjalan sampai 29 Januari 2027 pukul 13\.00 WIB/),
    });
    expect(await changeEditionStatus(handle.db, organiser, slug, { to: "penjurian", ...confirm }, new Date("2027-01-29T07:00:00Z"))).toEqual({ from: "pendaftaran", to: "penjurian" });
  });

  it("extends only while registration is open, and only for the edition's organisers", async () => {
    await expect(extendEditionDeadline(handle.db, organiser, slug, { closesAt: "2027-02-05T10:00" }, now)).rejects.toMatchObject({ userMessage: "Batas pendaftaran hanya bisa diperpanjang selama pendaftaran dibuka." });
    await setStatus("pendaftaran");
    await expect(extendEditionDeadline(handle.db, neighbour, slug, { closesAt: "2027-02-05T10:00" }, now)).rejects.toMatchObject({ code: "not_found" });
    await expect(extendKimDeadline(handle.db, member, slug, { kimId: kims.a, closesAt: "2027-02-05T10:00", reason: "Saya sendiri." }, now)).rejects.toMatchObject({ code: "forbidden" });
    await expect(extendKimDeadline(handle.db, judge, slug, { kimId: kims.a, closesAt: "2027-02-05T10:00", reason: "Saya sendiri." }, now)).rejects.toMatchObject({ code: "forbidden" });
  });
});
