import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, categories, editions, judgeAssignments, judgingRounds, rubricCriteria, scoreSheets } from "@/lib/db/schema";
import { defaultRules, defaultSettings } from "@/lib/editions/defaults";
import { createEdition as createDraft, organiserRegionChoices } from "@/lib/editions/create-edition";
import { updateCategories } from "@/lib/editions/update-categories";
import { updateDates, updateIdentity } from "@/lib/editions/update-edition";
import { rubricLockedAt, updateRubric } from "@/lib/editions/update-rubric";
import { updateRules } from "@/lib/editions/rule-impact";
import { updateJudgingSettings } from "@/lib/judging/judging-settings";
import { zodFieldErrors } from "@/lib/errors";
import { createCategory, createEdition, createFilm, createKim, createRubric, createUser } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
type User = Awaited<ReturnType<typeof createUser>>;
let kra: User, jtg: User, wng: User, judge: User, kimMember: User;
let kimId: string;

const edition = async (slug: string) => (await handle.db.select().from(editions).where(eq(editions.slug, slug)))[0];
const draftInput = { title: "Festival Film KIM Karanganyar 2027", regionCode: "33.13", year: "2027", theme: "Desa Digital", description: "" };

/** The field errors a refusal carries, as the form shows them. */
async function fieldErrorsOf(promise: Promise<unknown>): Promise<Record<string, string[]>> {
  const error = await promise.then(
    () => {
      throw new Error("expected a refusal");
    },
    (e: unknown) => e,
  );
  if (error && typeof error === "object" && "issues" in error) return zodFieldErrors(error as Parameters<typeof zodFieldErrors>[0]);
  return (error as { fieldErrors?: Record<string, string[]> }).fieldErrors ?? {};
}

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  kra = await createUser(handle.db, { email: "kra@layar.test", role: "organiser", regionCode: "33.13" });
  jtg = await createUser(handle.db, { email: "jtg@layar.test", role: "organiser", regionCode: "33" });
  wng = await createUser(handle.db, { email: "wng@layar.test", role: "organiser", regionCode: "33.12" });
  judge = await createUser(handle.db, { email: "juri@layar.test", role: "judge", regionCode: "33.72" });
  const kim = await createKim(handle.db, { name: "KIM Manteb", districtCode: "33.13.08" });
  kimId = kim.id;
  kimMember = await createUser(handle.db, { email: "kim@layar.test", role: "kim", kimId: kim.id, regionCode: "33.13" });
});
afterAll(() => handle.drop());

describe("creating an edition", () => {
  it("creates a draft in the organiser's regency with the defaults, a slug from the title, and an audit entry", async () => {
    const created = await createDraft(handle.db, kra, { ...draftInput, submissionOpensAt: "2027-01-02T08:00", submissionClosesAt: "2027-02-01T23:59" });
    expect(created.slug).toBe("festival-film-kim-karanganyar-2027");
    const row = await edition(created.slug);
    expect(row).toMatchObject({ status: "draf", level: "kabupaten", regionCode: "33.13", year: 2027, createdBy: kra.id, rules: defaultRules, settings: defaultSettings, description: null });
    expect(row.submissionClosesAt?.toISOString()).toBe("2027-02-01T16:59:00.000Z");
    const [audit] = await handle.db.select().from(auditLog).where(and(eq(auditLog.action, "edition.create"), eq(auditLog.editionId, created.id)));
    expect(audit.actorId).toBe(kra.id);
  });

  it("lets a province organiser hold it at the province (provinsi) or in one of its regencies (kabupaten)", async () => {
    const choices = await organiserRegionChoices(handle.db, jtg);
    expect(choices.map((c) => `${c.code}:${c.level}`)).toEqual(["33:provinsi", "33.12:kabupaten", "33.13:kabupaten", "33.72:kabupaten"]);
    expect((await organiserRegionChoices(handle.db, kra)).map((c) => c.code)).toEqual(["33.13"]);
    const province = await createDraft(handle.db, jtg, { ...draftInput, title: "Lomba Film KIM Jawa Tengah 2027", regionCode: "33" });
    expect((await edition(province.slug)).level).toBe("provinsi");
    const regency = await createDraft(handle.db, jtg, { ...draftInput, title: "Festival Wonogiri oleh Provinsi", regionCode: "33.12" });
    expect((await edition(regency.slug)).level).toBe("kabupaten");
  });

  it("refuses a region outside the scope (the server checks, whatever the form offered)", async () => {
    for (const [actor, regionCode] of [[kra, "33"], [kra, "33.12"], [wng, "33.13"], [jtg, "34.04"], [jtg, "33.13.08"], [kra, "99.99"]] as const) {
      expect(await fieldErrorsOf(createDraft(handle.db, actor, { ...draftInput, title: `Festival ${regionCode} ${actor.email}`, regionCode }))).toEqual({ regionCode: ["Pilih wilayah dari daftar."] });
    }
  });

  it("applies the slug rules: only a-z, 0-9 and hyphens, unique, not 'baru'", async () => {
    const base = { ...draftInput, title: "Festival Uji Slug" };
    expect(await fieldErrorsOf(createDraft(handle.db, kra, { ...base, slug: "Festival_2027!" }))).toMatchObject({ slug: [expect.stringMatching(/^Slug hanya boleh/)] });
    expect(await fieldErrorsOf(createDraft(handle.db, kra, { ...base, slug: "baru" }))).toEqual({ slug: ["Slug ini dipakai sistem; pilih yang lain."] });
    expect(await fieldErrorsOf(createDraft(handle.db, kra, { ...base, slug: "-awal" }))).toMatchObject({ slug: [expect.stringMatching(/^Slug hanya boleh/)] });
    expect(await fieldErrorsOf(createDraft(handle.db, kra, { ...draftInput }))).toEqual({ slug: ["Slug festival-film-kim-karanganyar-2027 sudah dipakai edisi lain."] });
    expect(await fieldErrorsOf(createDraft(handle.db, kra, { ...base, title: "!!! ??? ###" }))).toMatchObject({ slug: ["Judul ini tidak menghasilkan slug yang sah; tulis slug sendiri."] });
    // Upper case typed is read as lower case.
    const typed = await createDraft(handle.db, kra, { ...base, slug: "FFK-Uji-2027" });
    expect(typed.slug).toBe("ffk-uji-2027");
  });

  it("checks the title, year and date order, and creates nothing on a refusal", async () => {
    const before = (await handle.db.select().from(editions)).length;
    expect(await fieldErrorsOf(createDraft(handle.db, kra, { ...draftInput, title: "Ab", slug: "x-1" }))).toMatchObject({ title: ["Judul minimal 5 karakter."] });
    expect(await fieldErrorsOf(createDraft(handle.db, kra, { ...draftInput, slug: "x-2", year: "dua ribu" }))).toMatchObject({ year: ["Tulis tahun dengan angka."] });
    expect(
      await fieldErrorsOf(createDraft(handle.db, kra, { ...draftInput, slug: "x-3", submissionOpensAt: "2027-02-01T00:00", submissionClosesAt: "2027-01-01T00:00", judgingClosesAt: "2026-12-01T00:00" })),
    ).toEqual({ submissionClosesAt: ["Penutupan pendaftaran harus setelah pembukaan."], judgingClosesAt: ["Penutupan penilaian tidak boleh sebelum penutupan pendaftaran."] });
    expect((await handle.db.select().from(editions)).length).toBe(before);
  });

  it("is refused to a KIM member and a judge", async () => {
    await expect(createDraft(handle.db, kimMember, { ...draftInput, slug: "kim-coba" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(createDraft(handle.db, judge, { ...draftInput, slug: "juri-coba" })).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("the settings sections", () => {
  const slug = "festival-film-kim-karanganyar-2027";

  it("saves the identity and audits before and after; the slug changes only while a draft", async () => {
    await updateIdentity(handle.db, kra, slug, { title: "Festival Film KIM Karanganyar 2027", theme: "Desa Cerdas", description: "Lomba tahunan.", year: "2027", slug: "ffk-karanganyar-2027" });
    const row = await edition("ffk-karanganyar-2027");
    expect(row).toMatchObject({ theme: "Desa Cerdas", description: "Lomba tahunan." });
    const [audit] = await handle.db.select().from(auditLog).where(and(eq(auditLog.action, "edition.update"), eq(auditLog.editionId, row.id)));
    expect(audit.data).toMatchObject({ section: "identity", before: { theme: "Desa Digital", slug }, after: { theme: "Desa Cerdas", slug: "ffk-karanganyar-2027" } });
    await updateIdentity(handle.db, kra, "ffk-karanganyar-2027", { title: row.title, theme: "Desa Cerdas", description: "", year: "2027", slug });
  });

  it("refuses bad identity input and leaves the row as it was", async () => {
    const before = await edition(slug);
    expect(await fieldErrorsOf(updateIdentity(handle.db, kra, slug, { title: "", year: "1990", theme: "x".repeat(151) }))).toEqual({
      title: ["Judul minimal 5 karakter."],
      year: ["Tahun paling awal 2000."],
      theme: ["Tema paling panjang 150 karakter."],
    });
    expect(await fieldErrorsOf(updateIdentity(handle.db, kra, slug, { title: before.title, year: "2027", regionCode: "33.12" }))).toEqual({ regionCode: ["Pilih wilayah dari daftar."] });
    expect(await edition(slug)).toEqual(before);
  });

  it("keeps the region once a film is entered, and the slug once registration opened", async () => {
    const open = await createEdition(handle.db, { title: "Festival Terbuka Uji", slug: "terbuka-uji", regionCode: "33", status: "pendaftaran" });
    await createFilm(handle.db, { editionId: open.id, kimId, code: "T-1", title: "Film Pertama" });
    expect(await fieldErrorsOf(updateIdentity(handle.db, jtg, "terbuka-uji", { title: open.title, year: "2027", regionCode: "33.13" }))).toEqual({
      regionCode: ["Wilayah tidak bisa diubah lagi: sudah ada film yang didaftarkan."],
    });
    expect(await fieldErrorsOf(updateIdentity(handle.db, jtg, "terbuka-uji", { title: open.title, year: "2027", slug: "terbuka-lain" }))).toEqual({ slug: ["Slug hanya bisa diubah selama edisi masih draf."] });
  });

  it("saves the dates in WIB with the grace, in order, and refuses them out of order", async () => {
    await updateDates(handle.db, kra, slug, { submissionOpensAt: "2027-01-02T08:00", submissionClosesAt: "2027-02-01T23:59", judgingClosesAt: "2027-02-20T17:00", announceAt: "2027-03-01T10:00", uploadGraceMinutes: "90" });
    const row = await edition(slug);
    expect(row.announceAt?.toISOString()).toBe("2027-03-01T03:00:00.000Z");
    expect(row.rules?.uploadGraceMinutes).toBe(90);
    expect(
      await fieldErrorsOf(updateDates(handle.db, kra, slug, { submissionOpensAt: "2027-01-02T08:00", submissionClosesAt: "2027-02-01T23:59", judgingClosesAt: "2027-02-20T17:00", announceAt: "2027-02-10T10:00", uploadGraceMinutes: "2000" })),
    ).toEqual({ announceAt: ["Pengumuman tidak boleh sebelum penutupan penilaian."], uploadGraceMinutes: ["Masa tenggang 0 sampai 1.440 menit (24 jam)."] });
    expect(await edition(slug)).toEqual(row);
  });

  it("keeps the entry dates once registration opened (the close moves by an extension)", async () => {
    const open = await edition("terbuka-uji");
    await handle.db.update(editions).set({ submissionOpensAt: new Date("2026-12-01T01:02:03.456Z"), submissionClosesAt: new Date("2027-01-01T00:00:00Z"), judgingClosesAt: new Date("2027-02-01T00:00:00Z"), announceAt: new Date("2027-02-10T00:00:00Z") }).where(eq(editions.id, open.id));
    const same = { submissionOpensAt: "2026-12-01T08:02", submissionClosesAt: "2027-01-01T07:00", judgingClosesAt: "2027-02-01T07:00", announceAt: "2027-02-12T07:00", uploadGraceMinutes: "60" };
    await updateDates(handle.db, jtg, "terbuka-uji", same);
    const saved = await edition("terbuka-uji");
    // Typed back unchanged, the stored seconds stay.
    expect(saved.submissionOpensAt?.toISOString()).toBe("2026-12-01T01:02:03.456Z");
    expect(saved.announceAt?.toISOString()).toBe("2027-02-12T00:00:00.000Z");
    expect(await fieldErrorsOf(updateDates(handle.db, jtg, "terbuka-uji", { ...same, submissionClosesAt: "2027-01-05T07:00", announceAt: "" }))).toEqual({
      submissionClosesAt: [expect.stringMatching(/^Setelah pendaftaran dibuka, batasnya hanya bisa diperpanjang/)],
      announceAt: ["Tanggal ini wajib diisi setelah pendaftaran dibuka."],
    });
  });

  it("saves the rules from the form (duration, resolution, size, formats, subtitles, eligibility)", async () => {
    const result = await updateRules(handle.db, kra, slug, {
      maxDurationMinutes: "7",
      maxDurationSeconds: "30",
      minHeight: "1080",
      maxFileSize: "1,5",
      maxFileUnit: "GB",
      container_mp4: "on",
      container_webm: "on",
      codec_h264: "on",
      codec_av1: "on",
      filmsPerKim: "3",
      subtitles: "semua",
      eligibleKims: "aktif",
      text: "Tanpa unsur SARA.",
    });
    expect(result.saved).toBe(true);
    expect((await edition(slug)).rules).toEqual({
      maxDurationSeconds: 450,
      minHeight: 1080,
      maxFileBytes: 1.5 * 1024 ** 3,
      containers: ["mp4", "webm"],
      videoCodecs: ["h264", "av1"],
      filmsPerKim: 3,
      uploadGraceMinutes: 90,
      subtitles: "semua",
      eligibleKims: "aktif",
      text: "Tanpa unsur SARA.",
    });
  });

  it("refuses rules out of bounds, above 8 GB or with no format, and changes nothing", async () => {
    const before = await edition(slug);
    const errors = await fieldErrorsOf(
      updateRules(handle.db, kra, slug, { maxDurationMinutes: "200", maxDurationSeconds: "75", minHeight: "540", maxFileSize: "9", maxFileUnit: "GB", codec_h264: "on", filmsPerKim: "0", subtitles: "kadang", eligibleKims: "aktif" }),
    );
    expect(errors).toEqual({
      maxDurationSeconds: ["Detik harus 0 sampai 59."],
      minHeight: ["Pilih resolusi minimal."],
      filmsPerKim: ["Minimal 1 film per KIM."],
      subtitles: ["Pilih aturan subtitle."],
    });
    expect(
      await fieldErrorsOf(updateRules(handle.db, kra, slug, { maxDurationMinutes: "200", maxDurationSeconds: "", minHeight: "720", maxFileSize: "9", maxFileUnit: "GB", filmsPerKim: "1", subtitles: "opsional", eligibleKims: "semua" })),
    ).toEqual({
      maxDurationMinutes: ["Durasi maksimal harus antara 10 detik dan 3 jam."],
      maxFileSize: ["Ukuran berkas maksimal harus antara 1 MB dan 8 GB."],
      containers: ["Pilih minimal satu format berkas."],
      videoCodecs: ["Pilih minimal satu kodek video."],
    });
    expect(await edition(slug)).toEqual(before);
  });

  it("edits categories as rows: add, rename, reorder, placements per category, blank rows skipped", async () => {
    const row = await edition(slug);
    await updateCategories(handle.db, kra, slug, {
      "rows.0.name": "Fiksi",
      "rows.0.juara": "3",
      "rows.0.harapan": "",
      "rows.1.name": "Dokumenter",
      "rows.1.description": "Kisah nyata desa.",
      "rows.1.juara": "2",
      "rows.1.harapan": "1",
      "rows.1.position": "0",
      "rows.2.name": "",
      "rows.3.name": "  ",
    });
    let cats = await handle.db.select().from(categories).where(eq(categories.editionId, row.id)).orderBy(asc(categories.position));
    expect(cats.map((c) => [c.name, c.position, c.juara, c.harapan])).toEqual([
      ["Dokumenter", 0, 2, 1],
      ["Fiksi", 1, 3, null],
    ]);
    await updateCategories(handle.db, kra, slug, { "rows.0.id": cats[0].id, "rows.0.name": "Dokumenter Desa", "rows.0.position": "2", "rows.1.id": cats[1].id, "rows.1.name": "Fiksi", "rows.1.position": "1" });
    cats = await handle.db.select().from(categories).where(eq(categories.editionId, row.id)).orderBy(asc(categories.position));
    expect(cats.map((c) => c.name)).toEqual(["Fiksi", "Dokumenter Desa"]);
    const audits = await handle.db.select().from(auditLog).where(and(eq(auditLog.editionId, row.id), eq(auditLog.action, "edition.update")));
    expect(audits.filter((a) => (a.data as { section: string }).section === "categories")).toHaveLength(2);
  });

  it("refuses bad category rows by row and field, and keeps the categories", async () => {
    const row = await edition(slug);
    const before = await handle.db.select().from(categories).where(eq(categories.editionId, row.id));
    expect(await fieldErrorsOf(updateCategories(handle.db, kra, slug, { "rows.0.name": "A", "rows.1.name": "Animasi", "rows.1.juara": "5", "rows.2.name": "animasi" }))).toEqual({
      "rows.0.name": ["Nama kategori minimal 2 karakter."],
      "rows.1.juara": ["Jumlah juara 0 sampai 3."],
      "rows.2.name": ["Nama kategori ini sudah dipakai di baris lain."],
    });
    expect(await handle.db.select().from(categories).where(eq(categories.editionId, row.id))).toEqual(before);
  });

  it("does not delete a category that films use, and names those films", async () => {
    const row = await edition(slug);
    const [fiksi, dokumenter] = await handle.db.select().from(categories).where(eq(categories.editionId, row.id)).orderBy(asc(categories.position));
    await createFilm(handle.db, { editionId: row.id, kimId, categoryId: fiksi.id, code: "K27-AB12", title: "Sawah Terakhir" });
    const errors = await fieldErrorsOf(updateCategories(handle.db, kra, slug, { "rows.0.id": fiksi.id, "rows.0.name": "Fiksi", "rows.0.delete": "on", "rows.1.id": dokumenter.id, "rows.1.name": "Dokumenter Desa" }));
    expect(errors).toEqual({ "rows.0.delete": ["Kategori ini masih dipakai film K27-AB12 (Sawah Terakhir). Pindahkan film itu ke kategori lain dulu."] });
    expect((await handle.db.select().from(categories).where(eq(categories.editionId, row.id))).length).toBe(2);
    // The unused one can go.
    await updateCategories(handle.db, kra, slug, { "rows.0.id": fiksi.id, "rows.0.name": "Fiksi", "rows.1.id": dokumenter.id, "rows.1.name": "Dokumenter Desa", "rows.1.delete": "on" });
    expect((await handle.db.select().from(categories).where(eq(categories.editionId, row.id))).map((c) => c.name)).toEqual(["Fiksi"]);
  });

  it("edits the rubric with weights and score ranges, and refuses bad rows without a change", async () => {
    const row = await edition(slug);
    await updateRubric(handle.db, kra, slug, {
      "rows.0.name": "Kesesuaian tema",
      "rows.0.description": "Seberapa kuat tema terasa.",
      "rows.0.weight": "40",
      "rows.0.minScore": "0",
      "rows.0.maxScore": "100",
      "rows.1.name": "Teknik",
      "rows.1.weight": "12,5",
      "rows.1.minScore": "1",
      "rows.1.maxScore": "10",
    });
    const criteria = await handle.db.select().from(rubricCriteria).where(eq(rubricCriteria.editionId, row.id)).orderBy(asc(rubricCriteria.position));
    expect(criteria.map((c) => [c.name, c.weight, c.minScore, c.maxScore])).toEqual([
      ["Kesesuaian tema", 40, 0, 100],
      ["Teknik", 12.5, 1, 10],
    ]);
    expect(
      await fieldErrorsOf(updateRubric(handle.db, kra, slug, { "rows.0.id": criteria[0].id, "rows.0.name": "Kesesuaian tema", "rows.0.weight": "0", "rows.0.minScore": "10", "rows.0.maxScore": "5", "rows.1.name": "Cerita", "rows.1.weight": "-2", "rows.1.minScore": "-1", "rows.1.maxScore": "" })),
    ).toEqual({
      "rows.0.weight": ["Bobot harus lebih dari 0."],
      "rows.0.maxScore": ["Nilai tertinggi harus lebih besar dari nilai terendah."],
      "rows.1.weight": ["Bobot harus lebih dari 0."],
      "rows.1.minScore": ["Nilai terendah tidak boleh negatif."],
      "rows.1.maxScore": ["Tulis nilai tertinggi dengan angka."],
    });
    expect(await handle.db.select().from(rubricCriteria).where(eq(rubricCriteria.editionId, row.id)).orderBy(asc(rubricCriteria.position))).toEqual(criteria);
  });

  it("saves the judging section with the tie-break order (criterion ids) and kurasi, refusing a criterion twice", async () => {
    const row = await edition(slug);
    const criteria = await handle.db.select().from(rubricCriteria).where(eq(rubricCriteria.editionId, row.id)).orderBy(asc(rubricCriteria.position));
    const form = { judgesPerFilm: "3", assignmentMode: "k", rankingMethod: "zscore", juara: "2", harapan: "0", screeningRound: "ya", "tieBreak.0": criteria[1].id, "tieBreak.1": criteria[0].id, "tieBreak.2": "", showJuryCommentsToKim: "on" };
    await updateJudgingSettings(handle.db, kra, slug, form);
    expect((await edition(slug)).settings).toEqual({
      ...defaultSettings,
      judgesPerFilm: 3,
      rankingMethod: "zscore",
      placements: { juara: 2, harapan: 0 },
      screeningRound: true,
      tieBreak: [criteria[1].id, criteria[0].id],
      showJuryCommentsToKim: true,
      showOtherJudgesScores: false,
    });
    const before = await edition(slug);
    expect(await fieldErrorsOf(updateJudgingSettings(handle.db, kra, slug, { ...form, "tieBreak.1": criteria[1].id, juara: "4", judgesPerFilm: "16" }))).toEqual({
      judgesPerFilm: ["Paling banyak 15 juri per film."],
      juara: ["Jumlah juara 0 sampai 3."],
    });
    expect(await fieldErrorsOf(updateJudgingSettings(handle.db, kra, slug, { ...form, "tieBreak.1": criteria[1].id }))).toEqual({ "tieBreak.1": ["Kriteria ini sudah dipilih di urutan sebelumnya."] });
    expect(await fieldErrorsOf(updateJudgingSettings(handle.db, kra, slug, { ...form, "tieBreak.0": "00000000-0000-4000-8000-000000000000" }))).toEqual({ "tieBreak.0": ["Pilih kriteria dari daftar."] });
    expect(await edition(slug)).toEqual(before);
  });

  it("drops a deleted criterion from the tie-break order", async () => {
    const row = await edition(slug);
    const criteria = await handle.db.select().from(rubricCriteria).where(eq(rubricCriteria.editionId, row.id)).orderBy(asc(rubricCriteria.position));
    await updateRubric(handle.db, kra, slug, {
      "rows.0.id": criteria[0].id,
      "rows.0.name": criteria[0].name,
      "rows.0.weight": "40",
      "rows.0.minScore": "0",
      "rows.0.maxScore": "100",
      "rows.1.id": criteria[1].id,
      "rows.1.delete": "on",
    });
    expect((await edition(slug)).settings?.tieBreak).toEqual([criteria[0].id]);
  });

  it("locks the rubric once the first score sheet exists, and says since when", async () => {
    const locked = await createEdition(handle.db, { title: "Festival Terkunci Uji", slug: "terkunci-uji", regionCode: "33.13", status: "penjurian" });
    const [criterion] = await createRubric(handle.db, locked.id);
    const film = await createFilm(handle.db, { editionId: locked.id, kimId, code: "L-1", title: "Film Dinilai", status: "diunggah" });
    const rubricForm = { "rows.0.id": criterion.id, "rows.0.name": criterion.name, "rows.0.weight": "99", "rows.0.minScore": "50", "rows.0.maxScore": "100" };
    expect(await rubricLockedAt(handle.db, locked.id)).toBeNull();
    const [round] = await handle.db.insert(judgingRounds).values({ editionId: locked.id, kind: "penilaian" }).returning();
    const [assignment] = await handle.db.insert(judgeAssignments).values({ roundId: round.id, filmId: film.id, judgeId: judge.id }).returning();
    await handle.db.insert(scoreSheets).values({ assignmentId: assignment.id, updatedAt: new Date("2027-02-03T02:00:00Z") });
    expect(await rubricLockedAt(handle.db, locked.id)).toEqual(new Date("2027-02-03T02:00:00Z"));
    await expect(updateRubric(handle.db, kra, "terkunci-uji", rubricForm)).rejects.toMatchObject({ code: "conflict", userMessage: "Rubrik terkunci karena juri sudah mulai menilai pada 3 Februari 2027 pukul 09.00 WIB." });
    const [after] = await handle.db.select().from(rubricCriteria).where(eq(rubricCriteria.id, criterion.id));
    expect(after.weight).toBe(criterion.weight);
    // The other sections of a judged edition still save what may change.
    await createCategory(handle.db, locked.id, "Umum");
  });

  it("keeps every section to the edition's organisers: a neighbour gets not found, a KIM member and a judge are refused", async () => {
    const form = { title: "Coba Ubah Judul", year: "2027" };
    await expect(updateIdentity(handle.db, wng, slug, form)).rejects.toMatchObject({ code: "not_found" });
    for (const actor of [kimMember, judge]) {
      await expect(updateIdentity(handle.db, actor, slug, form)).rejects.toMatchObject({ code: "forbidden" });
      await expect(updateDates(handle.db, actor, slug, {})).rejects.toMatchObject({ code: "forbidden" });
      await expect(updateRules(handle.db, actor, slug, {})).rejects.toMatchObject({ code: "forbidden" });
      await expect(updateCategories(handle.db, actor, slug, {})).rejects.toMatchObject({ code: "forbidden" });
      await expect(updateRubric(handle.db, actor, slug, {})).rejects.toMatchObject({ code: "forbidden" });
      await expect(updateJudgingSettings(handle.db, actor, slug, {})).rejects.toMatchObject({ code: "forbidden" });
    }
    // The province oversees its regencies' editions.
    await updateIdentity(handle.db, jtg, slug, { title: "Festival Film KIM Karanganyar 2027", year: "2027", theme: "Desa Cerdas" });
  });
});
