import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, editionJudges, editions, films, judgeAssignments } from "@/lib/db/schema";
import { addAssignmentByHand, confirmAssignment, previewAssignment, removeAssignmentByHand, setJudgingClose } from "@/lib/judging/assignment-plan";
import { judgeDropsOut, judgingProgress, remindJudges } from "@/lib/judging/progress";
import { resetEnvForTests } from "@/lib/env";
import { createEdition, createFilm, createKim, createUser } from "@/lib/seed/factories";
import { defaultSettings } from "@/lib/editions/defaults";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";
import { mailText, startSmtpServer } from "../setup/smtp";

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
type User = Awaited<ReturnType<typeof createUser>>;
let organiser: User, otherOrganiser: User, kimMember: User;
let judges: User[];
let editionId: string;
const slug = "lomba-jateng-uji";

const active = async () => handle.db.select().from(judgeAssignments).where(isNull(judgeAssignments.removedAt));

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  organiser = await createUser(handle.db, { email: "jtg@layar.test", role: "organiser", regionCode: "33" });
  otherOrganiser = await createUser(handle.db, { email: "diy@layar.test", role: "organiser", regionCode: "34" });
  const kra = await createKim(handle.db, { name: "KIM Karanganyar", districtCode: "33.13.08" });
  const wng = await createKim(handle.db, { name: "KIM Wonogiri", districtCode: "33.12.01" });
  kimMember = await createUser(handle.db, { email: "kim@layar.test", role: "kim", kimId: kra.id, regionCode: "33.13" });
  editionId = (
    await createEdition(handle.db, {
      slug,
      title: "Lomba Jawa Tengah Uji",
      regionCode: "33",
      status: "penjurian",
      submissionClosesAt: new Date(Date.now() - 86_400_000),
      judgingClosesAt: new Date(Date.now() + 10 * 86_400_000),
      settings: { ...defaultSettings, judgesPerFilm: 2 },
    })
  ).id;
  for (let i = 0; i < 4; i++) await createFilm(handle.db, { editionId, kimId: i % 2 ? wng.id : kra.id, code: `F-${i}`, title: `Film ${i}`, status: "diunggah" });
  await createFilm(handle.db, { editionId, kimId: kra.id, code: "F-DRAF", title: "Belum diunggah", status: "draf" });
  judges = [
    await createUser(handle.db, { email: "solo@layar.test", name: "Juri Solo", role: "judge", regionCode: "33.72" }),
    await createUser(handle.db, { email: "wng@layar.test", name: "Juri Wonogiri", role: "judge", regionCode: "33.12" }),
    await createUser(handle.db, { email: "kra@layar.test", name: "Juri Karanganyar", role: "judge", regionCode: "33.13" }),
  ];
  await handle.db.insert(editionJudges).values(judges.map((j) => ({ editionId, userId: j.id })));
});
afterAll(() => handle.drop());

describe("assignment by the organiser", () => {
  it("previews k judges per uploaded film, none from the film's regency, without saving", async () => {
    const preview = await previewAssignment(handle.db, organiser, slug);
    expect(preview.result.assignments).toHaveLength(8);
    expect(preview.result.unfilled).toEqual([]);
    const filmRows = await handle.db.select().from(films);
    const draft = filmRows.find((f) => f.code === "F-DRAF")!;
    expect(preview.result.assignments.some((a) => a.filmId === draft.id)).toBe(false);
    expect(await active()).toEqual([]);
  });

  it("confirms: saves the pairs, and a second confirm changes nothing", async () => {
    expect(await confirmAssignment(handle.db, organiser, slug)).toMatchObject({ added: 8, removed: 0 });
    expect(await confirmAssignment(handle.db, organiser, slug)).toMatchObject({ added: 0, removed: 0 });
    const pairs = await handle.db
      .select({ judgeRegion: editionJudges.userId, film: films.code })
      .from(judgeAssignments)
      .innerJoin(films, eq(films.id, judgeAssignments.filmId))
      .innerJoin(editionJudges, eq(editionJudges.userId, judgeAssignments.judgeId));
    expect(pairs).toHaveLength(8);
    const audit = await handle.db.select().from(auditLog).where(eq(auditLog.action, "assignment.apply"));
    expect(audit.length).toBe(2);
  });

  it("is not found for an organiser of another province and forbidden for a KIM", async () => {
    await expect(previewAssignment(handle.db, otherOrganiser, slug)).rejects.toMatchObject({ code: "not_found" });
    await expect(confirmAssignment(handle.db, kimMember, slug)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("refuses a hand-made pair that breaks a hard rule, with the reason", async () => {
    const [film] = await handle.db.select().from(films).where(eq(films.code, "F-0")); // from Karanganyar
    await expect(addAssignmentByHand(handle.db, organiser, slug, { filmId: film.id, judgeId: judges[2].id })).rejects.toMatchObject({ userMessage: expect.stringContaining("kabupaten/kota yang sama") });
    const onFilm = (await active()).filter((a) => a.filmId === film.id).map((a) => a.judgeId);
    const other = judges.find((j) => !onFilm.includes(j.id) && j.regionCode !== "33.13");
    if (other) await addAssignmentByHand(handle.db, organiser, slug, { filmId: film.id, judgeId: other.id });
    await expect(addAssignmentByHand(handle.db, organiser, slug, { filmId: film.id, judgeId: onFilm[0] })).rejects.toMatchObject({ userMessage: "Juri ini sudah ditugaskan ke film ini." });
  });

  it("removes a pair by hand only with a reason", async () => {
    const [pair] = await active();
    await expect(removeAssignmentByHand(handle.db, organiser, slug, { assignmentId: pair.id, reason: "" })).rejects.toThrow(/alasan/);
    await removeAssignmentByHand(handle.db, organiser, slug, { assignmentId: pair.id, reason: "juri sakit minggu ini" });
    const [after] = await handle.db.select().from(judgeAssignments).where(eq(judgeAssignments.id, pair.id));
    expect(after.removedReason).toBe("juri sakit minggu ini");
  });

  it("reassigns the films of a judge who drops out to the others, never across the home rule", async () => {
    const solo = judges[0];
    const result = await judgeDropsOut(handle.db, organiser, slug, solo.id);
    const pairs = await active();
    expect(pairs.some((p) => p.judgeId === solo.id)).toBe(false);
    // Two judges left, one from each film's regency: each film can keep only one judge.
    expect(result.unfilled.length).toBe(4);
    expect(result.unfilled[0].reason).toMatch(/juri/);
    const [left] = await handle.db.select().from(editionJudges).where(and(eq(editionJudges.userId, solo.id), eq(editionJudges.editionId, editionId)));
    expect(left.leftAt).toBeInstanceOf(Date);
  });
});

describe("progress and reminders", () => {
  it("counts per judge and per film", async () => {
    const progress = await judgingProgress(handle.db, organiser, slug);
    expect(progress.perJudge.map((j) => j.name).sort()).toEqual(["Juri Karanganyar", "Juri Solo", "Juri Wonogiri"]);
    const wng = progress.perJudge.find((j) => j.name === "Juri Wonogiri")!;
    expect(wng).toMatchObject({ submitted: 0, drafted: 0 });
    expect(wng.assigned).toBeGreaterThan(0);
    expect(progress.perFilm.find((f) => f.code === "F-DRAF")).toMatchObject({ assigned: 0 });
  });

  it("emails the judges who are behind, over SMTP", async () => {
    const smtp = await startSmtpServer();
    process.env.SMTP_URL = smtp.url;
    resetEnvForTests();
    try {
      const { reminded } = await remindJudges(handle.db, organiser, slug);
      expect(reminded).toBe(2);
      expect(smtp.inbox.map((m) => m.to[0]).sort()).toEqual(["kra@layar.test", "wng@layar.test"]);
      expect(mailText(smtp.inbox[0].raw)).toMatch(/belum Anda kirim nilainya/);
      expect(mailText(smtp.inbox[0].raw)).toContain(`/juri/${slug}`);
    } finally {
      delete process.env.SMTP_URL;
      resetEnvForTests();
      await smtp.stop();
    }
  });
});

describe("judging close", () => {
  it("moves the close (WIB) and records it; refuses a date in the past", async () => {
    await setJudgingClose(handle.db, organiser, slug, { judgingClosesAt: "2099-01-31T23:59" });
    const [edition] = await handle.db.select().from(editions).where(eq(editions.id, editionId));
    expect(edition.judgingClosesAt?.toISOString()).toBe("2099-01-31T16:59:00.000Z");
    await expect(setJudgingClose(handle.db, organiser, slug, { judgingClosesAt: "2020-01-01T00:00" })).rejects.toMatchObject({ code: "invalid" });
    await expect(setJudgingClose(handle.db, organiser, slug, { judgingClosesAt: "besok" })).rejects.toThrow();
  });
});

describe("screening (kurasi)", () => {
  it("marks a film not eligible with a reason the KIM reads, and it leaves judging", async () => {
    const { decideScreening } = await import("@/lib/judging/screening");
    const { listKimFilms } = await import("@/lib/films/list-kim-films");
    const [film] = await handle.db.select().from(films).where(eq(films.code, "F-0"));
    await expect(decideScreening(handle.db, organiser, slug, { filmId: film.id, eligible: "tidak", reason: "" })).rejects.toThrow(/alasan/);
    await decideScreening(handle.db, organiser, slug, { filmId: film.id, eligible: "tidak", reason: "Durasi melebihi ketentuan lomba." });
    const seen = await listKimFilms(handle.db, kimMember);
    expect(seen.find((f) => f.id === film.id)).toMatchObject({ status: "tidak_lolos_kurasi", statusReason: "Durasi melebihi ketentuan lomba." });
    const preview = await previewAssignment(handle.db, organiser, slug);
    expect(preview.result.assignments.some((a) => a.filmId === film.id)).toBe(false);
    await decideScreening(handle.db, organiser, slug, { filmId: film.id, eligible: "ya" });
    const [after] = await handle.db.select().from(films).where(eq(films.id, film.id));
    expect(after).toMatchObject({ status: "lolos_kurasi", statusReason: null });
  });

  it("refuses films that are not uploaded yet, and other regions' organisers", async () => {
    const { decideScreening } = await import("@/lib/judging/screening");
    const [draft] = await handle.db.select().from(films).where(eq(films.code, "F-DRAF"));
    await expect(decideScreening(handle.db, organiser, slug, { filmId: draft.id, eligible: "ya" })).rejects.toMatchObject({ code: "conflict" });
    await expect(decideScreening(handle.db, otherOrganiser, slug, { filmId: draft.id, eligible: "ya" })).rejects.toMatchObject({ code: "not_found" });
  });
});
