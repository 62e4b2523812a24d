import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { csvColumns, csvDialects, csvField, rekapCsv } from "@/lib/documents/rekap";
import { awkwardTitle, sampleData } from "./helpers";

describe("csvField", () => {
  it("leaves plain text and numbers alone", () => {
    expect(csvField("KIM Manteb")).toBe("KIM Manteb");
    expect(csvField(3)).toBe("3");
    expect(csvField(null)).toBe("");
    expect(csvField({ decimal: "85.00" })).toBe("85.00");
  });

  it("writes decimals with the dialect's mark", () => {
    expect(csvField({ decimal: "86.95" }, csvDialects.excel)).toBe("86,95");
    expect(csvField({ decimal: "86.95" }, csvDialects.titik)).toBe("86.95");
    expect(csvField(2.5, csvDialects.excel)).toBe("2,5");
  });

  it("quotes commas, semicolons, quotes and line breaks, doubling the quotes", () => {
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField("a;b")).toBe('"a;b"');
    expect(csvField("a;b", csvDialects.excel)).toBe('"a;b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("one\ntwo")).toBe('"one\ntwo"');
    expect(csvField("one\r\ntwo")).toBe('"one\r\ntwo"');
    expect(csvField(" edge")).toBe('" edge"');
  });

  it("keeps markup as text (a CSV is not HTML) and makes formulas inert", () => {
    expect(csvField("<script>alert(1)</script>")).toBe("<script>alert(1)</script>");
    expect(csvField("=1+2")).toBe("'=1+2");
    expect(csvField("+62 812")).toBe("'+62 812");
    expect(csvField("-2+3")).toBe("'-2+3");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
  });
});

describe("rekapCsv for Indonesian Excel (the default: semicolons, decimal commas)", () => {
  const data = sampleData();
  const csv = rekapCsv(data);
  // Split as Excel in an Indonesian locale does: list separator ";", quotes honoured.
  const parsed = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: true, delimiter: ";" });

  it("starts with a byte-order mark, separates with semicolons and ends lines with CRLF", () => {
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.split("\r\n")[0]).toBe(`\uFEFF${csvColumns.join(";")}`);
    expect(csv.endsWith("\r\n")).toBe(true);
  });

  it("parses back to the same values, whatever the title holds", () => {
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual([...csvColumns]);
    // 3 films x 2 judges x 2 criteria, plus 3 x 2 judge totals, plus 3 film totals.
    expect(parsed.data).toHaveLength(12 + 6 + 3);
    const first = parsed.data.filter((r) => r.kode_film === "KRA-101");
    expect(first.every((r) => r.judul_film === awkwardTitle)).toBe(true);
    expect(parsed.data.find((r) => r.kode_film === "KRA-103")?.judul_film).toBe('\'=HYPERLINK("http://x")');
  });

  it("has one row per film x judge x criterion, then the judge's total, then the film's, with decimal commas", () => {
    const rows = parsed.data.filter((r) => r.kode_film === "KRA-101");
    expect(rows.map((r) => [r.baris, r.juri, r.kriteria])).toEqual([
      ["kriteria", "Bambang Hermawan", "Kesesuaian tema"],
      ["kriteria", "Bambang Hermawan", "Teknik produksi"],
      ["total_juri", "Bambang Hermawan", ""],
      ["kriteria", "Rina Kartikasari, S.I.Kom.", "Kesesuaian tema"],
      ["kriteria", "Rina Kartikasari, S.I.Kom.", "Teknik produksi"],
      ["total_juri", "Rina Kartikasari, S.I.Kom.", ""],
      ["total_film", "", ""],
    ]);
    expect(rows[0]).toMatchObject({ bobot: "60,00", nilai_maks: "100,00", nilai: "85,00", komentar: 'Catatan, "Kesesuaian tema"' });
    // Two decimals, rounded the way the ranking compares (84.995 -> 85,00).
    expect(rows[5].nilai).toBe("85,00");
    expect(rows[6]).toMatchObject({ nilai: "87,50", rata_rata_mentah: "87,50", peringkat: "1", juara: "Juara I" });
  });

  it("holds no number with a decimal point, which id-ID Excel would misread", () => {
    const numeric = parsed.data.flatMap((r) => [r.bobot, r.nilai_maks, r.nilai, r.rata_rata_mentah]).filter(Boolean);
    expect(numeric.length).toBeGreaterThan(0);
    for (const value of numeric) expect(value).toMatch(/^\d+,\d{2}$/);
  });
});

describe("rekapCsv with decimal points (rekap-titik.csv)", () => {
  const csv = rekapCsv(sampleData(), csvDialects.titik);
  const parsed = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: true, delimiter: "," });

  it("separates with commas and writes decimal points, same rows", () => {
    expect(csv.split("\r\n")[0]).toBe(`\uFEFF${csvColumns.join(",")}`);
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toHaveLength(12 + 6 + 3);
    const rows = parsed.data.filter((r) => r.kode_film === "KRA-101");
    expect(rows[0]).toMatchObject({ bobot: "60.00", nilai: "85.00", komentar: 'Catatan, "Kesesuaian tema"' });
    expect(rows[6]).toMatchObject({ nilai: "87.50", peringkat: "1" });
    expect(rows.every((r) => r.juri === "" || r.juri === "Bambang Hermawan" || r.juri === "Rina Kartikasari, S.I.Kom.")).toBe(true);
  });
});
