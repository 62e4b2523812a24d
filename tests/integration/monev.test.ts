import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, kimGroups, monevSheets } from "@/lib/db/schema";
import { kimStatusHistoryOf } from "@/lib/kim/kim-status";
import { closeMonev } from "@/lib/monev/close-monev";
import { listMonevCriteria, updateMonevCriteria } from "@/lib/monev/monev-criteria";
import { createMonevRound, listMonevRounds, setMonevStatus } from "@/lib/monev/monev-rounds";
import { getMonevOverview, getMonevSheet, saveMonevSheet } from "@/lib/monev/monev-sheets";
import { createKim, createUser } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";

// The yearly Monev: created for the organiser's region and a year, criteria locked once a sheet
// has a score, sheets validated, decisions proposed from the threshold and confirmed or
// overridden with a reason, closing writes each decision into the KIMs' status history.
// Another region's organiser, a KIM member and a judge get not-found.

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
type User = Awaited<ReturnType<typeof createUser>>;
let organiser: User, province: User, wonogiri: User, member: User, judge: User;
let manteb: Awaited<ReturnType<typeof createKim>>, tunas: Awaited<ReturnType<typeof createKim>>, karangpandan2: Awaited<ReturnType<typeof createKim>>, gedong: Awaited<ReturnType<typeof createKim>>;
let monevId: string;
let criteria: { id: string; name: string; maxScore: number; weight: number }[];

const rows = (list: { name: string; description?: string; maxScore: string; weight: string; id?: string; delete?: string }[]) =>
  Object.fromEntries(list.flatMap((r, i) => Object.entries(r).map(([k, v]) => [`rows.${i}.${k}`, v])));
const scores = (values: number[], extra: Record<string, string> = {}) => ({ ...Object.fromEntries(criteria.map((c, i) => [`score.${c.id}`, String(values[i] ?? "")])), ...extra });

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  manteb = await createKim(handle.db, { name: "KIM Manteb", districtCode: "33.13.08", statusSince: "2024-11-10" });
  karangpandan2 = await createKim(handle.db, { name: "KIM Lawu", districtCode: "33.13.08", statusSince: "2024-11-10" });
  tunas = await createKim(handle.db, { name: "KIM Tunas Harapan", districtCode: "33.13.11", statusSince: "2024-11-10" });
  gedong = await createKim(handle.db, { name: "KIM Gedong", districtCode: "33.12.01" });
  organiser = await createUser(handle.db, { email: "admin@karanganyar.test", role: "organiser", regionCode: "33.13" });
  province = await createUser(handle.db, { email: "admin@jateng.test", role: "organiser", regionCode: "33" });
  wonogiri = await createUser(handle.db, { email: "admin@wonogiri.test", role: "organiser", regionCode: "33.12" });
  member = await createUser(handle.db, { email: "ketua@manteb.test", role: "kim", regionCode: "33.13", kimId: manteb.id });
  judge = await createUser(handle.db, { email: "juri@uji.test", role: "judge", regionCode: "33.72" });
});
afterAll(async () => {
  await handle.drop();
});

describe("a Monev from creation to close", () => {
  it("is created for the organiser's own region and a year, once", async () => {
    const round = await createMonevRound(handle.db, organiser, { year: "2026", threshold: "60" });
    monevId = round.id;
    expect(round).toMatchObject({ regionCode: "33.13", year: 2026, status: "draf", title: "Monev KIM Kabupaten Karanganyar 2026", activeThreshold: "60.00" });
    await expect(createMonevRound(handle.db, organiser, { year: "2026" })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["year"], message: "Monev tahun 2026 untuk wilayah ini sudah ada." })] });
    await expect(createMonevRound(handle.db, organiser, { year: "1999" })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["year"] })] });
    await expect(createMonevRound(handle.db, organiser, { year: "2027", threshold: "101" })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["threshold"] })] });
    expect((await listMonevRounds(handle.db, organiser)).map((r) => r.year)).toEqual([2026]);
    // The province sees its regencies' Monevs; Wonogiri does not.
    expect((await listMonevRounds(handle.db, province)).map((r) => r.id)).toEqual([monevId]);
    expect(await listMonevRounds(handle.db, wonogiri)).toEqual([]);
    const [audit] = await handle.db.select().from(auditLog).where(eq(auditLog.action, "monev.create"));
    expect(audit).toMatchObject({ actorId: organiser.id, entityId: monevId });
  });

  it("answers not-found to another region's organiser, a KIM member and a judge", async () => {
    for (const actor of [wonogiri, member, judge]) {
      await expect(getMonevOverview(handle.db, actor, monevId)).rejects.toMatchObject({ code: "not_found" });
      await expect(getMonevSheet(handle.db, actor, monevId, manteb.id)).rejects.toMatchObject({ code: "not_found" });
      await expect(updateMonevCriteria(handle.db, actor, monevId, rows([{ name: "Curang", maxScore: "10", weight: "1" }]))).rejects.toMatchObject({ code: "not_found" });
      await expect(closeMonev(handle.db, actor, monevId, { confirm: "on" })).rejects.toMatchObject({ code: "not_found" });
    }
    await expect(createMonevRound(handle.db, member, { year: "2030" })).rejects.toMatchObject({ code: "not_found" });
    // A KIM outside the Monev's region has no sheet in it.
    await expect(getMonevSheet(handle.db, organiser, monevId, gedong.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("takes criteria like the film rubric and refuses to start without one", async () => {
    await expect(setMonevStatus(handle.db, organiser, monevId, "berjalan")).rejects.toMatchObject({ userMessage: "Tambahkan minimal satu kriteria sebelum Monev dimulai." });
    await expect(updateMonevCriteria(handle.db, organiser, monevId, rows([{ name: "Kelembagaan", maxScore: "0", weight: "1" }]))).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["rows", 0, "maxScore"] })] });
    await expect(updateMonevCriteria(handle.db, organiser, monevId, rows([{ name: "Kelembagaan", maxScore: "10", weight: "0" }]))).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["rows", 0, "weight"] })] });
    await updateMonevCriteria(
      handle.db,
      organiser,
      monevId,
      rows([
        { name: "Kelembagaan dan regenerasi", description: "SK dan pengurus", maxScore: "100", weight: "3" },
        { name: "Kegiatan dan laporan", maxScore: "10", weight: "1" },
        { name: "Akan dihapus", maxScore: "5", weight: "1" },
      ]),
    );
    const saved = await listMonevCriteria(handle.db, monevId);
    await updateMonevCriteria(handle.db, organiser, monevId, { ...rows(saved.map((c) => ({ id: c.id, name: c.name, maxScore: String(c.maxScore), weight: String(c.weight), ...(c.name === "Akan dihapus" ? { delete: "on" } : {}) }))) });
    criteria = await listMonevCriteria(handle.db, monevId);
    expect(criteria.map((c) => [c.name, c.maxScore, c.weight])).toEqual([
      ["Kelembagaan dan regenerasi", 100, 3],
      ["Kegiatan dan laporan", 10, 1],
    ]);
    await expect(saveMonevSheet(handle.db, organiser, monevId, manteb.id, scores([80, 8]))).rejects.toMatchObject({ userMessage: "Mulai Monev dulu sebelum mengisi nilai." });
    await setMonevStatus(handle.db, organiser, monevId, "berjalan");
  });

  it("validates scores 0..max next to their criterion and stores nothing then", async () => {
    await expect(saveMonevSheet(handle.db, organiser, monevId, manteb.id, scores([101, 8]))).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["score", criteria[0].id], message: "Nilai harus antara 0 dan 100." })] });
    await expect(saveMonevSheet(handle.db, organiser, monevId, manteb.id, scores([50, -1]))).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["score", criteria[1].id], message: "Nilai harus antara 0 dan 10." })] });
    await expect(saveMonevSheet(handle.db, organiser, monevId, manteb.id, scores([50, "x" as unknown as number]))).rejects.toMatchObject({ issues: [expect.objectContaining({ message: "Tulis nilai dengan angka." })] });
    await expect(saveMonevSheet(handle.db, organiser, monevId, manteb.id, scores([50], { decision: "aktif" }))).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["decision"] })] });
    expect(await handle.db.select().from(monevSheets)).toEqual([]);
  });

  it("computes the weighted total, proposes from the threshold, and needs a reason to override", async () => {
    // (3×80/100 + 1×8/10) / 4 = 80
    expect(await saveMonevSheet(handle.db, organiser, monevId, manteb.id, scores([80, 8]))).toEqual({ total: 80, proposal: "aktif" });
    // (3×40/100 + 1×4/10) / 4 = 40
    expect(await saveMonevSheet(handle.db, organiser, monevId, tunas.id, scores([40, 4], { notes: "Pengurus lama <b>pindah</b>." }))).toEqual({ total: 40, proposal: "tidak_aktif" });
    await expect(saveMonevSheet(handle.db, organiser, monevId, karangpandan2.id, scores([40, 4], { decision: "aktif" }))).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["reason"], message: "Tuliskan alasan bila keputusan berbeda dari usulan." })] });
    // The province's organiser scores too; an override with its reason.
    await saveMonevSheet(handle.db, province, monevId, karangpandan2.id, scores([40, 4], { decision: "aktif", reason: "Pengurus baru dilantik November." }));
    const overview = await getMonevOverview(handle.db, organiser, monevId);
    const byName = Object.fromEntries(overview.rows.map((r) => [r.kim.name, r]));
    expect(byName["KIM Manteb"]).toMatchObject({ total: 80, proposal: "aktif", decision: null, final: "aktif" });
    expect(byName["KIM Tunas Harapan"]).toMatchObject({ total: 40, proposal: "tidak_aktif", final: "tidak_aktif" });
    expect(byName["KIM Lawu"]).toMatchObject({ total: 40, proposal: "tidak_aktif", decision: "aktif", final: "aktif", decisionReason: "Pengurus baru dilantik November." });
    expect(overview.rows.map((r) => r.kim.name)).not.toContain("KIM Gedong");
    expect(overview.byDistrict).toEqual([
      { districtCode: "33.13.11", districtName: "Jaten", kims: 1, scored: 1, average: 40, aktif: 0, tidakAktif: 1 },
      { districtCode: "33.13.08", districtName: "Karangpandan", kims: 2, scored: 2, average: 60, aktif: 2, tidakAktif: 0 },
    ]);
  });

  it("locks the criteria once a sheet has a score, and keeps the Monev from going back to draf", async () => {
    await expect(updateMonevCriteria(handle.db, organiser, monevId, rows(criteria.map((c) => ({ id: c.id, name: c.name, maxScore: "50", weight: "1" }))))).rejects.toMatchObject({ userMessage: "Kriteria terkunci karena sudah ada KIM yang dinilai." });
    await expect(setMonevStatus(handle.db, organiser, monevId, "draf")).rejects.toMatchObject({ userMessage: "Sudah ada nilai; Monev tidak bisa kembali ke draf." });
    expect((await listMonevCriteria(handle.db, monevId)).map((c) => c.maxScore)).toEqual([100, 10]);
  });

  it("closes with a confirmation, writing each decision into the KIMs' status history, audited", async () => {
    await expect(closeMonev(handle.db, organiser, monevId, {})).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["confirm"] })] });
    await expect(closeMonev(handle.db, organiser, monevId, { confirm: "on", fromDate: "2026-13-01" })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["fromDate"] })] });
    const result = await closeMonev(handle.db, organiser, monevId, { confirm: "on", fromDate: "2026-12-20" }, new Date("2026-12-06T03:00:00Z"));
    expect(result).toEqual({ decided: 3, undecided: 0, fromDate: "2026-12-20" });
    const [tunasNow] = await handle.db.select().from(kimGroups).where(eq(kimGroups.id, tunas.id));
    expect(tunasNow).toMatchObject({ status: "tidak_aktif", statusSince: "2026-12-20", inactiveReason: "Monev 2026: nilai 40.00 di bawah ambang 60.00." });
    expect((await kimStatusHistoryOf(handle.db, tunas.id))[0]).toMatchObject({ status: "tidak_aktif", from: "2026-12-20", source: "monev" });
    expect((await kimStatusHistoryOf(handle.db, karangpandan2.id))[0]).toMatchObject({ status: "aktif", from: "2026-12-20", source: "monev", reason: "Pengurus baru dilantik November." });
    expect((await kimStatusHistoryOf(handle.db, manteb.id)).map((h) => `${h.from}|${h.status}|${h.source}`)).toEqual(["2026-12-20|aktif|monev", "2024-11-10|aktif|pendaftaran"]);
    const [audit] = await handle.db.select().from(auditLog).where(eq(auditLog.action, "monev.close"));
    expect(audit).toMatchObject({ actorId: organiser.id, entityId: monevId, data: expect.objectContaining({ decided: 3, aktif: 2, tidakAktif: 1, fromDate: "2026-12-20" }) });
    const overview = await getMonevOverview(handle.db, organiser, monevId);
    expect(overview.round).toMatchObject({ status: "selesai" });
    await expect(saveMonevSheet(handle.db, organiser, monevId, manteb.id, scores([10, 1]))).rejects.toMatchObject({ userMessage: "Monev ini sudah selesai; nilai dan keputusannya tidak bisa diubah lagi." });
    await expect(closeMonev(handle.db, organiser, monevId, { confirm: "on" })).rejects.toMatchObject({ userMessage: "Monev ini sudah selesai." });
  });

  it("closes on the day in WIB by default, and leaves KIMs without a complete sheet as they are", async () => {
    const round = await createMonevRound(handle.db, organiser, { year: "2027", threshold: "50" });
    await updateMonevCriteria(handle.db, organiser, round.id, rows([{ name: "Keaktifan", maxScore: "10", weight: "1" }, { name: "Laporan", maxScore: "10", weight: "1" }]));
    await expect(closeMonev(handle.db, organiser, round.id, { confirm: "on" })).rejects.toMatchObject({ userMessage: "Mulai Monev dan nilai KIM dulu sebelum menutupnya." });
    await setMonevStatus(handle.db, organiser, round.id, "berjalan");
    await expect(closeMonev(handle.db, organiser, round.id, { confirm: "on" })).rejects.toMatchObject({ userMessage: "Belum ada KIM yang nilainya lengkap; Monev belum bisa ditutup." });
    const [first, second] = await listMonevCriteria(handle.db, round.id);
    await saveMonevSheet(handle.db, organiser, round.id, tunas.id, { [`score.${first.id}`]: "9", [`score.${second.id}`]: "8" });
    await saveMonevSheet(handle.db, organiser, round.id, manteb.id, { [`score.${first.id}`]: "2" });
    // 23.30 UTC on 31 December is already 1 January in WIB.
    const result = await closeMonev(handle.db, organiser, round.id, { confirm: "on" }, new Date("2027-12-31T17:30:00Z"));
    expect(result).toEqual({ decided: 1, undecided: 2, fromDate: "2028-01-01" });
    expect((await kimStatusHistoryOf(handle.db, tunas.id))[0]).toMatchObject({ status: "aktif", from: "2028-01-01", reason: null });
    expect((await kimStatusHistoryOf(handle.db, manteb.id))[0]).toMatchObject({ from: "2026-12-20" });
  });
});
