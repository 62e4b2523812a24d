import facts from "./karanganyar-facts.json";

// The example list for /admin/kim/impor (docs/contoh-impor-kim.xlsx and .csv, written by
// scripts/make-import-example.ts): the demo's 33 Karanganyar KIMs as an office would keep them.
// It follows seedKarangAnyarRegistry in seed-demo.ts step by step (tests/integration/kim-import-example
// imports it into the demo database, where every row must be a duplicate, so a drift shows).
// Facts from the article stay as stated (no contact, year or village it does not give); the
// invented rows are marked "(contoh)" like the demo's, and so are their contacts.

export type RegionRow = { code: string; name: string; parentCode?: string | null };

export type ExampleKim = {
  name: string;
  village: string;
  district: string;
  villageCode: string;
  status: "Aktif" | "Tidak aktif";
  reason: string;
  contactName: string;
  phone: string;
  email: string;
};

export const EXAMPLE_HEADERS = ["No", "Nama KIM", "Desa/Kelurahan", "Kecamatan", "Kode Desa", "Status", "Alasan", "Ketua/Narahubung", "No HP/WA", "Email", "Tahun Berdiri", "Alamat"];

const SAMPLE = "(contoh)";
const named = [
  { name: "KIM Manteb", districtCode: "33.13.08", villageCode: null },
  { name: "KIM Saraswati", districtCode: "33.13.10", villageCode: null },
  { name: "KIM Bima", districtCode: "33.13.09", villageCode: "33.13.09.1009" },
  { name: "KIM Tunas Harapan", districtCode: "33.13.11", villageCode: "33.13.11.2004" },
];

/** "berkurangnya regenerasi dari kepengurusan (too little ...)" -> "Berkurangnya regenerasi dari kepengurusan". */
const inactiveReason = (() => {
  const text = facts.kimStats.inactiveReason.replace(/\s*\(.*\)\s*$/, "").trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
})();

/** The 33 rows, from the regions of idn-area-data (lib/regions/import-regions.ts readRegionRows). */
export function karanganyarExample(regionRows: RegionRow[]): ExampleKim[] {
  const byCode = new Map(regionRows.map((r) => [r.code, r]));
  const childrenOf = (code: string) =>
    regionRows.filter((r) => (r.parentCode ?? r.code.slice(0, r.code.lastIndexOf("."))) === code && r.code !== code).sort((a, b) => (a.code < b.code ? -1 : 1));
  const districts = childrenOf("33.13");
  const out: ExampleKim[] = named.map((k) => {
    const village = k.villageCode ? byCode.get(k.villageCode) : undefined;
    return { name: k.name, village: village?.name ?? "", district: byCode.get(k.districtCode)!.name, villageCode: village?.code ?? "", status: "Aktif", reason: "", contactName: "", phone: "", email: "" };
  });
  const perDistrict = new Map<string, number>(named.map((k) => [k.districtCode, 1]));
  const samples: ExampleKim[] = [];
  outer: for (const round of [1, 2]) {
    for (const d of districts) {
      if (named.length + samples.length >= facts.kimStats.total) break outer;
      if ((perDistrict.get(d.code) ?? 0) >= round) continue;
      const villages = childrenOf(d.code);
      const village = villages[(round * 3) % villages.length];
      const inactive = samples.length % 3 === 2 && samples.filter((s) => s.status === "Tidak aktif").length < facts.kimStats.inactive;
      const n = String(samples.length + 1).padStart(2, "0");
      samples.push({
        name: `KIM ${village.name} ${SAMPLE}`,
        village: village.name,
        district: d.name,
        villageCode: village.code,
        status: inactive ? "Tidak aktif" : "Aktif",
        reason: inactive ? inactiveReason : "",
        contactName: `Ketua KIM ${village.name} ${SAMPLE}`,
        phone: `08120000${n}${n}`,
        email: `kim${n}@contoh.test`,
      });
      perDistrict.set(d.code, (perDistrict.get(d.code) ?? 0) + 1);
    }
  }
  return [...out, ...samples];
}

/** The rows as cells under EXAMPLE_HEADERS. */
export function exampleCells(kims: ExampleKim[]): string[][] {
  return kims.map((k, i) => [String(i + 1), k.name, k.village, k.district, k.villageCode, k.status, k.reason, k.contactName, k.phone, k.email, "", ""]);
}

/** A CSV as Excel in Indonesian writes it: ";" between cells, a UTF-8 BOM, CRLF. */
export function exampleCsv(kims: ExampleKim[]): string {
  const quote = (cell: string) => (/[;"\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return `\uFEFF${[EXAMPLE_HEADERS, ...exampleCells(kims)].map((row) => row.map(quote).join(";")).join("\r\n")}\r\n`;
}

/**
 * The XLSX: one sheet, the header frozen, codes and phones as text (Excel would drop a phone's
 * leading 0). ExcelJS zips with JSZip (its own dependency) and stamps each part with the time
 * of writing; the parts are zipped again with one fixed time, so the same regions always give
 * the same bytes.
 */
export async function exampleXlsx(kims: ExampleKim[]): Promise<Buffer> {
  const { default: ExcelJS } = await import("exceljs");
  const { default: JSZip } = await import("jszip");
  const fixed = new Date("2026-01-01T00:00:00Z");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Layar";
  workbook.created = workbook.modified = fixed;
  const sheet = workbook.addWorksheet("Daftar KIM");
  sheet.addRow(EXAMPLE_HEADERS).font = { bold: true };
  for (const row of exampleCells(kims)) sheet.addRow(row.map((cell, i) => (i === 0 ? Number(cell) : cell)));
  sheet.columns.forEach((column, i) => {
    column.width = [5, 34, 20, 16, 15, 12, 40, 34, 15, 20, 14, 24][i];
  });
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  const zip = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
  zip.forEach((_, file) => {
    file.date = fixed;
  });
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}
