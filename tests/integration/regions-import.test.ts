import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { regions } from "@/lib/db/schema";
import { getRegion } from "@/lib/regions/get-region";
import { importRegions, readRegionRows } from "@/lib/regions/import-regions";
import { createTestDatabase } from "../setup/database";

let handle: Awaited<ReturnType<typeof createTestDatabase>>;

const perLevel = async () =>
  Object.fromEntries(
    (await handle.db.select({ level: regions.level, n: count() }).from(regions).groupBy(regions.level)).map((r) => [r.level, r.n]),
  );

beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.drop());

describe("importRegions", () => {
  it("loads all of Indonesia: 38 provinces, 514 regencies, every district and village", async () => {
    const rows = readRegionRows();
    const result = await importRegions(handle.db, rows);
    expect(result).toEqual({ inserted: rows.length, skipped: false });
    expect(await perLevel()).toEqual({ provinsi: 38, kabupaten: 514, kecamatan: 7285, desa: 83762 });
  });

  it("links every region to an existing parent", async () => {
    const orphans = (await handle.db.execute(
      sql`select count(*)::int as n from regions r left join regions p on p.code = r.parent_code where r.parent_code is not null and p.code is null`,
    )) as unknown as { rows: { n: number }[] };
    expect(orphans.rows[0].n).toBe(0);
  });

  it("has the article's places at their Kemendagri codes", async () => {
    const karanganyar = await getRegion(handle.db, "33.13");
    expect(karanganyar).toMatchObject({ name: "Kabupaten Karanganyar", level: "kabupaten" });
    expect(karanganyar!.children).toHaveLength(17);
    expect(karanganyar!.ancestors.map((a) => a.name)).toEqual(["Jawa Tengah"]);
    expect((await getRegion(handle.db, "33.13.11.2004"))?.name).toBe("Dagen");
    expect((await getRegion(handle.db, "33.13.09.1009"))?.name).toBe("Popongan");
    expect((await getRegion(handle.db, "33.12"))?.name).toBe("Kabupaten Wonogiri");
  });

  it("is idempotent: a second run changes nothing", async () => {
    const result = await importRegions(handle.db);
    expect(result).toEqual({ inserted: 0, skipped: true });
    const [{ n }] = await handle.db.select({ n: count() }).from(regions);
    expect(n).toBe(91_599);
  });

  it("tops up a partial table and restores a changed name", async () => {
    await handle.db.delete(regions).where(eq(regions.code, "33.13.11.2004"));
    await handle.db.update(regions).set({ name: "Salah" }).where(eq(regions.code, "33.13.09.1009"));
    const result = await importRegions(handle.db);
    expect(result).toEqual({ inserted: 1, skipped: false });
    expect((await getRegion(handle.db, "33.13.11.2004"))?.name).toBe("Dagen");
    expect((await getRegion(handle.db, "33.13.09.1009"))?.name).toBe("Popongan");
  });

  it("answers null for malformed or unknown codes", async () => {
    expect(await getRegion(handle.db, "99.99")).toBeNull();
    expect(await getRegion(handle.db, "33'; drop table regions; --")).toBeNull();
  });
});
