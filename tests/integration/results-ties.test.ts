import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/authenticate";
import { initialFormState } from "@/lib/actions/form-state";
import { auditLog, categories, editions, films as filmTable, juryDecisions, placements } from "@/lib/db/schema";
import { defaultSettings } from "@/lib/editions/defaults";
import { translateMessage } from "@/lib/i18n/translate-message";
import { computeEditionResults, sealResults } from "@/lib/results/edition-results";
import { listJuryDecisions, recordJuryDecision, revokeJuryDecision } from "@/lib/results/jury-decisions";
import { sealChecklist } from "@/lib/results/seal-checklist";
import { createCategory, createKim, createUser } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";
import { AppError } from "@/lib/errors";
import { createTestRegions } from "../setup/regions";
import { actor, judgedEdition } from "./results-fixtures";

// A tie at the podium, from the database: what the organiser is told (codes and titles, never
// ids), the tie-break criteria of the edition, and the jury's recorded decision, which is
// audited, applied, and revoked with a reason.

let sessionActor: SessionUser | null = null;
vi.mock("@/lib/auth/session", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/auth/session")>();
  return { ...original, requireActor: async (roles: SessionUser["role"][]) => original.checkActor(sessionActor ? { ...sessionActor, passwordChangedAt: null } : null, roles) };
});
vi.mock("next/cache", async (importOriginal) => ({ ...(await importOriginal<typeof import("next/cache")>()), revalidatePath: () => undefined, revalidateTag: () => undefined }));
const jar = vi.hoisted(() => ({ locale: undefined as string | undefined }));
vi.mock("next-intl/server", () => ({
  getLocale: async () => {
    if (!jar.locale) throw new Error("outside a request");
    return jar.locale;
  },
}));

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
type User = Awaited<ReturnType<typeof createUser>>;
let organiser: User, province: User, otherRegion: User, judgeA: User, judgeB: User, kimUser: User;
let kimId: string;
/** The error a promise is refused with. */
async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    return error as AppError;
  }
  throw new Error("not refused");
}
const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  await createTestRegions(db);
  organiser = await createUser(db, { email: "kra@layar.test", role: "organiser", regionCode: "33.13" });
  province = await createUser(db, { email: "jateng@layar.test", role: "organiser", regionCode: "33" });
  otherRegion = await createUser(db, { email: "wng@layar.test", role: "organiser", regionCode: "33.12" });
  judgeA = await createUser(db, { email: "a@layar.test", name: "Dr. Sri Wahyuni", role: "judge", regionCode: "33.72" });
  judgeB = await createUser(db, { email: "b@layar.test", name: "Bambang Hermawan", role: "judge", regionCode: "33.12" });
  const kim = await createKim(db, { name: "KIM Manteb", districtCode: "33.13.08" });
  kimId = kim.id;
  kimUser = await createUser(db, { email: "kim@layar.test", role: "kim", kimId, regionCode: "33.13" });
});
afterAll(() => handle.drop());
beforeEach(() => {
  jar.locale = undefined;
  sessionActor = null;
});

/** T-1 90; T-2 and T-3 both 85 (T-2 scores cerita 90 teknik 80, T-3 cerita 80 teknik 90); T-4 70. */
function tiedEdition(slug: string, settings = {}) {
  return judgedEdition(handle.db, {
    slug,
    kimId,
    judges: [judgeA, judgeB],
    settings,
    films: [
      { code: "T-1", title: "Kabar dari Sawah", sheets: [{ judge: judgeA, score: 90 }, { judge: judgeB, score: 90 }] },
      { code: "T-2", title: "Layar Tancap (Terakhir)", sheets: [{ judge: judgeA, score: [90, 80] }, { judge: judgeB, score: [90, 80] }] },
      { code: "T-3", title: "Suara Pasar", sheets: [{ judge: judgeA, score: [80, 90] }, { judge: judgeB, score: [80, 90] }] },
      { code: "T-4", title: "Warung Kopi", sheets: [{ judge: judgeA, score: 70 }, { judge: judgeB, score: 70 }] },
    ],
  });
}

const editionRow = async (id: string) => (await handle.db.select().from(editions).where(eq(editions.id, id)))[0];
const order = (films: Record<string, string>, first: string, second: string) => ({ [`position_${films[first]}`]: "1", [`position_${films[second]}`]: "2" });

describe("a tie at the podium", () => {
  let setup: Awaited<ReturnType<typeof tiedEdition>>;
  beforeAll(async () => {
    setup = await tiedEdition("seri-podium");
  });

  it("is described with film codes and titles, and blocks sealing with them in the message", async () => {
    const { ranking } = await computeEditionResults(handle.db, await editionRow(setup.edition.id));
    expect(ranking.ties).toEqual([{ position: 2, filmIds: [setup.films["T-2"], setup.films["T-3"]].sort(), score: 85, tieBreak: [], blocking: true, conflict: false }]);
    expect(ranking.problems.join(" ")).toMatch(/Film (T-2 · Layar Tancap \(Terakhir\) dan T-3 · Suara Pasar|T-3 · Suara Pasar dan T-2 · Layar Tancap \(Terakhir\)) masih seri di peringkat 2/);
    expect(ranking.problems.join(" ")).not.toMatch(uuid);

    const refused = await refusal(sealResults(handle.db, organiser, "seri-podium"));
    const names = ["T-2 · Layar Tancap (Terakhir)", "T-3 · Suara Pasar"];
    expect(refused.fieldErrors).toEqual({ checklist: [`Seri di peringkat 2 dengan nilai 85,00 belum diputus: ${names.join("; ")}.`] });
    expect(refused.message).toBe(`Hasil belum bisa disegel: Seri di peringkat 2 dengan nilai 85,00 belum diputus: ${names.join("; ")}.`);
    expect(JSON.stringify(refused.fieldErrors)).not.toMatch(uuid);
    expect((await editionRow(setup.edition.id)).status).toBe("penjurian");
    expect(await handle.db.select().from(placements).where(eq(placements.editionId, setup.edition.id))).toEqual([]);
  });

  it("refuses a decision with missing or bad fields, and stores nothing", async () => {
    const films = setup.films;
    const filmIds = `${films["T-2"]},${films["T-3"]}`;
    const cases: [Record<string, string>, Record<string, string[]>][] = [
      [{ filmIds, ...order(films, "T-3", "T-2"), reason: "pendek", decidedBy: "Dewan juri" }, { reason: ["Tulis alasan keputusan juri (minimal 10 karakter)."] }],
      [{ filmIds, ...order(films, "T-3", "T-2"), reason: "Rapat dewan juri 12 Mei.", decidedBy: "" }, { decidedBy: ['Tulis siapa yang memutuskan, mis. "Dewan juri: nama-nama juri".'] }],
    ];
    for (const [input, fieldErrors] of cases) {
      await expect(recordJuryDecision(handle.db, organiser, "seri-podium", input)).rejects.toMatchObject({ issues: expect.anything() });
      const state = await import("@/lib/actions/results-actions").then(({ juryDecisionAction }) => {
        sessionActor = actor(organiser);
        const form = new FormData();
        for (const [k, v] of Object.entries({ slug: "seri-podium", ...input })) form.set(k, v);
        return juryDecisionAction(initialFormState, form);
      });
      expect(state.fieldErrors).toMatchObject(fieldErrors);
      expect(state.values?.reason).toBe(input.reason);
    }
    // Two films on one place, or a place left empty: each select says so.
    const twice = { filmIds, [`position_${films["T-2"]}`]: "1", [`position_${films["T-3"]}`]: "1", reason: "Rapat dewan juri 12 Mei.", decidedBy: "Dewan juri" };
    const error = await refusal(recordJuryDecision(handle.db, organiser, "seri-podium", twice));
    expect(Object.values(error.fieldErrors ?? {})).toEqual([["Urutan ini sudah dipakai film lain."]]);
    const empty = { filmIds, [`position_${films["T-2"]}`]: "1", reason: "Rapat dewan juri 12 Mei.", decidedBy: "Dewan juri" };
    await expect(recordJuryDecision(handle.db, organiser, "seri-podium", empty)).rejects.toMatchObject({ fieldErrors: { [`position_${films["T-3"]}`]: ["Pilih urutan film ini."] } });
    // Films that are not tied with each other.
    const notTied = { filmIds: `${films["T-1"]},${films["T-2"]}`, ...order(films, "T-2", "T-1"), reason: "Rapat dewan juri 12 Mei.", decidedBy: "Dewan juri" };
    await expect(recordJuryDecision(handle.db, organiser, "seri-podium", notTied)).rejects.toThrow("Film-film ini tidak sedang seri.");
    expect(await handle.db.select().from(juryDecisions)).toEqual([]);
  });

  it("refuses the decision to anyone but the edition's organisers, and stores nothing", async () => {
    const input = { filmIds: `${setup.films["T-2"]},${setup.films["T-3"]}`, ...order(setup.films, "T-3", "T-2"), reason: "Rapat dewan juri 12 Mei.", decidedBy: "Dewan juri" };
    for (const who of [judgeA, kimUser]) await expect(recordJuryDecision(handle.db, who, "seri-podium", input)).rejects.toMatchObject({ code: "forbidden" });
    await expect(recordJuryDecision(handle.db, otherRegion, "seri-podium", input)).rejects.toMatchObject({ code: "not_found" });
    expect(await handle.db.select().from(juryDecisions)).toEqual([]);
  });

  it("is resolved by a recorded decision: applied, audited, and sealing goes through", async () => {
    const films = setup.films;
    const decision = await recordJuryDecision(handle.db, province, "seri-podium", {
      filmIds: `${films["T-2"]},${films["T-3"]}`,
      ...order(films, "T-3", "T-2"),
      reason: "Rapat dewan juri 12 Mei: cerita Suara Pasar lebih orisinal.",
      decidedBy: "Dewan juri: Dr. Sri Wahyuni, Bambang Hermawan",
    });
    expect(decision).toMatchObject({ roundId: setup.round.id, order: [films["T-3"], films["T-2"]], recordedBy: province.id, revokedAt: null });
    const [audit] = await handle.db.select().from(auditLog).where(eq(auditLog.action, "results.jury_decision"));
    expect(audit).toMatchObject({ actorId: province.id, editionId: setup.edition.id, entityId: decision.id });
    expect(audit.data).toMatchObject({ order: [films["T-3"], films["T-2"]], reason: "Rapat dewan juri 12 Mei: cerita Suara Pasar lebih orisinal.", decidedBy: "Dewan juri: Dr. Sri Wahyuni, Bambang Hermawan", position: 2, score: 85 });

    const results = await computeEditionResults(handle.db, await editionRow(setup.edition.id));
    expect(results.ranking.films.map((f) => [f.filmId, f.placement])).toEqual([
      [films["T-1"], "Juara I"],
      [films["T-3"], "Juara II"],
      [films["T-2"], "Juara III"],
      [films["T-4"], "Juara Harapan I"],
    ]);
    expect(results.ranking.brokenTies).toEqual([{ position: 2, filmIds: [films["T-3"], films["T-2"]], score: 85, criteriaUsed: 0, decided: true, inZone: true }]);
    expect(results.decisions.map((d) => [d.id, d.outcome])).toEqual([[decision.id, "used"]]);
    const listed = await listJuryDecisions(handle.db, setup.edition.id);
    expect(listed[0].films.map((f) => f.label)).toEqual(["T-3 · Suara Pasar", "T-2 · Layar Tancap (Terakhir)"]);
  });

  it("comes back when the decision is revoked, which needs a reason and keeps the row", async () => {
    const [decision] = await handle.db.select().from(juryDecisions).where(eq(juryDecisions.editionId, setup.edition.id));
    await expect(revokeJuryDecision(handle.db, organiser, "seri-podium", { decisionId: decision.id, reason: "salah" })).rejects.toThrow();
    await expect(revokeJuryDecision(handle.db, otherRegion, "seri-podium", { decisionId: decision.id, reason: "Rapat diulang karena juri ketiga hadir." })).rejects.toMatchObject({ code: "not_found" });
    await revokeJuryDecision(handle.db, organiser, "seri-podium", { decisionId: decision.id, reason: "Rapat diulang karena juri ketiga hadir." });
    const [row] = await handle.db.select().from(juryDecisions).where(eq(juryDecisions.id, decision.id));
    expect(row).toMatchObject({ revokedBy: organiser.id, revokeReason: "Rapat diulang karena juri ketiga hadir." });
    expect(row.revokedAt).toBeInstanceOf(Date);
    const [audit] = await handle.db.select().from(auditLog).where(eq(auditLog.action, "results.jury_decision_revoke"));
    expect(audit).toMatchObject({ actorId: organiser.id, editionId: setup.edition.id, entityId: decision.id });
    // A revoked decision cannot be revoked twice.
    await expect(revokeJuryDecision(handle.db, organiser, "seri-podium", { decisionId: decision.id, reason: "Rapat diulang karena juri ketiga hadir." })).rejects.toMatchObject({ code: "not_found" });

    await expect(sealResults(handle.db, organiser, "seri-podium")).rejects.toThrow("Seri di peringkat 2 dengan nilai 85,00 belum diputus");
    const results = await computeEditionResults(handle.db, await editionRow(setup.edition.id));
    expect(results.decisions).toEqual([]);
    expect((await listJuryDecisions(handle.db, setup.edition.id)).map((d) => d.revokedByName)).toEqual([organiser.name]);
  });

  it("seals with a second decision, and no decision can be recorded or revoked after the seal", async () => {
    const films = setup.films;
    const input = { filmIds: `${films["T-3"]},${films["T-2"]}`, ...order(films, "T-2", "T-3"), reason: "Rapat lengkap tiga juri, 14 Mei.", decidedBy: "Dewan juri lengkap" };
    const decision = await recordJuryDecision(handle.db, organiser, "seri-podium", input);
    expect(await sealResults(handle.db, organiser, "seri-podium")).toEqual({ placed: 4 });
    const placed = await handle.db.select().from(placements).where(and(eq(placements.editionId, setup.edition.id), eq(placements.placement, "Juara II")));
    expect(placed.map((p) => p.filmId)).toEqual([films["T-2"]]);
    const [seal] = await handle.db.select().from(auditLog).where(eq(auditLog.action, "results.seal"));
    expect(seal.data).toMatchObject({ decisions: [decision.id] });
    await expect(recordJuryDecision(handle.db, organiser, "seri-podium", input)).rejects.toThrow("Keputusan juri hanya bisa dicatat atau dicabut selama penjurian");
    await expect(revokeJuryDecision(handle.db, organiser, "seri-podium", { decisionId: decision.id, reason: "Tidak boleh lagi setelah segel." })).rejects.toMatchObject({ code: "conflict" });
  });
});

describe("the edition's tie-break criteria", () => {
  it("resolve the tie in their order, and the ranking says how far they went", async () => {
    const setup = await tiedEdition("seri-kriteria");
    const [cerita, teknik] = setup.criteria;
    await handle.db.update(editions).set({ settings: { ...defaultSettings, tieBreak: [teknik.id, cerita.id] } }).where(eq(editions.id, setup.edition.id));
    const results = await computeEditionResults(handle.db, await editionRow(setup.edition.id));
    expect(results.ranking.ties).toEqual([]);
    expect(results.ranking.tieBreak).toEqual([teknik.id, cerita.id]);
    expect(results.ranking.brokenTies).toEqual([{ position: 2, filmIds: [setup.films["T-3"], setup.films["T-2"]], score: 85, criteriaUsed: 1, decided: false, inZone: true }]);
    expect(await sealResults(handle.db, organiser, "seri-kriteria")).toEqual({ placed: 4 });
  });

  it("leave a tie they cannot separate open, with the values they compared", async () => {
    const setup = await judgedEdition(handle.db, {
      slug: "seri-kriteria-sama",
      kimId,
      judges: [judgeA, judgeB],
      films: [
        { code: "K-1", title: "Satu", sheets: [{ judge: judgeA, score: [90, 80] }, { judge: judgeB, score: [90, 80] }] },
        { code: "K-2", title: "Dua", sheets: [{ judge: judgeA, score: [90, 80] }, { judge: judgeB, score: [90, 80] }] },
      ],
    });
    await handle.db.update(editions).set({ settings: { ...defaultSettings, tieBreak: [setup.criteria[0].id] } }).where(eq(editions.id, setup.edition.id));
    const { ranking } = await computeEditionResults(handle.db, await editionRow(setup.edition.id));
    expect(ranking.ties).toEqual([{ position: 1, filmIds: [setup.films["K-1"], setup.films["K-2"]].sort(), score: 85, tieBreak: [90], blocking: true, conflict: false }]);
  });
});

describe("placements per category", () => {
  it("use the category's own counts: a tie outside its zone does not block", async () => {
    const setup = await judgedEdition(handle.db, {
      slug: "seri-kategori",
      kimId,
      judges: [judgeA, judgeB],
      films: [
        { code: "C-1", title: "Satu", sheets: [{ judge: judgeA, score: 90 }, { judge: judgeB, score: 90 }] },
        { code: "C-2", title: "Dua", sheets: [{ judge: judgeA, score: 80 }, { judge: judgeB, score: 80 }] },
        { code: "C-3", title: "Tiga", sheets: [{ judge: judgeA, score: 80 }, { judge: judgeB, score: 80 }] },
      ],
    });
    const fiksi = await createCategory(handle.db, setup.edition.id, "Fiksi");
    await handle.db.update(categories).set({ juara: 1, harapan: 0 }).where(eq(categories.id, fiksi.id));
    await handle.db.update(filmTable).set({ categoryId: fiksi.id }).where(inArray(filmTable.id, Object.values(setup.films)));
    // Two Juara in Fiksi: the tie for second blocks, and the list names the category.
    await handle.db.update(categories).set({ juara: 2 }).where(eq(categories.id, fiksi.id));
    const wide = await editionRow(setup.edition.id);
    const items = await sealChecklist(handle.db, wide, await computeEditionResults(handle.db, wide));
    expect(items.map((i) => i.problem)).toEqual(["Seri di peringkat 2 kategori Fiksi dengan nilai 80,00 belum diputus: C-2 · Dua; C-3 · Tiga."]);
    expect(translateMessage(items[0].problem, "en")).toMatch(/^The tie at place 2 in category Fiksi on a score of 80\.00 is not resolved: /);
    await handle.db.update(categories).set({ juara: 1 }).where(eq(categories.id, fiksi.id));
    const { ranking } = await computeEditionResults(handle.db, await editionRow(setup.edition.id));
    expect(ranking.films.map((f) => f.placement ?? null)).toEqual(["Juara I", null, null]);
    expect(ranking.ties).toMatchObject([{ category: fiksi.id, position: 2, blocking: false }]);
    expect(await sealResults(handle.db, organiser, "seri-kategori")).toEqual({ placed: 1 });
  });
});

describe("in English", () => {
  it("the seal refusal names the tied films the same way, in English", async () => {
    await tiedEdition("seri-inggris");
    jar.locale = "en";
    sessionActor = actor(organiser);
    const { sealAction } = await import("@/lib/actions/results-actions");
    const form = new FormData();
    form.set("slug", "seri-inggris");
    form.set("confirm", "ya");
    const state = await sealAction(initialFormState, form);
    expect(state.message).toBe("The results cannot be sealed yet. First resolve this list:");
    expect(state.fieldErrors?.checklist).toHaveLength(1);
    expect(state.fieldErrors?.checklist).toEqual(["The tie at place 2 on a score of 85.00 is not resolved: T-2 · Layar Tancap (Terakhir); T-3 · Suara Pasar."]);
  });

  it("translates the decision form's refusals and its confirmation", async () => {
    jar.locale = "en";
    sessionActor = actor(organiser);
    const { juryDecisionAction } = await import("@/lib/actions/results-actions");
    const form = new FormData();
    for (const [k, v] of Object.entries({ slug: "seri-inggris", filmIds: "", reason: "kurang", decidedBy: "" })) form.set(k, v);
    const state = await juryDecisionAction(initialFormState, form);
    expect(state.message).toBe("Please check the highlighted fields.");
    expect(state.fieldErrors).toMatchObject({ reason: ["Write the reason for the jury's decision (at least 10 characters)."], decidedBy: ['Write who decided, e.g. "Dewan juri: the judges\' names".'] });
    expect(translateMessage("Keputusan juri dicatat dan diterapkan pada peringkat.", "en")).toBe("Jury decision recorded and applied to the ranking.");
    expect(translateMessage("Film-film ini tidak sedang seri. Muat ulang halaman untuk melihat seri yang tersisa.", "en")).toBe("These films are not tied now. Reload the page to see the ties that remain.");
  });
});
