import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, editionJudges, editions, filmMedia, films, judgeAssignments, scoreSheets, screeningDecisions } from "@/lib/db/schema";
import { resetEnvForTests } from "@/lib/env";
import { disqualifyFilm, undoDisqualification } from "@/lib/films/disqualify-film";
import { ensureRound } from "@/lib/judging/rounds";
import { createEdition, createFilm, createKim, createUser } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";
import { mailText, startSmtpServer } from "../setup/smtp";

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
type User = Awaited<ReturnType<typeof createUser>>;
let organiser: User, otherRegency: User, kimUser: User, judges: User[];
let editionId: string, filmId: string, screenedId: string, draftId: string, kimId: string, roundId: string;
const slug = "festival-karanganyar-2026";
const reason = "Film ini sudah pernah menang di lomba lain tahun lalu.";

const film = async (id: string) => (await handle.db.select().from(films).where(eq(films.id, id)))[0];
const activeAssignments = async (id: string) => handle.db.select().from(judgeAssignments).where(and(eq(judgeAssignments.filmId, id), isNull(judgeAssignments.removedAt)));
const audits = async (action: string) => handle.db.select().from(auditLog).where(eq(auditLog.action, action));

beforeAll(async () => {
  smtp = await startSmtpServer();
  process.env.SMTP_URL = smtp.url;
  resetEnvForTests();
  handle = await createTestDatabase();
  const db = handle.db;
  await createTestRegions(db);
  organiser = await createUser(db, { email: "kra@layar.test", role: "organiser", regionCode: "33.13" });
  otherRegency = await createUser(db, { email: "wng@layar.test", role: "organiser", regionCode: "33.12" });
  const kim = await createKim(db, { name: "KIM Manteb", districtCode: "33.13.08" });
  kimId = kim.id;
  kimUser = await createUser(db, { email: "ketua@kim.test", name: "Ketua Manteb", role: "kim", kimId, regionCode: "33.13" });
  await createUser(db, { email: "sekretaris@kim.test", role: "kim", kimId, regionCode: "33.13" });
  await createUser(db, { email: "lama@kim.test", role: "kim", kimId, regionCode: "33.13", status: "disabled" });
  editionId = (await createEdition(db, { slug, title: "Festival Karanganyar 2026", regionCode: "33.13", status: "penjurian" })).id;
  filmId = (await createFilm(db, { editionId, kimId, code: "KRA-01", title: "Sumber Air", status: "diunggah" })).id;
  screenedId = (await createFilm(db, { editionId, kimId, code: "KRA-02", title: "Lolos Kurasi", status: "lolos_kurasi" })).id;
  draftId = (await createFilm(db, { editionId, kimId, code: "KRA-03", title: "Belum Ada Video", status: "draf" })).id;
  for (const id of [filmId, screenedId]) {
    await db.insert(filmMedia).values({ filmId: id, kind: "video", storageDriver: "local", storageKey: `films/${id}.mp4`, status: "ok", isCurrent: true });
  }
  await db.insert(screeningDecisions).values({ filmId: screenedId, eligible: true, decidedBy: organiser.id });
  judges = [
    await createUser(db, { email: "juri1@layar.test", role: "judge", regionCode: "33.72" }),
    await createUser(db, { email: "juri2@layar.test", role: "judge", regionCode: "33.12" }),
  ];
  await db.insert(editionJudges).values(judges.map((j) => ({ editionId, userId: j.id })));
  roundId = (await ensureRound(db, editionId, "penilaian")).id;
  const pairs = await db
    .insert(judgeAssignments)
    .values(judges.flatMap((j) => [filmId, screenedId].map((f) => ({ roundId, filmId: f, judgeId: j.id }))))
    .returning();
  await db.insert(scoreSheets).values({ assignmentId: pairs[0].id, status: "submitted", submittedAt: new Date() });
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  resetEnvForTests();
  await smtp.stop();
  await handle.drop();
});

describe("disqualifying an entry", () => {
  it("is refused without the confirmation, with nothing changed", async () => {
    await expect(disqualifyFilm(handle.db, organiser, slug, { filmId, reason })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["confirm"], message: "Centang kotak konfirmasi untuk melanjutkan." })] });
    await expect(disqualifyFilm(handle.db, organiser, slug, { filmId, reason, confirm: "tidak" })).rejects.toThrow();
    expect(await film(filmId)).toMatchObject({ status: "diunggah", statusReason: null });
    expect(await activeAssignments(filmId)).toHaveLength(2);
    expect(await audits("film.disqualify")).toEqual([]);
    expect(smtp.inbox).toEqual([]);
  });

  it("is refused with a reason under 10 characters", async () => {
    await expect(disqualifyFilm(handle.db, organiser, slug, { filmId, reason: " terlambat ", confirm: "ya" })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["reason"] })] });
    expect((await film(filmId)).status).toBe("diunggah");
  });

  it("is not found for another regency's organiser and forbidden for a KIM", async () => {
    await expect(disqualifyFilm(handle.db, otherRegency, slug, { filmId, reason, confirm: "ya" })).rejects.toMatchObject({ code: "not_found" });
    await expect(disqualifyFilm(handle.db, kimUser, slug, { filmId, reason, confirm: "ya" })).rejects.toMatchObject({ code: "forbidden" });
    expect((await film(filmId)).status).toBe("diunggah");
  });

  it("sets the status and the reason, closes the film's judge assignments, audits with the KIM named and mails its active members", async () => {
    const result = await disqualifyFilm(handle.db, organiser, slug, { filmId, reason: `  ${reason}  `, confirm: "ya" });
    expect(result).toMatchObject({ assignmentsClosed: 2, mailed: 2, mailFailed: 0 });
    expect(await film(filmId)).toMatchObject({ status: "didiskualifikasi", statusReason: reason });
    expect(await activeAssignments(filmId)).toEqual([]);
    const closed = await handle.db.select().from(judgeAssignments).where(eq(judgeAssignments.filmId, filmId));
    expect(closed.every((a) => a.removedAt && a.removedReason === `Didiskualifikasi: ${reason}`)).toBe(true);
    // The other film's assignments are untouched.
    expect(await activeAssignments(screenedId)).toHaveLength(2);
    const [entry] = await audits("film.disqualify");
    expect(entry).toMatchObject({ actorId: organiser.id, entityType: "film", entityId: filmId, editionId, data: { kimId, kimName: "KIM Manteb", reason, previousStatus: "diunggah" } });
    expect(smtp.inbox.map((m) => m.to[0]).sort()).toEqual(["ketua@kim.test", "sekretaris@kim.test"]);
    const body = mailText(smtp.inbox.find((m) => m.to[0] === "ketua@kim.test")!.raw);
    expect(body).toContain("Sumber Air");
    expect(body).toContain(reason);
    expect(body).toContain("http://layar.test/kim");
  });

  it("refuses to disqualify twice", async () => {
    await expect(disqualifyFilm(handle.db, organiser, slug, { filmId, reason, confirm: "ya" })).rejects.toMatchObject({ code: "conflict", userMessage: "Film ini sudah didiskualifikasi." });
  });

  it("undoes it: back to 'diunggah' when the video passed, the closed assignments reopened (the submitted sheet counts again), audited", async () => {
    smtp.inbox.length = 0;
    await expect(undoDisqualification(handle.db, organiser, slug, { filmId, reason: "pendek" })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["reason"] })] });
    const result = await undoDisqualification(handle.db, organiser, slug, { filmId, reason: "Keberatan KIM diterima setelah diperiksa." });
    expect(result).toMatchObject({ status: "diunggah", assignmentsReopened: 2, mailed: 2 });
    expect(await film(filmId)).toMatchObject({ status: "diunggah", statusReason: null });
    const reopened = await activeAssignments(filmId);
    expect(reopened).toHaveLength(2);
    const [sheet] = await handle.db.select().from(scoreSheets);
    expect(reopened.map((a) => a.id)).toContain(sheet.assignmentId);
    const [entry] = await audits("film.disqualify_undo");
    expect(entry).toMatchObject({ editionId, entityId: filmId, data: { kimName: "KIM Manteb", reason: "Keberatan KIM diterima setelah diperiksa.", disqualifiedFor: reason, status: "diunggah" } });
    expect(mailText(smtp.inbox[0].raw)).toContain("dibatalkan");
    await expect(undoDisqualification(handle.db, organiser, slug, { filmId, reason: "Sekali lagi dibatalkan." })).rejects.toMatchObject({ code: "conflict" });
  });

  it("undoes to 'lolos_kurasi' after an eligible screening decision, and to 'draf' without an accepted video", async () => {
    await disqualifyFilm(handle.db, organiser, slug, { filmId: screenedId, reason, confirm: "on" });
    expect((await undoDisqualification(handle.db, organiser, slug, { filmId: screenedId, reason: "Salah pilih film, maaf." })).status).toBe("lolos_kurasi");
    expect((await film(screenedId)).status).toBe("lolos_kurasi");
    await disqualifyFilm(handle.db, organiser, slug, { filmId: draftId, reason, confirm: "ya" });
    expect((await undoDisqualification(handle.db, organiser, slug, { filmId: draftId, reason: "Salah pilih film, maaf." })).status).toBe("draf");
  });

  it("refuses a film of another edition as not found", async () => {
    const other = await createEdition(handle.db, { slug: "festival-lain", title: "Festival Lain", regionCode: "33.13" });
    const stranger = await createFilm(handle.db, { editionId: other.id, kimId, code: "LAIN-1", title: "Lain", status: "diunggah" });
    await expect(disqualifyFilm(handle.db, organiser, slug, { filmId: stranger.id, reason, confirm: "ya" })).rejects.toMatchObject({ code: "not_found" });
  });

  it("is refused once the results are sealed, both ways, with nothing changed", async () => {
    await disqualifyFilm(handle.db, organiser, slug, { filmId: draftId, reason, confirm: "ya" });
    await handle.db.update(editions).set({ status: "disegel" }).where(eq(editions.id, editionId));
    const before = (await audits("film.disqualify")).length;
    await expect(disqualifyFilm(handle.db, organiser, slug, { filmId, reason, confirm: "ya" })).rejects.toMatchObject({ code: "conflict", userMessage: expect.stringContaining("disegel") });
    await expect(undoDisqualification(handle.db, organiser, slug, { filmId: draftId, reason: "Dibatalkan sesudah segel." })).rejects.toMatchObject({ code: "conflict" });
    await handle.db.update(editions).set({ status: "diumumkan" }).where(eq(editions.id, editionId));
    await expect(disqualifyFilm(handle.db, organiser, slug, { filmId, reason, confirm: "ya" })).rejects.toMatchObject({ code: "conflict" });
    expect((await film(filmId)).status).toBe("diunggah");
    expect((await film(draftId)).status).toBe("didiskualifikasi");
    expect(await audits("film.disqualify")).toHaveLength(before);
  });
});
