import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/festival/[slug]/dokumen/[doc]/route";
import { editionJudges, editions, judgeAssignments, placements, scoreSheets, scores, specialAwards } from "@/lib/db/schema";
import { loadDocumentData } from "@/lib/documents/load-results";
import { verifyCertificate } from "@/lib/documents/verify-certificate";
import { ensureRound } from "@/lib/judging/rounds";
import { publishResults, sealResults } from "@/lib/results/edition-results";
import { createEdition, createFilm, createKim, createRubric, createUser } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";
import { sessionCookie } from "../setup/upload-server";
import { awkwardTitle, hasBinary, pdfText, qrFromEmbeddedImage, qrFromRenderedPage, unicodeTitle } from "../unit/documents/helpers";

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
type User = Awaited<ReturnType<typeof createUser>>;
let organiser: User, provinceOrganiser: User, otherOrganiser: User, kimUserA: User, kimUserB: User, judges: User[], idleJudge: User;
let editionId: string;
const slug = "festival-film-kim-karanganyar-2026";
const titles = ["Sang Penjaga Mata Air", awkwardTitle, unicodeTitle, "Pasar Tiban", "Digital Desa, Desa Digital", "Jejak Literasi"];
const sealedAt = new Date("2026-11-28T03:00:00Z"); // Saturday, 10:00 WIB
const codeOf = async (placement: string) => (await handle.db.select().from(placements).where(eq(placements.placement, placement as "Juara I")))[0].certificateCode!;

/** The documents route as a browser calls it, with `user`'s session cookie. */
async function get(doc: string, user?: User, at = slug): Promise<Response> {
  const headers: Record<string, string> = user ? { cookie: await sessionCookie(user.id) } : {};
  return GET(new Request(`http://layar.test/api/festival/${at}/dokumen/${doc}`, { headers }), { params: Promise.resolve({ slug: at, doc }) });
}

const bytes = async (response: Response) => new Uint8Array(await response.arrayBuffer());

/** LAYAR_KEEP_DOCUMENTS=/some/dir keeps the generated files there, to look at them (pdftoppm -png). */
function keep(name: string, content: Uint8Array) {
  const dir = process.env.LAYAR_KEEP_DOCUMENTS;
  if (dir) fs.writeFileSync(path.join(dir, name), content);
}

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  await createTestRegions(db);
  organiser = await createUser(db, { email: "kra@layar.test", name: "Diskominfo Karanganyar", role: "organiser", regionCode: "33.13" });
  provinceOrganiser = await createUser(db, { email: "jateng@layar.test", role: "organiser", regionCode: "33" });
  otherOrganiser = await createUser(db, { email: "wng@layar.test", role: "organiser", regionCode: "33.12" });
  const kimA = await createKim(db, { name: "KIM Manteb Karangpandan", districtCode: "33.13.08" });
  const kimB = await createKim(db, { name: "KIM Sekar Arum, Dagen", districtCode: "33.13.11" });
  kimUserA = await createUser(db, { email: "a@kim.test", role: "kim", kimId: kimA.id, regionCode: "33.13" });
  kimUserB = await createUser(db, { email: "b@kim.test", role: "kim", kimId: kimB.id, regionCode: "33.13" });
  judges = [];
  for (const [i, name] of ["Dr. Sri Wahyuni, M.Sn.", "Bambang Hermawan", "Rina Kartikasari"].entries()) {
    judges.push(await createUser(db, { email: `juri${i}@layar.test`, name, role: "judge", regionCode: "33.72" }));
  }
  idleJudge = await createUser(db, { email: "diam@layar.test", name: "Juri Tanpa Lembar", role: "judge", regionCode: "33.72" });
  const edition = await createEdition(db, { slug, title: "Festival Film Pendek KIM Karanganyar 2026", year: 2026, theme: "Desa Cerdas, Warga Berdaya", regionCode: "33.13", status: "penjurian" });
  editionId = edition.id;
  await db.insert(editionJudges).values([...judges, idleJudge].map((j) => ({ editionId, userId: j.id })));
  const criteria = await createRubric(db, editionId);
  const round = await ensureRound(db, editionId, "penilaian");
  for (const [i, title] of titles.entries()) {
    const film = await createFilm(db, { editionId, kimId: i % 2 === 0 ? kimA.id : kimB.id, code: `KRA-${101 + i}`, title, status: "diunggah" });
    // Judge j gives film i 95 - 5i - j on even criteria and one less on odd ones: totals 94.6 - 5i - j.
    for (const [j, judge] of judges.entries()) {
      const [a] = await db.insert(judgeAssignments).values({ roundId: round.id, filmId: film.id, judgeId: judge.id }).returning();
      const [s] = await db.insert(scoreSheets).values({ assignmentId: a.id, status: "submitted", submittedAt: new Date() }).returning();
      await db.insert(scores).values(criteria.map((c, k) => ({ sheetId: s.id, criterionId: c.id, score: 95 - 5 * i - j - (k % 2), comment: `Catatan ${judge.name}, kriteria ${k + 1}` })));
    }
  }
});
afterAll(() => handle.drop());

describe("before the results are sealed", () => {
  it("answers 409 to the organiser, with a message in Indonesian, and 404 to everyone else", async () => {
    const response = await get("berita-acara.pdf", organiser);
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({ error: "Dokumen hasil baru tersedia setelah hasil penilaian disegel." });
    expect((await get("rekap.xlsx", otherOrganiser)).status).toBe(404);
    expect((await get("rekap.xlsx", kimUserA)).status).toBe(404);
    expect((await get("rekap.xlsx")).status).toBe(404);
  });

  it("seals", async () => {
    expect(await sealResults(handle.db, organiser, slug)).toEqual({ placed: 6 });
    await handle.db.update(editions).set({ sealedAt }).where(eq(editions.id, editionId));
    // A draft sheet does not make its judge part of the jury (sealing refuses open drafts, so it comes after).
    const round = await ensureRound(handle.db, editionId, "penilaian");
    const [film] = await handle.db.select().from(placements).where(eq(placements.editionId, editionId)).limit(1);
    const [draft] = await handle.db.insert(judgeAssignments).values({ roundId: round.id, filmId: film.filmId!, judgeId: idleJudge.id }).returning();
    await handle.db.insert(scoreSheets).values({ assignmentId: draft.id, status: "draft" });
  });
});

describe("what the documents are made from", () => {
  it("has the jury (judges with submitted sheets), every score, and the frozen placements", async () => {
    const [edition] = await handle.db.select().from(editions).where(eq(editions.id, editionId));
    const data = await loadDocumentData(handle.db, edition);
    expect(data.edition).toMatchObject({ regionName: "Kabupaten Karanganyar", status: "disegel", sealedAt });
    expect(data.judges.map((j) => j.name)).toEqual(["Bambang Hermawan", "Dr. Sri Wahyuni, M.Sn.", "Rina Kartikasari"]);
    expect(data.scores).toHaveLength(6 * 3 * 5);
    expect(data.films.map((f) => [f.code, f.rank, f.placement])).toEqual([
      ["KRA-101", 1, "Juara I"],
      ["KRA-102", 2, "Juara II"],
      ["KRA-103", 3, "Juara III"],
      ["KRA-104", 4, "Juara Harapan I"],
      ["KRA-105", 5, "Juara Harapan II"],
      ["KRA-106", 6, "Juara Harapan III"],
    ]);
    expect(data.placements.map((p) => [p.placement, p.kimName, p.score])).toContainEqual(["Juara II", "KIM Sekar Arum, Dagen", 88.6]);
  });
});

describe("rekap nilai", () => {
  it("XLSX: a Rekap sheet per film and a Detail sheet per film x judge x criterion, under title rows, numbers as numbers", async () => {
    const response = await get("rekap.xlsx", organiser);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="rekap-nilai-${slug}.xlsx"`);
    const xlsx = await bytes(response);
    keep("rekap.xlsx", xlsx);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.buffer as Parameters<typeof workbook.xlsx.load>[0]);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Rekap", "Detail"]);

    const titles = (sheet: ExcelJS.Worksheet) => [1, 2, 3, 4, 5, 6].map((r) => sheet.getCell(r, 1).value);
    const rekap = workbook.getWorksheet("Rekap")!;
    expect(titles(rekap)).toEqual([
      "Festival Film Pendek KIM Karanganyar 2026",
      "Tingkat Kabupaten Karanganyar Tahun 2026",
      "Rekap nilai per film",
      "Hasil disegel 28 November 2026 pukul 10.00 WIB; belum diumumkan",
      "Metode pemeringkatan: rata-rata nilai tertimbang (skala 0-100) dari seluruh juri yang menilai",
      null,
    ]);
    expect(rekap.getCell("A1").font?.bold).toBe(true);
    expect(rekap.getRow(7).values).toEqual([
      undefined, "No", "Kode film", "Judul film", "KIM", "Kategori",
      "Juri: Bambang Hermawan", "Juri: Dr. Sri Wahyuni, M.Sn.", "Juri: Rina Kartikasari",
      "Rata-rata mentah", "Nilai akhir", "Peringkat", "Juara", "Catatan",
    ]);
    expect(rekap.getCell("A7").font?.bold).toBe(true);
    // The title block and the header stay in view while scrolling; the filter sits on the header.
    expect(rekap.views[0]).toMatchObject({ state: "frozen", ySplit: 7 });
    expect(rekap.autoFilter).toBe("A7:M7");
    expect(rekap.rowCount).toBe(7 + 6);
    const first = rekap.getRow(8);
    expect([first.getCell(2).value, first.getCell(3).value, first.getCell(4).value]).toEqual(["KRA-101", "Sang Penjaga Mata Air", "KIM Manteb Karangpandan"]);
    expect([first.getCell(6).value, first.getCell(7).value, first.getCell(8).value, first.getCell(9).value, first.getCell(10).value]).toEqual([93.6, 94.6, 92.6, 93.6, 93.6]);
    expect(first.getCell(10).numFmt).toBe("0.00");
    expect([first.getCell(11).value, first.getCell(12).value]).toEqual([1, "Juara I"]);
    expect(rekap.getRow(9).getCell(3).value).toBe(awkwardTitle);

    const detail = workbook.getWorksheet("Detail")!;
    expect(titles(detail)).toEqual([
      "Festival Film Pendek KIM Karanganyar 2026",
      "Tingkat Kabupaten Karanganyar Tahun 2026",
      "Rekap nilai per juri dan kriteria",
      "Hasil disegel 28 November 2026 pukul 10.00 WIB; belum diumumkan",
      "Metode pemeringkatan: rata-rata nilai tertimbang (skala 0-100) dari seluruh juri yang menilai",
      null,
    ]);
    expect(detail.rowCount).toBe(7 + 6 * 3 * 5);
    expect(detail.getCell("A7").value).toBe("Kode film");
    expect(detail.getCell("A7").font?.bold).toBe(true);
    expect(detail.views[0]).toMatchObject({ state: "frozen", ySplit: 7 });
    // No category: an empty cell (the streamed workbook writes no cell for empty text).
    expect(detail.getRow(8).values).toEqual([undefined, "KRA-101", "Sang Penjaga Mata Air", "KIM Manteb Karangpandan", undefined, "Bambang Hermawan", "Kesesuaian tema", 30, 94, 100, "Catatan Bambang Hermawan, kriteria 1"]);
    expect(detail.getCell("H8").numFmt).toBe("0.00");
  });

  it("CSV for Indonesian Excel (rekap.csv): UTF-8 with BOM, semicolons, decimal commas", async () => {
    const response = await get("rekap.csv", organiser);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="rekap-nilai-${slug}.csv"`);
    const raw = new Uint8Array(await response.arrayBuffer());
    keep("rekap.csv", raw);
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(raw); // drops the BOM
    expect(text.split("\r\n")[0]).toBe("baris;kode_film;judul_film;kim;kategori;juri;kriteria;bobot;nilai_maks;nilai;rata_rata_mentah;peringkat;juara;komentar");
    // As Indonesian Excel splits it: on semicolons, outside quotes.
    const { data, errors } = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true, delimiter: ";" });
    expect(errors).toEqual([]);
    expect(data).toHaveLength(6 * 3 * 5 + 6 * 3 + 6);
    expect(data.filter((r) => r.baris === "total_film").map((r) => [r.kode_film, r.nilai, r.peringkat, r.juara])).toEqual([
      ["KRA-101", "93,60", "1", "Juara I"],
      ["KRA-102", "88,60", "2", "Juara II"],
      ["KRA-103", "83,60", "3", "Juara III"],
      ["KRA-104", "78,60", "4", "Juara Harapan I"],
      ["KRA-105", "73,60", "5", "Juara Harapan II"],
      ["KRA-106", "68,60", "6", "Juara Harapan III"],
    ]);
    // Every score reads as a number with a decimal comma, as id-ID Excel parses it.
    const asIndonesianNumber = (v: string) => (/^-?\d+(,\d+)?$/.test(v) ? Number(v.replace(",", ".")) : NaN);
    expect(data.filter((r) => r.baris === "kriteria").every((r) => Number.isFinite(asIndonesianNumber(r.nilai)) && Number.isFinite(asIndonesianNumber(r.bobot)))).toBe(true);
    expect(asIndonesianNumber(data.find((r) => r.baris === "total_juri")!.nilai)).toBeCloseTo(93.6, 2); // Bambang Hermawan's total for KRA-101
    expect(new Set(data.filter((r) => r.kode_film === "KRA-102").map((r) => `${r.judul_film}|${r.kim}`))).toEqual(new Set([`${awkwardTitle}|KIM Sekar Arum, Dagen`]));
    expect(data.find((r) => r.kode_film === "KRA-103")?.judul_film).toBe(unicodeTitle);
  });

  it("CSV with decimal points (rekap-titik.csv): commas and dots, for programs", async () => {
    const response = await get("rekap-titik.csv", organiser);
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="rekap-nilai-titik-${slug}.csv"`);
    const text = new TextDecoder().decode(new Uint8Array(await response.arrayBuffer()));
    const { data, errors } = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true, delimiter: "," });
    expect(errors).toEqual([]);
    expect(data).toHaveLength(6 * 3 * 5 + 6 * 3 + 6);
    expect(data.filter((r) => r.baris === "total_film").map((r) => [r.kode_film, r.nilai])).toContainEqual(["KRA-101", "93.60"]);
    expect(Number(data.find((r) => r.baris === "total_juri")!.nilai)).toBeCloseTo(93.6, 2);
  });
});

describe("berita acara penjurian", () => {
  it("is an A4 PDF in the usual form, numbers and the date also in words", async () => {
    const response = await get("berita-acara.pdf", organiser);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="berita-acara-penjurian-${slug}.pdf"`);
    const pdf = await bytes(response);
    keep("berita-acara.pdf", pdf);
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe("%PDF-");
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(1);
    expect(doc.getPageCount()).toBeLessThanOrEqual(3);
    const { width, height } = doc.getPage(0).getSize();
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
    const text = await pdfText(pdf);
    for (const expected of [
      "PEMERINTAH KABUPATEN KARANGANYAR",
      "BERITA ACARA PENJURIAN",
      "FESTIVAL FILM PENDEK KIM KARANGANYAR 2026",
      "Desa Cerdas, Warga Berdaya",
      "Tingkat Kabupaten Karanganyar Tahun 2026",
      "Pada hari ini Sabtu tanggal dua puluh delapan bulan November tahun dua ribu dua puluh enam",
      "sebanyak enam (6) film, oleh tiga (3) orang dewan juri",
      "Bambang Hermawan",
      "Dr. Sri Wahyuni, M.Sn.",
      "lima (5) kriteria",
      "Keputusan dewan juri bersifat mutlak dan tidak dapat diganggu gugat.",
      "Karanganyar, 28 November 2026",
      "Mengetahui,",
    ]) {
      expect(text, expected).toContain(expected);
    }
    expect(text).not.toContain("Juri Tanpa Lembar");
    for (const [placement, code, score] of [["Juara I", "KRA-101", "93,60"], ["Juara Harapan III", "KRA-106", "68,60"]]) {
      expect(text).toMatch(new RegExp(`${placement} ${code} .*${score}`));
    }
    // Titles Helvetica cannot draw are kept as far as they can be, not dropped or crashed on.
    // (Where the table cell wraps decides how the words interleave with the next cell's.)
    expect(text).toMatch(/KRA-103 Gotong Royong -? ?"Desa" \.\.\./);
    expect(text).toContain("Café");
    expect(text).not.toMatch(/[\uA980-\uA9DF\u{1F300}-\u{1FAFF}]/u);
  });
});

describe("piagam while the results are sealed but not announced", () => {
  it("one certificate: A4 landscape, the KIM, the placement, marked as a draft with no date, no code and no QR code", async () => {
    const code = await codeOf("Juara I");
    const response = await get(`piagam-${code}.pdf`, organiser);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="piagam-${slug}-${code}.pdf"`);
    const pdf = await bytes(response);
    keep("piagam-draf.pdf", pdf);
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(1);
    const { width, height } = doc.getPage(0).getSize();
    expect([Math.round(width), Math.round(height)]).toEqual([842, 595]);
    expect(await qrFromEmbeddedImage(pdf)).toEqual([]);
    if (hasBinary("pdftoppm")) expect(await qrFromRenderedPage(pdf)).toBeNull();
    const text = await pdfText(pdf);
    for (const expected of ["PIAGAM PENGHARGAAN", "diberikan kepada", "KIM Manteb Karangpandan", "atas prestasinya sebagai", "JUARA I", '"Sang Penjaga Mata Air"', "Festival Film Pendek KIM Karanganyar 2026", "DRAF - belum berlaku", "Karanganyar, (tanggal pengumuman)", "Kode verifikasi diterbitkan saat hasil diumumkan"]) {
      expect(text, expected).toContain(expected);
    }
    expect(text).not.toContain(code);
    expect(text).not.toContain("Kode:");
    expect(text).not.toContain("/verifikasi/");
    expect(text).not.toMatch(/\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4}/);
  });

  it("all certificates of the edition in one PDF, one page each, every page a draft", async () => {
    const response = await get("piagam.pdf", organiser);
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="piagam-${slug}.pdf"`);
    const pdf = await bytes(response);
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(6);
    const text = await pdfText(pdf);
    for (const heading of ["JUARA I", "JUARA II", "JUARA III", "JUARA HARAPAN I", "JUARA HARAPAN II", "JUARA HARAPAN III"]) expect(text).toContain(heading);
    expect(text.match(/DRAF - belum berlaku/g)).toHaveLength(6);
    for (let page = 0; page < 6; page++) expect(await qrFromEmbeddedImage(pdf, page)).toEqual([]);
  });
});

describe("who may download what", () => {
  it("organisers whose region covers the edition: every document", async () => {
    for (const doc of ["rekap.xlsx", "rekap.csv", "rekap-titik.csv", "berita-acara.pdf", "piagam.pdf", "piagam-peserta.pdf", "piagam-juri.pdf"]) {
      expect((await get(doc, provinceOrganiser)).status, doc).toBe(200);
    }
  });

  it("everyone else: 404, before and after publication, JSON and nothing more", async () => {
    const own = await codeOf("Juara I"); // KIM A's
    const cases: [string, User | undefined][] = [
      ["rekap.xlsx", otherOrganiser],
      ["berita-acara.pdf", otherOrganiser],
      [`piagam-${own}.pdf`, otherOrganiser],
      ["rekap.csv", judges[0]],
      ["rekap.xlsx", kimUserA],
      ["piagam.pdf", kimUserA],
      [`piagam-${own}.pdf`, kimUserA], // its own, but not yet published
      [`piagam-${own}.pdf`, undefined],
    ];
    for (const [doc, user] of cases) {
      const response = await get(doc, user);
      expect(response.status, `${doc} for ${user?.email ?? "anonymous"}`).toBe(404);
      expect(response.headers.get("content-type")).toMatch(/application\/json/);
    }
    expect((await get("rahasia.pdf", organiser)).status).toBe(404);
    expect((await get("piagam-000000000000.pdf", organiser)).status).toBe(404);
    expect((await get("rekap.xlsx", organiser, "festival-lain")).status).toBe(404);
  });

  it("after publication: a KIM downloads its own piagam, and only its own", async () => {
    await publishResults(handle.db, organiser, slug, {});
    const own = await codeOf("Juara I");
    const other = await codeOf("Juara II"); // KIM B's
    const response = await get(`piagam-${own}.pdf`, kimUserA);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="piagam-${slug}-${own}.pdf"`);
    expect(await qrFromEmbeddedImage(await bytes(response))).toEqual([`http://layar.test/verifikasi/${own}`]);
    expect((await get(`piagam-${own.toLowerCase()}.pdf`, kimUserA)).status).toBe(200);
    expect((await get(`piagam-${other}.pdf`, kimUserA)).status).toBe(404);
    expect((await get(`piagam-${own}.pdf`, kimUserB)).status).toBe(404);
    expect((await get(`piagam-${other}.pdf`, kimUserB)).status).toBe(200);
    expect((await get(`piagam-${own}.pdf`, kimUserA, "festival-lain")).status).toBe(404);
    for (const doc of ["piagam.pdf", "piagam-peserta.pdf", "piagam-juri.pdf", "rekap.xlsx", "rekap.csv", "rekap-titik.csv", "berita-acara.pdf"]) expect((await get(doc, kimUserA)).status, doc).toBe(404);
    expect((await get(`piagam-${own}.pdf`, judges[0])).status).toBe(404);
    expect((await get(`piagam-${own}.pdf`)).status).toBe(404);
  });

  it("after publication: the piagam carries the publication date (WIB), the code and a QR code that opens the verification page", async () => {
    const [edition] = await handle.db.select().from(editions).where(eq(editions.id, editionId));
    const code = await codeOf("Juara I");
    const pdf = await bytes(await get(`piagam-${code}.pdf`, organiser));
    keep("piagam.pdf", pdf);
    const url = `http://layar.test/verifikasi/${code}`;
    expect(await qrFromEmbeddedImage(pdf)).toEqual([url]);
    if (hasBinary("pdftoppm")) expect(await qrFromRenderedPage(pdf)).toBe(url);
    else console.warn("pdftoppm (poppler-utils) is missing: the QR code was decoded from the embedded image only, not from a rendered page");
    const text = await pdfText(pdf);
    const published = new Intl.DateTimeFormat("id-ID", { timeZone: "Asia/Jakarta", day: "numeric", month: "long", year: "numeric" }).format(edition.publishedAt!);
    for (const expected of ["JUARA I", "KIM Manteb Karangpandan", `Karanganyar, ${published}`, `Kode: ${code}`, `layar.test/verifikasi/${code}`]) expect(text, expected).toContain(expected);
    expect(text).not.toContain("DRAF");
    const bundle = await bytes(await get("piagam.pdf", organiser));
    expect(await qrFromEmbeddedImage(bundle, 5)).toEqual([`http://layar.test/verifikasi/${await codeOf("Juara Harapan III")}`]);
  });
});

describe("verifying a certificate code", () => {
  it("knows nothing of a sealed but unpublished certificate, nor of unknown codes", async () => {
    const kim = await createKim(handle.db, { name: "KIM Belum Diumumkan", districtCode: "33.13.08" });
    const edition = await createEdition(handle.db, { title: "Festival Disegel", regionCode: "33.13", status: "disegel", year: 2027 });
    await handle.db.insert(placements).values({ editionId: edition.id, kimId: kim.id, placement: "Juara I", certificateCode: "5EA1ED000001" });
    expect(await verifyCertificate(handle.db, "5EA1ED000001")).toBeNull();
    // Scheduled publication: public from its time on, even before the sweep records it.
    await handle.db.update(editions).set({ scheduledPublishAt: new Date("2030-01-01T00:00:00Z") }).where(eq(editions.id, edition.id));
    expect(await verifyCertificate(handle.db, "5EA1ED000001", new Date("2029-12-31T23:59:00Z"))).toBeNull();
    expect(await verifyCertificate(handle.db, "5EA1ED000001", new Date("2030-01-01T00:00:00Z"))).toMatchObject({ holderName: "KIM Belum Diumumkan" });
    expect(await verifyCertificate(handle.db, "FFFFFFFFFFFF")).toBeNull();
    expect(await verifyCertificate(handle.db, "'; drop table placements; --")).toBeNull();
    expect(await verifyCertificate(handle.db, "")).toBeNull();
  });

  it("confirms a published placement: KIM, film, placement, edition, year", async () => {
    const code = await codeOf("Juara II");
    const expected = {
      code,
      kind: "juara",
      award: "Juara II",
      holderName: "KIM Sekar Arum, Dagen",
      filmTitle: awkwardTitle,
      categoryName: null,
      editionTitle: "Festival Film Pendek KIM Karanganyar 2026",
      editionSlug: slug,
      year: 2026,
      level: "kabupaten",
      regionName: "Kabupaten Karanganyar",
    };
    expect(await verifyCertificate(handle.db, code)).toEqual(expected);
    expect(await verifyCertificate(handle.db, ` ${code.toLowerCase()} `)).toEqual(expected);
  });

  it("confirms a special award's certificate too, once published", async () => {
    const [anyPlacement] = await handle.db.select().from(placements).where(eq(placements.editionId, editionId)).limit(1);
    await handle.db.insert(specialAwards).values({ editionId, filmId: anyPlacement.filmId!, name: "Film Terfavorit", certificateCode: "FA0000000001" });
    expect(await verifyCertificate(handle.db, "FA0000000001")).toMatchObject({ award: "Film Terfavorit", editionSlug: slug, year: 2026 });
  });
});
