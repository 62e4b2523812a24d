import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { categories } from "@/lib/db/schema";
import { defaultRules } from "@/lib/editions/defaults";
import { getFestivalPage } from "@/lib/public/get-festival-page";
import { createEdition, createRubric } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";

// The public festival page shows the rules before anyone uploads: the technical rules,
// films per KIM, subtitles, who may enter, the categories and the rubric with weights as
// shares of the total; and whether entries are open (the "Kirim film" link).

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
const opens = new Date("2026-11-01T00:00:00+07:00");
const closes = new Date("2026-12-31T23:59:00+07:00");

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  const edition = await createEdition(handle.db, {
    slug: "kra-2026",
    title: "Festival Karanganyar 2026",
    regionCode: "33.13",
    status: "pendaftaran",
    submissionOpensAt: opens,
    submissionClosesAt: closes,
    // A row written before subtitles and eligibleKims existed: read through editionRules().
    rules: { maxDurationSeconds: 420, minHeight: 1080, containers: ["mp4"], videoCodecs: ["h264"], maxFileBytes: 4 * 1024 ** 3, filmsPerKim: 1, uploadGraceMinutes: 30, requireIndonesianSubtitles: true } as typeof defaultRules,
  });
  await createRubric(handle.db, edition.id, [
    { name: "Kesesuaian tema", weight: 3 },
    { name: "Teknik", weight: 1 },
    { name: "Pesan", weight: 2 },
  ], { min: 1, max: 10 });
  await handle.db.insert(categories).values([
    { editionId: edition.id, name: "Fiksi", description: "Cerita rekaan.", position: 0 },
    { editionId: edition.id, name: "Dokumenter", position: 1 },
  ]);
});
afterAll(async () => {
  await handle.drop();
});

describe("the public festival page's rules", () => {
  it("carries every rule a KIM needs before uploading, read through the edition's defaults", async () => {
    const page = await getFestivalPage(handle.db, "kra-2026", new Date("2026-12-01T10:00:00+07:00"));
    expect(page?.rules).toEqual({ maxDurationSeconds: 420, minHeight: 1080, maxFileBytes: 4 * 1024 ** 3, containers: ["mp4"], filmsPerKim: 1, subtitles: "bahasa_daerah", eligibleKims: "semua" });
    expect(page?.categoryDetails).toEqual([
      { name: "Fiksi", description: "Cerita rekaan." },
      { name: "Dokumenter", description: null },
    ]);
  });

  it("gives each criterion's weight as a share of the total weight, with its score range", async () => {
    const page = await getFestivalPage(handle.db, "kra-2026", new Date("2026-12-01T10:00:00+07:00"));
    expect(page?.rubric.map((c) => [c.name, c.percent, c.minScore, c.maxScore])).toEqual([
      ["Kesesuaian tema", 50, 1, 10],
      ["Teknik", 16.7, 1, 10],
      ["Pesan", 33.3, 1, 10],
    ]);
  });

  it("says entries are open only between the opening and the close", async () => {
    expect((await getFestivalPage(handle.db, "kra-2026", new Date("2026-10-31T10:00:00+07:00")))?.entriesOpen).toBe(false);
    expect((await getFestivalPage(handle.db, "kra-2026", new Date("2026-12-01T10:00:00+07:00")))?.entriesOpen).toBe(true);
    expect((await getFestivalPage(handle.db, "kra-2026", new Date("2027-01-01T00:00:00+07:00")))?.entriesOpen).toBe(false);
  });

  it("keeps the grace period and codec list, the server's business, off the page", async () => {
    const page = await getFestivalPage(handle.db, "kra-2026");
    expect(JSON.stringify(page)).not.toMatch(/uploadGraceMinutes|videoCodecs/);
  });
});
