// Writes docs/contoh-impor-kim.xlsx and docs/contoh-impor-kim.csv: the demo's 33 Karanganyar
// KIMs as an office keeps them (lib/seed/import-example.ts). Run: npx tsx scripts/make-import-example.ts
import fs from "node:fs";
import path from "node:path";
import { readRegionRows } from "@/lib/regions/import-regions";
import { exampleCsv, exampleXlsx, karanganyarExample } from "@/lib/seed/import-example";

const docs = path.join(import.meta.dirname, "..", "docs");
const kims = karanganyarExample(readRegionRows().filter((r) => r.code.startsWith("33.13")));

fs.writeFileSync(path.join(docs, "contoh-impor-kim.csv"), exampleCsv(kims));
fs.writeFileSync(path.join(docs, "contoh-impor-kim.xlsx"), await exampleXlsx(kims));

const inactive = kims.filter((k) => k.status === "Tidak aktif").length;
console.log(`docs/contoh-impor-kim.{xlsx,csv}: ${kims.length} KIM, ${kims.length - inactive} aktif, ${inactive} tidak aktif`);
