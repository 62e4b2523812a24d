import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/authenticate";
import { auditLog, conflictDeclarations, editionJudges, editions, judgeAssignments, scoreSheets, scores } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { setJudgingClose } from "@/lib/judging/assignment-plan";
import { ensureRound } from "@/lib/judging/rounds";
import { declareConflict, getScoreSheet, judgeQueue, saveDraft, submitSheet, unlockSheet } from "@/lib/judging/score-sheet";
import { createEdition, createFilm, createKim, createRubric, createUser } from "@/lib/seed/factories";
import { defaultSettings } from "@/lib/editions/defaults";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";

// The score sheet's rules, through the domain functions the judge's pages and
// actions call: whose sheet it is, ranges and completeness, the lock, the judging
// close, unlocking, conflicts with refill, and a draft racing a submission.

// Server actions read the session through requireActor; here the test decides who acts.
let sessionActor: SessionUser | null = null;
vi.mock("@/lib/auth/session", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/auth/session")>();
  return { ...original, requireActor: async (roles: SessionUser["role"][]) => original.checkActor(sessionActor ? { ...sessionActor, passwordChangedAt: null } : null, roles) };
});

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
type User = Awaited<ReturnType<typeof createUser>>;
let judgeSolo: User, judgeWng: User, judgeKra: User, judgeSleman: User, kimMember: User, organiserJateng: User, organiserDiy: User;
let kimKra: Awaited<ReturnType<typeof createKim>>, kimWng: Awaited<ReturnType<typeof createKim>>;

const actor = (u: User): SessionUser => ({ id: u.id, email: u.email, name: u.name, role: u.role, status: u.status, regionCode: u.regionCode, kimId: u.kimId });
const day = 86_400_000;
let serial = 0;

/** A provincial edition in judging with the sample rubric (five criteria, 50–100) and its scoring round. */
async function judgingEdition(values: Partial<typeof editions.$inferInsert> = {}) {
  serial += 1;
  const edition = await createEdition(handle.db, { title: `Lomba Uji Penjurian ${serial}`, regionCode: "33", status: "penjurian", judgingClosesAt: new Date(Date.now() + 10 * day), ...values });
  const criteria = await createRubric(handle.db, edition.id);
  const round = await ensureRound(handle.db, edition.id, "penilaian");
  return { edition, criteria, round };
}

type Setup = Awaited<ReturnType<typeof judgingEdition>>;

/** A film of `kim` in the edition, assigned to `judges`; returns the film and each judge's assignment id. */
async function assignedFilm(setup: Setup, kim: { id: string }, judges: User[], title = "Film Uji") {
  serial += 1;
  const film = await createFilm(handle.db, { editionId: setup.edition.id, kimId: kim.id, code: `JTG-UJI${serial}`, title, synopsis: "Sinopsis uji.", language: "Bahasa Jawa", status: "diunggah", declaredDurationSeconds: 120 });
  const rows = judges.length ? await handle.db.insert(judgeAssignments).values(judges.map((j) => ({ roundId: setup.round.id, filmId: film.id, judgeId: j.id }))).returning() : [];
  return { film, assignments: rows.map((r) => r.id) };
}

/** Every criterion scored and commented. */
function complete(setup: Setup, score = 80) {
  return Object.fromEntries(setup.criteria.map((c, i) => [c.id, { score: score - i, comment: `Komentar ${c.name}` }]));
}

async function sheetOf(assignmentId: string) {
  const [sheet] = await handle.db.select().from(scoreSheets).where(eq(scoreSheets.assignmentId, assignmentId));
  const values = sheet ? await handle.db.select().from(scores).where(eq(scores.sheetId, sheet.id)) : [];
  return { sheet, values };
}

/** The AppError a call throws (fails when it does not throw one). */
async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "expected the call to be refused").toBeInstanceOf(AppError);
  return error as AppError;
}

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  kimKra = await createKim(handle.db, { name: "KIM Dagen Uji", districtCode: "33.13.11", villageCode: "33.13.11.2004" });
  kimWng = await createKim(handle.db, { name: "KIM Gedong Uji", districtCode: "33.12.01", villageCode: "33.12.01.2001" });
  judgeSolo = await createUser(handle.db, { email: "juri.solo@layar.test", role: "judge", regionCode: "33.72" });
  judgeWng = await createUser(handle.db, { email: "juri.wng@layar.test", role: "judge", regionCode: "33.12" });
  judgeKra = await createUser(handle.db, { email: "juri.kra@layar.test", role: "judge", regionCode: "33.13" });
  judgeSleman = await createUser(handle.db, { email: "juri.sleman@layar.test", role: "judge", regionCode: "34.04" });
  kimMember = await createUser(handle.db, { email: "kim@layar.test", role: "kim", regionCode: "33.13", kimId: kimKra.id });
  organiserJateng = await createUser(handle.db, { email: "admin.jateng@layar.test", role: "organiser", regionCode: "33" });
  organiserDiy = await createUser(handle.db, { email: "admin.diy@layar.test", role: "organiser", regionCode: "34" });
}, 120_000);
afterAll(async () => {
  await handle?.drop();
});

describe("only the assigned judge reads and scores a film", () => {
  it("another judge gets not_found from every function and nothing is stored", async () => {
    const setup = await judgingEdition();
    const { assignments } = await assignedFilm(setup, kimKra, [judgeSolo]);
    const other = actor(judgeSleman);
    // One at a time: a refusal that comes before its await would be an unhandled rejection.
    for (const call of [
      () => getScoreSheet(handle.db, other, assignments[0]),
      () => saveDraft(handle.db, other, { assignmentId: assignments[0], values: complete(setup) }),
      () => submitSheet(handle.db, other, { assignmentId: assignments[0], values: complete(setup) }),
      () => declareConflict(handle.db, other, { assignmentId: assignments[0], reason: "Saya kenal pembuatnya." }),
    ]) {
      expect((await refusal(call())).code).toBe("not_found");
    }
    expect(await sheetOf(assignments[0])).toEqual({ sheet: undefined, values: [] });
    expect(await handle.db.select().from(conflictDeclarations).where(eq(conflictDeclarations.judgeId, judgeSleman.id))).toEqual([]);
    expect(await judgeQueue(handle.db, other, setup.edition.slug)).toEqual([]);
    // The assigned judge does see it, so the refusals above are about ownership.
    expect((await judgeQueue(handle.db, actor(judgeSolo), setup.edition.slug)).map((q) => q.assignmentId)).toEqual(assignments);
  });

  it("a removed assignment and a malformed id are not found either", async () => {
    const setup = await judgingEdition();
    const { assignments } = await assignedFilm(setup, kimKra, [judgeSolo]);
    await handle.db.update(judgeAssignments).set({ removedAt: new Date(), removedReason: "uji" }).where(eq(judgeAssignments.id, assignments[0]));
    expect((await refusal(getScoreSheet(handle.db, actor(judgeSolo), assignments[0]))).code).toBe("not_found");
    expect((await refusal(saveDraft(handle.db, actor(judgeSolo), { assignmentId: assignments[0], values: {} }))).code).toBe("not_found");
    expect((await refusal(getScoreSheet(handle.db, actor(judgeSolo), "../../etc/passwd"))).code).toBe("not_found");
  });

  it("the sheet a judge reads names no KIM, village, district or regency", async () => {
    const setup = await judgingEdition();
    const { assignments } = await assignedFilm(setup, kimKra, [judgeSolo]);
    const sheet = JSON.stringify(await getScoreSheet(handle.db, actor(judgeSolo), assignments[0]));
    const queue = JSON.stringify(await judgeQueue(handle.db, actor(judgeSolo), setup.edition.slug));
    for (const text of ["KIM Dagen Uji", "Dagen", "Jaten", "Karanganyar", "33.13", kimKra.id, kimKra.slug]) {
      expect(sheet).not.toContain(text);
      expect(queue).not.toContain(text);
    }
  });
});

describe("who may use the judge functions", () => {
  it("a KIM member and an organiser are refused (forbidden), and nothing is stored", async () => {
    const setup = await judgingEdition();
    const { assignments } = await assignedFilm(setup, kimKra, [judgeSolo]);
    const input = { assignmentId: assignments[0], values: complete(setup) };
    for (const who of [actor(kimMember), actor(organiserJateng)]) {
      expect((await refusal(judgeQueue(handle.db, who, setup.edition.slug))).code).toBe("forbidden");
      expect((await refusal(getScoreSheet(handle.db, who, assignments[0]))).code).toBe("forbidden");
      expect((await refusal(saveDraft(handle.db, who, input))).code).toBe("forbidden");
      expect((await refusal(submitSheet(handle.db, who, input))).code).toBe("forbidden");
      expect((await refusal(declareConflict(handle.db, who, { assignmentId: assignments[0], reason: "Bukan juri." }))).code).toBe("forbidden");
    }
    // A judge whose account was disabled is refused too, even on their own assignment.
    expect((await refusal(saveDraft(handle.db, { ...actor(judgeSolo), status: "disabled" }, input))).code).toBe("forbidden");
    expect(await sheetOf(assignments[0])).toEqual({ sheet: undefined, values: [] });
  });
});

describe("ranges and completeness", () => {
  it("refuses a score outside the range with a message on that criterion, and stores nothing", async () => {
    const setup = await judgingEdition();
    const { assignments } = await assignedFilm(setup, kimKra, [judgeSolo]);
    const [first, second, third] = setup.criteria;
    const error = await refusal(
      saveDraft(handle.db, actor(judgeSolo), {
        assignmentId: assignments[0],
        values: { [first.id]: { score: 101, comment: "" }, [second.id]: { score: 49, comment: "" }, [third.id]: { score: 75, comment: "baik" } },
      }),
    );
    expect(error.code).toBe("invalid");
    expect(error.userMessage).toMatch(/di luar rentang/);
    expect(error.fieldErrors).toEqual({
      [first.id]: [`Nilai ${first.name} harus antara 50 dan 100.`],
      [second.id]: [`Nilai ${second.name} harus antara 50 dan 100.`],
    });
    // The valid third score was not stored either: a refused save changes nothing.
    expect(await sheetOf(assignments[0])).toEqual({ sheet: undefined, values: [] });
  });

  it("refuses a criterion that is not in the edition's rubric", async () => {
    const setup = await judgingEdition();
    const elsewhere = await judgingEdition();
    const { assignments } = await assignedFilm(setup, kimKra, [judgeSolo]);
    const foreign = elsewhere.criteria[0].id;
    const error = await refusal(saveDraft(handle.db, actor(judgeSolo), { assignmentId: assignments[0], values: { [foreign]: { score: 80, comment: "" } } }));
    expect(error.fieldErrors?.[foreign]).toEqual(["Kriteria ini bukan bagian dari rubrik festival."]);
    expect((await sheetOf(assignments[0])).sheet).toBeUndefined();
  });

  it("refuses an incomplete submission with a message per missing score or comment, and stores nothing", async () => {
    const setup = await judgingEdition();
    const { assignments } = await assignedFilm(setup, kimKra, [judgeSolo]);
    const [first, second, ...rest] = setup.criteria;
    const values = complete(setup);
    delete values[first.id];
    values[second.id] = { score: 70, comment: "   " };
    const error = await refusal(submitSheet(handle.db, actor(judgeSolo), { assignmentId: assignments[0], values }));
    expect(error.code).toBe("invalid");
    expect(error.userMessage).toMatch(/belum lengkap/);
    expect(error.fieldErrors).toEqual({ [first.id]: [`Beri nilai untuk ${first.name}.`], [second.id]: [`Tulis komentar untuk ${second.name}.`] });
    for (const c of rest) expect(error.fieldErrors?.[c.id]).toBeUndefined();
    expect(await sheetOf(assignments[0])).toEqual({ sheet: undefined, values: [] });
  });
});

describe("draft, submit and the lock", () => {
  it("saves a partial draft, then submits; the sheet is locked and audited", async () => {
    const setup = await judgingEdition();
    const { assignments } = await assignedFilm(setup, kimKra, [judgeSolo]);
    const judge = actor(judgeSolo);
    const [first, second] = setup.criteria;
    const draft = await saveDraft(handle.db, judge, { assignmentId: assignments[0], values: { [first.id]: { score: 88.5, comment: "Tema kena." }, [second.id]: { score: null, comment: "" } } });
    expect(draft.savedAt).toBeInstanceOf(Date);
    const read = await getScoreSheet(handle.db, judge, assignments[0]);
    expect(read).toMatchObject({ status: "draft", submittedAt: null, open: { open: true } });
    expect(read.values[first.id]).toEqual({ score: 88.5, comment: "Tema kena." });
    expect(read.values[second.id]).toEqual({ score: null, comment: "" });
    expect((await judgeQueue(handle.db, judge, setup.edition.slug))[0].sheetStatus).toBe("draft");

    await submitSheet(handle.db, judge, { assignmentId: assignments[0], values: complete(setup, 90) });
    const after = await getScoreSheet(handle.db, judge, assignments[0]);
    expect(after.status).toBe("submitted");
    expect(after.submittedAt).toBeInstanceOf(Date);
    expect(Object.values(after.values).map((v) => v.score)).toEqual(setup.criteria.map((_, i) => 90 - i));
    expect((await judgeQueue(handle.db, judge, setup.edition.slug))[0].sheetStatus).toBe("submitted");
    const audit = await handle.db.select().from(auditLog).where(and(eq(auditLog.action, "sheet.submit"), eq(auditLog.actorId, judgeSolo.id)));
    expect(audit.map((a) => a.entityId)).toContain((await sheetOf(assignments[0])).sheet.id);
  });

  it("a submitted sheet cannot be changed by a draft, a second submit or a conflict declaration", async () => {
    const setup = await judgingEdition();
    const { assignments } = await assignedFilm(setup, kimKra, [judgeSolo]);
    const judge = actor(judgeSolo);
    await submitSheet(handle.db, judge, { assignmentId: assignments[0], values: complete(setup, 90) });
    const before = await sheetOf(assignments[0]);
    const draft = await refusal(saveDraft(handle.db, judge, { assignmentId: assignments[0], values: complete(setup, 60) }));
    expect(draft.code).toBe("conflict");
    expect(draft.userMessage).toMatch(/sudah dikirim dan terkunci/);
    expect((await refusal(submitSheet(handle.db, judge, { assignmentId: assignments[0], values: complete(setup, 60) }))).code).toBe("conflict");
    expect((await refusal(declareConflict(handle.db, judge, { assignmentId: assignments[0], reason: "Baru ingat kenal." }))).code).toBe("conflict");
    expect(await sheetOf(assignments[0])).toEqual(before);
    const [assignment] = await handle.db.select().from(judgeAssignments).where(eq(judgeAssignments.id, assignments[0]));
    expect(assignment.removedAt).toBeNull();
  });

  it("a draft racing a submission never reopens or overwrites the submitted sheet", async () => {
    const setup = await judgingEdition();
    const judge = actor(judgeSolo);
    for (let round = 0; round < 6; round++) {
      const { assignments } = await assignedFilm(setup, kimWng, [judgeSolo]);
      const input = (score: number) => ({ assignmentId: assignments[0], values: complete(setup, score) });
      // Both orders of arrival, and a draft sent twice around the submission.
      const calls =
        round % 2 === 0
          ? [saveDraft(handle.db, judge, input(60)), submitSheet(handle.db, judge, input(90)), saveDraft(handle.db, judge, input(61))]
          : [submitSheet(handle.db, judge, input(90)), saveDraft(handle.db, judge, input(60)), saveDraft(handle.db, judge, input(61))];
      const results = await Promise.allSettled(calls);
      for (const r of results) if (r.status === "rejected") expect((r.reason as AppError).code).toBe("conflict");
      const { sheet, values } = await sheetOf(assignments[0]);
      expect(sheet.status).toBe("submitted");
      expect(values.map((v) => v.score).sort()).toEqual(setup.criteria.map((_, i) => 90 - i).sort());
      // Whichever way the race went (a one-statement draft often beats the submission), a draft
      // that arrives once the sheet is submitted is turned away.
      await expect(saveDraft(handle.db, judge, input(62))).rejects.toMatchObject({ code: "conflict" });
    }
  });
});

describe("the judging close", () => {
  it("refuses scores after the close, until an organiser moves the date", async () => {
    const setup = await judgingEdition({ judgingClosesAt: new Date(Date.now() - 60_000) });
    const { assignments } = await assignedFilm(setup, kimKra, [judgeSolo]);
    const judge = actor(judgeSolo);
    const input = { assignmentId: assignments[0], values: complete(setup) };
    const sheet = await getScoreSheet(handle.db, judge, assignments[0]);
    expect(sheet.open).toEqual({ open: false, reason: expect.stringMatching(/Masa penilaian berakhir .* WIB/) });
    // One at a time: a second call started before the first is awaited rejects unhandled meanwhile.
    for (const call of [() => saveDraft(handle.db, judge, input), () => submitSheet(handle.db, judge, input)]) {
      const error = await refusal(call());
      expect(error.code).toBe("forbidden");
      expect(error.userMessage).toMatch(/Masa penilaian berakhir/);
    }
    expect((await sheetOf(assignments[0])).sheet).toBeUndefined();

    // An organiser of another region cannot extend it; the province's organiser can.
    expect((await refusal(setJudgingClose(handle.db, actor(organiserDiy), setup.edition.slug, { judgingClosesAt: wibLocal(3) }))).code).toBe("not_found");
    await setJudgingClose(handle.db, actor(organiserJateng), setup.edition.slug, { judgingClosesAt: wibLocal(3) });
    expect((await getScoreSheet(handle.db, judge, assignments[0])).open).toEqual({ open: true });
    await submitSheet(handle.db, judge, input);
    expect((await sheetOf(assignments[0])).sheet.status).toBe("submitted");
  });

  it("refuses scores when the edition is no longer in judging (sealed)", async () => {
    const setup = await judgingEdition();
    const { assignments } = await assignedFilm(setup, kimKra, [judgeSolo]);
    await handle.db.update(editions).set({ status: "disegel" }).where(eq(editions.id, setup.edition.id));
    const error = await refusal(saveDraft(handle.db, actor(judgeSolo), { assignmentId: assignments[0], values: complete(setup) }));
    expect(error.userMessage).toBe("Festival ini tidak sedang dalam masa penilaian.");
  });
});

/** A datetime-local value (read as WIB) `days` from now. */
function wibLocal(days: number): string {
  return new Date(Date.now() + days * day + 7 * 3_600_000).toISOString().slice(0, 16);
}

describe("unlocking a submitted sheet", () => {
  it("an organiser of the region reopens it with a reason, recorded in the audit log", async () => {
    const setup = await judgingEdition();
    const { assignments } = await assignedFilm(setup, kimKra, [judgeSolo]);
    const judge = actor(judgeSolo);
    await submitSheet(handle.db, judge, { assignmentId: assignments[0], values: complete(setup, 90) });
    const { sheet } = await sheetOf(assignments[0]);

    expect((await refusal(unlockSheet(handle.db, actor(organiserDiy), { sheetId: sheet.id, reason: "Juri salah ketik nilai." }))).code).toBe("not_found");
    expect((await refusal(unlockSheet(handle.db, judge, { sheetId: sheet.id, reason: "Saya mau ubah." }))).code).toBe("forbidden");
    expect((await sheetOf(assignments[0])).sheet.status).toBe("submitted");

    await unlockSheet(handle.db, actor(organiserJateng), { sheetId: sheet.id, reason: "Juri salah ketik nilai." });
    const reopened = (await sheetOf(assignments[0])).sheet;
    expect(reopened).toMatchObject({ status: "draft", unlockedBy: organiserJateng.id, unlockReason: "Juri salah ketik nilai." });
    const audit = await handle.db.select().from(auditLog).where(and(eq(auditLog.action, "sheet.unlock"), eq(auditLog.entityId, sheet.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: organiserJateng.id, entityType: "score_sheet", data: { reason: "Juri salah ketik nilai." } });

    // The judge may change it again, and submit it again.
    await saveDraft(handle.db, judge, { assignmentId: assignments[0], values: { [setup.criteria[0].id]: { score: 70, comment: "Diperbaiki." } } });
    await submitSheet(handle.db, judge, { assignmentId: assignments[0], values: { ...complete(setup, 90), [setup.criteria[0].id]: { score: 70, comment: "Diperbaiki." } } });
    expect((await getScoreSheet(handle.db, judge, assignments[0])).values[setup.criteria[0].id].score).toBe(70);
  });

  it("an unlock without a reason is refused", async () => {
    const setup = await judgingEdition();
    const { assignments } = await assignedFilm(setup, kimKra, [judgeSolo]);
    await submitSheet(handle.db, actor(judgeSolo), { assignmentId: assignments[0], values: complete(setup) });
    const { sheet } = await sheetOf(assignments[0]);
    await expect(unlockSheet(handle.db, actor(organiserJateng), { sheetId: sheet.id, reason: " " })).rejects.toThrow(/alasan/);
    expect((await sheetOf(assignments[0])).sheet.status).toBe("submitted");
  });
});

describe("declaring a conflict of interest", () => {
  it("removes the assignment, records the conflict, and assigns an eligible replacement", async () => {
    const setup = await judgingEdition({ settings: { ...defaultSettings, judgesPerFilm: 2 } });
    await handle.db.insert(editionJudges).values([judgeSolo, judgeWng, judgeKra, judgeSleman].map((j) => ({ editionId: setup.edition.id, userId: j.id })));
    // A Karanganyar film with two judges; Sleman is free, Karanganyar's judge may never take it.
    const film = await assignedFilm(setup, kimKra, [judgeSolo, judgeWng]);
    const [soloAssignment, wngAssignment] = film.assignments;
    await saveDraft(handle.db, actor(judgeSolo), { assignmentId: soloAssignment, values: { [setup.criteria[0].id]: { score: 80, comment: "" } } });

    const result = await declareConflict(handle.db, actor(judgeSolo), { assignmentId: soloAssignment, reason: "Saya pernah melatih kelompok ini." });
    expect(result.unfilled).toEqual([]);

    const [removed] = await handle.db.select().from(judgeAssignments).where(eq(judgeAssignments.id, soloAssignment));
    expect(removed.removedAt).toBeInstanceOf(Date);
    expect(removed.removedReason).toBe("konflik kepentingan");
    const conflicts = await handle.db.select().from(conflictDeclarations).where(eq(conflictDeclarations.filmId, film.film.id));
    expect(conflicts).toMatchObject([{ judgeId: judgeSolo.id, reason: "Saya pernah melatih kelompok ini." }]);
    const active = await handle.db.select({ judgeId: judgeAssignments.judgeId }).from(judgeAssignments).where(and(eq(judgeAssignments.filmId, film.film.id), isNull(judgeAssignments.removedAt)));
    expect(active.map((a) => a.judgeId).sort()).toEqual([judgeWng.id, judgeSleman.id].sort());
    expect((await handle.db.select().from(auditLog).where(and(eq(auditLog.action, "conflict.declare"), eq(auditLog.entityId, film.film.id)))).length).toBe(1);

    // The film has left the judge's queue and sheet; the other judge keeps theirs.
    expect((await refusal(getScoreSheet(handle.db, actor(judgeSolo), soloAssignment))).code).toBe("not_found");
    expect((await judgeQueue(handle.db, actor(judgeSolo), setup.edition.slug)).map((q) => q.filmId)).not.toContain(film.film.id);
    expect((await getScoreSheet(handle.db, actor(judgeWng), wngAssignment)).film.id).toBe(film.film.id);

    // A second conflict on the same film: nobody eligible is left, which is reported, not forced.
    const second = await declareConflict(handle.db, actor(judgeWng), { assignmentId: wngAssignment, reason: "Saudara saya ikut bermain." });
    expect(second.unfilled).toMatchObject([{ filmId: film.film.id, missing: 1 }]);
    const left = await handle.db.select({ judgeId: judgeAssignments.judgeId }).from(judgeAssignments).where(and(eq(judgeAssignments.filmId, film.film.id), isNull(judgeAssignments.removedAt)));
    expect(left.map((a) => a.judgeId)).toEqual([judgeSleman.id]);
  });

  it("needs a reason", async () => {
    const setup = await judgingEdition();
    const { assignments } = await assignedFilm(setup, kimKra, [judgeSolo]);
    await expect(declareConflict(handle.db, actor(judgeSolo), { assignmentId: assignments[0], reason: "ya" })).rejects.toThrow(/minimal 5 karakter/);
    const [assignment] = await handle.db.select().from(judgeAssignments).where(eq(judgeAssignments.id, assignments[0]));
    expect(assignment.removedAt).toBeNull();
  });
});

describe("the judge's server actions", () => {
  it("check the role themselves and answer with errors keyed by criterion", async () => {
    const { submitSheetAction } = await import("@/lib/actions/judge-actions");
    const setup = await judgingEdition();
    const { assignments } = await assignedFilm(setup, kimKra, [judgeSolo]);
    const [first] = setup.criteria;

    sessionActor = null;
    expect(await submitSheetAction(assignments[0], complete(setup))).toMatchObject({ message: "Silakan masuk terlebih dahulu." });
    sessionActor = actor(kimMember);
    expect(await submitSheetAction(assignments[0], complete(setup))).toMatchObject({ message: "Anda tidak berhak membuka halaman ini." });
    sessionActor = actor(organiserJateng);
    expect(await submitSheetAction(assignments[0], complete(setup))).toMatchObject({ message: "Anda tidak berhak membuka halaman ini." });
    expect((await sheetOf(assignments[0])).sheet).toBeUndefined();

    sessionActor = actor(judgeSolo);
    const refused = await submitSheetAction(assignments[0], { ...complete(setup), [first.id]: { score: 150, comment: "Terlalu tinggi." } });
    expect(refused.ok).toBeUndefined();
    expect(refused.fieldErrors).toEqual({ [first.id]: [`Nilai ${first.name} harus antara 50 dan 100.`] });
    const incomplete = await submitSheetAction(assignments[0], { [first.id]: { score: 75, comment: "Cukup." } });
    expect(Object.keys(incomplete.fieldErrors ?? {}).sort()).toEqual(setup.criteria.slice(1).map((c) => c.id).sort());
    expect(await submitSheetAction(assignments[0], complete(setup))).toMatchObject({ ok: true, message: "Nilai terkirim dan lembar nilai terkunci.", savedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    sessionActor = null;
  });

  it("a malformed criterion id comes back on that key, not as a crash", async () => {
    const { submitSheetAction } = await import("@/lib/actions/judge-actions");
    const setup = await judgingEdition();
    const { assignments } = await assignedFilm(setup, kimKra, [judgeSolo]);
    sessionActor = actor(judgeSolo);
    const state = await submitSheetAction(assignments[0], { "bukan-uuid": { score: 70, comment: "" } });
    expect(state.ok).toBeUndefined();
    expect(state.message).toBe("Periksa isian yang ditandai.");
    expect(Object.keys(state.fieldErrors ?? {})).toEqual(["bukan-uuid"]);
    sessionActor = null;
  });
});

describe("the conflict form's action", () => {
  it("declares the conflict and sends the judge back to the edition's queue; a bad reason stays on the form", async () => {
    const { declareConflictAction } = await import("@/lib/actions/judge-actions");
    const setup = await judgingEdition();
    const { assignments } = await assignedFilm(setup, kimKra, [judgeSolo]);
    const form = (reason: string, editionSlug = setup.edition.slug) => {
      const data = new FormData();
      data.set("assignmentId", assignments[0]);
      data.set("editionSlug", editionSlug);
      data.set("reason", reason);
      return data;
    };
    sessionActor = actor(judgeSolo);
    const refused = await declareConflictAction({}, form("ya"));
    expect(refused.fieldErrors?.reason).toEqual(["Tulis alasan konflik (minimal 5 karakter)."]);
    const redirected = await declareConflictAction({}, form("Saya kenal pembuatnya.")).then(
      () => null,
      (e: unknown) => e as { digest?: string },
    );
    expect(redirected?.digest).toMatch(new RegExp(`^NEXT_REDIRECT;[a-z]+;/juri/${setup.edition.slug};`));
    const [assignment] = await handle.db.select().from(judgeAssignments).where(eq(judgeAssignments.id, assignments[0]));
    expect(assignment.removedAt).toBeInstanceOf(Date);
    sessionActor = null;
  });
});

describe("the sheet's live total", () => {
  it("is the weighted total the results use, and only once every criterion has a score in range", async () => {
    const { weightedTotal, parseScore, toServerValues } = await import("@/components/judging/sheet-values");
    const setup = await judgingEdition();
    const criteria = setup.criteria.map((c) => ({ ...c, description: c.description ?? null }));
    const typed = (scores: string[]) => Object.fromEntries(criteria.map((c, i) => [c.id, { score: scores[i] ?? "", comment: "" }]));
    // 100 * (30*85 + 25*80 + 20*75 + 15*70 + 10*90) / 100 / (30+25+20+15+10)
    expect(weightedTotal(criteria, typed(["85", "80", "75", "70", "90"]))).toBeCloseTo(80, 10);
    expect(weightedTotal(criteria, typed(["100", "100", "100", "100", "100"]))).toBeCloseTo(100, 10);
    expect(weightedTotal(criteria, typed(["85", "80", "75", "70"]))).toBeNull();
    expect(weightedTotal(criteria, typed(["85", "80", "75", "70", "101"]))).toBeNull();
    expect(parseScore("85,5")).toBe(85.5);
    expect(parseScore("  ")).toBeNull();
    expect(toServerValues(criteria, typed(["85"]))[criteria[1].id]).toEqual({ score: null, comment: "" });
  });
});
