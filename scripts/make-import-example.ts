// Writes docs/contoh-impor-kim.xlsx and docs/contoh-impor-kim.csv: the demo's 33 Karanganyar
// KIMs as an office keeps them (lib/seed/import-example.ts). Run: npx tsx scripts/make-import-example.ts
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { readRegionRows } from "@/lib/regions/import-regions";
import { EXAMPLE_HEADERS, exampleCells, exampleCsv, karanganyarExample } from "@/lib/seed/import-example";

const docs = path.join(import.meta.dirname, "..", "docs");
const kims = karanganyarExample(readRegionRows().filter((r) => r.code.startsWith("33.13")));

fs.writeFileSync(path.join(docs, "contoh-impor-kim.csv"), exampleCsv(kims));

const workbook = new ExcelJS.Workbook();
workbook.creator = "Layar";
workbook.created = workbook.modified = new Date("2026-01-01T00:00:00Z");
const sheet = workbook.addWorksheet("Daftar KIM");
sheet.addRow(EXAMPLE_HEADERS).font = { bold: true };
// Codes and phone numbers are text: Excel would drop a phone's leading 0.
for (const row of exampleCells(kims)) sheet.addRow(row.map((cell, i) => (i === 0 ? Number(cell) : cell)));
sheet.columns.forEach((column, i) => {
  column.width = [5, 34, 20, 16, 15, 12, 40, 34, 15, 20, 14, 24][i];
});
sheet.views = [{ state: "frozen", ySplit: 1 }];
await workbook.xlsx.writeFile(path.join(docs, "contoh-impor-kim.xlsx"));

const inactive = kims.filter((k) => k.status === "Tidak aktif").length;
console.log(`docs/contoh-impor-kim.{xlsx,csv}: ${kims.length} KIM, ${kims.length - inactive} aktif, ${inactive} tidak aktif`);
