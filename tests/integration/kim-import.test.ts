import ExcelJS from "exceljs";
import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/session";
import { auditLog, kimGroups, kimImportBatches, kimStatusHistory } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { cancelImport, confirmImport } from "@/lib/kim/import/confirm-import";
import { countOutcomes, createImportPreview, getImportBatch } from "@/lib/kim/import/kim-import";
import { createKim, createRegionTree, createUser } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
let karanganyar: Actor, wonogiri: Actor, jateng: Actor;
const now = new Date("2026-12-06T03:00:00Z");

const csv = (lines: string[]) => ({ name: "daftar.csv", bytes: Buffer.from(lines.join("\r\n")) });
const rejection = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AppError);
const batchCount = async () => (await handle.db.select().from(kimImportBatches)).length;
const kimsNamed = (name: string) => handle.db.select().from(kimGroups).where(eq(kimGroups.name, name));

async function xlsx(build: (sheet: ExcelJS.Worksheet) => void, cover = false): Promise<{ name: string; bytes: Buffer }> {
  const workbook = new ExcelJS.Workbook();
  if (cover) workbook.addWorksheet("Petunjuk").addRow(["Isi daftar di lembar berikutnya."]);
  build(workbook.addWorksheet("KIM"));
  return { name: "daftar.xlsx", bytes: Buffer.from(await workbook.xlsx.writeBuffer()) };
}

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  await createRegionTree(handle.db, [
    { code: "33.13.09", name: "Karanganyar" },
    { code: "33.13.09.1009", name: "Popongan" },
    { code: "33.13.11.2005", name: "Sroyo" },
    { code: "33.13.12", name: "Colomadu" },
    { code: "33.13.12.2001", name: "Sroyo" },
  ]);
  karanganyar = (await createUser(handle.db, { email: "admin.kra@layar.test", role: "organiser", regionCode: "33.13" })) as Actor;
  wonogiri = (await createUser(handle.db, { email: "admin.wng@layar.test", role: "organiser", regionCode: "33.12" })) as Actor;
  jateng = (await createUser(handle.db, { email: "admin.jtg@layar.test", role: "organiser", regionCode: "33" })) as Actor;
  // Registered well before the import's date (`now`), so the import's status is the latest whatever day the suite runs.
  await createKim(handle.db, { name: "KIM Dagen Sejahtera", districtCode: "33.13.11", villageCode: "33.13.11.2004", contactName: "Lama", statusSince: "2025-01-06" });
});
afterAll(() => handle.drop());

describe("preview and confirmation", () => {
  it("stores a preview with each row's outcome and changes nothing in the registry", async () => {
    const kimsBefore = (await handle.db.select().from(kimGroups)).length;
    const file = csv([
      "\uFEFFNo;Nama KIM;Desa/Kelurahan;Kecamatan;Status;Alasan;Ketua/Narahubung;No HP/WA;Email;Tahun Berdiri",
      "1;KIM Bima Baru;Ds. Popongan;Karanganyar;Aktif;;Budi;0812-1111-2222;budi@contoh.test;2019",
      "2;KIM Karya <script>alert(1)</script>;Kel. Karangpandan;;tdk aktif;Pengurus pindah;;;;",
      ";;;;;;;;;",
      "3;KIM Bima Baru;Popongan;;Aktif;;;;;",
      "4;KIM Gedong;Gedong;;Aktif;;;;;",
      "5;KIM Dagen Sejahtera;Dagen;Jaten;Tidak Aktif;Vakum sejak 2024;Sari;081233334444;;",
      "6;KIM Sroyo;Sroyo;;Aktif;;;;;",
      "7;KIM Sroyo Colomadu;Sroyo;Colomadu;non aktif;;;;;",
    ]);
    const { id } = await createImportPreview(handle.db, karanganyar, file, now);
    const batch = await getImportBatch(handle.db, karanganyar, id);
    expect(batch).toMatchObject({ status: "pratinjau", regionCode: "33.13", fileName: "daftar.csv", createdBy: karanganyar.id });
    expect(batch.rows.map((r) => [r.rowNumber, r.outcome])).toEqual([
      [2, "baru"], [3, "baru"], [4, "kosong"], [5, "ganda"], [6, "luar_wilayah"], [7, "sudah_ada"], [8, "gagal"], [9, "baru"],
    ]);
    expect(countOutcomes(batch.rows)).toEqual({ baru: 3, sudah_ada: 1, ganda: 1, gagal: 1, luar_wilayah: 1, kosong: 1 });
    expect(batch.rows[0]).toMatchObject({
      place: { villageCode: "33.13.09.1009", districtCode: "33.13.09", villageName: "Popongan" },
      kim: { name: "KIM Bima Baru", status: "aktif", contactName: "Budi", contactPhone: "081211112222", contactEmail: "budi@contoh.test", foundedYear: 2019 },
    });
    expect(batch.rows[4].problems).toEqual(['Desa/kelurahan "Gedong" ada di Kabupaten Wonogiri, di luar wilayah Anda.']);
    expect(batch.rows[6].problems[0]).toContain("isi kolom kecamatan");
    expect(batch.rows[7].place).toMatchObject({ villageCode: "33.13.12.2001" });
    expect((await handle.db.select().from(kimGroups)).length).toBe(kimsBefore);
    expect(await handle.db.select().from(auditLog).where(eq(auditLog.action, "kim.import"))).toEqual([]);

    // The organiser adds two of the three new rows and updates the existing KIM.
    const outcome = await confirmImport(handle.db, karanganyar, id, { add: [2, 3], update: [7] }, now);
    expect(outcome).toEqual({ created: 2, updated: 1, skipped: 4 });
    const [bima] = await kimsNamed("KIM Bima Baru");
    expect(bima).toMatchObject({ villageCode: "33.13.09.1009", districtCode: "33.13.09", regencyCode: "33.13", status: "aktif", statusSince: "2026-12-06", slug: "kim-bima-baru-popongan" });
    const [script] = await kimsNamed("KIM Karya <script>alert(1)</script>");
    expect(script).toMatchObject({ status: "tidak_aktif", inactiveReason: "Pengurus pindah", villageCode: "33.13.08.2001" });
    expect(await handle.db.select({ status: kimStatusHistory.status, source: kimStatusHistory.source, reason: kimStatusHistory.reason, decidedBy: kimStatusHistory.decidedBy }).from(kimStatusHistory).where(eq(kimStatusHistory.kimId, script.id))).toEqual([
      { status: "tidak_aktif", source: "impor", reason: "Pengurus pindah", decidedBy: karanganyar.id },
    ]);
    expect(await kimsNamed("KIM Sroyo Colomadu")).toEqual([]);
    const [dagen] = await kimsNamed("KIM Dagen Sejahtera");
    expect(dagen).toMatchObject({ contactName: "Sari", contactPhone: "081233334444", status: "tidak_aktif", inactiveReason: "Vakum sejak 2024" });
    const [audit] = await handle.db.select().from(auditLog).where(eq(auditLog.action, "kim.import"));
    expect(audit).toMatchObject({ actorId: karanganyar.id, entityType: "kim_import_batch", entityId: id, data: { created: 2, updated: 1, skipped: 4, fileName: "daftar.csv" } });
    const done = await getImportBatch(handle.db, karanganyar, id);
    expect(done).toMatchObject({ status: "diimpor", importedCount: 2 });
    expect(done.rows[0]).toMatchObject({ result: "dibuat", kimId: bima.id });
  });

  it("imports once when confirmed twice at the same time (a double click)", async () => {
    const { id } = await createImportPreview(handle.db, karanganyar, csv(["Nama KIM;Kecamatan", "KIM Dobel;Jaten"]), now);
    const results = await Promise.allSettled([1, 2].map(() => confirmImport(handle.db, karanganyar, id, { add: [2], update: [] }, now)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: "conflict", userMessage: "Berkas ini sudah diimpor; tidak ada yang diimpor dua kali." });
    expect(await kimsNamed("KIM Dobel")).toHaveLength(1);
    expect(await rejection(confirmImport(handle.db, karanganyar, id, { add: [2], update: [] }, now))).toMatchObject({ code: "conflict" });
    expect(await kimsNamed("KIM Dobel")).toHaveLength(1);
  });

  it("refuses a confirmation with nothing chosen, and a cancelled preview", async () => {
    const { id } = await createImportPreview(handle.db, karanganyar, csv(["Nama KIM;Kecamatan", "KIM Batal;Jaten"]), now);
    expect(await rejection(confirmImport(handle.db, karanganyar, id, { add: [], update: [] }, now))).toMatchObject({ userMessage: "Pilih paling tidak satu baris untuk diimpor." });
    await cancelImport(handle.db, karanganyar, id);
    expect(await rejection(confirmImport(handle.db, karanganyar, id, { add: [2], update: [] }, now))).toMatchObject({ code: "conflict" });
    expect(await kimsNamed("KIM Batal")).toEqual([]);
  });

  it("skips a row whose KIM was added after the preview", async () => {
    const { id } = await createImportPreview(handle.db, karanganyar, csv(["Nama KIM;Kecamatan", "KIM Kembar;Jaten"]), now);
    await createKim(handle.db, { name: "KIM Kembar", districtCode: "33.13.11" });
    expect(await confirmImport(handle.db, karanganyar, id, { add: [2], update: [] }, now)).toEqual({ created: 0, updated: 0, skipped: 1 });
    expect(await kimsNamed("KIM Kembar")).toHaveLength(1);
  });
});

describe("scope", () => {
  it("keeps a batch in its organiser's region: another regency gets not-found, the province sees it", async () => {
    const { id } = await createImportPreview(handle.db, karanganyar, csv(["Nama KIM;Kecamatan", "KIM Wilayah;Jaten"]), now);
    expect(await rejection(getImportBatch(handle.db, wonogiri, id))).toMatchObject({ code: "not_found" });
    expect(await rejection(confirmImport(handle.db, wonogiri, id, { add: [2], update: [] }, now))).toMatchObject({ code: "not_found" });
    expect(await rejection(cancelImport(handle.db, wonogiri, id))).toMatchObject({ code: "not_found" });
    expect(await rejection(getImportBatch(handle.db, karanganyar, "not-a-uuid"))).toMatchObject({ code: "not_found" });
    expect(await kimsNamed("KIM Wilayah")).toEqual([]);
    await expect(getImportBatch(handle.db, jateng, id)).resolves.toMatchObject({ id });
  });

  it("matches villages only inside the organiser's region", async () => {
    const { id } = await createImportPreview(handle.db, wonogiri, csv(["Nama KIM;Desa", "KIM Dagen;Dagen", "KIM Gedong;Gedong"]), now);
    const batch = await getImportBatch(handle.db, wonogiri, id);
    expect(batch.rows.map((r) => r.outcome)).toEqual(["luar_wilayah", "baru"]);
    expect(batch.rows[0].problems).toEqual(['Desa/kelurahan "Dagen" ada di Kabupaten Karanganyar, di luar wilayah Anda.']);
  });
});

describe("bad input", () => {
  const refusal = async (file: { name: string; bytes: Buffer }) => {
    const before = await batchCount();
    const error = await rejection(createImportPreview(handle.db, karanganyar, file, now));
    expect(await batchCount()).toBe(before);
    return error;
  };

  it("refuses a file that is not a spreadsheet, whatever its name", async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);
    expect(await refusal({ name: "daftar.xlsx", bytes: png })).toMatchObject({ userMessage: expect.stringContaining("gambar PNG, bukan XLSX atau CSV"), fieldErrors: { file: [expect.any(String)] } });
    const exe = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200)]);
    expect(await refusal({ name: "daftar.csv", bytes: exe })).toMatchObject({ userMessage: expect.stringContaining("program Windows (.exe)") });
    expect(await refusal({ name: "kosong.csv", bytes: Buffer.alloc(0) })).toMatchObject({ userMessage: "Berkas kosong. Pilih berkas XLSX atau CSV berisi daftar KIM." });
    expect(await refusal({ name: "besar.csv", bytes: Buffer.alloc(4 * 1024 * 1024, 0x41) })).toMatchObject({ userMessage: expect.stringContaining("terlalu besar") });
  });

  it("refuses a ZIP that is not a workbook and a CSV without a header", async () => {
    const { default: JSZip } = await import("jszip");
    const zip = new JSZip();
    zip.file("word/document.xml", "<w/>");
    const bytes = Buffer.from(await zip.generateAsync({ type: "uint8array" }));
    expect(await refusal({ name: "daftar.xlsx", bytes })).toMatchObject({ userMessage: expect.stringContaining("bukan lembar kerja XLSX") });
    expect(await refusal(csv(["a;b", "1;2"]))).toMatchObject({ userMessage: expect.stringContaining("Baris judul kolom tidak ditemukan") });
  });

  it("refuses more than 5,000 data rows, in CSV and XLSX", async () => {
    const lines = ["Nama KIM;Kecamatan", ...Array.from({ length: 5001 }, (_, i) => `KIM ${i};Jaten`)];
    expect(await refusal(csv(lines))).toMatchObject({ userMessage: "Berkas berisi lebih dari 5.000 baris data. Bagi daftarnya menjadi beberapa berkas." });
    const file = await xlsx((sheet) => {
      sheet.addRow(["Nama KIM", "Kecamatan"]);
      for (let i = 0; i < 5001; i += 1) sheet.addRow([`KIM ${i}`, "Jaten"]);
    });
    expect(await refusal(file)).toMatchObject({ userMessage: expect.stringContaining("lebih dari 5.000 baris") });
  }, 60_000);

  it("takes exactly 5,000 rows: previewed and imported in one transaction, each with its history", async () => {
    const lines = ["Nama KIM;Desa;Kecamatan;Status", ...Array.from({ length: 5000 }, (_, i) => `KIM Lima Ribu ${i};Ds. Dagen;Jaten;${i % 3 ? "aktif" : "tdk aktif"}`)];
    const { id } = await createImportPreview(handle.db, karanganyar, csv(lines), now);
    const { rows } = await getImportBatch(handle.db, karanganyar, id);
    expect(countOutcomes(rows)).toMatchObject({ baru: 5000 });
    const started = Date.now();
    expect(await confirmImport(handle.db, karanganyar, id, { add: rows.map((r) => r.rowNumber), update: [] }, now)).toEqual({ created: 5000, updated: 0, skipped: 0 });
    expect(Date.now() - started).toBeLessThan(30_000);
    const imported = await handle.db.select({ id: kimGroups.id, status: kimGroups.status }).from(kimGroups).where(like(kimGroups.name, "KIM Lima Ribu %"));
    expect(imported).toHaveLength(5000);
    expect(imported.filter((k) => k.status === "tidak_aktif")).toHaveLength(1667);
    const history = await handle.db
      .select({ id: kimStatusHistory.id })
      .from(kimStatusHistory)
      .innerJoin(kimGroups, eq(kimGroups.id, kimStatusHistory.kimId))
      .where(and(like(kimGroups.name, "KIM Lima Ribu %"), eq(kimStatusHistory.source, "impor")));
    expect(history).toHaveLength(5000);
  }, 120_000);

  it("reads an XLSX (its list on the second sheet) with a title row, merged kecamatan cells and a name merged across columns", async () => {
    const file = await xlsx((sheet) => {
      sheet.addRow(["Daftar KIM Kabupaten Karanganyar"]);
      sheet.addRow([]);
      sheet.addRow(["Kecamatan", "Nama KIM", "Desa/Kelurahan", "Kode Desa", "Status"]);
      sheet.addRow(["Jaten", "KIM Gabung Satu", "Dagen", "", "Aktif"]);
      sheet.addRow(["", "KIM Gabung Dua", "", "33.13.11.2005", "Aktif"]);
      sheet.addRow(["", "KIM Lebar", "", "", "Aktif"]);
      sheet.mergeCells("A4:A6");
      sheet.mergeCells("B6:C6");
    }, true);
    const { id } = await createImportPreview(handle.db, karanganyar, file, now);
    const { rows } = await getImportBatch(handle.db, karanganyar, id);
    expect(rows.map((r) => [r.rowNumber, r.outcome, r.place?.districtCode, r.place?.villageCode ?? null])).toEqual([
      [4, "baru", "33.13.11", "33.13.11.2004"],
      [5, "baru", "33.13.11", "33.13.11.2005"],
      [6, "baru", "33.13.11", null],
    ]);
    expect(rows[1].notes).toContain("Sel gabungan: nilai kolom ini diambil dari baris 4.");
    expect(rows[2].values).toMatchObject({ name: "KIM Lebar", district: "Jaten" });
    expect(rows[2].values.village).toBeUndefined();
  });
});
