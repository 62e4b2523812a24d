import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/admin/festival/[slug]/film/route";
import { filmMedia, films } from "@/lib/db/schema";
import { entriesXlsx } from "@/lib/films/entries-export";
import { createCategory, createEdition, createFilm, createKim, createUser } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";
import { sessionCookie } from "../setup/upload-server";

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
type User = Awaited<ReturnType<typeof createUser>>;
let organiser: User, provinceOrganiser: User, otherRegency: User, kimUser: User, judge: User;
const slug = "festival-karanganyar-2026";
const formulaTitle = "=HYPERLINK(\"http://jahat.test\",\"klik\")";

async function get(user?: User, at = slug): Promise<Response> {
  const headers: Record<string, string> = user ? { cookie: await sessionCookie(user.id) } : {};
  return GET(new Request(`http://layar.test/api/admin/festival/${at}/film`, { headers }), { params: Promise.resolve({ slug: at }) });
}

async function readSheet(body: ArrayBuffer | Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as ArrayBuffer);
  return workbook.getWorksheet("Film masuk")!;
}

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  await createTestRegions(db);
  organiser = await createUser(db, { email: "kra@layar.test", role: "organiser", regionCode: "33.13" });
  provinceOrganiser = await createUser(db, { email: "jtg@layar.test", role: "organiser", regionCode: "33" });
  otherRegency = await createUser(db, { email: "wng@layar.test", role: "organiser", regionCode: "33.12" });
  judge = await createUser(db, { email: "juri@layar.test", role: "judge", regionCode: "33.72" });
  const manteb = await createKim(db, {
    name: "KIM Manteb",
    districtCode: "33.13.08",
    villageCode: "33.13.08.2001",
    contactName: "Bu Sri Lestari",
    contactPhone: "+6281234567890",
    contactEmail: "manteb@kim.test",
  });
  const dagen = await createKim(db, { name: "KIM Dagen Maju", districtCode: "33.13.11", villageCode: "33.13.11.2004" });
  kimUser = await createUser(db, { email: "ketua@kim.test", role: "kim", kimId: manteb.id, regionCode: "33.13", phone: "081200000001" });
  await createUser(db, { email: "humas@kim.test", role: "kim", kimId: manteb.id, regionCode: "33.13" });
  await createUser(db, { email: "keluar@kim.test", role: "kim", kimId: manteb.id, regionCode: "33.13", status: "disabled", phone: "089999999999" });
  const edition = await createEdition(db, { slug, title: "Festival Karanganyar 2026", regionCode: "33.13", status: "penjurian" });
  const category = await createCategory(db, edition.id, "Dokumenter");
  const first = await createFilm(db, {
    editionId: edition.id,
    kimId: manteb.id,
    code: "KRA-01",
    title: "Sumber Air",
    status: "diunggah",
    categoryId: category.id,
    language: "Bahasa Jawa",
    submittedAt: new Date("2026-11-10T17:30:00Z"), // 11 November 00.30 WIB
  });
  await db.insert(filmMedia).values({
    filmId: first.id,
    kind: "video",
    storageDriver: "local",
    storageKey: "x.mp4",
    status: "ok",
    sizeBytes: 157_286_400,
    probe: { container: "mp4", videoCodec: "h264", width: 1920, height: 1080, durationSeconds: 272 },
  });
  await createFilm(db, { editionId: edition.id, kimId: dagen.id, code: "KRA-02", title: formulaTitle, status: "didiskualifikasi", statusReason: "+ bukan karya sendiri" });
  // 30 more, so the export holds more than one page of the overview.
  await db.insert(films).values(Array.from({ length: 30 }, (_, i) => ({ editionId: edition.id, kimId: dagen.id, code: `KRA-${String(i + 3).padStart(2, "0")}`, title: `Cerita ${i + 3}` })));
});
afterAll(() => handle.drop());

describe("the entries export (XLSX)", () => {
  it("is answered to an organiser in scope as an attachment", async () => {
    const response = await get(organiser);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="daftar-film-${slug}.xlsx"`);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const sheet = await readSheet(await response.arrayBuffer());
    expect(sheet.rowCount).toBe(5 + 32);
    expect((await get(provinceOrganiser)).status).toBe(200);
  });

  it("is refused to the signed-out (401), a KIM or a judge (403), and another regency's organiser (404)", async () => {
    expect((await get()).status).toBe(401);
    expect((await get(kimUser)).status).toBe(403);
    expect((await get(judge)).status).toBe(403);
    const other = await get(otherRegency);
    expect(other.status).toBe(404);
    expect(other.headers.get("content-type")).toContain("application/json");
    expect((await get(organiser, "tidak-ada")).status).toBe(404);
  });

  it("starts with title rows (edition, region, export time in WIB), then a header row", async () => {
    const { body } = await entriesXlsx(handle.db, organiser, slug, new Date("2026-11-20T03:05:00Z"));
    const sheet = await readSheet(body);
    expect(sheet.getCell("A1").value).toBe("Daftar film masuk: Festival Karanganyar 2026");
    expect(sheet.getCell("A2").value).toBe("Wilayah: Kabupaten Karanganyar");
    expect(String(sheet.getCell("A3").value)).toMatch(/^Diunduh: 20 November 2026 pukul 10\.05 WIB · 32 film$/);
    const header = (sheet.getRow(5).values as unknown[]).slice(1);
    expect(header).toEqual([
      "No", "Kode film", "Judul film", "Status", "Keterangan status", "Kategori", "Bahasa", "KIM", "Kecamatan", "Desa/kelurahan", "Kabupaten/kota",
      "Narahubung KIM", "Telepon KIM", "Email KIM", "Email akun anggota", "Telepon akun anggota", "Dikirim (WIB)", "Durasi", "Resolusi", "Format", "Ukuran",
    ]);
  });

  it("has a row per entry with the status in words, the KIM's place and contacts (active member accounts only) and the video facts", async () => {
    const sheet = await readSheet((await entriesXlsx(handle.db, organiser, slug)).body);
    const header = (sheet.getRow(5).values as string[]).slice(1);
    const row = (n: number) => Object.fromEntries(header.map((h, i) => [h, sheet.getRow(n).getCell(i + 1).value]));
    expect(row(6)).toEqual({
      No: 1,
      "Kode film": "KRA-01",
      "Judul film": "Sumber Air",
      Status: "Diunggah",
      "Keterangan status": "",
      Kategori: "Dokumenter",
      Bahasa: "Bahasa Jawa",
      KIM: "KIM Manteb",
      Kecamatan: "Karangpandan",
      "Desa/kelurahan": "Karangpandan",
      "Kabupaten/kota": "Kabupaten Karanganyar",
      "Narahubung KIM": "Bu Sri Lestari",
      "Telepon KIM": "+6281234567890",
      "Email KIM": "manteb@kim.test",
      "Email akun anggota": "humas@kim.test, ketua@kim.test",
      "Telepon akun anggota": "081200000001",
      "Dikirim (WIB)": "11 November 2026 pukul 00.30 WIB",
      Durasi: "4 menit 32 detik",
      Resolusi: "1920×1080",
      Format: "MP4 H264",
      Ukuran: "150 MB",
    });
    expect(row(7)).toMatchObject({ "Kode film": "KRA-02", Status: "Didiskualifikasi", KIM: "KIM Dagen Maju", Kecamatan: "Jaten", "Desa/kelurahan": "Dagen", "Narahubung KIM": "" });
    expect(row(37)).toMatchObject({ No: 32, "Kode film": "KRA-32", Status: "Draf" });
  });

  it("keeps a formula-looking title, reason or phone as text, never a formula", async () => {
    const sheet = await readSheet((await entriesXlsx(handle.db, organiser, slug)).body);
    const title = sheet.getCell("C7");
    expect(title.value).toBe(formulaTitle);
    expect(title.type).toBe(ExcelJS.ValueType.String);
    expect(title.formula).toBeUndefined();
    expect(title.numFmt).toBe("@");
    expect(sheet.getCell("E7").value).toBe("+ bukan karya sendiri");
    expect(sheet.getCell("E7").type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getCell("M6").type).toBe(ExcelJS.ValueType.String);
    let formulas = 0;
    sheet.eachRow((r) => r.eachCell((c) => void (c.type === ExcelJS.ValueType.Formula && formulas++)));
    expect(formulas).toBe(0);
  });
});
