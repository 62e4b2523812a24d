import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/session";
import { setupDatabase } from "@/lib/db/setup-database";
import { kimGroups, kimStatusHistory, users } from "@/lib/db/schema";
import { confirmImport } from "@/lib/kim/import/confirm-import";
import { countOutcomes, createImportPreview, getImportBatch } from "@/lib/kim/import/kim-import";
import { importRegions, readRegionRows } from "@/lib/regions/import-regions";
import { exampleCsv, exampleXlsx, karanganyarExample } from "@/lib/seed/import-example";
import { demoAccounts } from "@/lib/seed/seed-demo";
import { createUser } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";

// docs/contoh-impor-kim.{xlsx,csv}: the demo's 33 Karanganyar KIMs (scripts/make-import-example.ts).
const docs = path.join(import.meta.dirname, "..", "..", "docs");
const example = (ext: "xlsx" | "csv") => ({ name: `contoh-impor-kim.${ext}`, bytes: fs.readFileSync(path.join(docs, `contoh-impor-kim.${ext}`)) });
let handle: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "layar-import-"));
afterAll(async () => {
  await handle?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("the example list", () => {
  it("is what the script writes from the regions, byte for byte", async () => {
    const kims = karanganyarExample(readRegionRows().filter((r) => r.code.startsWith("33.13")));
    expect(fs.readFileSync(path.join(docs, "contoh-impor-kim.csv"), "utf8")).toBe(exampleCsv(kims));
    expect(fs.readFileSync(path.join(docs, "contoh-impor-kim.xlsx")).equals(await exampleXlsx(kims))).toBe(true);
  });

  it("imports into a database with the regions and no KIMs as 33 KIMs, 24 aktif and 9 tidak aktif", async () => {
    handle = await createTestDatabase();
    await importRegions(handle.db);
    const organiser = (await createUser(handle.db, { email: "admin.kra@layar.test", role: "organiser", regionCode: "33.13" })) as Actor;
    // Both files preview the same 33 new rows; the CSV's are imported.
    for (const ext of ["xlsx", "csv"] as const) {
      const { id } = await createImportPreview(handle.db, organiser, example(ext));
      const batch = await getImportBatch(handle.db, organiser, id);
      expect(countOutcomes(batch.rows)).toMatchObject({ baru: 33, sudah_ada: 0, gagal: 0, ganda: 0, luar_wilayah: 0 });
      for (const row of batch.rows) expect(row.notes).toEqual([]);
      if (ext === "csv") await confirmImport(handle.db, organiser, id, { add: batch.rows.map((r) => r.rowNumber), update: [] });
    }
    const kims = await handle.db.select().from(kimGroups);
    expect(kims).toHaveLength(33);
    expect(kims.filter((k) => k.status === "aktif")).toHaveLength(24);
    expect(kims.filter((k) => k.status === "tidak_aktif")).toHaveLength(9);
    expect(kims.find((k) => k.name === "KIM Bima")).toMatchObject({ villageCode: "33.13.09.1009" });
    expect(kims.find((k) => k.name === "KIM Manteb")).toMatchObject({ villageCode: null, districtCode: "33.13.08" });
    const history = await handle.db.select().from(kimStatusHistory);
    expect(history).toHaveLength(33);
    for (const h of history) expect(h.source).toBe("impor");
    const { id } = await createImportPreview(handle.db, organiser, example("xlsx"));
    expect(countOutcomes((await getImportBatch(handle.db, organiser, id)).rows)).toMatchObject({ baru: 0, sudah_ada: 33 });
    await handle.drop();
    handle = undefined;
  }, 300_000);

  it("shows every row as a KIM the demo database already has", async () => {
    handle = await createTestDatabase();
    expect((await setupDatabase(handle, { seed: true, dataDir })).seeded).toBe(true);
    const [user] = await handle.db.select().from(users).where(eq(users.email, demoAccounts[0].email));
    const organiser = user as Actor;
    for (const ext of ["csv", "xlsx"] as const) {
      const { id } = await createImportPreview(handle.db, organiser, example(ext));
      const { rows } = await getImportBatch(handle.db, organiser, id);
      expect(countOutcomes(rows)).toMatchObject({ baru: 0, sudah_ada: 33, gagal: 0 });
      expect(rows.find((r) => r.kim?.name === "KIM Bima")?.existing?.name).toBe("KIM Bima");
    }
    // The list tests/e2e/kim-import.test.ts uploads: the example, an empty row, two new KIMs and four bad rows.
    const extra = [
      "34;KIM Baru Satu;Ds. Dagen;Jaten;;Aktif;;Ketua Uji;0812-3456-7000;uji@contoh.test;2020;",
      "35;KIM Baru Dua;;Karangpandan;;tdk aktif;Pengurus pindah;;;;;",
      "36;KIM Luar;;;33.12.01.2001;Aktif;;;;;;",
      "37;KIM Tanpa Desa;Desa Tidakadasamasekali;;;Aktif;;;;;;",
      "38;KIM Status;Dagen;Jaten;;bubar;;;;;;",
      "39;KIM Baru Satu;Dagen;Jaten;;Aktif;;;;;;",
    ];
    const text = `${example("csv").bytes.toString("utf8").trimEnd()}\r\n;;;;;;;;;;;\r\n${extra.join("\r\n")}\r\n`;
    const { id } = await createImportPreview(handle.db, organiser, { name: "e2e.csv", bytes: Buffer.from(text) });
    const { rows } = await getImportBatch(handle.db, organiser, id);
    expect(countOutcomes(rows)).toEqual({ baru: 2, sudah_ada: 33, luar_wilayah: 1, gagal: 2, ganda: 1, kosong: 1 });
    expect(rows.find((r) => r.outcome === "ganda")?.problems).toEqual(["Sama dengan baris 36 di berkas ini."]);
    expect(rows.find((r) => r.outcome === "luar_wilayah")?.problems).toEqual(["Kode 33.12.01.2001 (Sumberagung) ada di Kabupaten Wonogiri, di luar wilayah Anda."]);
  }, 300_000);
});
