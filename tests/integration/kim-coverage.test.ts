import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getRegion } from "@/app/api/v1/regions/[code]/route";
import { GET as getCoverage } from "@/app/api/v1/regions/[code]/kim-coverage/route";
import { coverageTrend, organiserCoverage, regionCoverage } from "@/lib/kim/coverage";
import { recordKimStatus } from "@/lib/kim/kim-status";
import { createKim, createRegionTree, createUser } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";

// A small tree with known KIMs: two active KIMs in one desa (it counts once), an inactive one,
// a KIM with no desa (a KIM, but no desa covered), a kecamatan with none, a regency with no
// kecamatan, and status history over 2024-2026 that the trend must follow.

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
const today = "2026-12-06";
const req = (path: string) => new Request(`http://layar.test${path}`);
const params = <T>(value: T) => ({ params: Promise.resolve(value) });

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  await createRegionTree(db, [
    { code: "33", name: "Jawa Tengah" },
    { code: "33.13", name: "Kabupaten Karanganyar" },
    { code: "33.13.08", name: "Karangpandan" },
    { code: "33.13.08.2001", name: "Karangpandan" },
    { code: "33.13.08.2002", name: "Doplang" },
    { code: "33.13.08.2003", name: "Salam" },
    { code: "33.13.11", name: "Jaten" },
    { code: "33.13.11.2004", name: "Dagen" },
    { code: "33.13.11.2005", name: "Suruhkalang" },
    { code: "33.13.12", name: "Colomadu" },
    { code: "33.13.12.2001", name: "Malangjiwan" },
    { code: "33.12", name: "Kabupaten Wonogiri" },
    { code: "33.12.01", name: "Pracimantoro" },
    { code: "33.12.01.2001", name: "Gedong" },
    { code: "33.72", name: "Kota Surakarta" },
    { code: "34", name: "DI Yogyakarta" },
  ]);
  await createKim(db, { name: "KIM A", districtCode: "33.13.08", villageCode: "33.13.08.2001", statusSince: "2024-03-01" });
  await createKim(db, { name: "KIM B", districtCode: "33.13.08", villageCode: "33.13.08.2001", statusSince: "2025-01-10" });
  const c = await createKim(db, { name: "KIM C", districtCode: "33.13.08", villageCode: "33.13.08.2002", statusSince: "2024-06-01" });
  await recordKimStatus(db, c.id, { status: "tidak_aktif", fromDate: "2025-07-01", reason: "Pengurus pindah", source: "organiser" });
  await createKim(db, { name: "KIM D tanpa desa", districtCode: "33.13.11", villageCode: null, statusSince: "2024-02-01" });
  await createKim(db, { name: "KIM E", districtCode: "33.13.11", villageCode: "33.13.11.2004", statusSince: "2026-03-01" });
  await createKim(db, { name: "KIM F", districtCode: "33.12.01", villageCode: "33.12.01.2001", statusSince: "2025-05-05" });
});
afterAll(() => handle.drop());

describe("KIM coverage of a region", () => {
  it("counts per kecamatan for a regency, every kecamatan listed, a desa with two KIMs once, a KIM without a desa as a KIM only", async () => {
    const coverage = await regionCoverage(handle.db, "33.13", today);
    expect(coverage?.region).toEqual({ code: "33.13", name: "Kabupaten Karanganyar", level: "kabupaten" });
    expect(coverage?.districts).toEqual([
      { code: "33.13.12", name: "Colomadu", villages: 1, villagesWithActiveKim: 0, kimActive: 0, kimInactive: 0 },
      { code: "33.13.11", name: "Jaten", villages: 2, villagesWithActiveKim: 1, kimActive: 2, kimInactive: 0 },
      { code: "33.13.08", name: "Karangpandan", villages: 3, villagesWithActiveKim: 1, kimActive: 2, kimInactive: 1 },
    ]);
    expect(coverage?.totals).toEqual({ villages: 6, villagesWithActiveKim: 2, kimActive: 4, kimInactive: 1 });
  });

  it("counts per regency for a province, a regency without kecamatan as zeros", async () => {
    const coverage = await regionCoverage(handle.db, "33", today);
    expect(coverage?.districts.map((d) => [d.code, d.villages, d.villagesWithActiveKim, d.kimActive, d.kimInactive])).toEqual([
      ["33.13", 6, 2, 4, 1],
      ["33.12", 1, 1, 1, 0],
      ["33.72", 0, 0, 0, 0],
    ]);
    expect(coverage?.totals).toEqual({ villages: 7, villagesWithActiveKim: 3, kimActive: 5, kimInactive: 1 });
  });

  it("answers a kecamatan with itself as the one row, and a desa with itself as one village", async () => {
    const kecamatan = await regionCoverage(handle.db, "33.13.08", today);
    expect(kecamatan?.districts).toEqual([{ code: "33.13.08", name: "Karangpandan", villages: 3, villagesWithActiveKim: 1, kimActive: 2, kimInactive: 1 }]);
    expect(kecamatan?.totals).toEqual({ villages: 3, villagesWithActiveKim: 1, kimActive: 2, kimInactive: 1 });
    const desa = await regionCoverage(handle.db, "33.13.08.2002", today);
    expect(desa).toMatchObject({ districts: [], totals: { villages: 1, villagesWithActiveKim: 0, kimActive: 0, kimInactive: 1 } });
    expect(await regionCoverage(handle.db, "99.99", today)).toBeNull();
  });

  it("follows the status history year by year: a later KIM is not counted earlier, an inactivation counts from its year", async () => {
    expect(await coverageTrend(handle.db, "kabupaten", "33.13", today)).toEqual([
      { year: 2024, kimActive: 3, kimInactive: 0, villagesWithActiveKim: 2 },
      { year: 2025, kimActive: 3, kimInactive: 1, villagesWithActiveKim: 1 },
      { year: 2026, kimActive: 4, kimInactive: 1, villagesWithActiveKim: 2 },
    ]);
    expect((await regionCoverage(handle.db, "33", today))?.trend.map((p) => [p.year, p.kimActive, p.kimInactive, p.villagesWithActiveKim])).toEqual([
      [2024, 3, 0, 2],
      [2025, 4, 1, 2],
      [2026, 5, 1, 3],
    ]);
  });

  it("counts this year only up to today (WIB), and a region with no KIM has no trend", async () => {
    expect(await coverageTrend(handle.db, "kabupaten", "33.13", "2025-06-30")).toEqual([
      { year: 2024, kimActive: 3, kimInactive: 0, villagesWithActiveKim: 2 },
      { year: 2025, kimActive: 4, kimInactive: 0, villagesWithActiveKim: 2 },
    ]);
    expect(await coverageTrend(handle.db, "kecamatan", "33.13.12", today)).toEqual([]);
  });

  it("gives an organiser their own region or one inside it, and anything else as not found", async () => {
    const karanganyar = await createUser(handle.db, { email: "admin.kra@layar.test", role: "organiser", regionCode: "33.13" });
    const jateng = await createUser(handle.db, { email: "admin.jtg@layar.test", role: "organiser", regionCode: "33" });
    const judge = await createUser(handle.db, { email: "juri@layar.test", role: "judge", regionCode: "33.13" });
    expect((await organiserCoverage(handle.db, karanganyar, undefined, today))?.region.code).toBe("33.13");
    expect((await organiserCoverage(handle.db, karanganyar, "33.13.08", today))?.totals.villages).toBe(3);
    expect(await organiserCoverage(handle.db, karanganyar, "33.12", today)).toBeNull();
    expect(await organiserCoverage(handle.db, karanganyar, "33", today)).toBeNull();
    expect(await organiserCoverage(handle.db, karanganyar, "bukan-kode", today)).toBeNull();
    expect((await organiserCoverage(handle.db, jateng, "33.12", today))?.totals.kimActive).toBe(1);
    expect(await organiserCoverage(handle.db, jateng, "34", today)).toBeNull();
    expect(await organiserCoverage(handle.db, judge, "33.13", today)).toBeNull();
  });
});

describe("GET /api/v1/regions/{code}/kim-coverage", () => {
  it("answers exactly region, totals, districts and trend, publicly cacheable", async () => {
    const res = await getCoverage(req("/api/v1/regions/33.13/kim-coverage"), params({ code: "33.13" }));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("public");
    const body = await res.json();
    expect(Object.keys(body)).toEqual(["region", "totals", "districts", "trend"]);
    expect(body.region).toEqual({ code: "33.13", name: "Kabupaten Karanganyar", level: "kabupaten" });
    expect(body.totals).toEqual({ villages: 6, villagesWithActiveKim: 2, kimActive: 4, kimInactive: 1 });
    expect(body.districts).toHaveLength(3);
    for (const d of body.districts) expect(Object.keys(d).sort()).toEqual(["code", "kimActive", "kimInactive", "name", "villages", "villagesWithActiveKim"]);
    expect(body.trend[0]).toEqual({ year: 2024, kimActive: 3, kimInactive: 0, villagesWithActiveKim: 2 });
    expect(body.trend.at(-1).year).toBe(Number(new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 4)));
  });

  it("answers an unknown code 404 and a malformed one 422, in the reader's language", async () => {
    const unknown = await getCoverage(req("/api/v1/regions/99.99/kim-coverage"), params({ code: "99.99" }));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: "Data tidak ditemukan." });
    for (const code of ["abc", "33.1", "33.13.08.2001.1", ""]) {
      const malformed = await getCoverage(req(`/api/v1/regions/${code}/kim-coverage`), params({ code }));
      expect(malformed.status, code).toBe(422);
      expect((await malformed.json()).fieldErrors.code[0]).toMatch(/^Kode wilayah tidak valid/);
    }
    const english = await getCoverage(new Request("http://layar.test/api/v1/regions/abc/kim-coverage", { headers: { cookie: "NEXT_LOCALE=en" } }), params({ code: "abc" }));
    expect((await english.json()).fieldErrors.code[0]).toMatch(/^The region code is not valid/);
  });

  it("is linked from the region's own answer", async () => {
    const body = await (await getRegion(req("/api/v1/regions/33.13"), params({ code: "33.13" }))).json();
    expect(body.links).toEqual({ kimCoverage: "/api/v1/regions/33.13/kim-coverage" });
  });
});
