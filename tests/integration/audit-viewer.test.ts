import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, judgeAssignments, judgeInvitations, kimRegistrations, scoreSheets } from "@/lib/db/schema";
import { auditHref, auditPageSize, listAudit, parseAuditQuery } from "@/lib/audit/list-audit";
import { ensureRound } from "@/lib/judging/rounds";
import { createEdition, createFilm, createKim, createUser } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
type User = Awaited<ReturnType<typeof createUser>>;
let province: User, karanganyar: User, wonogiri: User, yogyakarta: User, kimUser: User, wonogiriKim: User, judge: User;
const ids: Record<string, string> = {};
const t0 = Date.parse("2026-11-10T00:00:00Z");
let minute = 0;

/** An audit entry `tag`ged in its data so tests can name it; each one minute after the last. */
async function entry(tag: string, values: Omit<typeof auditLog.$inferInsert, "at">) {
  minute += 1;
  await handle.db.insert(auditLog).values({ ...values, data: { tag, ...values.data }, at: new Date(t0 + minute * 60_000) });
}

const tags = (list: Awaited<ReturnType<typeof listAudit>>) => list.rows.map((r) => (r.data as { tag: string }).tag);

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  await createTestRegions(db);
  province = await createUser(db, { email: "jtg@layar.test", name: "Panitia Jateng", role: "organiser", regionCode: "33" });
  karanganyar = await createUser(db, { email: "kra@layar.test", name: "Panitia Karanganyar", role: "organiser", regionCode: "33.13" });
  wonogiri = await createUser(db, { email: "wng@layar.test", name: "Panitia Wonogiri", role: "organiser", regionCode: "33.12" });
  yogyakarta = await createUser(db, { email: "diy@layar.test", name: "Panitia DIY", role: "organiser", regionCode: "34" });
  judge = await createUser(db, { email: "juri@layar.test", name: "Juri Solo", role: "judge", regionCode: "33.72" });
  const manteb = await createKim(db, { name: "KIM Manteb", districtCode: "33.13.08" });
  const gedong = await createKim(db, { name: "KIM Gedong", districtCode: "33.12.01" });
  // A KIM member's users.region_code may be empty: their KIM's regency places them.
  kimUser = await createUser(db, { email: "ketua@manteb.test", name: "Ketua Manteb", role: "kim", kimId: manteb.id });
  wonogiriKim = await createUser(db, { email: "ketua@gedong.test", name: "Ketua Gedong", role: "kim", kimId: gedong.id, regionCode: "33.12" });
  const provEd = await createEdition(db, { slug: "lomba-jateng", title: "Lomba Jawa Tengah", regionCode: "33" });
  const kraEd = await createEdition(db, { slug: "festival-karanganyar", title: "Festival Karanganyar", regionCode: "33.13" });
  const wngEd = await createEdition(db, { slug: "festival-wonogiri", title: "Festival Wonogiri", regionCode: "33.12" });
  const diyEd = await createEdition(db, { slug: "festival-diy", title: "Festival DIY", regionCode: "34" });
  Object.assign(ids, { provEd: provEd.id, kraEd: kraEd.id, wngEd: wngEd.id, diyEd: diyEd.id });
  const kraFilm = await createFilm(db, { editionId: kraEd.id, kimId: manteb.id, code: "KRA-01", title: "Sumber Air" });
  // A Karanganyar KIM's film in the province's edition: the province's business.
  const provFilm = await createFilm(db, { editionId: provEd.id, kimId: manteb.id, code: "JTG-01", title: "Ke Provinsi" });
  const round = await ensureRound(db, kraEd.id, "penilaian");
  const [assignment] = await db.insert(judgeAssignments).values({ roundId: round.id, filmId: kraFilm.id, judgeId: judge.id }).returning();
  const [sheet] = await db.insert(scoreSheets).values({ assignmentId: assignment.id, status: "submitted" }).returning();
  const [registration] = await db.insert(kimRegistrations).values({ userId: kimUser.id, kimName: "KIM Manteb", villageCode: "33.13.08.2001", regencyCode: "33.13", position: "Ketua" }).returning();
  await db.insert(judgeInvitations).values({ tokenHash: "a".repeat(64), editionId: wngEd.id, email: "tamu@juri.test", name: "Juri Tamu", regencyCode: "33.72", createdBy: wonogiri.id, expiresAt: new Date(t0 + 86_400_000) });

  await entry("kra-edition", { actorId: karanganyar.id, action: "edition.update", entityType: "edition", entityId: kraEd.id, editionId: kraEd.id });
  await entry("prov-edition", { actorId: province.id, action: "edition.update", entityType: "edition", entityId: provEd.id, editionId: provEd.id });
  await entry("wng-edition", { actorId: wonogiri.id, action: "edition.update", entityType: "edition", entityId: wngEd.id, editionId: wngEd.id });
  await entry("diy-edition", { actorId: yogyakarta.id, action: "edition.update", entityType: "edition", entityId: diyEd.id, editionId: diyEd.id });
  // Older rows without edition_id: the edition is found through the film, the sheet, or data.editionId.
  await entry("kra-film-legacy", { actorId: karanganyar.id, action: "screening.eligible", entityType: "film", entityId: kraFilm.id, data: { judgeId: judge.id } });
  await entry("prov-film-by-kra-kim", { actorId: kimUser.id, action: "film.create", entityType: "film", entityId: provFilm.id });
  await entry("kra-sheet", { actorId: judge.id, action: "sheet.submit", entityType: "score_sheet", entityId: sheet.id });
  await entry("wng-invite", { actorId: wonogiri.id, action: "judge.invite", entityType: "judge_invitation", entityId: "a".repeat(16), data: { email: "tamu@juri.test", editionId: wngEd.id } });
  // About accounts, no edition.
  await entry("kra-kim-password", { actorId: kimUser.id, action: "password.change", entityType: "user", entityId: kimUser.id });
  await entry("prov-password", { actorId: province.id, action: "password.change", entityType: "user", entityId: province.id });
  await entry("kra-registration", { actorId: karanganyar.id, action: "kim.registration.approve", entityType: "kim_registration", entityId: registration.id });
  await entry("wng-kim-reset", { actorId: wonogiriKim.id, action: "password.reset", entityType: "user", entityId: wonogiriKim.id });
  await entry("prov-about-kra", { actorId: province.id, action: "organiser.create", entityType: "user", entityId: karanganyar.id });
  await entry("judge-password", { actorId: judge.id, action: "password.change", entityType: "user", entityId: judge.id });
});
afterAll(() => handle.drop());

describe("who sees which audit entries", () => {
  it("a province organiser sees its editions, its regencies' editions and its people, not another province's", async () => {
    const list = await listAudit(handle.db, province);
    expect(tags(list)).toEqual([
      "judge-password",
      "prov-about-kra",
      "wng-kim-reset",
      "kra-registration",
      "prov-password",
      "kra-kim-password",
      "wng-invite",
      "kra-sheet",
      "prov-film-by-kra-kim",
      "kra-film-legacy",
      "wng-edition",
      "prov-edition",
      "kra-edition",
    ]);
    expect(list.total).toBe(13);
  });

  it("a regency organiser sees its own editions and people only: not the province's, not another regency's", async () => {
    const list = await listAudit(handle.db, karanganyar);
    expect(tags(list)).toEqual(["prov-about-kra", "kra-registration", "kra-kim-password", "kra-sheet", "kra-film-legacy", "kra-edition"]);
    expect(tags(await listAudit(handle.db, wonogiri))).toEqual(["wng-kim-reset", "wng-invite", "wng-edition"]);
  });

  it("an organiser of another province sees only its own", async () => {
    expect(tags(await listAudit(handle.db, yogyakarta))).toEqual(["diy-edition"]);
  });

  it("refuses KIM members and judges", async () => {
    await expect(listAudit(handle.db, kimUser)).rejects.toMatchObject({ code: "forbidden" });
    await expect(listAudit(handle.db, judge)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("names what each entry is about instead of ids", async () => {
    const list = await listAudit(handle.db, karanganyar);
    const row = (tag: string) => list.rows.find((r) => (r.data as { tag: string }).tag === tag)!;
    expect(row("kra-edition")).toMatchObject({ actorName: "Panitia Karanganyar", actorRole: "organiser", editionTitle: "Festival Karanganyar", editionSlug: "festival-karanganyar" });
    expect(row("kra-sheet")).toMatchObject({ actorName: "Juri Solo", actorRole: "judge", filmCode: "KRA-01", filmTitle: "Sumber Air", editionTitle: "Festival Karanganyar" });
    expect(row("kra-film-legacy")).toMatchObject({ filmCode: "KRA-01", editionTitle: "Festival Karanganyar" });
    expect(row("kra-kim-password")).toMatchObject({ subjectName: "Ketua Manteb", editionTitle: null });
    expect(row("kra-registration")).toMatchObject({ registrationKim: "KIM Manteb" });
    expect(list.names.get(judge.id)).toBe("Juri Solo");
    expect((await listAudit(handle.db, wonogiri)).rows.find((r) => r.action === "judge.invite")).toMatchObject({ invitationName: "Juri Tamu", editionTitle: "Festival Wonogiri" });
  });
});

describe("filters", () => {
  it("by edition", async () => {
    expect(tags(await listAudit(handle.db, karanganyar, { edisi: "festival-karanganyar" }))).toEqual(["kra-sheet", "kra-film-legacy", "kra-edition"]);
    expect(tags(await listAudit(handle.db, province, { edisi: "festival-wonogiri" }))).toEqual(["wng-invite", "wng-edition"]);
    // Another region's edition finds nothing.
    expect((await listAudit(handle.db, karanganyar, { edisi: "lomba-jateng" })).total).toBe(0);
  });

  it("by account: entries by it or about it, with its name when it is in scope", async () => {
    const byKim = await listAudit(handle.db, karanganyar, { akun: kimUser.id });
    expect(tags(byKim)).toEqual(["kra-kim-password"]);
    expect(byKim.account).toMatchObject({ name: "Ketua Manteb", role: "kim" });
    expect(tags(await listAudit(handle.db, province, { akun: kimUser.id }))).toEqual(["kra-kim-password", "prov-film-by-kra-kim"]);
    expect(tags(await listAudit(handle.db, karanganyar, { akun: karanganyar.id }))).toEqual(["prov-about-kra", "kra-registration", "kra-film-legacy", "kra-edition"]);
    const outside = await listAudit(handle.db, karanganyar, { akun: province.id });
    expect(outside.account).toBeNull();
    expect(tags(outside)).toEqual(["prov-about-kra"]);
  });

  it("by the actor's name or email, case-insensitively, with % taken literally", async () => {
    expect(tags(await listAudit(handle.db, province, { cari: "JURI SOLO" }))).toEqual(["judge-password", "kra-sheet"]);
    expect(tags(await listAudit(handle.db, province, { cari: "wng@" }))).toEqual(["wng-invite", "wng-edition"]);
    expect((await listAudit(handle.db, province, { cari: "%" })).total).toBe(0);
  });

  it("by action, offering the actions present in scope", async () => {
    const list = await listAudit(handle.db, karanganyar, { aksi: "password.change" });
    expect(tags(list)).toEqual(["kra-kim-password"]);
    expect(list.actions).toEqual(["edition.update", "kim.registration.approve", "organiser.create", "password.change", "screening.eligible", "sheet.submit"]);
  });

  it("by a WIB date range", async () => {
    await handle.db.insert(auditLog).values([
      // 11 Nov 23:30 WIB and 12 Nov 00:30 WIB
      { actorId: karanganyar.id, action: "judges.remind", entityType: "edition", entityId: ids.kraEd, editionId: ids.kraEd, at: new Date("2026-11-11T16:30:00Z"), data: { tag: "late-11" } },
      { actorId: karanganyar.id, action: "judges.remind", entityType: "edition", entityId: ids.kraEd, editionId: ids.kraEd, at: new Date("2026-11-11T17:30:00Z"), data: { tag: "early-12" } },
    ]);
    expect(tags(await listAudit(handle.db, karanganyar, { dari: "2026-11-11", sampai: "2026-11-11" }))).toEqual(["late-11"]);
    expect(tags(await listAudit(handle.db, karanganyar, { dari: "2026-11-12" }))).toEqual(["early-12"]);
    expect((await listAudit(handle.db, karanganyar, { sampai: "2026-11-10" })).total).toBe(6);
  });

  it("pages newest first, keeping the filters in the links", async () => {
    const many = Array.from({ length: auditPageSize + 5 }, (_, i) => ({
      actorId: karanganyar.id,
      action: "judges.remind",
      entityType: "edition",
      entityId: ids.kraEd,
      editionId: ids.kraEd,
      at: new Date(Date.parse("2026-12-01T00:00:00Z") + i * 1000),
      data: { tag: `remind-${i}` },
    }));
    await handle.db.insert(auditLog).values(many);
    const first = await listAudit(handle.db, karanganyar, { aksi: "judges.remind" });
    expect(first.total).toBe(auditPageSize + 7);
    expect(first.pageCount).toBe(2);
    expect(tags(first)[0]).toBe(`remind-${auditPageSize + 4}`);
    const second = await listAudit(handle.db, karanganyar, { aksi: "judges.remind", halaman: 2 });
    expect(tags(second)).toEqual(["remind-4", "remind-3", "remind-2", "remind-1", "remind-0", "early-12", "late-11"]);
    expect(auditHref({ aksi: "judges.remind", edisi: "festival-karanganyar" }, 2)).toBe("/admin/audit?edisi=festival-karanganyar&aksi=judges.remind&halaman=2");
  });

  it("reads the query string, ignoring malformed values", () => {
    expect(parseAuditQuery({ edisi: "festival-karanganyar", akun: "bukan-uuid", aksi: "DROP TABLE", dari: "2026-02-30", sampai: "2026-11-12", halaman: "x" })).toEqual({ edisi: "festival-karanganyar", sampai: "2026-11-12" });
  });
});
