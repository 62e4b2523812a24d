import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, editions, filmMedia, films, type VideoProbe } from "@/lib/db/schema";
import { defaultRules } from "@/lib/editions/defaults";
import { ruleImpact, rulesTightened, updateRules } from "@/lib/editions/rule-impact";
import { createEdition, createFilm, createKim, createUser } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
type User = Awaited<ReturnType<typeof createUser>>;
let organiser: User;
let editionId: string;
const slug = "aturan-uji";
const ids: Record<string, string> = {};

const probe = (p: Partial<VideoProbe>): VideoProbe => ({ container: "mp4", videoCodec: "h264", width: 1920, height: 1080, durationSeconds: 240, ...p });
const MB = 1024 ** 2;

async function withVideo(code: string, values: { title: string; language: string; status?: "draf" | "diunggah" | "ditarik"; kimId: string }, video?: { probe: VideoProbe; size: number }, subtitle = false) {
  const film = await createFilm(handle.db, { editionId, code, status: "diunggah", ...values });
  ids[code] = film.id;
  if (video) {
    await handle.db.insert(filmMedia).values([
      { filmId: film.id, kind: "video", storageDriver: "local", storageKey: `films/${film.id}/v.mp4`, sizeBytes: video.size, probe: video.probe, status: "ok" },
      { filmId: film.id, kind: "judge_video", storageDriver: "local", storageKey: `films/${film.id}/j.mp4`, sizeBytes: video.size, probe: video.probe, status: "ok" },
    ]);
  }
  if (subtitle) await handle.db.insert(filmMedia).values({ filmId: film.id, kind: "subtitle", storageDriver: "local", storageKey: `films/${film.id}/s.vtt`, status: "ok" });
}

/** The rules form as the page sends it, from the defaults. */
const form = (change: Record<string, string> = {}) => ({
  edition: slug,
  maxDurationMinutes: "5",
  maxDurationSeconds: "0",
  minHeight: "720",
  maxFileSize: "2",
  maxFileUnit: "GB",
  container_mp4: "on",
  container_mov: "on",
  codec_h264: "on",
  codec_hevc: "on",
  filmsPerKim: "2",
  subtitles: "bahasa_daerah",
  eligibleKims: "semua",
  ...change,
});

const statusOf = async (code: string) => (await handle.db.select({ status: films.status, reason: films.statusReason }).from(films).where(eq(films.id, ids[code])))[0];

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  organiser = await createUser(handle.db, { email: "kra@layar.test", role: "organiser", regionCode: "33.13" });
  const a = await createKim(handle.db, { name: "KIM Manteb", districtCode: "33.13.08" });
  const b = await createKim(handle.db, { name: "KIM Dagen", districtCode: "33.13.11" });
  editionId = (await createEdition(handle.db, { slug, title: "Festival Aturan Uji", regionCode: "33.13", status: "pendaftaran" })).id;
  await withVideo("A-1", { title: "Sawah", language: "Bahasa Indonesia", kimId: a.id }, { probe: probe({}), size: 500 * MB });
  await withVideo("A-2", { title: "Pasar", language: "Bahasa Jawa", kimId: a.id }, { probe: probe({ width: 1280, height: 720, durationSeconds: 290 }), size: 1200 * MB }, true);
  await withVideo("A-3", { title: "Sungai", language: "Bahasa Jawa", kimId: a.id }, { probe: probe({ container: "mov", videoCodec: "hevc", width: 1280, height: 720, durationSeconds: 100 }), size: 100 * MB });
  await withVideo("B-1", { title: "Belum Jadi", language: "Bahasa Indonesia", kimId: b.id, status: "draf" });
  await withVideo("B-2", { title: "Ditarik", language: "Bahasa Jawa", kimId: b.id, status: "ditarik" }, { probe: probe({ width: 640, height: 360 }), size: 100 * MB });
});
afterAll(() => handle.drop());

describe("tightening the rules once entries exist", () => {
  it("tells a tightening from a loosening", () => {
    expect(rulesTightened(defaultRules, { ...defaultRules, maxDurationSeconds: 600, containers: ["mp4", "mov", "mkv"] })).toBe(false);
    expect(rulesTightened(defaultRules, { ...defaultRules, containers: ["mp4"] })).toBe(true);
    expect(rulesTightened(defaultRules, { ...defaultRules, subtitles: "semua" })).toBe(true);
    expect(rulesTightened(defaultRules, { ...defaultRules, subtitles: "opsional", filmsPerKim: 3 })).toBe(false);
  });

  it("sets, changes and clears the edition's storage budget (GB, decimals with a comma), without touching entries", async () => {
    const budget = async () => (await handle.db.select().from(editions).where(eq(editions.id, editionId)))[0].rules;
    expect(await updateRules(handle.db, organiser, slug, form({ storageBudgetGb: "50" }))).toEqual({ saved: true, impact: { entries: [], overLimit: [] } });
    expect((await budget())?.storageBudgetBytes).toBe(50 * 1024 ** 3);
    await updateRules(handle.db, organiser, slug, form({ storageBudgetGb: "0,5" }));
    expect((await budget())?.storageBudgetBytes).toBe(512 * MB);
    const tooSmall = await updateRules(handle.db, organiser, slug, form({ storageBudgetGb: "0,01" })).catch((e: { issues: { path: string[]; message: string }[] }) => e.issues);
    expect(tooSmall).toEqual([expect.objectContaining({ path: ["storageBudgetGb"], message: "Kuota penyimpanan harus antara 100 MB dan 1 PB." })]);
    await updateRules(handle.db, organiser, slug, form({ storageBudgetGb: "" }));
    expect(await budget()).not.toHaveProperty("storageBudgetBytes");
  });

  it("saves a loosening at once", async () => {
    const result = await updateRules(handle.db, organiser, slug, form({ maxDurationMinutes: "10" }));
    expect(result).toEqual({ saved: true, impact: { entries: [], overLimit: [] } });
    expect((await handle.db.select().from(editions).where(eq(editions.id, editionId)))[0].rules?.maxDurationSeconds).toBe(600);
    await updateRules(handle.db, organiser, slug, form());
  });

  const tighter = form({ maxDurationMinutes: "4", maxDurationSeconds: "10", minHeight: "1080", maxFileSize: "1", container_mov: "", subtitles: "semua", filmsPerKim: "1" });

  it("first answers with the entries it would affect and what no longer fits, saving nothing", async () => {
    const before = (await handle.db.select().from(editions).where(eq(editions.id, editionId)))[0];
    const result = await updateRules(handle.db, organiser, slug, tighter);
    expect(result.saved).toBe(false);
    expect(result.impact.entries.map((e) => [e.code, e.kimName, e.outcome])).toEqual([
      ["A-1", "KIM Manteb", "draf"],
      ["A-2", "KIM Manteb", "ditolak_sistem"],
      ["A-3", "KIM Manteb", "ditolak_sistem"],
      ["B-1", "KIM Dagen", "draf"],
    ]);
    const a2 = result.impact.entries.find((e) => e.code === "A-2")!;
    expect(a2.problems).toEqual([
      "Resolusi film 1280×720 (720p), kurang dari minimal 1080p. Ekspor ulang minimal 1920×1080.",
      "Durasi film 4 menit 50 detik, melebihi batas 4 menit 10 detik.",
      "Ukuran berkas 1,2 GB, melebihi batas 1 GB. Ekspor ulang dengan bitrate lebih rendah.",
    ]);
    // A-3 already needed its subtitle (Javanese): only the video is new.
    expect(result.impact.entries.find((e) => e.code === "A-3")!.problems[0]).toMatch(/^Format MOV tidak diterima/);
    expect(result.impact.entries.find((e) => e.code === "A-1")!.problems).toEqual(["Film ini kini wajib memiliki berkas subtitle (.srt atau .vtt); unggah subtitle agar film bisa diikutkan."]);
    // The withdrawn entry does not count; KIM Manteb has three entries for a limit of one.
    expect(result.impact.overLimit).toEqual([{ kimName: "KIM Manteb", entries: 3 }]);
    expect((await handle.db.select().from(editions).where(eq(editions.id, editionId)))[0]).toEqual(before);
    expect(await statusOf("A-2")).toEqual({ status: "diunggah", reason: null });
  });

  it("saves with 'Saya mengerti': a video that no longer fits is refused, a missing subtitle sends the entry back to draf, and the audit lists them", async () => {
    const result = await updateRules(handle.db, organiser, slug, { ...tighter, confirm: "on" });
    expect(result.saved).toBe(true);
    expect(await statusOf("A-2")).toEqual({ status: "ditolak_sistem", reason: expect.stringMatching(/^Resolusi film 1280×720.*melebihi batas 4 menit 10 detik\. Ukuran berkas 1,2 GB/) });
    expect((await statusOf("A-3")).status).toBe("ditolak_sistem");
    expect(await statusOf("A-1")).toEqual({ status: "draf", reason: "Film ini kini wajib memiliki berkas subtitle (.srt atau .vtt); unggah subtitle agar film bisa diikutkan." });
    expect((await statusOf("B-1")).status).toBe("draf");
    expect((await statusOf("B-2")).status).toBe("ditarik");
    // The refused video no longer counts as the entry's video, for the KIM or for judges.
    const media = await handle.db.select().from(filmMedia).where(eq(filmMedia.filmId, ids["A-2"]));
    expect(media.find((m) => m.kind === "video")).toMatchObject({ status: "rejected", isCurrent: false, problems: [expect.stringMatching(/^Resolusi/), expect.stringMatching(/^Durasi/), expect.stringMatching(/^Ukuran/)] });
    expect(media.find((m) => m.kind === "judge_video")?.isCurrent).toBe(false);
    expect(media.find((m) => m.kind === "subtitle")?.isCurrent).toBe(true);
    const [audit] = await handle.db.select().from(auditLog).where(and(eq(auditLog.editionId, editionId), eq(auditLog.action, "edition.update"))).orderBy(auditLog.id).then((rows) => rows.slice(-1));
    expect(audit.data).toMatchObject({
      section: "rules",
      before: { minHeight: 720 },
      after: { minHeight: 1080, containers: ["mp4"], subtitles: "semua" },
      affected: [{ code: "A-1", outcome: "draf" }, { code: "A-2", outcome: "ditolak_sistem", kim: "KIM Manteb" }, { code: "A-3" }, { code: "B-1" }],
      overLimit: [{ kimName: "KIM Manteb", entries: 3 }],
    });
  });

  it("measures nothing again once saved (the entries already follow the rules)", async () => {
    const rules = (await handle.db.select().from(editions).where(eq(editions.id, editionId)))[0].rules!;
    expect(await ruleImpact(handle.db, editionId, rules, rules)).toEqual({ entries: [], overLimit: [] });
  });

  it("locks the rules once entries closed", async () => {
    await handle.db.update(editions).set({ status: "penjurian" }).where(eq(editions.id, editionId));
    await expect(updateRules(handle.db, organiser, slug, form())).rejects.toMatchObject({ code: "conflict", userMessage: "Aturan film tidak bisa diubah lagi setelah pendaftaran ditutup." });
  });
});
