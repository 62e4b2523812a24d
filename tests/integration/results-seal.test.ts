import fs from "node:fs";
import path from "node:path";
import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/authenticate";
import { initialFormState, type FormState } from "@/lib/actions/form-state";
import { auditLog, certificates, editions, films, judgeAssignments, placements, scoreSheets, screeningDecisions } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { translateMessage } from "@/lib/i18n/translate-message";
import { computeEditionResults, sealResults } from "@/lib/results/edition-results";
import { excludeFilm, listExcludedFilms, restoreFilm } from "@/lib/results/exclusions";
import { sealChecklist } from "@/lib/results/seal-checklist";
import { createKim, createUser } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";
import { AppError } from "@/lib/errors";
import { createTestRegions } from "../setup/regions";
import { mailText } from "../setup/smtp";
import { actor, judgedEdition } from "./results-fixtures";

// What must be true before results are sealed: every ranked film has its sheets, no reopened
// sheet is waiting, no assignment is unanswered, no tie is open; the list names films by code
// and title and judges by name, on the page and in the refusal. An organiser can leave a film
// out instead (and undo it). Seal, unseal and publish-now need their box ticked; certificates
// appear at the seal and go at the unseal.

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
let organiser: User, otherRegion: User, judgeA: User, judgeB: User, judgeC: User, kimUser: User;
let kimId: string;
let setup: Awaited<ReturnType<typeof judgedEdition>>;
const slug = "segel-uji";
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

async function submit(action: (prev: FormState, data: FormData) => Promise<FormState>, values: Record<string, string>, who: User = organiser) {
  sessionActor = actor(who);
  const form = new FormData();
  for (const [k, v] of Object.entries(values)) form.set(k, v);
  return action(initialFormState, form);
}
const actions = () => import("@/lib/actions/results-actions");
const editionRow = async () => (await handle.db.select().from(editions).where(eq(editions.id, setup.edition.id)))[0];
const statusOf = async (code: string) => (await handle.db.select({ status: films.status, reason: films.statusReason }).from(films).where(eq(films.id, setup.films[code])))[0];

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  await createTestRegions(db);
  organiser = await createUser(db, { email: "kra@layar.test", role: "organiser", regionCode: "33.13" });
  otherRegion = await createUser(db, { email: "wng@layar.test", role: "organiser", regionCode: "33.12" });
  judgeA = await createUser(db, { email: "a@layar.test", name: "Dr. Sri Wahyuni", role: "judge", regionCode: "33.72" });
  judgeB = await createUser(db, { email: "b@layar.test", name: "Bambang Hermawan", role: "judge", regionCode: "33.12" });
  judgeC = await createUser(db, { email: "c@layar.test", name: "Rina Kartikasari", role: "judge", regionCode: "34.04" });
  const kim = await createKim(db, { name: "KIM Manteb", districtCode: "33.13.08" });
  kimId = kim.id;
  kimUser = await createUser(db, { email: "kim@layar.test", name: "Pak Manteb", role: "kim", kimId, regionCode: "33.13" });
  // Two judges per film (the default). G-1 is complete; the others each lack something.
  setup = await judgedEdition(db, {
    slug,
    kimId,
    judges: [judgeA, judgeB, judgeC],
    films: [
      { code: "G-1", title: "Kabar dari Sawah", sheets: [{ judge: judgeA, score: 90 }, { judge: judgeB, score: 88 }] },
      { code: "G-2", title: "Layar Tancap", sheets: [{ judge: judgeA, score: 80 }, { judge: judgeB, score: 79, state: "none" }] },
      { code: "G-3", title: "Suara Pasar", sheets: [{ judge: judgeA, score: 70 }, { judge: judgeC, score: 71, state: "reopened" }] },
      { code: "G-4", title: "Warung Kopi (Malam)", sheets: [] },
      { code: "G-5", title: "Jejak di Lereng", status: "lolos_kurasi", sheets: [{ judge: judgeB, score: 60 }, { judge: judgeC, score: 62, state: "draft" }] },
    ],
  });
  await db.insert(screeningDecisions).values({ filmId: setup.films["G-5"], eligible: true, decidedBy: organiser.id });
});
afterAll(() => handle.drop());
beforeEach(() => {
  jar.locale = undefined;
  sessionActor = null;
});

const expectedList = [
  "Film G-2 · Layar Tancap baru punya 1 dari 2 lembar nilai yang terkirim.",
  "Lembar nilai untuk film G-2 · Layar Tancap belum dikirim oleh Bambang Hermawan.",
  "Film G-3 · Suara Pasar baru punya 1 dari 2 lembar nilai yang terkirim.",
  "Lembar nilai untuk film G-3 · Suara Pasar dibuka kembali dan belum dikirim ulang oleh Rina Kartikasari.",
  "Film G-4 · Warung Kopi (Malam) belum ditugaskan ke juri mana pun (perlu 2 lembar nilai).",
  "Film G-5 · Jejak di Lereng baru punya 1 dari 2 lembar nilai yang terkirim.",
  "Lembar nilai untuk film G-5 · Jejak di Lereng belum dikirim oleh Rina Kartikasari.",
];

describe("before the seal", () => {
  it("lists every film short of sheets, every reopened or unanswered sheet, by code, title and judge's name", async () => {
    const edition = await editionRow();
    const items = await sealChecklist(handle.db, edition, await computeEditionResults(handle.db, edition));
    expect(items.map((i) => i.problem)).toEqual(expectedList);
    expect(items.map((i) => i.kind)).toEqual(["sheets", "unsubmitted", "sheets", "reopened", "unassigned", "sheets", "unsubmitted"]);
    expect(items.map((i) => i.filmId)).toEqual(["G-2", "G-2", "G-3", "G-3", "G-4", "G-5", "G-5"].map((code) => setup.films[code]));
  });

  it("refuses to seal with the same list, and changes nothing", async () => {
    const refused = await refusal(sealResults(handle.db, organiser, slug));
    expect(refused).toMatchObject({ code: "conflict", userMessage: "Hasil belum bisa disegel. Selesaikan dulu daftar ini:", fieldErrors: { checklist: expectedList } });
    expect(refused.message).toBe(`Hasil belum bisa disegel: ${expectedList.join(" ")}`);
    expect(JSON.stringify(refused.fieldErrors)).not.toMatch(uuid);
    expect((await editionRow()).status).toBe("penjurian");
    expect(await handle.db.select().from(placements).where(eq(placements.editionId, setup.edition.id))).toEqual([]);
    expect(await handle.db.select().from(certificates).where(eq(certificates.editionId, setup.edition.id))).toEqual([]);
    expect((await statusOf("G-1")).status).toBe("diunggah");
  });

  it("says the same in English, item by item", async () => {
    const english = [
      "Film G-2 · Layar Tancap has only 1 of 2 score sheets sent.",
      "The score sheet for film G-2 · Layar Tancap has not been sent by Bambang Hermawan.",
      "Film G-3 · Suara Pasar has only 1 of 2 score sheets sent.",
      "The score sheet for film G-3 · Suara Pasar was reopened and has not been sent again by Rina Kartikasari.",
      "Film G-4 · Warung Kopi (Malam) is not assigned to any judge (2 score sheets needed).",
      "Film G-5 · Jejak di Lereng has only 1 of 2 score sheets sent.",
      "The score sheet for film G-5 · Jejak di Lereng has not been sent by Rina Kartikasari.",
    ];
    expect(expectedList.map((m) => translateMessage(m, "en"))).toEqual(english);
    jar.locale = "en";
    const { sealAction } = await actions();
    const state = await submit(sealAction, { slug, confirm: "ya" });
    expect(state).toMatchObject({ message: "The results cannot be sealed yet. First resolve this list:", fieldErrors: { checklist: english } });
  });

  it("names carry anything a name can hold, in English too: titles with brackets, judges with 'Dr.' and commas", () => {
    const cases = [
      ["Lembar nilai untuk film K-1 · Dr. Warsito Pulang. (Bagian 2) belum dikirim oleh Dr. Sri Wahyuni, M.Sn.; Ir. H. Bambang.", "The score sheet for film K-1 · Dr. Warsito Pulang. (Bagian 2) has not been sent by Dr. Sri Wahyuni, M.Sn.; Ir. H. Bambang."],
      ["Seri di peringkat 1 kategori Fiksi (Anak) dengan nilai 85,00 belum diputus: K-1 · Apa? Siapa!; K-2 · Dua (contoh).", "The tie at place 1 in category Fiksi (Anak) on a score of 85.00 is not resolved: K-1 · Apa? Siapa!; K-2 · Dua (contoh)."],
      ["Seri di peringkat 3 dengan nilai 70,50 belum diputus karena keputusan juri yang tercatat saling bertentangan: A-1 · Satu; A-2 · Dua.", "The tie at place 3 on a score of 70.50 is not resolved because the recorded jury decisions contradict each other: A-1 · Satu; A-2 · Dua."],
    ];
    for (const [indonesian, english] of cases) expect(translateMessage(indonesian, "en")).toBe(english);
  });
});

describe("leaving a film out of the ranking", () => {
  it("needs a reason of 10 characters, from the edition's organisers, and changes nothing otherwise", async () => {
    await expect(excludeFilm(handle.db, organiser, slug, { filmId: setup.films["G-4"], reason: "belum" })).rejects.toThrow();
    await expect(excludeFilm(handle.db, judgeA, slug, { filmId: setup.films["G-4"], reason: "Tidak ada juri yang bisa menilai." })).rejects.toMatchObject({ code: "forbidden" });
    await expect(excludeFilm(handle.db, kimUser, slug, { filmId: setup.films["G-4"], reason: "Tidak ada juri yang bisa menilai." })).rejects.toMatchObject({ code: "forbidden" });
    await expect(excludeFilm(handle.db, otherRegion, slug, { filmId: setup.films["G-4"], reason: "Tidak ada juri yang bisa menilai." })).rejects.toMatchObject({ code: "not_found" });
    const { excludeFilmAction } = await actions();
    const state = await submit(excludeFilmAction, { slug, filmId: setup.films["G-4"], reason: "pendek" });
    expect(state.fieldErrors).toEqual({ reason: ["Tulis alasan film ini tidak diperingkat (minimal 10 karakter); KIM akan membacanya."] });
    expect(await statusOf("G-4")).toEqual({ status: "diunggah", reason: null });
  });

  it("takes it out of the ranking and off the list, with the reason recorded and audited", async () => {
    const { excludeFilmAction } = await actions();
    const state = await submit(excludeFilmAction, { slug, filmId: setup.films["G-4"], reason: "Berkas film rusak dan KIM tidak dapat dihubungi." });
    expect(state).toMatchObject({ ok: true, message: "Film dikecualikan dari peringkat; alasan dicatat dan dapat dibaca KIM." });
    expect(await statusOf("G-4")).toEqual({ status: "dikecualikan", reason: "Berkas film rusak dan KIM tidak dapat dihubungi." });
    const [audit] = await handle.db.select().from(auditLog).where(eq(auditLog.action, "results.exclude"));
    expect(audit).toMatchObject({ actorId: organiser.id, entityId: setup.films["G-4"], editionId: setup.edition.id, data: { reason: "Berkas film rusak dan KIM tidak dapat dihubungi." } });
    const edition = await editionRow();
    const results = await computeEditionResults(handle.db, edition);
    expect(results.ranking.films.map((f) => f.filmId)).not.toContain(setup.films["G-4"]);
    expect((await sealChecklist(handle.db, edition, results)).map((i) => i.problem)).toEqual(expectedList.filter((m) => !m.includes("G-4")));
    expect((await listExcludedFilms(handle.db, setup.edition.id)).map((f) => [f.code, f.reason])).toEqual([["G-4", "Berkas film rusak dan KIM tidak dapat dihubungi."]]);
  });

  it("is undone back to the status before judging: lolos_kurasi after a screening, else diunggah", async () => {
    await excludeFilm(handle.db, organiser, slug, { filmId: setup.films["G-5"], reason: "Juri kedua berhalangan sampai batas penilaian." });
    expect((await statusOf("G-5")).status).toBe("dikecualikan");
    const { restoreFilmAction } = await actions();
    expect(await submit(restoreFilmAction, { slug, filmId: setup.films["G-5"] })).toMatchObject({ ok: true, message: "Film dikembalikan ke peringkat." });
    expect(await statusOf("G-5")).toEqual({ status: "lolos_kurasi", reason: null });
    await restoreFilm(handle.db, organiser, slug, { filmId: setup.films["G-4"] });
    expect(await statusOf("G-4")).toEqual({ status: "diunggah", reason: null });
    const edition = await editionRow();
    expect((await sealChecklist(handle.db, edition, await computeEditionResults(handle.db, edition))).map((i) => i.problem)).toEqual(expectedList);
    expect((await handle.db.select().from(auditLog).where(eq(auditLog.action, "results.exclude_undo"))).map((a) => a.data)).toEqual([{ status: "lolos_kurasi" }, { status: "diunggah" }]);
    // A film that is not excluded has nothing to undo.
    await expect(restoreFilm(handle.db, organiser, slug, { filmId: setup.films["G-1"] })).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("sealing once the list is empty", () => {
  it("goes through after the sheets arrive and the film without judges is left out", async () => {
    const db = handle.db;
    // Bambang sends G-2 (a new sheet), Rina sends G-3 again and G-5.
    const pending = await db
      .select({ assignment: judgeAssignments.id, sheet: scoreSheets.id })
      .from(judgeAssignments)
      .leftJoin(scoreSheets, eq(scoreSheets.assignmentId, judgeAssignments.id))
      .where(and(eq(judgeAssignments.roundId, setup.round.id), isNull(judgeAssignments.removedAt)));
    for (const p of pending) {
      if (p.sheet) await db.update(scoreSheets).set({ status: "submitted", submittedAt: new Date() }).where(eq(scoreSheets.id, p.sheet));
    }
    const [missing] = await db.select().from(judgeAssignments).where(and(eq(judgeAssignments.filmId, setup.films["G-2"]), eq(judgeAssignments.judgeId, judgeB.id)));
    const [sheet] = await db.insert(scoreSheets).values({ assignmentId: missing.id, status: "submitted", submittedAt: new Date() }).returning();
    const { scores } = await import("@/lib/db/schema");
    await db.insert(scores).values(setup.criteria.map((c) => ({ sheetId: sheet.id, criterionId: c.id, score: 79 })));
    const edition = await editionRow();
    expect((await sealChecklist(db, edition, await computeEditionResults(db, edition))).map((i) => i.problem)).toEqual([expectedList[4]]);
    await excludeFilm(db, organiser, slug, { filmId: setup.films["G-4"], reason: "Berkas film rusak dan KIM tidak dapat dihubungi." });
    expect(await sealChecklist(db, edition, await computeEditionResults(db, edition))).toEqual([]);
  });

  it("is refused without the confirmation box, and nothing changes", async () => {
    const { sealAction } = await actions();
    const state = await submit(sealAction, { slug });
    expect(state).toMatchObject({ message: "Centang konfirmasi dulu: menyegel membekukan nilai dan menetapkan juara.", fieldErrors: { confirm: ["Centang pernyataan ini untuk melanjutkan."] } });
    expect((await editionRow()).status).toBe("penjurian");
    expect(await handle.db.select().from(placements).where(eq(placements.editionId, setup.edition.id))).toEqual([]);
    // Only an organiser of the edition's region gets that far.
    for (const who of [judgeA, kimUser]) expect((await submit(sealAction, { slug, confirm: "ya" }, who)).message).toBe("Anda tidak berhak membuka halaman ini.");
    expect((await submit(sealAction, { slug, confirm: "ya" }, otherRegion)).message).toBe("Data tidak ditemukan.");
    expect((await editionRow()).status).toBe("penjurian");
  });

  it("seals with the box ticked: placements, and a certificate for each ranked film and each judge with a sheet", async () => {
    const { sealAction } = await actions();
    expect(await submit(sealAction, { slug, confirm: "ya" })).toMatchObject({ ok: true, message: "Hasil disegel: 4 film mendapat juara." });
    expect((await editionRow()).status).toBe("disegel");
    expect((await statusOf("G-4")).status).toBe("dikecualikan");
    const rows = await handle.db.select().from(certificates).where(eq(certificates.editionId, setup.edition.id));
    const peserta = rows.filter((c) => c.kind === "peserta").map((c) => c.filmId).sort();
    expect(peserta).toEqual(["G-1", "G-2", "G-3", "G-5"].map((code) => setup.films[code]).sort());
    expect(rows.filter((c) => c.kind === "juri").map((c) => c.userId).sort()).toEqual([judgeA.id, judgeB.id, judgeC.id].sort());
    expect(rows.every((c) => /^[0-9A-F]{12}$/.test(c.code))).toBe(true);
  });

  it("unseals only with the box ticked and a reason; the certificates and placements go", async () => {
    const { unsealAction } = await actions();
    const refused = await submit(unsealAction, { slug, reason: "Nilai juri B salah ketik pada film G-2." });
    expect(refused.fieldErrors).toEqual({ confirm: ["Centang pernyataan ini untuk melanjutkan."] });
    expect((await editionRow()).status).toBe("disegel");
    expect(await submit(unsealAction, { slug, reason: "Nilai juri B salah ketik pada film G-2.", confirm: "ya" })).toMatchObject({ ok: true });
    expect((await editionRow()).status).toBe("penjurian");
    expect(await handle.db.select().from(certificates).where(eq(certificates.editionId, setup.edition.id))).toEqual([]);
    expect(await handle.db.select().from(placements).where(eq(placements.editionId, setup.edition.id))).toEqual([]);
  });
});

describe("publishing now", () => {
  it("needs the box ticked; then it publishes and mails the KIM, naming the film left out with its reason", async () => {
    const { sealAction, publishNowAction, scheduleAction } = await actions();
    await submit(sealAction, { slug, confirm: "ya" });
    const refused = await submit(publishNowAction, { slug });
    expect(refused).toMatchObject({ message: "Centang konfirmasi dulu: pengumuman langsung tampil di situs publik dan tidak bisa ditarik.", fieldErrors: { confirm: ["Centang pernyataan ini untuk melanjutkan."] } });
    expect((await editionRow()).status).toBe("disegel");
    // Scheduling is not final (unsealing cancels it) and needs a time, not the box.
    expect((await submit(scheduleAction, { slug, when: "" })).fieldErrors).toEqual({ when: ["Isi tanggal dan jam pengumuman."] });
    jar.locale = "en";
    expect((await submit(publishNowAction, { slug })).message).toBe("Tick the confirmation first: the announcement appears on the public site at once and cannot be withdrawn.");
    jar.locale = undefined;

    expect(await submit(publishNowAction, { slug, confirm: "ya" })).toMatchObject({ ok: true, message: "Hasil diumumkan." });
    expect((await editionRow()).status).toBe("diumumkan");
    const outbox = path.join(env().dataDir, "outbox");
    const mails = fs.readdirSync(outbox).filter((f) => f.includes("kim@layar.test"));
    expect(mails).toHaveLength(1);
    const text = mailText(fs.readFileSync(path.join(outbox, mails[0]), "utf8"));
    expect(text).toContain("- Warung Kopi (Malam): tidak diperingkat: Berkas film rusak dan KIM tidak dapat dihubungi.");
    expect(text).toContain("- Kabar dari Sawah: Juara I");
  });
});

describe("the required sheets", () => {
  it("are every active assignment in mode 'all', and a film waiting for its kurasi is named as such", async () => {
    const other = await judgedEdition(handle.db, {
      slug: "segel-semua",
      kimId,
      judges: [judgeA, judgeB, judgeC],
      settings: { assignmentMode: "all", screeningRound: true },
      films: [
        { code: "A-1", title: "Tiga Juri", status: "lolos_kurasi", sheets: [{ judge: judgeA, score: 90 }, { judge: judgeB, score: 80 }, { judge: judgeC, score: 70, state: "draft" }] },
        { code: "A-2", title: "Satu Juri", status: "lolos_kurasi", sheets: [{ judge: judgeA, score: 60 }] },
        { code: "A-3", title: "Belum Dikurasi", sheets: [] },
      ],
    });
    const [edition] = await handle.db.select().from(editions).where(eq(editions.id, other.edition.id));
    expect((await sealChecklist(handle.db, edition, await computeEditionResults(handle.db, edition))).map((i) => i.problem)).toEqual([
      "Film A-1 · Tiga Juri baru punya 2 dari 3 lembar nilai yang terkirim.",
      "Lembar nilai untuk film A-1 · Tiga Juri belum dikirim oleh Rina Kartikasari.",
      "Film A-3 · Belum Dikurasi belum dikurasi, jadi belum dinilai juri.",
    ]);
    expect(translateMessage("Film A-3 · Belum Dikurasi belum dikurasi, jadi belum dinilai juri.", "en")).toBe("Film A-3 · Belum Dikurasi has not been screened, so no judge has scored it.");
  });

  it("leave a film excluded after some of its sheets were sent out of everything, its sheets too", async () => {
    const other = await judgedEdition(handle.db, {
      slug: "segel-sebagian",
      kimId,
      judges: [judgeA, judgeB],
      films: [
        { code: "P-1", title: "Lengkap", sheets: [{ judge: judgeA, score: 90 }, { judge: judgeB, score: 80 }] },
        { code: "P-2", title: "Separuh", sheets: [{ judge: judgeA, score: 95 }, { judge: judgeB, score: 70, state: "reopened" }] },
      ],
    });
    await excludeFilm(handle.db, organiser, "segel-sebagian", { filmId: other.films["P-2"], reason: "Juri kedua tidak mengirim ulang nilainya." });
    const [edition] = await handle.db.select().from(editions).where(eq(editions.id, other.edition.id));
    const results = await computeEditionResults(handle.db, edition);
    expect(results.ranking).toMatchObject({ publishable: true, problems: [] });
    expect(results.ranking.films.map((f) => f.filmId)).toEqual([other.films["P-1"]]);
    expect(await sealChecklist(handle.db, edition, results)).toEqual([]);
    expect(await sealResults(handle.db, organiser, "segel-sebagian")).toEqual({ placed: 1 });
  });
});
