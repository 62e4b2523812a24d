import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runAdmin, type AdminIo } from "@/lib/admin/run-admin";
import { openDatabase } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";
import { auditLog, categories, editions, rubricCriteria } from "@/lib/db/schema";
import { defaultRules, defaultSettings } from "@/lib/editions/defaults";
import { duplicateEdition } from "@/lib/editions/duplicate-edition";
import { exportEdition, importEdition, type EditionFileJson } from "@/lib/editions/edition-format";
import { createEdition, createKim, createUser } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";

// Spawning npm and tsx takes a few seconds, more while other suites run beside it.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
type User = Awaited<ReturnType<typeof createUser>>;
let kra: User, jtg: User, wng: User, judge: User, kimMember: User;
const source = "sumber-uji";

/** A complete edition file, as an organiser would hand it over. */
const template = (): EditionFileJson => ({
  format: "layar-edition",
  version: 1,
  slug: "templat-jateng-2027",
  title: "Templat Festival Film KIM 2027",
  level: "kabupaten",
  regionCode: "33.13",
  year: 2027,
  theme: "Desa Digital",
  description: "Templat provinsi untuk kabupaten.",
  dates: { submissionOpensAt: "2027-01-02T08:00:00+07:00", submissionClosesAt: "2027-02-01T23:59:00+07:00", judgingClosesAt: "2027-02-20T17:00:00+07:00", announceAt: null },
  rules: { maxDurationSeconds: 420, minHeight: 1080, maxFileBytes: 3 * 1024 ** 3, containers: ["mp4", "mkv"], videoCodecs: ["h264", "vp9"], filmsPerKim: 1, uploadGraceMinutes: 30, subtitles: "semua", eligibleKims: "aktif", storageBudgetBytes: 50 * 1024 ** 3, text: "Tanpa SARA." },
  judging: { judgesPerFilm: 3, assignmentMode: "all", rankingMethod: "zscore", placements: { juara: 3, harapan: 2 }, screeningRound: true, tieBreak: ["Teknik", "Kesesuaian tema"] },
  visibility: { showOtherJudgesScores: true, showJuryCommentsToKim: false },
  categories: [
    { name: "Fiksi", description: "Cerita rekaan.", juara: 3, harapan: 3 },
    { name: "Dokumenter", description: null, juara: 1, harapan: null },
  ],
  rubric: [
    { name: "Kesesuaian tema", description: "Seberapa kuat tema terasa.", weight: 40, minScore: 0, maxScore: 100 },
    { name: "Teknik", description: null, weight: 35.5, minScore: 0, maxScore: 100 },
    { name: "Pesan", description: null, weight: 24.5, minScore: 0, maxScore: 100 },
  ],
  documents: { signatoryName: "Drs. Contoh Pejabat", signatoryPosition: "Kepala Dinas Kominfo", signatoryNip: "19700101 199003 1 001", beritaAcaraNumber: "045/BA/2027" },
});

const text = (file: unknown) => JSON.stringify(file, null, 2);
const withoutSlug = (json: string) => ({ ...JSON.parse(json), slug: "-" });

/** The refusal's message (the CLI's one line, the form's message under the file input). */
async function refusal(file: string, actor: User | null = kra): Promise<string> {
  return importEdition(handle.db, file, actor).then(
    () => "(imported)",
    (e: { userMessage?: string; message: string }) => e.userMessage ?? e.message,
  );
}

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  kra = await createUser(handle.db, { email: "kra@layar.test", role: "organiser", regionCode: "33.13" });
  jtg = await createUser(handle.db, { email: "jtg@layar.test", role: "organiser", regionCode: "33" });
  wng = await createUser(handle.db, { email: "wng@layar.test", role: "organiser", regionCode: "33.12" });
  judge = await createUser(handle.db, { email: "juri@layar.test", role: "judge", regionCode: "33.72" });
  const kim = await createKim(handle.db, { name: "KIM Manteb", districtCode: "33.13.08" });
  kimMember = await createUser(handle.db, { email: "kim@layar.test", role: "kim", kimId: kim.id, regionCode: "33.13" });
  await importEdition(handle.db, text({ ...template(), slug: source, title: "Festival Sumber Uji" }), kra);
});
afterAll(() => handle.drop());

describe("importing an edition file", () => {
  it("creates a new draft holding everything the file says, named by its slug and title, audited", async () => {
    const created = await importEdition(handle.db, text(template()), kra);
    const [row] = await handle.db.select().from(editions).where(eq(editions.id, created.id));
    expect(row).toMatchObject({ slug: "templat-jateng-2027", title: "Templat Festival Film KIM 2027", status: "draf", level: "kabupaten", regionCode: "33.13", createdBy: kra.id, announceAt: null });
    expect(row.submissionOpensAt?.toISOString()).toBe("2027-01-02T01:00:00.000Z");
    expect(row.rules).toEqual({ ...template().rules });
    const criteria = await handle.db.select().from(rubricCriteria).where(eq(rubricCriteria.editionId, row.id)).orderBy(asc(rubricCriteria.position));
    expect(row.settings).toEqual({ ...defaultSettings, judgesPerFilm: 3, assignmentMode: "all", rankingMethod: "zscore", placements: { juara: 3, harapan: 2 }, screeningRound: true, showOtherJudgesScores: true, showJuryCommentsToKim: false, tieBreak: [criteria[1].id, criteria[0].id] });
    const cats = await handle.db.select().from(categories).where(eq(categories.editionId, row.id)).orderBy(asc(categories.position));
    expect(cats.map((c) => [c.name, c.juara, c.harapan])).toEqual([["Fiksi", 3, 3], ["Dokumenter", 1, null]]);
    expect(row.documents).toEqual(template().documents);
    const [audit] = await handle.db.select().from(auditLog).where(and(eq(auditLog.action, "edition.import"), eq(auditLog.editionId, row.id)));
    expect(audit).toMatchObject({ actorId: kra.id, data: { via: "web" } });
  });

  it("refuses unknown and invalid fields with the JSON path", async () => {
    const file = template();
    file.rubric[2].weight = 0;
    expect(await refusal(text({ ...file, slug: "x-1" }))).toBe("Berkas tidak sesuai format di rubric[2].weight: Bobot harus lebih dari 0.");
    expect(await refusal(text({ ...template(), slug: "x-2", warna: "merah" }))).toBe("Berkas tidak sesuai format di warna: Kolom ini tidak dikenal.");
    expect(await refusal(text({ ...template(), slug: "x-3", rules: { ...template().rules, maxFileBytes: 9 * 1024 ** 3 } }))).toBe("Berkas tidak sesuai format di rules.maxFileBytes: Ukuran berkas maksimal harus antara 1 MB dan 8 GB.");
    expect(await refusal(text({ ...template(), slug: "x-4", categories: [{ name: "Fiksi", description: null, juara: 4, harapan: null, urutan: 1 }] }))).toBe(
      "Berkas tidak sesuai format di categories[0].juara: Jumlah juara 0 sampai 3.",
    );
    const noDates = { ...template(), slug: "x-5" } as Record<string, unknown>;
    delete noDates.dates;
    expect(await refusal(text(noDates))).toBe("Berkas tidak sesuai format di dates: Kolom ini wajib ada.");
    expect(await refusal(text({ ...template(), slug: "x-6", judging: { ...template().judging, assignmentMode: "acak" } }))).toBe('Berkas tidak sesuai format di judging.assignmentMode: Nilai harus salah satu dari: "k", "all".');
    expect(await refusal(text({ ...template(), slug: "x-7", judging: { ...template().judging, tieBreak: ["Sinematografi"] } }))).toBe("Berkas tidak sesuai format di judging.tieBreak[0]: Kriteria penentu seri harus salah satu nama di rubric.");
    expect(await refusal(text({ ...template(), slug: "x-8", year: "2027" }))).toBe("Berkas tidak sesuai format di year: Jenis nilai salah: seharusnya angka.");
    expect(await refusal(text({ ...template(), slug: "x-9", dates: { ...template().dates, submissionClosesAt: "2027-01-01T00:00:00+07:00" } }))).toBe(
      "Berkas tidak sesuai format di dates.submissionClosesAt: Penutupan pendaftaran harus setelah pembukaan.",
    );
    expect(await refusal(text({ ...template(), slug: "x-10", level: "provinsi" }))).toMatch(/^Berkas tidak sesuai format di level: Tingkat tidak cocok/);
    expect(await refusal(text({ ...template(), slug: "Huruf Besar" }))).toMatch(/^Berkas tidak sesuai format di slug: Slug hanya boleh/);
    expect(await refusal(text({ ...template(), format: "lain" }))).toBe('Berkas tidak sesuai format di format: Berkas ini bukan pengaturan edisi Layar (format harus "layar-edition").');
    expect(await refusal(text({ ...template(), version: 2 }))).toBe("Berkas tidak sesuai format di version: Versi format ini belum dikenal; Layar membaca versi 1.");
    expect(await refusal("{ \"format\": \"layar-edition\",\n  \"version\": 1,\n  oops }")).toBe("Berkas ini bukan JSON yang sah (baris 3, kolom 3).");
    expect(await refusal("[]")).toBe("Berkas tidak sesuai format di (berkas): Jenis nilai salah: seharusnya objek {...}.");
    // Every problem is listed for the form, not only the first.
    const many = await importEdition(handle.db, text({ ...template(), slug: "x-11", warna: 1, year: 1990 }), kra).catch((e: { fieldErrors: Record<string, string[]> }) => e.fieldErrors);
    expect(many).toEqual({ file: ["Berkas tidak sesuai format di year: Tahun paling awal 2000.", "Berkas tidak sesuai format di warna: Kolom ini tidak dikenal."] });
    expect((await handle.db.select().from(editions).where(eq(editions.slug, "x-1"))).length).toBe(0);
  });

  it("refuses a used slug, an unknown region, and a region outside the organiser's scope (the operator's CLI may import any region)", async () => {
    expect(await refusal(text(template()))).toBe("Slug templat-jateng-2027 sudah dipakai edisi lain.");
    expect(await refusal(text({ ...template(), slug: "x-20", regionCode: "33.99" }))).toBe("Wilayah 33.99 tidak dikenal atau di luar wilayah Anda.");
    expect(await refusal(text({ ...template(), slug: "x-21", regionCode: "33.99" }), null)).toBe("Wilayah 33.99 tidak dikenal.");
    expect(await refusal(text({ ...template(), slug: "x-22", regionCode: "33.12" }), kra)).toBe("Wilayah 33.12 tidak dikenal atau di luar wilayah Anda.");
    expect(await refusal(text({ ...template(), slug: "x-23", regionCode: "33.12" }), wng)).toBe("(imported)");
    expect(await refusal(text({ ...template(), slug: "x-24", level: "provinsi", regionCode: "33" }), jtg)).toBe("(imported)");
    expect(await refusal(text({ ...template(), slug: "x-25", level: "provinsi", regionCode: "34" }), null)).toBe("(imported)");
    const [cli] = await handle.db.select().from(editions).where(eq(editions.slug, "x-25"));
    expect(cli.createdBy).toBeNull();
  });

  it("is refused to a KIM member and a judge", async () => {
    await expect(importEdition(handle.db, text({ ...template(), slug: "x-30" }), kimMember)).rejects.toMatchObject({ code: "not_found" });
    await expect(importEdition(handle.db, text({ ...template(), slug: "x-31" }), judge)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("export → import → export", () => {
  it("gives the same settings, whatever but the slug", async () => {
    const first = await exportEdition(handle.db, source);
    expect(JSON.parse(first).rules.storageBudgetBytes).toBe(50 * 1024 ** 3);
    expect(first.endsWith("}\n")).toBe(true);
    expect(JSON.parse(first)).toMatchObject({ format: "layar-edition", version: 1, slug: source, dates: { submissionOpensAt: "2027-01-02T08:00:00+07:00", announceAt: null }, judging: { tieBreak: ["Teknik", "Kesesuaian tema"] } });
    await importEdition(handle.db, first.replace(`"slug": "${source}"`, '"slug": "salinan-uji"'), kra);
    const second = await exportEdition(handle.db, "salinan-uji");
    expect(withoutSlug(second)).toEqual(withoutSlug(first));
  });

  it("exports an edition made from the defaults, and reads it back the same", async () => {
    const plain = await createEdition(handle.db, { title: "Festival Polos Uji", slug: "polos-uji", regionCode: "33.13", year: 2026, rules: defaultRules, settings: defaultSettings });
    const first = await exportEdition(handle.db, plain.slug);
    expect(JSON.parse(first)).toMatchObject({ theme: null, rules: { text: null, storageBudgetBytes: null }, categories: [], rubric: [], documents: { signatoryName: null } });
    await importEdition(handle.db, first.replace('"slug": "polos-uji"', '"slug": "polos-salinan"'), null);
    expect(withoutSlug(await exportEdition(handle.db, "polos-salinan"))).toEqual(withoutSlug(first));
  });

  it("reads a file written before the storage budget existed as no budget, and refuses a budget out of range", async () => {
    const old = template() as EditionFileJson & { rules: Record<string, unknown> };
    delete old.rules.storageBudgetBytes;
    const created = await importEdition(handle.db, text({ ...old, slug: "tanpa-kuota" }), kra);
    const [row] = await handle.db.select().from(editions).where(eq(editions.id, created.id));
    expect(row.rules).not.toHaveProperty("storageBudgetBytes");
    expect(JSON.parse(await exportEdition(handle.db, "tanpa-kuota")).rules.storageBudgetBytes).toBeNull();
    expect(await refusal(text({ ...template(), slug: "kuota-kecil", rules: { ...template().rules, storageBudgetBytes: 1024 } }))).toBe(
      "Berkas tidak sesuai format di rules.storageBudgetBytes: Kuota penyimpanan harus antara 100 MB dan 1 PB.",
    );
  });
});

describe("duplicating an earlier edition", () => {
  it("copies every setting into a new draft with new title, slug, year and dates, the tie-break remapped to the new criteria", async () => {
    const copy = await duplicateEdition(handle.db, kra, { sourceSlug: source, title: "Festival Sumber Uji 2028", slug: "", year: "2028", submissionOpensAt: "2028-01-03T08:00", submissionClosesAt: "2028-02-01T23:59", judgingClosesAt: "", announceAt: "" });
    expect(copy.slug).toBe("festival-sumber-uji-2028");
    const original = JSON.parse(await exportEdition(handle.db, source));
    const duplicated = JSON.parse(await exportEdition(handle.db, copy.slug));
    expect(duplicated).toEqual({
      ...original,
      slug: "festival-sumber-uji-2028",
      title: "Festival Sumber Uji 2028",
      year: 2028,
      dates: { submissionOpensAt: "2028-01-03T08:00:00+07:00", submissionClosesAt: "2028-02-01T23:59:00+07:00", judgingClosesAt: null, announceAt: null },
    });
    const [row] = await handle.db.select().from(editions).where(eq(editions.id, copy.id));
    const [src] = await handle.db.select().from(editions).where(eq(editions.slug, source));
    const newCriteria = await handle.db.select({ id: rubricCriteria.id }).from(rubricCriteria).where(eq(rubricCriteria.editionId, row.id));
    expect(row.status).toBe("draf");
    expect(row.settings?.tieBreak?.every((id) => newCriteria.some((c) => c.id === id))).toBe(true);
    expect(row.settings?.tieBreak).not.toEqual(src.settings?.tieBreak);
    const [audit] = await handle.db.select().from(auditLog).where(and(eq(auditLog.action, "edition.duplicate"), eq(auditLog.editionId, row.id)));
    expect(audit.data).toMatchObject({ from: src.id, fromSlug: source });
  });

  it("refuses a source outside the scope, a used slug, and dates out of order", async () => {
    const input = { sourceSlug: source, title: "Salinan Tetangga", year: "2028" };
    await expect(duplicateEdition(handle.db, wng, input)).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["sourceSlug"], message: "Pilih edisi sumber dari daftar." })] });
    await expect(duplicateEdition(handle.db, kra, { ...input, slug: "festival-sumber-uji-2028" })).rejects.toMatchObject({ fieldErrors: { slug: ["Slug festival-sumber-uji-2028 sudah dipakai edisi lain."] } });
    await expect(duplicateEdition(handle.db, kra, { ...input, submissionOpensAt: "2028-02-01T00:00", submissionClosesAt: "2028-01-01T00:00" })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["submissionClosesAt"] })],
    });
    await expect(duplicateEdition(handle.db, judge, input)).rejects.toMatchObject({ code: "forbidden" });
    await expect(duplicateEdition(handle.db, kimMember, input)).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("npm run admin -- export-edition / import-edition", () => {
  function io(files: Record<string, string> = {}) {
    const out: string[] = [];
    const err: string[] = [];
    const fake: AdminIo = {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      readFile: async (p) => files[p] ?? Promise.reject(new Error(`no file ${p}`)),
      openDb: async () => ({ db: handle.db, close: async () => {} }),
    };
    return { fake, out, err };
  }

  it("prints the file on standard output", async () => {
    const { fake, out, err } = io();
    expect(await runAdmin(["export-edition", source], fake)).toBe(0);
    expect(out.join("")).toBe(await exportEdition(handle.db, source));
    expect(err).toEqual([]);
  });

  it("imports a file (npm's banner before the JSON is skipped) and prints the new slug and its settings address", async () => {
    const banner = "\n> layar@0.1.0 admin\n> tsx scripts/admin.ts export-edition sumber-uji\n\n";
    const file = banner + text({ ...template(), slug: "dari-cli", regionCode: "34.04" });
    const { fake, out, err } = io({ "f.json": file });
    expect(await runAdmin(["import-edition", "f.json"], fake)).toBe(0);
    expect(out).toEqual(["Draf edisi dibuat: dari-cli", "Lengkapi dan buka pendaftarannya di http://layar.test/admin/festival/dari-cli/pengaturan"]);
    expect(err).toEqual([]);
  });

  it("refuses a bad file or a missing slug with one line and exit code 2", async () => {
    const bad = template();
    bad.rubric[2].weight = 0;
    const { fake, out, err } = io({ "bad.json": text({ ...bad, slug: "cli-salah" }) });
    expect(await runAdmin(["import-edition", "bad.json"], fake)).toBe(2);
    expect(err).toEqual(["Berkas tidak sesuai format di rubric[2].weight: Bobot harus lebih dari 0."]);
    expect(out).toEqual([]);
    const missing = io();
    expect(await runAdmin(["export-edition", "tidak-ada"], missing.fake)).toBe(2);
    expect(missing.err).toEqual(["Edisi dengan slug tidak-ada tidak ditemukan."]);
    const none = io();
    expect(await runAdmin(["export-edition"], none.fake)).toBe(2);
    expect(none.err[0]).toMatch(/^Sebutkan satu slug edisi/);
  });

  it("writes valid JSON to a file through `npm run admin -- export-edition SLUG > file`, despite npm's banner", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "layar-export-"));
    try {
      const local = openDatabase(undefined, dir);
      try {
        await runMigrations(local);
        await createTestRegions(local.db);
        await importEdition(local.db, text(template()), null);
      } finally {
        await local.close();
      }
      const target = path.join(dir, "f.json");
      const env: NodeJS.ProcessEnv = { ...process.env, LAYAR_DATA_DIR: dir, NO_COLOR: "1" };
      delete env.DATABASE_URL;
      await promisify(execFile)("sh", ["-c", `npm run admin -- export-edition ${template().slug} > "${target}"`], { cwd: process.cwd(), env });
      const written = fs.readFileSync(target, "utf8");
      expect(JSON.parse(written)).toMatchObject({ format: "layar-edition", slug: template().slug, rubric: [{ name: "Kesesuaian tema" }, { name: "Teknik" }, { name: "Pesan" }] });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
