import { eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, editionJudges, editions, films, judgeAssignments } from "@/lib/db/schema";
import { defaultSettings } from "@/lib/editions/defaults";
import { addAssignmentByHand, confirmAssignment, previewAssignment, setJudgingClose } from "@/lib/judging/assignment-plan";
import { addOrganiserConflict } from "@/lib/judging/organiser-conflicts";
import { judgeDropsOut } from "@/lib/judging/progress";
import { createEdition, createFilm, createKim, createUser } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";

// Decision 0012: while entries are open the assignment is a preview only; it is saved
// once entries have closed and judging has started.

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
type User = Awaited<ReturnType<typeof createUser>>;
let organiser: User;
let judges: User[];
let editionId: string;
const slug = "lomba-jateng-uji-waktu";
const day = 86_400_000;
const waitMessage = "Penugasan juri baru bisa disimpan setelah pendaftaran film ditutup dan masa penilaian dimulai. Sampai saat itu hanya pratinjau.";
const saved = () => handle.db.select().from(judgeAssignments).where(isNull(judgeAssignments.removedAt));

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  organiser = await createUser(handle.db, { email: "jtg@layar.test", name: "Admin Jateng", role: "organiser", regionCode: "33" });
  const kra = await createKim(handle.db, { name: "KIM Karanganyar", districtCode: "33.13.08" });
  const wng = await createKim(handle.db, { name: "KIM Wonogiri", districtCode: "33.12.01" });
  editionId = (
    await createEdition(handle.db, {
      slug,
      title: "Lomba Jawa Tengah Uji Waktu",
      regionCode: "33",
      status: "pendaftaran",
      submissionOpensAt: new Date(Date.now() - 10 * day),
      submissionClosesAt: new Date(Date.now() + 5 * day),
      settings: { ...defaultSettings, judgesPerFilm: 2 },
    })
  ).id;
  for (let i = 0; i < 4; i++) await createFilm(handle.db, { editionId, kimId: i % 2 ? wng.id : kra.id, code: `W-${i}`, title: `Film ${i}`, status: "diunggah" });
  judges = [
    await createUser(handle.db, { email: "solo@layar.test", name: "Juri Solo", role: "judge", regionCode: "33.72" }),
    await createUser(handle.db, { email: "sleman@layar.test", name: "Juri Sleman", role: "judge", regionCode: "34.04" }),
    await createUser(handle.db, { email: "wng@layar.test", name: "Juri Wonogiri", role: "judge", regionCode: "33.12" }),
  ];
  await handle.db.insert(editionJudges).values(judges.map((j) => ({ editionId, userId: j.id })));
});
afterAll(() => handle.drop());

describe("assignment while entries are still open", () => {
  it("the preview works during registration and saves nothing", async () => {
    const preview = await previewAssignment(handle.db, organiser, slug);
    expect(preview.result.assignments).toHaveLength(8);
    expect(await saved()).toEqual([]);
  });

  it("saving the assignment or a hand-made pair waits until entries close and judging starts", async () => {
    await expect(confirmAssignment(handle.db, organiser, slug)).rejects.toMatchObject({ code: "conflict", userMessage: waitMessage });
    const [film] = await handle.db.select().from(films).where(eq(films.code, "W-0"));
    await expect(addAssignmentByHand(handle.db, organiser, slug, { filmId: film.id, judgeId: judges[0].id })).rejects.toMatchObject({ code: "conflict", userMessage: waitMessage });
    expect(await saved()).toEqual([]);
    expect(await handle.db.select().from(auditLog).where(eq(auditLog.action, "assignment.apply"))).toEqual([]);
  });

  it("neither a conflict nor a judge dropping out assigns anything during registration", async () => {
    const [film] = await handle.db.select().from(films).where(eq(films.code, "W-1"));
    expect(await addOrganiserConflict(handle.db, organiser, slug, { judgeId: judges[1].id, filmId: film.id, reason: "Juri ini kerabat sutradara." })).toMatchObject({ released: 0, added: 0 });
    expect(await judgeDropsOut(handle.db, organiser, slug, judges[2].id)).toMatchObject({ added: 0 });
    expect(await saved()).toEqual([]);
    // The judge who left comes back for the rest of the test.
    await handle.db.update(editionJudges).set({ leftAt: null }).where(eq(editionJudges.userId, judges[2].id));
  });

  it("a draft edition waits too; a sealed one says the assignment can no longer change", async () => {
    for (const [status, message] of [
      ["draf", waitMessage],
      ["disegel", "Penugasan hanya bisa diubah sebelum hasil disegel."],
    ] as const) {
      await handle.db.update(editions).set({ status }).where(eq(editions.id, editionId));
      await expect(confirmAssignment(handle.db, organiser, slug)).rejects.toMatchObject({ userMessage: message });
    }
    await handle.db.update(editions).set({ status: "pendaftaran" }).where(eq(editions.id, editionId));
  });

  it("once entries have closed and judging has started, the assignment is saved", async () => {
    // Judging cannot start while entries are open...
    await expect(setJudgingClose(handle.db, organiser, slug, { judgingClosesAt: "2099-01-31T23:59" })).rejects.toMatchObject({ code: "conflict" });
    // ...and can once they have closed.
    await handle.db.update(editions).set({ submissionClosesAt: new Date(Date.now() - 60_000) }).where(eq(editions.id, editionId));
    await setJudgingClose(handle.db, organiser, slug, { judgingClosesAt: "2099-01-31T23:59" });
    const result = await confirmAssignment(handle.db, organiser, slug);
    expect(result.added).toBeGreaterThan(0);
    expect((await saved()).length).toBe(result.added);
  });
});
