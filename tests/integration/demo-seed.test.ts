import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/authenticate";
import { setupDatabase } from "@/lib/db/setup-database";
import { certificates, editions, filmMedia, films, judgeAssignments, kimGroups, placements, users } from "@/lib/db/schema";
import { listJudgeEditions } from "@/lib/judging/judge-progress";
import { countKimsByChild, listKims, sumCounts } from "@/lib/kim/list-kims";
import { demoAccounts, demoPassword } from "@/lib/seed/seed-demo";
import { createTestDatabase } from "../setup/database";

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "layar-seed-"));

beforeAll(async () => {
  handle = await createTestDatabase();
  const report = await setupDatabase(handle, { seed: true, dataDir });
  expect(report.seeded).toBe(true);
}, 180_000);
afterAll(async () => {
  await handle.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("demo data from karanganyar-facts.json", () => {
  it("reproduces the article's registry: 33 KIM in Karanganyar, 24 active, 9 inactive", async () => {
    const kims = await listKims(handle.db, "33.13");
    expect(kims).toHaveLength(33);
    expect(kims.filter((k) => k.status === "aktif")).toHaveLength(24);
    const inactive = kims.filter((k) => k.status === "tidak_aktif");
    expect(inactive).toHaveLength(9);
    for (const k of inactive) expect(k.inactiveReason).toMatch(/regenerasi/i);
  });

  it("spreads them about two per kecamatan over all 17", async () => {
    const perDistrict = await countKimsByChild(handle.db, "33.13", "kabupaten");
    expect(perDistrict).toHaveLength(17);
    expect(sumCounts(perDistrict)).toEqual({ total: 33, active: 24, inactive: 9 });
    for (const d of perDistrict) expect(d.total === 1 || d.total === 2).toBe(true);
  });

  it("places the named KIMs at their real codes and marks every invented KIM as a sample", async () => {
    const kims = await listKims(handle.db, "33.13");
    const byName = Object.fromEntries(kims.map((k) => [k.name, k]));
    expect(byName["KIM Manteb"]).toMatchObject({ districtCode: "33.13.08", villageCode: null, isSample: false, slug: "kim-manteb-karangpandan" });
    expect(byName["KIM Saraswati"]).toMatchObject({ districtCode: "33.13.10", villageCode: null, isSample: false });
    expect(byName["KIM Bima"]).toMatchObject({ districtCode: "33.13.09", villageCode: "33.13.09.1009", isSample: false });
    expect(byName["KIM Tunas Harapan"]).toMatchObject({ districtCode: "33.13.11", villageCode: "33.13.11.2004", isSample: false });
    const others = kims.filter((k) => !["KIM Manteb", "KIM Saraswati", "KIM Bima", "KIM Tunas Harapan"].includes(k.name));
    expect(others).toHaveLength(29);
    for (const k of others) {
      expect(k.isSample).toBe(true);
      expect(k.name).toContain("(contoh)");
    }
  });

  it("adds a few sample KIMs in Wonogiri", async () => {
    const kims = await listKims(handle.db, "33.12");
    expect(kims.length).toBeGreaterThanOrEqual(3);
    expect(kims.every((k) => k.isSample)).toBe(true);
  });

  it("archives the article's winning films with their placements and no invented year", async () => {
    const rows = await handle.db
      .select({ title: films.title, kim: kimGroups.name, placement: placements.placement, year: editions.year, level: editions.level, region: editions.regionCode })
      .from(placements)
      .innerJoin(editions, eq(editions.id, placements.editionId))
      .innerJoin(kimGroups, eq(kimGroups.id, placements.kimId))
      .leftJoin(films, eq(films.id, placements.filmId))
      .where(eq(editions.isHistorical, true));
    const summary = rows.map((r) => `${r.kim}|${r.title}|${r.placement}|${r.year}`).sort();
    expect(summary).toEqual(
      [
        "KIM Bima|Penglaris|Juara Harapan I|null",
        "KIM Manteb|Krasa|Juara II|null",
        "KIM Manteb|Kuatir|Juara Harapan II|null",
        "KIM Manteb|Nular|Juara III|null",
        "KIM Saraswati|Bantuan|Juara Harapan III|null",
        "KIM Tunas Harapan|null|Juara III|2024",
      ].sort(),
    );
    for (const r of rows) expect(r).toMatchObject({ level: "provinsi", region: "33" });
  });

  it("ships no fake video for the real archived films", async () => {
    const media = await handle.db
      .select({ id: filmMedia.id })
      .from(filmMedia)
      .innerJoin(films, eq(films.id, filmMedia.filmId))
      .where(eq(films.isSample, false));
    expect(media).toEqual([]);
  });

  it("has one sample edition open, one in judging and one published, each with playable clips", async () => {
    const samples = await handle.db.select().from(editions).where(eq(editions.isSample, true));
    expect(samples.map((e) => e.status).sort()).toEqual(["diumumkan", "pendaftaran", "penjurian"]);
    const videos = await handle.db.select().from(filmMedia).where(eq(filmMedia.kind, "video"));
    expect(videos.length).toBeGreaterThanOrEqual(12);
    for (const v of videos) {
      const file = path.join(dataDir, "media", v.storageKey);
      const head = fs.readFileSync(file).subarray(4, 8).toString("latin1");
      expect(head, `${file} is an MP4`).toBe("ftyp");
      expect(fs.statSync(file).size).toBe(v.sizeBytes);
    }
  });

  it("gives the published sample edition its participation and judges' piagam, as a seal would", async () => {
    const [published] = await handle.db.select().from(editions).where(and(eq(editions.isSample, true), eq(editions.status, "diumumkan")));
    const issued = await handle.db.select().from(certificates).where(eq(certificates.editionId, published.id));
    const judged = await handle.db.select().from(films).where(eq(films.editionId, published.id));
    expect(issued.filter((c) => c.kind === "peserta").map((c) => c.filmId).sort()).toEqual(judged.map((f) => f.id).sort());
    expect(issued.filter((c) => c.kind === "juri")).toHaveLength(2);
  });

  it("gives every sample film with a video a judges' copy to play", async () => {
    const videos = await handle.db.select({ filmId: filmMedia.filmId }).from(filmMedia).where(eq(filmMedia.kind, "video"));
    const copies = await handle.db.select({ filmId: filmMedia.filmId, key: filmMedia.storageKey }).from(filmMedia).where(eq(filmMedia.kind, "judge_video"));
    expect(copies.map((c) => c.filmId).sort()).toEqual(videos.map((v) => v.filmId).sort());
    for (const c of copies) expect(fs.readFileSync(path.join(dataDir, "media", c.key)).subarray(4, 8).toString("latin1")).toBe("ftyp");
  });

  it("never assigns a judge a film from their home regency", async () => {
    const clashes = await handle.db
      .select({ id: judgeAssignments.id })
      .from(judgeAssignments)
      .innerJoin(users, eq(users.id, judgeAssignments.judgeId))
      .innerJoin(films, eq(films.id, judgeAssignments.filmId))
      .innerJoin(kimGroups, eq(kimGroups.id, films.kimId))
      .where(and(eq(users.regionCode, kimGroups.regencyCode), isNull(judgeAssignments.removedAt)));
    expect(clashes).toEqual([]);
  });

  it("lets every demo account sign in with the printed password", async () => {
    for (const account of demoAccounts) {
      const user = await authenticate(handle.db, { email: account.email, password: demoPassword }, "127.0.0.1");
      expect(user.role).toBe(account.role);
    }
    const judge = await authenticate(handle.db, { email: "juri.surakarta@layar.test", password: demoPassword }, "127.0.0.1");
    const progress = await listJudgeEditions(handle.db, judge);
    expect(progress.find((e) => e.status === "penjurian")).toMatchObject({ assigned: 6, submitted: 2, drafted: 1 });
  });

  it("is idempotent: a second run keeps what is there", async () => {
    const counts = sql`select (select count(*) from users)::int u, (select count(*) from films)::int f, (select count(*) from kim_groups)::int k`;
    const before = (await handle.db.execute(counts)) as unknown as { rows: unknown[] };
    const report = await setupDatabase(handle, { seed: true, dataDir });
    expect(report).toMatchObject({ seeded: false, regionsInserted: 0 });
    const after = (await handle.db.execute(counts)) as unknown as { rows: unknown[] };
    expect(after.rows).toEqual(before.rows);
  });
});
