import { describe, expect, it } from "vitest";
import { findHeader, headerField } from "@/lib/kim/import/columns";
import { buildPlaceIndex, matchPlace } from "@/lib/kim/import/match-places";
import { cleanPhone, kimNameKey, parseStatus, placeKey, regionCode } from "@/lib/kim/import/normalise";
import { parseFounded, previewRows } from "@/lib/kim/import/parse-rows";
import { readCsv, spreadsheetKind } from "@/lib/kim/import/read-sheet";

const index = buildPlaceIndex(
  "Kabupaten Karanganyar",
  [
    { code: "33.13.08", name: "Karangpandan" },
    { code: "33.13.09", name: "Karanganyar" },
    { code: "33.13.11", name: "Jaten" },
    { code: "33.13.12", name: "Colomadu" },
  ],
  [
    { code: "33.13.08.2001", name: "Karangpandan", districtCode: "33.13.08" },
    { code: "33.13.09.1009", name: "Popongan", districtCode: "33.13.09" },
    { code: "33.13.11.2004", name: "Dagen", districtCode: "33.13.11" },
    { code: "33.13.11.2005", name: "Sroyo", districtCode: "33.13.11" },
    { code: "33.13.12.2001", name: "Sroyo", districtCode: "33.13.12" },
  ],
  [{ code: "33.12.01.2001", name: "Gedong", regencyName: "Kabupaten Wonogiri" }],
);
const place = (village: string, district = "", villageCode = "", districtCode = "") => matchPlace(index, { village, district, villageCode, districtCode });

describe("header detection", () => {
  it("knows the Indonesian and English names offices use", () => {
    expect(headerField("Nama KIM")).toBe("name");
    expect(headerField("Desa/Kelurahan")).toBe("village");
    expect(headerField(" KECAMATAN ")).toBe("district");
    expect(headerField("Kode Desa")).toBe("villageCode");
    expect(headerField("Ketua/Narahubung")).toBe("contactName");
    expect(headerField("No HP/WA")).toBe("phone");
    expect(headerField("E-mail")).toBe("email");
    expect(headerField("Status")).toBe("status");
    expect(headerField("Tahun Berdiri")).toBe("founded");
    expect(headerField("Alamat Sekretariat")).toBe("address");
    expect(headerField("Village")).toBe("village");
    expect(headerField("No")).toBeNull();
  });

  it("finds the header under a title and blank rows", () => {
    const rows = [["DAFTAR KIM KABUPATEN KARANGANYAR"], [""], ["No", "Nama KIM", "Desa", "Kec.", "Status"], ["1", "KIM Bima", "Popongan", "Karanganyar", "Aktif"]];
    expect(findHeader(rows)).toEqual({ index: 2, columns: { name: 1, village: 2, district: 3, status: 4 } });
    expect(findHeader([["a", "b"], ["1", "2"]])).toBeNull();
  });
});

describe("names and statuses", () => {
  it("normalises place names and KIM names", () => {
    expect(placeKey("Ds. Popongan")).toBe("popongan");
    expect(placeKey("Kel.  POPONGAN,")).toBe("popongan");
    expect(placeKey("Desa Karang Pandan")).toBe("karang pandan");
    expect(placeKey("Kelurahan Popongan")).toBe("popongan");
    expect(kimNameKey("KIM  Manteb.")).toBe(kimNameKey("manteb"));
    expect(kimNameKey("Kelompok Informasi Masyarakat Dagen Maju")).toBe(kimNameKey("KIM Dagen-Maju"));
    expect(kimNameKey("KIM")).toBe("kim");
  });

  it("reads the ways lists write a status", () => {
    for (const v of ["Aktif", "AKTIF", "aktif ", "Active"]) expect(parseStatus(v)).toBe("aktif");
    for (const v of ["tidak aktif", "Tidak Aktif", "tdk aktif", "Tdk. Aktif", "non aktif", "Non-Aktif", "nonaktif", "tidak_aktif"]) expect(parseStatus(v)).toBe("tidak_aktif");
    expect(parseStatus("")).toBeNull();
    expect(parseStatus("bubar?")).toBe("unknown");
  });

  it("reads codes, phones and founding dates", () => {
    expect(regionCode("33.13.08.2001")).toBe("33.13.08.2001");
    expect(regionCode("3313082001")).toBe("33.13.08.2001");
    expect(regionCode("33.13.08")).toBe("33.13.08");
    expect(regionCode("Popongan")).toBeNull();
    expect(cleanPhone("0812-3456-789")).toBe("08123456789");
    expect(cleanPhone("+62 812 3456 789")).toBe("08123456789");
    expect(cleanPhone("8123456789")).toBe("08123456789");
    expect(cleanPhone("12")).toBeNull();
    expect(parseFounded("2019", "2026-12-06")).toEqual({ year: 2019, date: null });
    expect(parseFounded("17/08/2019", "2026-12-06")).toEqual({ year: 2019, date: "2019-08-17" });
    expect(parseFounded("2019-08-17", "2026-12-06")).toEqual({ year: 2019, date: "2019-08-17" });
    expect(parseFounded("2030", "2026-12-06")).toEqual({ year: null, date: null });
    expect(parseFounded("31/02/2019", "2026-12-06")).toEqual({ year: null, date: null });
  });
});

describe("matching villages", () => {
  it("matches by name with prefixes, case and a typing slip", () => {
    expect(place("Ds. Popongan")).toMatchObject({ ok: true, villageCode: "33.13.09.1009", districtCode: "33.13.09" });
    expect(place("POPONGAN", "Kec. Karanganyar")).toMatchObject({ ok: true, villageCode: "33.13.09.1009" });
    const slip = place("Popngan");
    expect(slip).toMatchObject({ ok: true, villageCode: "33.13.09.1009" });
    expect(slip.ok && slip.notes[0]).toContain("dibaca sebagai Popongan");
    expect(place("Karang Pandan")).toMatchObject({ ok: true, villageCode: "33.13.08.2001" });
  });

  it("uses the kecamatan when a name is in several, and says when it cannot decide", () => {
    expect(place("Sroyo", "Jaten")).toMatchObject({ ok: true, villageCode: "33.13.11.2005" });
    expect(place("Sroyo", "Colomadu")).toMatchObject({ ok: true, villageCode: "33.13.12.2001" });
    const ambiguous = place("Sroyo");
    expect(ambiguous).toMatchObject({ ok: false, outside: false });
    expect(!ambiguous.ok && ambiguous.problem).toContain("isi kolom kecamatan");
    expect(place("Dagen", "Karangpandan")).toMatchObject({ ok: false, problem: 'Desa/kelurahan "Dagen" tidak ada di Kecamatan Karangpandan.' });
  });

  it("takes Kemendagri codes, and a kecamatan alone", () => {
    expect(place("", "", "33.13.11.2004")).toMatchObject({ ok: true, villageCode: "33.13.11.2004", districtCode: "33.13.11" });
    expect(place("33.13.11.2004")).toMatchObject({ ok: true, villageCode: "33.13.11.2004" });
    expect(place("", "Karangpandan")).toMatchObject({ ok: true, villageCode: null, districtCode: "33.13.08" });
    expect(place("", "", "", "33.13.08")).toMatchObject({ ok: true, villageCode: null, districtCode: "33.13.08" });
    expect(place("", "", "33.13.08")).toMatchObject({ ok: true, villageCode: null, districtCode: "33.13.08" });
    expect(place("", "Jatn Lor", "33.13.11.2004")).toMatchObject({ ok: true, villageCode: "33.13.11.2004" });
    expect(place("", "Karangpandan", "33.13.11.2004")).toMatchObject({ ok: false, problem: "Kode desa 33.13.11.2004 (Dagen) tidak berada di Kecamatan Karangpandan." });
    expect(place("", "")).toMatchObject({ ok: false, problem: "Isi desa/kelurahan atau kecamatan." });
    expect(place("", "", "99.99.99.9999")).toMatchObject({ ok: false, problem: "Kode wilayah 99.99.99.9999 tidak dikenal." });
  });

  it("names the regency of a village outside the organiser's region", () => {
    expect(place("Gedong")).toMatchObject({ ok: false, outside: true, problem: 'Desa/kelurahan "Gedong" ada di Kabupaten Wonogiri, di luar wilayah Anda.' });
    expect(place("", "", "33.12.01.2001")).toMatchObject({ ok: false, outside: true });
    expect(place("Tidakada")).toMatchObject({ ok: false, outside: false, problem: 'Desa/kelurahan "Tidakada" tidak ditemukan di Kabupaten Karanganyar.' });
  });
});

describe("reading CSV", () => {
  const rows = async (text: string) => (await readCsv(Buffer.from(text))).map((r) => r.cells);
  it("takes ; or , and drops the BOM", async () => {
    expect(await rows("\uFEFFNama KIM;Desa\r\nKIM A;Dagen\r\n")).toEqual([["Nama KIM", "Desa"], ["KIM A", "Dagen"], [""]]);
    expect(await rows('Nama KIM,Desa\n"KIM B, Jaten",Dagen\n')).toEqual([["Nama KIM", "Desa"], ["KIM B, Jaten", "Dagen"], [""]]);
    expect(await rows("Nama KIM\tDesa\nKIM C\tDagen")).toEqual([["Nama KIM", "Desa"], ["KIM C", "Dagen"]]);
    const utf16 = Buffer.from("\uFEFFNama KIM\tDesa\r\nKIM Ç\tDagen", "utf16le");
    expect(spreadsheetKind(utf16)).toBe("csv");
    expect((await readCsv(utf16)).map((r) => r.cells)).toEqual([["Nama KIM", "Desa"], ["KIM Ç", "Dagen"]]);
    const latin = Buffer.from("Nama KIM;Desa\nKIM \xC7;Dagen", "latin1");
    expect((await readCsv(latin)).map((r) => r.cells)[1]).toEqual(["KIM Ç", "Dagen"]);
  });

  it("tells a spreadsheet from other files by their bytes", () => {
    expect(spreadsheetKind(Buffer.from("Nama KIM;Desa\n"))).toBe("csv");
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect(spreadsheetKind(png)).toEqual({ message: "Berkas ini gambar PNG, bukan XLSX atau CSV. Pilih berkas daftar KIM dari Excel atau spreadsheet." });
    const exe = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(100)]);
    expect(spreadsheetKind(exe)).toMatchObject({ message: expect.stringContaining("program Windows") });
  });
});

describe("the preview", () => {
  it("sorts rows into new, duplicate in the file, not matched, outside, and counts empty rows", async () => {
    const csv = [
      "Nama KIM;Desa/Kelurahan;Kecamatan;Status;Alasan",
      "KIM Bima;Ds. Popongan;Karanganyar;Aktif;",
      ";;;;",
      "KIM Bima;Popongan;;aktif;",
      "KIM Gedong;Gedong;;Aktif;",
      "KIM Sroyo;Sroyo;;Aktif;",
      "KIM Lama;Dagen;Jaten;tdk aktif;",
      "KIM Ada;Dagen;Jaten;Aktif;",
      ";Dagen;Jaten;Aktif;",
      "KIM X;Dagen;Jaten;bubar;",
    ].join("\n");
    const rows = previewRows(await readCsv(Buffer.from(csv)), index, [{ id: "k1", name: "kim ada", villageCode: "33.13.11.2004", districtCode: "33.13.11" }], "2026-12-06");
    expect(rows.map((r) => [r.rowNumber, r.outcome])).toEqual([
      [2, "baru"], [3, "kosong"], [4, "ganda"], [5, "luar_wilayah"], [6, "gagal"], [7, "baru"], [8, "sudah_ada"], [9, "gagal"], [10, "gagal"],
    ]);
    expect(rows[2].problems).toEqual(["Sama dengan baris 2 di berkas ini."]);
    expect(rows[5].kim).toMatchObject({ status: "tidak_aktif", reason: "Tidak disebutkan di berkas impor." });
    expect(rows[6].existing).toEqual({ id: "k1", name: "kim ada" });
    expect(rows[7].problems).toEqual(["Nama KIM kosong."]);
    expect(rows[8].problems[0]).toContain('Status "bubar" tidak dikenal');
  });

  it("refuses a file without a header or with more than 5,000 rows", async () => {
    expect(() => previewRows([{ rowNumber: 1, cells: ["a", "b"] }], index, [], "2026-12-06")).toThrow(/judul kolom/);
    const many = [{ rowNumber: 1, cells: ["Nama KIM", "Desa"] }, ...Array.from({ length: 5001 }, (_, i) => ({ rowNumber: i + 2, cells: [`KIM ${i}`, "Dagen"] }))];
    expect(() => previewRows(many, index, [], "2026-12-06")).toThrow(/lebih dari 5.000 baris/);
  });
});

describe("in English", () => {
  it("translates row problems with the values people typed, full stops included", async () => {
    const { translateMessage } = await import("@/lib/i18n/translate-message");
    expect(translateMessage('Desa/kelurahan "Ds. Popngn" tidak ditemukan di Kabupaten Karanganyar.', "en")).toBe('Village "Ds. Popngn" was not found in Kabupaten Karanganyar.');
    expect(translateMessage('Desa/kelurahan "Gedong" ada di Kabupaten Wonogiri, di luar wilayah Anda.', "en")).toBe('Village "Gedong" is in Kabupaten Wonogiri, outside your region.');
    expect(translateMessage("Berkas ini gambar PNG, bukan XLSX atau CSV. Pilih berkas daftar KIM dari Excel atau spreadsheet.", "en")).toBe("This file is a PNG image, not XLSX or CSV. Choose the KIM list file from Excel or a spreadsheet app.");
    expect(translateMessage("Sama dengan baris 12 di berkas ini.", "en")).toBe("Same as row 12 in this file.");
  });
});
