import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/authenticate";
import { setupDatabase } from "@/lib/db/setup-database";
import { certificates, editions, filmMedia, films, judgeAssignments, kimActivities, kimGroups, kimStatusHistory, monevCriteria, monevRounds, monevSheets, placements, users } from "@/lib/db/schema";
import { kimStatusHistoryOf } from "@/lib/kim/kim-status";
import { getPublicEdition } from "@/lib/editions/list-editions";
import { monevTotal, proposeDecision } from "@/lib/monev/monev-score";
import { getKimProfile } from "@/lib/public/get-kim-profile";
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

  it("gives every Karanganyar KIM two years of status history that ends in today's status, the 9 inactive with the article's reason", async () => {
    const kims = await handle.db.select().from(kimGroups).where(eq(kimGroups.regencyCode, "33.13"));
    expect(kims).toHaveLength(33);
    for (const kim of kims) {
      const history = await kimStatusHistoryOf(handle.db, kim.id);
      expect(history.map((h) => `${h.from}|${h.source}`), kim.name).toEqual(["2025-12-15|monev", "2024-11-10|impor"]);
      expect(history.every((h) => h.status === kim.status), kim.name).toBe(true);
      if (kim.status === "tidak_aktif") for (const h of history) expect(h.reason).toMatch(/regenerasi/i);
      expect(kim.statusSince).toBe("2025-12-15");
    }
  });

  it("has one closed 2025 Monev whose criteria and sheets give each KIM the decision in its history", async () => {
    const [round] = await handle.db.select().from(monevRounds).where(and(eq(monevRounds.regionCode, "33.13"), eq(monevRounds.year, 2025)));
    expect(round).toMatchObject({ status: "selesai" });
    const criteria = (await handle.db.select().from(monevCriteria).where(eq(monevCriteria.monevId, round.id))).map((c) => ({ id: c.id, maxScore: c.maxScore, weight: Number(c.weight) }));
    expect(criteria.length).toBeGreaterThanOrEqual(3);
    const sheets = await handle.db.select({ sheet: monevSheets, status: kimGroups.status }).from(monevSheets).innerJoin(kimGroups, eq(kimGroups.id, monevSheets.kimId)).where(eq(monevSheets.monevId, round.id));
    expect(sheets).toHaveLength(33);
    for (const { sheet, status } of sheets) {
      const total = monevTotal(criteria, sheet.scores);
      expect(Number(sheet.total)).toBe(total);
      expect(proposeDecision(total, Number(round.activeThreshold))).toBe(sheet.decision);
      expect(sheet.decision).toBe(status);
    }
    const fromMonev = await handle.db.select().from(kimStatusHistory).where(eq(kimStatusHistory.monevId, round.id));
    expect(fromMonev).toHaveLength(33);
  });

  it("records the article's activities: Tunas Harapan's 2024 award with its month, the development activities marked contoh", async () => {
    const rows = await handle.db.select({ title: kimActivities.title, heldOn: kimActivities.heldOn, type: kimActivities.type, kim: kimGroups.name }).from(kimActivities).innerJoin(kimGroups, eq(kimGroups.id, kimActivities.kimId));
    expect(rows.find((r) => r.kim === "KIM Tunas Harapan" && r.type === "festival" && r.title.includes("Jawa Tengah 2024"))).toMatchObject({ heldOn: "2024-10-01" });
    const invented = rows.filter((r) => !r.title.includes("Jawa Tengah 2024"));
    expect(invented.length).toBeGreaterThanOrEqual(8);
    for (const r of invented) expect(r.title).toContain("(contoh)");
    const [kimUser] = await handle.db.select({ kimId: users.kimId }).from(users).where(eq(users.email, "kim@layar.test"));
    const [demoKim] = await handle.db.select({ slug: kimGroups.slug }).from(kimGroups).where(eq(kimGroups.id, kimUser.kimId!));
    const profile = await getKimProfile(handle.db, demoKim.slug);
    expect(profile!.activities.length).toBe(8);
    expect(profile!.statusHistory.map((h) => h.from)).toEqual(["2025-12-15", "2024-11-10"]);
  });

  it("nominates Karanganyar's published Juara I–III into the Jawa Tengah edition in judging, confirmed, sharing their stored files", async () => {
    const [jateng] = await handle.db.select().from(editions).where(and(eq(editions.isSample, true), eq(editions.status, "penjurian")));
    expect(jateng.intake).toEqual({ mode: "keduanya", quotaKind: "peringkat", quotaPerRegency: 3 });
    const promoted = await handle.db.select().from(films).where(and(eq(films.editionId, jateng.id), isNotNull(films.promotedFromFilmId)));
    expect(promoted).toHaveLength(3);
    for (const film of promoted) {
      expect(film.code).toMatch(/^JTG\d{2}-/);
      const [own, source] = await Promise.all([
        handle.db.select({ kind: filmMedia.kind, key: filmMedia.storageKey }).from(filmMedia).where(eq(filmMedia.filmId, film.id)),
        handle.db.select({ kind: filmMedia.kind, key: filmMedia.storageKey }).from(filmMedia).where(eq(filmMedia.filmId, film.promotedFromFilmId!)),
      ]);
      expect(own.length).toBeGreaterThanOrEqual(3);
      expect(own.map((m) => m.key).sort()).toEqual(source.map((m) => m.key).sort());
      const assigned = await handle.db.select({ id: judgeAssignments.id }).from(judgeAssignments).where(eq(judgeAssignments.filmId, film.id));
      expect(assigned).toHaveLength(2);
    }
    const api = await getPublicEdition(handle.db, jateng.slug);
    expect(api!.nominationsByRegion).toEqual([{ regionCode: "33.13", regionName: expect.stringMatching(/Karanganyar/i), films: 3 }]);
  });

  it("lets every demo account sign in with the printed password", async () => {
    for (const account of demoAccounts) {
      const user = await authenticate(handle.db, { email: account.email, password: demoPassword }, "127.0.0.1");
      expect(user.role).toBe(account.role);
    }
    const judge = await authenticate(handle.db, { email: "juri.surakarta@layar.test", password: demoPassword }, "127.0.0.1");
    const progress = await listJudgeEditions(handle.db, judge);
    expect(progress.find((e) => e.status === "penjurian")).toMatchObject({ assigned: 9, submitted: 2, drafted: 1 });
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
