import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, editions } from "@/lib/db/schema";
import { updateJudgingSettings } from "@/lib/judging/judging-settings";
import { createEdition, createKim, createUser } from "@/lib/seed/factories";
import { defaultSettings } from "@/lib/editions/defaults";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
type User = Awaited<ReturnType<typeof createUser>>;
let organiser: User, judge: User, kimMember: User;
const slug = "pengaturan-uji";
const form = { judgesPerFilm: "3", assignmentMode: "k", rankingMethod: "zscore", showOtherJudgesScores: "on" };
const settingsNow = async () => (await handle.db.select().from(editions).where(eq(editions.slug, slug)))[0].settings;

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  organiser = await createUser(handle.db, { email: "kra@layar.test", role: "organiser", regionCode: "33.13" });
  judge = await createUser(handle.db, { email: "juri@layar.test", role: "judge", regionCode: "33.72" });
  const kim = await createKim(handle.db, { name: "KIM Pengaturan", districtCode: "33.13.08" });
  kimMember = await createUser(handle.db, { email: "kim@layar.test", role: "kim", kimId: kim.id, regionCode: "33.13" });
  await createEdition(handle.db, { slug, title: "Festival Pengaturan", regionCode: "33.13", status: "penjurian" });
});
afterAll(() => handle.drop());

describe("judging settings", () => {
  it("saves what the form sends (an unticked box is false) and audits before and after", async () => {
    await updateJudgingSettings(handle.db, organiser, slug, form);
    expect(await settingsNow()).toMatchObject({ judgesPerFilm: 3, assignmentMode: "k", rankingMethod: "zscore", showOtherJudgesScores: true, showJuryCommentsToKim: false });
    const [audit] = await handle.db.select().from(auditLog).where(eq(auditLog.action, "edition.update"));
    expect(audit).toMatchObject({ actorId: organiser.id, data: { section: "judging" } });
    expect((audit.data as { before: { rankingMethod: string } }).before.rankingMethod).toBe(defaultSettings.rankingMethod);
    // The penjurian page's short form sends no placements, kurasi or tie-break: they stay as they were.
    expect(await settingsNow()).toMatchObject({ placements: defaultSettings.placements, screeningRound: false, tieBreak: [] });
  });

  it("refuses values out of range with a message per field, and changes nothing", async () => {
    const before = await settingsNow();
    await expect(updateJudgingSettings(handle.db, organiser, slug, { ...form, judgesPerFilm: "0" })).rejects.toThrow("Minimal 1 juri per film.");
    await expect(updateJudgingSettings(handle.db, organiser, slug, { ...form, rankingMethod: "median" })).rejects.toThrow("Pilih metode peringkat.");
    expect(await settingsNow()).toEqual(before);
  });

  it("is the edition's organisers' only", async () => {
    await expect(updateJudgingSettings(handle.db, judge, slug, form)).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateJudgingSettings(handle.db, kimMember, slug, form)).rejects.toMatchObject({ code: "forbidden" });
    const elsewhere = await createUser(handle.db, { email: "wng@layar.test", role: "organiser", regionCode: "33.12" });
    await expect(updateJudgingSettings(handle.db, elsewhere, slug, form)).rejects.toMatchObject({ code: "not_found" });
  });

  it("after sealing, keeps the method fixed but still lets the visibility change", async () => {
    await handle.db.update(editions).set({ status: "disegel" }).where(eq(editions.slug, slug));
    await expect(updateJudgingSettings(handle.db, organiser, slug, { ...form, rankingMethod: "mean" })).rejects.toThrow("Hasil sudah disegel");
    await expect(updateJudgingSettings(handle.db, organiser, slug, { ...form, juara: "1" })).rejects.toThrow("Hasil sudah disegel: jumlah juara");
    await expect(updateJudgingSettings(handle.db, organiser, slug, { ...form, screeningRound: "ya" })).rejects.toThrow("Hasil sudah disegel: jumlah juara");
    await updateJudgingSettings(handle.db, organiser, slug, { ...form, showOtherJudgesScores: "", showJuryCommentsToKim: "on" });
    expect(await settingsNow()).toMatchObject({ rankingMethod: "zscore", showOtherJudgesScores: false, showJuryCommentsToKim: true });
  });
});
