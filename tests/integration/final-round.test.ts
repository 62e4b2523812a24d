import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, editionJudges, editions, films, judgeAssignments, judgingRounds, roundShortlist, scoreSheets } from "@/lib/db/schema";
import { cancelFinalRound, getFinalRound, startFinalRound } from "@/lib/judging/final-round";
import { judgingProgress } from "@/lib/judging/progress";
import { ensureRound } from "@/lib/judging/rounds";
import { judgeQueue, otherJudgesSheets, saveDraft, submitSheet } from "@/lib/judging/score-sheet";
import { computeEditionResults, sealResults } from "@/lib/results/edition-results";
import { createEdition, createFilm, createKim, createRubric, createUser } from "@/lib/seed/factories";
import { defaultSettings } from "@/lib/editions/defaults";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
type User = Awaited<ReturnType<typeof createUser>>;
let organiser: User, kimMember: User;
let judges: User[];
let criteria: Awaited<ReturnType<typeof createRubric>>;

/** An edition in judging with five films scored in the scoring round by two judges: totals 90, 85, 85, 70, 60. */
async function scoredEdition(slug: string) {
  const edition = await createEdition(handle.db, {
    slug,
    title: `Festival ${slug}`,
    regionCode: "33.13",
    status: "penjurian",
    judgingClosesAt: new Date(Date.now() + 10 * 86_400_000),
    settings: { ...defaultSettings, showOtherJudgesScores: true },
  });
  criteria = await createRubric(handle.db, edition.id);
  await handle.db.insert(editionJudges).values(judges.map((j) => ({ editionId: edition.id, userId: j.id })));
  const kim = await createKim(handle.db, { name: `KIM ${slug}`, districtCode: "33.13.08" });
  const round = await ensureRound(handle.db, edition.id, "penilaian");
  const filmIds: string[] = [];
  for (const [i, value] of [90, 85, 85, 70, 60].entries()) {
    const film = await createFilm(handle.db, { editionId: edition.id, kimId: kim.id, code: `${slug}-${i}`, title: `Film ${i}`, status: "diunggah" });
    filmIds.push(film.id);
    for (const judge of judges.slice(0, 2)) {
      const [a] = await handle.db.insert(judgeAssignments).values({ roundId: round.id, filmId: film.id, judgeId: judge.id }).returning();
      await submitSheet(handle.db, judge, { assignmentId: a.id, values: Object.fromEntries(criteria.map((c) => [c.id, { score: value, comment: "Bagus." }])) });
    }
  }
  return { edition, round, filmIds };
}

const fullSheet = (value: number) => Object.fromEntries(criteria.map((c) => [c.id, { score: value, comment: "Catatan final." }]));

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  organiser = await createUser(handle.db, { email: "kra@layar.test", role: "organiser", regionCode: "33.13" });
  const kim = await createKim(handle.db, { name: "KIM Anggota", districtCode: "33.13.08" });
  kimMember = await createUser(handle.db, { email: "kim@layar.test", role: "kim", kimId: kim.id, regionCode: "33.13" });
  judges = [
    await createUser(handle.db, { email: "a@layar.test", role: "judge", regionCode: "33.72" }),
    await createUser(handle.db, { email: "b@layar.test", role: "judge", regionCode: "33.12" }),
    await createUser(handle.db, { email: "c@layar.test", role: "judge", regionCode: "34.04" }),
  ];
});
afterAll(() => handle.drop());

describe("a final round on a shortlist", () => {
  let setup: Awaited<ReturnType<typeof scoredEdition>>;
  beforeAll(async () => {
    setup = await scoredEdition("final-uji");
  });

  it("refuses a shortlist size that is not a whole number of at least 2, and stores nothing", async () => {
    for (const shortlistSize of ["1", "dua", "2.5", ""]) {
      await expect(startFinalRound(handle.db, organiser, "final-uji", { shortlistSize })).rejects.toThrow();
    }
    await expect(startFinalRound(handle.db, organiser, "final-uji", { shortlistSize: "1" })).rejects.toThrow("Babak final butuh minimal 2 nominasi.");
    expect(await getFinalRound(handle.db, setup.edition.id)).toBeNull();
  });

  it("is for the edition's organisers only", async () => {
    await expect(startFinalRound(handle.db, kimMember, "final-uji", { shortlistSize: 2 })).rejects.toMatchObject({ code: "forbidden" });
    await expect(startFinalRound(handle.db, judges[0], "final-uji", { shortlistSize: 2 })).rejects.toMatchObject({ code: "forbidden" });
    const elsewhere = await createUser(handle.db, { email: "wng@layar.test", role: "organiser", regionCode: "33.12" });
    await expect(startFinalRound(handle.db, elsewhere, "final-uji", { shortlistSize: 2 })).rejects.toMatchObject({ code: "not_found" });
  });

  it("nominates the top films, keeping both films tied at the boundary, and closes the scoring round", async () => {
    const result = await startFinalRound(handle.db, organiser, "final-uji", { shortlistSize: 2 });
    expect(result.nominees).toBe(3);
    const final = await getFinalRound(handle.db, setup.edition.id);
    expect(final?.round.shortlistSize).toBe(2);
    expect(final?.nominees.map((n) => [n.filmId, n.rank])).toEqual([
      [setup.filmIds[0], 1],
      [setup.filmIds[1], 2],
      [setup.filmIds[2], 2],
    ]);
    const [scoring] = await handle.db.select().from(judgingRounds).where(eq(judgingRounds.id, setup.round.id));
    expect(scoring.closedAt).not.toBeNull();
    // A scoring-round sheet can no longer change.
    const [old] = await handle.db.select().from(judgeAssignments).where(and(eq(judgeAssignments.roundId, setup.round.id), eq(judgeAssignments.judgeId, judges[0].id)));
    await expect(saveDraft(handle.db, judges[0], { assignmentId: old.id, values: {} })).rejects.toMatchObject({ code: "forbidden" });
    const [audit] = await handle.db.select().from(auditLog).where(eq(auditLog.action, "round.final_start"));
    expect(audit).toMatchObject({ actorId: organiser.id, entityId: setup.edition.id });
  });

  it("gives every nominee to every eligible judge, the third judge included", async () => {
    const final = (await getFinalRound(handle.db, setup.edition.id))!;
    const pairs = await handle.db.select().from(judgeAssignments).where(and(eq(judgeAssignments.roundId, final.round.id), isNull(judgeAssignments.removedAt)));
    expect(pairs).toHaveLength(9);
    expect(new Set(pairs.map((p) => p.filmId))).toEqual(new Set(setup.filmIds.slice(0, 3)));
    const progress = await judgingProgress(handle.db, organiser, "final-uji");
    expect(progress.round.kind).toBe("final");
    expect(progress.perFilm.map((f) => f.filmId).sort()).toEqual(setup.filmIds.slice(0, 3).sort());
    // The judge's queue lists the final round first.
    const queue = await judgeQueue(handle.db, judges[0], "final-uji");
    expect(queue.slice(0, 3).every((q) => q.roundKind === "final")).toBe(true);
    expect(queue.slice(3).every((q) => q.roundKind === "penilaian" && q.roundClosedAt)).toBe(true);
  });

  it("refuses a second final round (a double click)", async () => {
    await expect(startFinalRound(handle.db, organiser, "final-uji", { shortlistSize: 3 })).rejects.toThrow("Babak final sudah dibuat untuk festival ini.");
    const rounds = await handle.db.select().from(judgingRounds).where(eq(judgingRounds.editionId, setup.edition.id));
    expect(rounds.map((r) => r.kind).sort()).toEqual(["final", "penilaian"]);
  });

  it("ranks the nominees on the final sheets alone and places them; the others are 'dinilai'", async () => {
    const final = (await getFinalRound(handle.db, setup.edition.id))!;
    const pairs = await handle.db.select().from(judgeAssignments).where(and(eq(judgeAssignments.roundId, final.round.id), isNull(judgeAssignments.removedAt)));
    // The final reverses the order: the scoring round's third film wins.
    const finalScore = new Map([[setup.filmIds[0], 70], [setup.filmIds[1], 80], [setup.filmIds[2], 95]]);
    for (const p of pairs) {
      const judge = judges.find((j) => j.id === p.judgeId)!;
      await submitSheet(handle.db, judge, { assignmentId: p.id, values: fullSheet(finalScore.get(p.filmId)!) });
    }
    const [edition] = await handle.db.select().from(editions).where(eq(editions.id, setup.edition.id));
    const { round, ranking } = await computeEditionResults(handle.db, edition);
    expect(round.kind).toBe("final");
    expect(ranking.films.map((f) => [f.filmId, f.placement])).toEqual([
      [setup.filmIds[2], "Juara I"],
      [setup.filmIds[1], "Juara II"],
      [setup.filmIds[0], "Juara III"],
    ]);
    expect(Object.keys(ranking.films[0].judgeTotals)).toHaveLength(3);
    await sealResults(handle.db, organiser, "final-uji");
    const statuses = await handle.db.select({ id: films.id, status: films.status }).from(films).where(eq(films.editionId, setup.edition.id));
    const status = new Map(statuses.map((s) => [s.id, s.status]));
    expect(setup.filmIds.map((id) => status.get(id))).toEqual(["juara", "juara", "juara", "dinilai", "dinilai"]);
  });

  it("shows a judge the other judges' final sheets only once the round is closed, never their names", async () => {
    const final = (await getFinalRound(handle.db, setup.edition.id))!;
    const [mine] = await handle.db
      .select()
      .from(judgeAssignments)
      .where(and(eq(judgeAssignments.roundId, final.round.id), eq(judgeAssignments.judgeId, judges[0].id), eq(judgeAssignments.filmId, setup.filmIds[2])));
    const others = await otherJudgesSheets(handle.db, judges[0], mine.id);
    expect(others?.map((o) => o.judge)).toEqual([1, 2]);
    expect(others?.every((o) => Object.values(o.values).every((v) => v.score === 95))).toBe(true);
    expect(JSON.stringify(others)).not.toContain(judges[1].email);
    // Another judge's assignment is not this judge's to read.
    const [theirs] = await handle.db.select().from(judgeAssignments).where(and(eq(judgeAssignments.roundId, final.round.id), eq(judgeAssignments.judgeId, judges[1].id)));
    await expect(otherJudgesSheets(handle.db, judges[0], theirs.id)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("other judges' scores", () => {
  it("stay hidden while the round is open, and when the edition does not share them", async () => {
    const { edition, round, filmIds } = await scoredEdition("tertutup-uji");
    const [mine] = await handle.db.select().from(judgeAssignments).where(and(eq(judgeAssignments.roundId, round.id), eq(judgeAssignments.judgeId, judges[0].id), eq(judgeAssignments.filmId, filmIds[0])));
    expect(await otherJudgesSheets(handle.db, judges[0], mine.id)).toBeNull();
    await handle.db.update(judgingRounds).set({ closedAt: new Date() }).where(eq(judgingRounds.id, round.id));
    expect(await otherJudgesSheets(handle.db, judges[0], mine.id)).toHaveLength(1);
    await handle.db.update(editions).set({ settings: { ...defaultSettings, showOtherJudgesScores: false } }).where(eq(editions.id, edition.id));
    expect(await otherJudgesSheets(handle.db, judges[0], mine.id)).toBeNull();
  });
});

describe("cancelling a final round", () => {
  it("needs a reason, removes the drafts and reopens the scoring round", async () => {
    const { edition, round } = await scoredEdition("batal-uji");
    await startFinalRound(handle.db, organiser, "batal-uji", { shortlistSize: 3 });
    const final = (await getFinalRound(handle.db, edition.id))!;
    const [pair] = await handle.db.select().from(judgeAssignments).where(and(eq(judgeAssignments.roundId, final.round.id), eq(judgeAssignments.judgeId, judges[2].id)));
    await saveDraft(handle.db, judges[2], { assignmentId: pair.id, values: { [criteria[0].id]: { score: 77 } } });
    await expect(cancelFinalRound(handle.db, organiser, "batal-uji", { reason: "salah" })).rejects.toThrow();
    expect(await getFinalRound(handle.db, edition.id)).not.toBeNull();
    await cancelFinalRound(handle.db, organiser, "batal-uji", { reason: "Jumlah nominasi salah ketik." });
    expect(await getFinalRound(handle.db, edition.id)).toBeNull();
    expect(await handle.db.select().from(roundShortlist)).not.toContainEqual(expect.objectContaining({ roundId: final.round.id }));
    expect(await handle.db.select().from(scoreSheets).where(eq(scoreSheets.assignmentId, pair.id))).toEqual([]);
    const [scoring] = await handle.db.select().from(judgingRounds).where(eq(judgingRounds.id, round.id));
    expect(scoring.closedAt).toBeNull();
  });

  it("is refused once a final sheet has been submitted", async () => {
    const { edition } = await scoredEdition("terkirim-uji");
    await startFinalRound(handle.db, organiser, "terkirim-uji", { shortlistSize: 2 });
    const final = (await getFinalRound(handle.db, edition.id))!;
    const [pair] = await handle.db.select().from(judgeAssignments).where(and(eq(judgeAssignments.roundId, final.round.id), eq(judgeAssignments.judgeId, judges[2].id)));
    await submitSheet(handle.db, judges[2], { assignmentId: pair.id, values: fullSheet(80) });
    await expect(cancelFinalRound(handle.db, organiser, "terkirim-uji", { reason: "Ingin mengulang babak final." })).rejects.toThrow("Sudah ada lembar nilai babak final yang dikirim");
    expect(await getFinalRound(handle.db, edition.id)).not.toBeNull();
  });
});
