import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as editionsRoute } from "@/app/api/v1/editions/route";
import { listEditionSection } from "@/lib/editions/list-editions";
import { createEdition } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";

// The home page shows a few editions per section and /festival the rest a page at a time
// (docs/decisions/0039): the same query, bounded, with the section's total.
let handle: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  const day = (d: number) => new Date(Date.UTC(2030, 0, d));
  for (let i = 1; i <= 8; i++) await createEdition(handle.db, { slug: `terbit-${i}`, title: `Festival Terbit ${i}`, year: 2030, regionCode: "33.13", status: "diumumkan", publishedAt: day(i) });
  for (let i = 1; i <= 3; i++) await createEdition(handle.db, { slug: `buka-${i}`, title: `Festival Buka ${i}`, year: 2031, regionCode: "33", status: "pendaftaran", submissionClosesAt: day(10 - i) });
  await createEdition(handle.db, { slug: "nilai", title: "Festival Dinilai", year: 2031, regionCode: "33", status: "penjurian" });
  await createEdition(handle.db, { slug: "arsip-lama", title: "Lomba Lama", year: null, regionCode: "33", status: "diumumkan", isHistorical: true });
  await createEdition(handle.db, { slug: "rahasia", title: "Draf Rahasia", year: 2031, regionCode: "33", status: "draf" });
});
afterAll(() => handle.drop());

describe("listEditionSection", () => {
  it("gives the newest published first, a page at a time, with the section's total", async () => {
    const first = await listEditionSection(handle.db, "published", { limit: 6 });
    expect(first.total).toBe(8);
    expect(first.items.map((e) => e.slug)).toEqual(["terbit-8", "terbit-7", "terbit-6", "terbit-5", "terbit-4", "terbit-3"]);
    const second = await listEditionSection(handle.db, "published", { limit: 6, offset: 6 });
    expect(second).toMatchObject({ total: 8 });
    expect(second.items.map((e) => e.slug)).toEqual(["terbit-2", "terbit-1"]);
    expect((await listEditionSection(handle.db, "published", { limit: 6, offset: 60 })).items).toEqual([]);
  });

  it("gives open editions closing soonest first, and keeps drafts out of every section", async () => {
    expect((await listEditionSection(handle.db, "open", { limit: 6 })).items.map((e) => e.slug)).toEqual(["buka-3", "buka-2", "buka-1"]);
    expect((await listEditionSection(handle.db, "judging", { limit: 6 })).items.map((e) => e.slug)).toEqual(["nilai"]);
    expect((await listEditionSection(handle.db, "archive", { limit: 6 })).items.map((e) => e.slug)).toEqual(["arsip-lama"]);
    for (const section of ["open", "judging", "published", "archive"] as const) {
      expect(JSON.stringify(await listEditionSection(handle.db, section, { limit: 100 }))).not.toContain("rahasia");
    }
  });

  it("pages the JSON list of editions with a cursor, each edition once, no draft", async () => {
    const slugs: string[] = [];
    let cursor = "";
    for (let i = 0; i < 10; i++) {
      const body = await (await editionsRoute(new Request(`http://layar.test/api/v1/editions?limit=5${cursor ? `&cursor=${cursor}` : ""}`), undefined as never)).json();
      slugs.push(...body.editions.map((e: { slug: string }) => e.slug));
      if (!body.nextCursor) break;
      cursor = body.nextCursor;
    }
    expect(slugs).toHaveLength(13);
    expect(new Set(slugs).size).toBe(13);
    expect(slugs).not.toContain("rahasia");
    expect(slugs.at(-1)).toBe("arsip-lama"); // no year sorts last
  });
});
