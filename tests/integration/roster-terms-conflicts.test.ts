import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/authenticate";
import { auditLog, conflictDeclarations, editionJudges, editions, films, judgeAssignments, scoreSheets } from "@/lib/db/schema";
import { defaultSettings } from "@/lib/editions/defaults";
import { addAssignmentByHand, confirmAssignment, previewAssignment } from "@/lib/judging/assignment-plan";
import { addOrganiserConflict, listEditionConflicts, removeOrganiserConflict } from "@/lib/judging/organiser-conflicts";
import { editionRoster, setJudgeTerms } from "@/lib/judging/roster";
import { declareConflict } from "@/lib/judging/score-sheet";
import { createCategory, createEdition, createFilm, createKim, createRubric, createUser } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";

// The judges' terms (categories, cap) and the conflicts an organiser enters, through the
// domain functions the roster page's actions call.

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
type User = Awaited<ReturnType<typeof createUser>>;
let organiser: User, otherOrganiser: User, kimMember: User;
let solo: User, sleman: User, wonogiri: User;
let editionId: string;
let categoryA: string, categoryB: string, foreignCategory: string;
const slug = "lomba-jateng-uji-roster";

const actor = (u: User): SessionUser => ({ id: u.id, email: u.email, name: u.name, role: u.role, status: u.status, regionCode: u.regionCode, kimId: u.kimId });
const termsOf = async (judgeId: string) => (await handle.db.select({ categories: editionJudges.categories, cap: editionJudges.cap }).from(editionJudges).where(and(eq(editionJudges.editionId, editionId), eq(editionJudges.userId, judgeId))))[0];
const activePairs = () => handle.db.select().from(judgeAssignments).where(isNull(judgeAssignments.removedAt));
const filmByCode = async (code: string) => (await handle.db.select().from(films).where(eq(films.code, code)))[0];

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  organiser = await createUser(handle.db, { email: "jtg@layar.test", name: "Admin Jateng", role: "organiser", regionCode: "33" });
  otherOrganiser = await createUser(handle.db, { email: "diy@layar.test", role: "organiser", regionCode: "34" });
  const kra = await createKim(handle.db, { name: "KIM Karanganyar Uji", districtCode: "33.13.08" });
  const wng = await createKim(handle.db, { name: "KIM Wonogiri Uji", districtCode: "33.12.01" });
  kimMember = await createUser(handle.db, { email: "kim@layar.test", role: "kim", kimId: kra.id, regionCode: "33.13" });
  editionId = (
    await createEdition(handle.db, {
      slug,
      title: "Lomba Jawa Tengah Uji Roster",
      regionCode: "33",
      status: "penjurian",
      submissionClosesAt: new Date(Date.now() - 86_400_000),
      judgingClosesAt: new Date(Date.now() + 10 * 86_400_000),
      settings: { ...defaultSettings, judgesPerFilm: 2 },
    })
  ).id;
  await createRubric(handle.db, editionId);
  categoryA = (await createCategory(handle.db, editionId, "Dokumenter", 0)).id;
  categoryB = (await createCategory(handle.db, editionId, "Fiksi", 1)).id;
  const other = await createEdition(handle.db, { title: "Edisi Lain", regionCode: "33" });
  foreignCategory = (await createCategory(handle.db, other.id, "Animasi")).id;
  for (let i = 0; i < 6; i++) {
    await createFilm(handle.db, { editionId, kimId: i % 2 ? wng.id : kra.id, categoryId: i < 3 ? categoryA : categoryB, code: `R-${i}`, title: `Film ${i}`, status: "diunggah" });
  }
  solo = await createUser(handle.db, { email: "solo@layar.test", name: "Juri Solo", role: "judge", regionCode: "33.72" });
  sleman = await createUser(handle.db, { email: "sleman@layar.test", name: "Juri Sleman", role: "judge", regionCode: "34.04" });
  wonogiri = await createUser(handle.db, { email: "wng@layar.test", name: "Juri Wonogiri", role: "judge", regionCode: "33.12" });
  await handle.db.insert(editionJudges).values([solo, sleman, wonogiri].map((j) => ({ editionId, userId: j.id })));
});
afterAll(() => handle.drop());

describe("a judge's categories and cap", () => {
  it("are saved, audited, and honoured by the assignment preview", async () => {
    await setJudgeTerms(handle.db, organiser, slug, { judgeId: solo.id, categories: [categoryA], cap: "2" });
    expect(await termsOf(solo.id)).toEqual({ categories: [categoryA], cap: 2 });
    const preview = await previewAssignment(handle.db, organiser, slug);
    const soloFilms = preview.result.assignments.filter((a) => a.judgeId === solo.id).map((a) => a.filmId);
    expect(soloFilms.length).toBe(2);
    const allFilms = await handle.db.select().from(films).where(eq(films.editionId, editionId));
    for (const id of soloFilms) expect(allFilms.find((f) => f.id === id)?.categoryId).toBe(categoryA);
    const [audit] = await handle.db.select().from(auditLog).where(eq(auditLog.action, "judge.terms"));
    expect(audit).toMatchObject({ actorId: organiser.id, editionId, entityId: solo.id, data: { categories: [categoryA], cap: 2, previous: { categories: null, cap: null } } });
    expect((await editionRoster(handle.db, organiser, slug)).judges.find((j) => j.judgeId === solo.id)).toMatchObject({ categories: [categoryA], cap: 2 });
  });

  it("no category ticked and an empty cap mean every category and no cap", async () => {
    await setJudgeTerms(handle.db, organiser, slug, { judgeId: sleman.id, categories: [], cap: "" });
    expect(await termsOf(sleman.id)).toEqual({ categories: null, cap: null });
  });

  it("refuses a bad cap or a category of another edition, next to the field, and keeps the stored terms", async () => {
    for (const cap of ["0", "-1", "dua", "2.5", "1001"]) {
      await expect(setJudgeTerms(handle.db, organiser, slug, { judgeId: solo.id, categories: [categoryA], cap })).rejects.toMatchObject({ name: "ZodError" });
    }
    for (const categories of [[foreignCategory], ["bukan-uuid"], [categoryA, foreignCategory]]) {
      await expect(setJudgeTerms(handle.db, organiser, slug, { judgeId: solo.id, categories, cap: "3" })).rejects.toMatchObject({ fieldErrors: { categories: ["Kategori tidak dikenal di festival ini."] } });
    }
    await expect(setJudgeTerms(handle.db, organiser, slug, { judgeId: kimMember.id, categories: [], cap: "" })).rejects.toMatchObject({ code: "not_found" });
    expect(await termsOf(solo.id)).toEqual({ categories: [categoryA], cap: 2 });
  });

  it("cannot go below the sheets a judge already sent, nor drop the category of a sheet sent", async () => {
    await confirmAssignment(handle.db, organiser, slug);
    const pairs = (await activePairs()).filter((p) => p.judgeId === solo.id);
    expect(pairs.length).toBe(2);
    await handle.db.insert(scoreSheets).values(pairs.map((p) => ({ assignmentId: p.id, status: "submitted" as const, submittedAt: new Date() })));
    await expect(setJudgeTerms(handle.db, organiser, slug, { judgeId: solo.id, categories: [categoryA], cap: "1" })).rejects.toMatchObject({
      fieldErrors: { cap: ["Juri ini sudah mengirim 2 lembar nilai; batas tidak bisa di bawah itu."] },
    });
    await expect(setJudgeTerms(handle.db, organiser, slug, { judgeId: solo.id, categories: [categoryB], cap: "" })).rejects.toMatchObject({
      fieldErrors: { categories: ["Juri ini sudah mengirim nilai untuk film kategori Dokumenter; kategori itu harus tetap dipilih."] },
    });
    expect(await termsOf(solo.id)).toEqual({ categories: [categoryA], cap: 2 });
  });

  it("only an organiser of the edition's region sets them", async () => {
    const input = { judgeId: sleman.id, categories: [categoryB], cap: "1" };
    await expect(setJudgeTerms(handle.db, otherOrganiser, slug, input)).rejects.toMatchObject({ code: "not_found" });
    for (const who of [kimMember, solo]) await expect(setJudgeTerms(handle.db, who, slug, input)).rejects.toMatchObject({ code: "forbidden" });
    expect(await termsOf(sleman.id)).toEqual({ categories: null, cap: null });
  });
});

describe("conflicts entered by the organiser", () => {
  it("block the pair under the same hard rules as a declared one: no preview pair, no hand-made pair", async () => {
    // A film that arrived after the assignment was saved: nobody is on it yet.
    const kim = (await handle.db.select({ kimId: films.kimId }).from(films).where(eq(films.code, "R-0")))[0];
    const film = await createFilm(handle.db, { editionId, kimId: kim.kimId, categoryId: categoryB, code: "R-6", title: "Film 6", status: "diunggah" });
    const judge = sleman;
    expect((await previewAssignment(handle.db, organiser, slug)).added.some((a) => a.filmId === film.id && a.judgeId === judge.id)).toBe(true);
    const result = await addOrganiserConflict(handle.db, organiser, slug, { judgeId: judge.id, filmId: film.id, reason: "Adik juri ini pemeran utama." });
    expect(result.released).toBe(0);
    const [row] = await handle.db.select().from(conflictDeclarations).where(and(eq(conflictDeclarations.filmId, film.id), eq(conflictDeclarations.judgeId, judge.id)));
    expect(row).toMatchObject({ declaredBy: organiser.id, reason: "Adik juri ini pemeran utama." });

    const preview = await previewAssignment(handle.db, organiser, slug);
    expect(preview.result.assignments.some((a) => a.filmId === film.id && a.judgeId === judge.id)).toBe(false);
    await expect(addAssignmentByHand(handle.db, organiser, slug, { filmId: film.id, judgeId: judge.id })).rejects.toMatchObject({
      userMessage: "Panitia mencatat konflik kepentingan antara juri ini dan film ini.",
    });
  });

  it("close an existing assignment of the pair with the reason, and another judge takes the film", async () => {
    // One of Solo's films, whose sheet Solo already sent: closed, the sheet no longer counts
    // (results read the sheets of active assignments only).
    const pair = (await activePairs()).find((p) => p.judgeId === solo.id)!;
    const film = (await handle.db.select().from(films).where(eq(films.id, pair.filmId)))[0];
    const result = await addOrganiserConflict(handle.db, organiser, slug, { judgeId: pair.judgeId, filmId: film.id, reason: "Juri ini pembina KIM peserta." });
    expect(result.released).toBe(1);
    const [closed] = await handle.db.select().from(judgeAssignments).where(eq(judgeAssignments.id, pair.id));
    expect(closed.removedAt).toBeInstanceOf(Date);
    expect(closed.removedReason).toBe("konflik kepentingan (dicatat panitia): Juri ini pembina KIM peserta.");
    const after = (await activePairs()).filter((p) => p.filmId === film.id);
    expect(after.map((p) => p.judgeId)).not.toContain(pair.judgeId);
    expect(after.length).toBe(2 - result.unfilled.filter((u) => u.filmId === film.id).reduce((n, u) => n + u.missing, 0));
    expect(result.added).toBeGreaterThan(0);
    const audits = await handle.db.select().from(auditLog).where(and(eq(auditLog.action, "conflict.declare"), eq(auditLog.entityId, film.id)));
    expect(audits).toEqual([expect.objectContaining({ actorId: organiser.id, editionId, data: expect.objectContaining({ byOrganiser: true, assignmentClosed: true }) })]);
  });

  it("are listed with who entered them; an organiser removes one (audited), never one a judge declared", async () => {
    // A judge declares their own conflict on one of their films.
    const wngPair = (await activePairs()).find((p) => p.judgeId === wonogiri.id)!;
    await handle.db.delete(scoreSheets).where(eq(scoreSheets.assignmentId, wngPair.id));
    await declareConflict(handle.db, actor(wonogiri), { assignmentId: wngPair.id, reason: "Saya kenal sutradaranya." });

    const conflicts = await listEditionConflicts(handle.db, editionId);
    expect(conflicts).toHaveLength(3);
    const byJudge = conflicts.find((c) => c.judgeId === wonogiri.id && c.declaredBy === null)!;
    expect(byJudge).toMatchObject({ reason: "Saya kenal sutradaranya.", declarerName: null });
    const byOrganiser = conflicts.filter((c) => c.declaredBy === organiser.id);
    expect(byOrganiser.map((c) => c.declarerName)).toEqual(["Admin Jateng", "Admin Jateng"]);
    expect(byOrganiser[0].kimName).toMatch(/^KIM .* Uji$/);
    expect((await editionRoster(handle.db, organiser, slug)).conflicts).toHaveLength(3);

    await expect(removeOrganiserConflict(handle.db, organiser, slug, { conflictId: byJudge.id })).rejects.toMatchObject({
      code: "forbidden",
      userMessage: "Konflik yang dinyatakan juri sendiri tidak bisa dihapus panitia.",
    });
    await removeOrganiserConflict(handle.db, organiser, slug, { conflictId: byOrganiser[0].id });
    const left = await listEditionConflicts(handle.db, editionId);
    expect(left.map((c) => c.id).sort()).toEqual([byJudge.id, byOrganiser[1].id].sort());
    const [audit] = await handle.db.select().from(auditLog).where(eq(auditLog.action, "conflict.remove"));
    expect(audit).toMatchObject({ actorId: organiser.id, editionId, entityId: byOrganiser[0].filmId, data: { judgeId: byOrganiser[0].judgeId, reason: byOrganiser[0].reason } });
    // Removed, the pair may be assigned again.
    const preview = await previewAssignment(handle.db, organiser, slug);
    expect(preview.input.conflicts.some((c) => c.filmId === byOrganiser[0].filmId && c.judgeId === byOrganiser[0].judgeId)).toBe(false);
  });

  it("refuse a second conflict on a pair, a film or judge of another edition, a short reason, and a sealed edition", async () => {
    const [existing] = (await listEditionConflicts(handle.db, editionId)).filter((c) => c.declaredBy);
    await expect(addOrganiserConflict(handle.db, organiser, slug, { judgeId: existing.judgeId, filmId: existing.filmId, reason: "Sekali lagi dicatat." })).rejects.toMatchObject({
      code: "conflict",
      userMessage: "Konflik antara juri ini dan film ini sudah tercatat.",
    });
    const other = await createEdition(handle.db, { title: "Edisi Lain Lagi", regionCode: "33" });
    const kim = await createKim(handle.db, { name: "KIM Lain", districtCode: "33.13.11" });
    const foreignFilm = await createFilm(handle.db, { editionId: other.id, kimId: kim.id, code: "LAIN-1", title: "Film lain", status: "diunggah" });
    const film = await filmByCode("R-2");
    await expect(addOrganiserConflict(handle.db, organiser, slug, { judgeId: sleman.id, filmId: foreignFilm.id, reason: "Bukan film festival ini." })).rejects.toMatchObject({ fieldErrors: { filmId: ["Pilih film dari festival ini."] } });
    await expect(addOrganiserConflict(handle.db, organiser, slug, { judgeId: kimMember.id, filmId: film.id, reason: "Bukan juri festival ini." })).rejects.toMatchObject({ fieldErrors: { judgeId: ["Pilih juri dari festival ini."] } });
    await expect(addOrganiserConflict(handle.db, organiser, slug, { judgeId: sleman.id, filmId: film.id, reason: "ya" })).rejects.toThrow(/minimal 5 karakter/);

    await handle.db.update(editions).set({ status: "disegel" }).where(eq(editions.id, editionId));
    try {
      await expect(addOrganiserConflict(handle.db, organiser, slug, { judgeId: sleman.id, filmId: film.id, reason: "Setelah disegel." })).rejects.toMatchObject({ code: "conflict" });
      await expect(removeOrganiserConflict(handle.db, organiser, slug, { conflictId: existing.id })).rejects.toMatchObject({ code: "conflict" });
    } finally {
      await handle.db.update(editions).set({ status: "penjurian" }).where(eq(editions.id, editionId));
    }
    expect((await listEditionConflicts(handle.db, editionId)).length).toBe(2);
  });

  it("are entered and removed only by an organiser of the edition's region", async () => {
    const film = await filmByCode("R-2");
    const [existing] = (await listEditionConflicts(handle.db, editionId)).filter((c) => c.declaredBy);
    const add = { judgeId: sleman.id, filmId: film.id, reason: "Alasan yang cukup panjang." };
    await expect(addOrganiserConflict(handle.db, otherOrganiser, slug, add)).rejects.toMatchObject({ code: "not_found" });
    await expect(removeOrganiserConflict(handle.db, otherOrganiser, slug, { conflictId: existing.id })).rejects.toMatchObject({ code: "not_found" });
    for (const who of [kimMember, solo]) {
      await expect(addOrganiserConflict(handle.db, who, slug, add)).rejects.toMatchObject({ code: "forbidden" });
      await expect(removeOrganiserConflict(handle.db, who, slug, { conflictId: existing.id })).rejects.toMatchObject({ code: "forbidden" });
    }
    expect((await listEditionConflicts(handle.db, editionId)).length).toBe(2);
  });
});
