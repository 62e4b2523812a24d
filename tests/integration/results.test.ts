import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, editionJudges, editions, judgeAssignments, placements, scoreSheets, scores } from "@/lib/db/schema";
import { getPublicEdition } from "@/lib/editions/list-editions";
import { listKimFilms } from "@/lib/films/list-kim-films";
import { viewerOf } from "@/lib/films/media-access";
import { ensureRound } from "@/lib/judging/rounds";
import { saveDraft } from "@/lib/judging/score-sheet";
import { computeEditionResults, publishDueEditions, publishResults, sealResults, unsealResults } from "@/lib/results/edition-results";
import { createEdition, createFilm, createKim, createRubric, createUser } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
type User = Awaited<ReturnType<typeof createUser>>;
let organiser: User, kimMember: User, judgeA: User, judgeB: User;
let editionId: string;
const slug = "festival-hasil-uji";
const filmIds: string[] = [];
let criteria: Awaited<ReturnType<typeof createRubric>>;

/** Submits a sheet where every criterion gets `value`. */
async function sheet(roundId: string, judgeId: string, filmId: string, value: number) {
  const [a] = await handle.db.insert(judgeAssignments).values({ roundId, filmId, judgeId }).returning();
  const [s] = await handle.db.insert(scoreSheets).values({ assignmentId: a.id, status: "submitted", submittedAt: new Date() }).returning();
  await handle.db.insert(scores).values(criteria.map((c) => ({ sheetId: s.id, criterionId: c.id, score: value, comment: "ok" })));
  return a;
}

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  organiser = await createUser(handle.db, { email: "kra@layar.test", role: "organiser", regionCode: "33.13" });
  const kim = await createKim(handle.db, { name: "KIM Manteb", districtCode: "33.13.08" });
  kimMember = await createUser(handle.db, { email: "kim@layar.test", role: "kim", kimId: kim.id, regionCode: "33.13" });
  judgeA = await createUser(handle.db, { email: "a@layar.test", role: "judge", regionCode: "33.72" });
  judgeB = await createUser(handle.db, { email: "b@layar.test", role: "judge", regionCode: "33.12" });
  const edition = await createEdition(handle.db, { slug, title: "Festival Hasil Uji", regionCode: "33.13", status: "penjurian", judgingClosesAt: new Date(Date.now() + 86_400_000) });
  editionId = edition.id;
  await handle.db.insert(editionJudges).values([{ editionId, userId: judgeA.id }, { editionId, userId: judgeB.id }]);
  criteria = await createRubric(handle.db, editionId);
  const round = await ensureRound(handle.db, editionId, "penilaian");
  for (const [i, value] of [90, 80, 70, 60].entries()) {
    const film = await createFilm(handle.db, { editionId, kimId: kim.id, code: `H-${i}`, title: `Film ${i}`, status: "diunggah" });
    filmIds.push(film.id);
    await sheet(round.id, judgeA.id, film.id, value);
    await sheet(round.id, judgeB.id, film.id, value - 2);
  }
});
afterAll(() => handle.drop());

describe("ranking from the database", () => {
  it("ranks films by their submitted sheets", async () => {
    const [edition] = await handle.db.select().from(editions).where(eq(editions.id, editionId));
    const { ranking } = await computeEditionResults(handle.db, edition);
    expect(ranking.publishable).toBe(true);
    expect(ranking.films.map((f) => [f.filmId, f.placement])).toEqual([
      [filmIds[0], "Juara I"],
      [filmIds[1], "Juara II"],
      [filmIds[2], "Juara III"],
      [filmIds[3], "Juara Harapan I"],
    ]);
    expect(ranking.films[0].rawMean).toBeCloseTo(89, 5);
  });
});

describe("sealing and publishing", () => {
  it("seals: freezes placements, closes scoring, records who and when", async () => {
    expect(await sealResults(handle.db, organiser, slug)).toEqual({ placed: 4 });
    const [edition] = await handle.db.select().from(editions).where(eq(editions.id, editionId));
    expect(edition).toMatchObject({ status: "disegel", sealedBy: organiser.id });
    const rows = await handle.db.select().from(placements).where(eq(placements.editionId, editionId));
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => /^[0-9A-F]{12}$/.test(r.certificateCode ?? ""))).toBe(true);
    const [audit] = await handle.db.select().from(auditLog).where(eq(auditLog.action, "results.seal"));
    expect(audit).toMatchObject({ actorId: organiser.id, entityId: editionId });
    // A judge can no longer change a score.
    const [assignment] = await handle.db.select().from(judgeAssignments).where(eq(judgeAssignments.judgeId, judgeA.id));
    await expect(saveDraft(handle.db, judgeA, { assignmentId: assignment.id, values: {} })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("leaks nothing before publication: edition API, film media, the KIM's dashboard", async () => {
    const api = await getPublicEdition(handle.db, slug);
    expect(api?.results).toBeNull();
    expect(JSON.stringify(api)).not.toMatch(/Juara|KIM Manteb/);
    expect(await viewerOf(handle.db, null, filmIds[0])).toBeNull();
    const seen = await listKimFilms(handle.db, kimMember);
    expect(seen.map((f) => f.status)).toEqual(["dinilai", "dinilai", "dinilai", "dinilai"]);
    expect(seen.map((f) => [f.placement, f.certificateCode])).toEqual(Array(4).fill([null, null]));
    const { juryFeedback } = await import("@/lib/results/kim-feedback");
    expect(await juryFeedback(handle.db, kimMember, filmIds[0])).toBeNull();
  });

  it("unseals only with a reason, then can seal again", async () => {
    await expect(unsealResults(handle.db, organiser, slug, { reason: "salah" })).rejects.toThrow(/minimal 10 karakter/);
    await unsealResults(handle.db, organiser, slug, { reason: "Nilai juri B perlu dikoreksi karena salah ketik." });
    expect(await handle.db.select().from(placements).where(eq(placements.editionId, editionId))).toEqual([]);
    const [audit] = await handle.db.select().from(auditLog).where(eq(auditLog.action, "results.unseal"));
    expect(audit.data).toEqual({ reason: "Nilai juri B perlu dikoreksi karena salah ketik." });
    await sealResults(handle.db, organiser, slug);
  });

  it("schedules publication in WIB: nothing is public before the time, everything after", async () => {
    const now = new Date("2030-01-01T00:00:00Z");
    await expect(publishResults(handle.db, organiser, slug, { when: "2029-12-31T10:00" }, now)).rejects.toMatchObject({ code: "invalid" });
    await publishResults(handle.db, organiser, slug, { when: "2030-01-02T09:00" }, now);
    const [scheduled] = await handle.db.select().from(editions).where(eq(editions.id, editionId));
    expect(scheduled).toMatchObject({ status: "disegel", scheduledPublishAt: new Date("2030-01-02T02:00:00Z") });
    expect(await publishDueEditions(handle.db, new Date("2030-01-02T01:59:00Z"))).toEqual([]);
    expect(await publishDueEditions(handle.db, new Date("2030-01-02T02:00:00Z"))).toEqual([editionId]);
    const [published] = await handle.db.select().from(editions).where(eq(editions.id, editionId));
    expect(published).toMatchObject({ status: "diumumkan", publishedAt: new Date("2030-01-02T02:00:00Z") });
    const api = await getPublicEdition(handle.db, slug);
    expect(api?.results?.map((r) => r.placement)).toEqual(["Juara I", "Juara II", "Juara III", "Juara Harapan I"]);
    expect(await viewerOf(handle.db, null, filmIds[0])).toMatchObject({ viewer: "public" });
    const after = await listKimFilms(handle.db, kimMember);
    expect(after.filter((f) => f.status === "juara")).toHaveLength(4);
    expect(after.map((f) => f.placement).sort()).toEqual(["Juara Harapan I", "Juara I", "Juara II", "Juara III"]);
    expect(after.every((f) => /^[0-9A-F]{12}$/.test(f.certificateCode ?? ""))).toBe(true);
  });

  it("mails each KIM its outcome when results are published, and shows it the jury's comments", async () => {
    const fs = await import("node:fs");
    const path = await import("node:path");
    const { env } = await import("@/lib/env");
    const { juryFeedback } = await import("@/lib/results/kim-feedback");
    const outbox = path.join(env().dataDir, "outbox");
    const mails = fs.readdirSync(outbox).filter((f) => f.includes("kim@layar.test"));
    expect(mails).toHaveLength(1);
    const text = fs.readFileSync(path.join(outbox, mails[0]), "utf8");
    expect(text).toContain("Festival Hasil Uji");
    expect(text).toContain("Juara I");
    const feedback = await juryFeedback(handle.db, kimMember, filmIds[0]);
    expect(feedback).toHaveLength(2);
    expect(feedback![0]).toMatchObject({ judge: 1, comments: expect.arrayContaining([{ criterion: "Kesesuaian tema", comment: "ok" }]) });
    expect(JSON.stringify(feedback)).not.toMatch(/a@layar\.test|b@layar\.test/);
    const otherKim = await createUser(handle.db, { email: "lain@layar.test", role: "kim", kimId: (await createKim(handle.db, { name: "KIM Lain", districtCode: "33.13.11" })).id, regionCode: "33.13" });
    expect(await juryFeedback(handle.db, otherKim, filmIds[0])).toBeNull();
  });

  it("refuses to seal when a tie in the placements is unresolved", async () => {
    const kim = await createKim(handle.db, { name: "KIM Seri", districtCode: "33.13.11" });
    const edition = await createEdition(handle.db, { slug: "festival-seri", title: "Festival Seri", regionCode: "33.13", status: "penjurian" });
    criteria = await createRubric(handle.db, edition.id);
    const round = await ensureRound(handle.db, edition.id, "penilaian");
    for (const code of ["S-1", "S-2"]) {
      const film = await createFilm(handle.db, { editionId: edition.id, kimId: kim.id, code, title: `Judul ${code}`, status: "diunggah" });
      await sheet(round.id, judgeA.id, film.id, 80);
      await sheet(round.id, judgeB.id, film.id, 80);
    }
    await expect(sealResults(handle.db, organiser, "festival-seri")).rejects.toMatchObject({
      message: "Hasil belum bisa disegel: Seri di peringkat 1 dengan nilai 80,00 belum diputus: S-1 · Judul S-1; S-2 · Judul S-2.",
    });
    const [after] = await handle.db.select().from(editions).where(eq(editions.id, edition.id));
    expect(after.status).toBe("penjurian");
  });
});
