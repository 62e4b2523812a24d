import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { GET as listEditions } from "@/app/api/v1/editions/route";
import { GET as getEdition } from "@/app/api/v1/editions/[slug]/route";
import { GET as listKim } from "@/app/api/v1/kim/route";
import { GET as getRegion } from "@/app/api/v1/regions/[code]/route";
import { placements } from "@/lib/db/schema";
import { createEdition, createKim, createRubric } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
const req = (path: string) => new Request(`http://layar.test${path}`);
const params = <T>(value: T) => ({ params: Promise.resolve(value) });

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  const manteb = await createKim(handle.db, { name: "KIM Manteb", districtCode: "33.13.08" });
  await createKim(handle.db, { name: "KIM Sepi", districtCode: "33.13.11", villageCode: "33.13.11.2004", status: "tidak_aktif", inactiveReason: "Pengurus pindah" });
  await createKim(handle.db, { name: "KIM Gedong", districtCode: "33.12.01" });
  await createEdition(handle.db, { slug: "draf-rahasia", title: "Draf Rahasia", regionCode: "33.13", status: "draf" });
  const judging = await createEdition(handle.db, { slug: "sedang-dinilai", title: "Sedang Dinilai", year: 2026, regionCode: "33", status: "penjurian" });
  const published = await createEdition(handle.db, { slug: "sudah-diumumkan", title: "Sudah Diumumkan", year: 2025, regionCode: "33.13", status: "diumumkan", publishedAt: new Date() });
  await createRubric(handle.db, published.id);
  // A sealed-but-unpublished placement must never appear.
  await handle.db.insert(placements).values([
    { editionId: judging.id, kimId: manteb.id, placement: "Juara I", note: "RAHASIA-SEGEL" },
    { editionId: published.id, kimId: manteb.id, placement: "Juara II" },
  ]);
});
afterAll(() => handle.drop());

describe("public read API", () => {
  it("GET /api/health reports the database", async () => {
    const res = await health(req("/api/health"), undefined as never);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", database: expect.stringMatching(/pglite|postgres/) });
  });

  it("GET /api/v1/regions/{code} returns the region with its children and ancestors", async () => {
    const res = await getRegion(req("/api/v1/regions/33.13"), params({ code: "33.13" }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ code: "33.13", name: "Kabupaten Karanganyar", level: "kabupaten", ancestors: [{ code: "33" }] });
    expect(body.children.map((c: { name: string }) => c.name)).toEqual(["Jaten", "Karangpandan"]);
    expect(res.headers.get("cache-control")).toContain("public");
  });

  it("answers an unknown region with a JSON 404 message", async () => {
    const res = await getRegion(req("/api/v1/regions/99.99"), params({ code: "99.99" }));
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: "Data tidak ditemukan." });
  });

  it("GET /api/v1/kim?regency= lists the directory with status and counts", async () => {
    const res = await listKim(req("/api/v1/kim?regency=33.13"), undefined as never);
    const body = await res.json();
    expect(body).toMatchObject({ region: "33.13", total: 2, active: 1, inactive: 1 });
    // In code order: regency, district, then name.
    const expected = [...body.kims].sort((a: { districtCode: string; name: string }, b: { districtCode: string; name: string }) => a.districtCode.localeCompare(b.districtCode) || a.name.localeCompare(b.name));
    expect(body.kims).toEqual(expected);
    expect(body.kims.map((k: { name: string; status: string }) => `${k.name}:${k.status}`).sort()).toEqual(["KIM Manteb:aktif", "KIM Sepi:tidak_aktif"]);
    expect(body).toMatchObject({ limit: 100, nextCursor: null });
    const province = await (await listKim(req("/api/v1/kim?regency=33"), undefined as never)).json();
    expect(province.total).toBe(3);
    const activeOnly = await (await listKim(req("/api/v1/kim?regency=33.13&status=aktif"), undefined as never)).json();
    expect(activeOnly.kims).toHaveLength(1);
  });

  it("pages the directory with limit and the next page's cursor, each KIM once", async () => {
    const seen: string[] = [];
    let cursor: string | null = "";
    for (let page = 0; cursor !== null && page < 5; page++) {
      const body = await (await listKim(req(`/api/v1/kim?regency=33&limit=1${cursor ? `&cursor=${cursor}` : ""}`), undefined as never)).json();
      expect(body.total).toBe(3);
      expect(body.kims).toHaveLength(1);
      seen.push(body.kims[0].slug);
      cursor = body.nextCursor;
    }
    expect(cursor).toBeNull();
    const all = await (await listKim(req("/api/v1/kim?regency=33"), undefined as never)).json();
    expect(seen).toEqual(all.kims.map((k: { slug: string }) => k.slug));
    for (const q of ["limit=0", "limit=501", "limit=dua", "cursor=bukan-kursor", `cursor=${Buffer.from('["33.13"]').toString("base64url")}`]) {
      const res = await listKim(req(`/api/v1/kim?regency=33&${q}`), undefined as never);
      expect(res.status, q).toBe(422);
      expect(JSON.stringify(await res.json()), q).toMatch(q.startsWith("limit") ? /limit berupa angka 1 sampai 500/ : /nextCursor/);
    }
  });

  it("refuses a malformed query with 422 and a message saying what to send", async () => {
    for (const q of ["", "?regency=karanganyar", "?regency=33.13&status=hilang"]) {
      const res = await listKim(req(`/api/v1/kim${q}`), undefined as never);
      expect(res.status).toBe(422);
      const text = await res.text();
      expect(JSON.parse(text).error).toBe("Masukan tidak valid.");
      expect(text).not.toMatch(/at .*\.ts|ZodError|stack/);
    }
  });

  it("GET /api/v1/editions lists every edition but drafts", async () => {
    const body = await (await listEditions(req("/api/v1/editions"), undefined as never)).json();
    expect(body.editions.map((e: { slug: string }) => e.slug).sort()).toEqual(["sedang-dinilai", "sudah-diumumkan"]);
    expect(body.nextCursor).toBeNull();
    const first = await (await listEditions(req("/api/v1/editions?limit=1"), undefined as never)).json();
    const second = await (await listEditions(req(`/api/v1/editions?limit=1&cursor=${first.nextCursor}`), undefined as never)).json();
    expect([...first.editions, ...second.editions].map((e: { slug: string }) => e.slug)).toEqual(body.editions.map((e: { slug: string }) => e.slug));
    expect(second.nextCursor).toBeNull();
    expect((await listEditions(req("/api/v1/editions?limit=201"), undefined as never)).status).toBe(422);
    expect((await listEditions(req("/api/v1/editions?cursor=xyz"), undefined as never)).status).toBe(422);
  });

  it("GET /api/v1/editions/{slug} gives results only once published", async () => {
    const judging = await (await getEdition(req("/api/v1/editions/sedang-dinilai"), params({ slug: "sedang-dinilai" }))).text();
    expect(JSON.parse(judging)).toMatchObject({ slug: "sedang-dinilai", status: "penjurian", results: null });
    expect(judging).not.toContain("RAHASIA-SEGEL");
    expect(judging).not.toContain("KIM Manteb");

    const published = await (await getEdition(req("/api/v1/editions/sudah-diumumkan"), params({ slug: "sudah-diumumkan" }))).json();
    expect(published.results).toEqual([expect.objectContaining({ placement: "Juara II", kimName: "KIM Manteb" })]);
    expect(published.rubric).toHaveLength(5);
    expect(published).not.toHaveProperty("id");
  });

  it("hides draft editions as not found", async () => {
    const res = await getEdition(req("/api/v1/editions/draf-rahasia"), params({ slug: "draf-rahasia" }));
    expect(res.status).toBe(404);
  });
});
