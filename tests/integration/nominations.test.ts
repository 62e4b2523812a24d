import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { categories, editions, filmMedia, filmNominations, filmRenditions, films, judgeAssignments, judgingRounds, outgoingMessages, placements } from "@/lib/db/schema";
import { defaultRules } from "@/lib/editions/defaults";
import { createFromFile, editionFileText, editionToFile, parseEditionFile } from "@/lib/editions/edition-format";
import { getPublicEdition } from "@/lib/editions/list-editions";
import { createDraftFilm } from "@/lib/films/entry-actions";
import { removeReplacedMedia } from "@/lib/films/remove-replaced-media";
import { removeRenditionsOf } from "@/lib/jobs/renditions";
import { getScoreSheet } from "@/lib/judging/score-sheet";
import { updateIntake } from "@/lib/nominations/intake";
import { confirmNomination, declineNomination, getNominationChoices, listIncomingNominations, nominateFilms, returnNomination, withdrawNomination } from "@/lib/nominations/nominate";
import { notifyNominated, notifyReturned } from "@/lib/nominations/notify";
import { directEntryRefusal } from "@/lib/nominations/rules";
import { listWinners } from "@/lib/public/list-winners";
import { createCategory, createEdition, createFilm, createKim, createRubric, createUser } from "@/lib/seed/factories";
import type { StorageDriver } from "@/lib/storage";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";

// Regency → province (issue 15, docs/decisions/0035): nominate, the KIM confirms by its link,
// the film is copied with shared media and a new code, the province sees and returns it.

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
type User = Awaited<ReturnType<typeof createUser>>;
let orgKra: User, orgWng: User, orgJateng: User, manteb: User, sepi: User, judge: User;
let filmA: string, filmB: string, filmC: string, filmD: string;
let target: typeof editions.$inferSelect;
const during = new Date("2026-12-01T10:00:00+07:00");
const afterClose = new Date("2027-01-02T10:00:00+07:00");
const probe = { container: "mp4", videoCodec: "h264", audioCodec: "aac", width: 1280, height: 720, durationSeconds: 120 };
const tokens = new Map<string, string>();

async function withMedia(filmId: string, durationSeconds = 120) {
  await handle.db.insert(filmMedia).values([
    { filmId, kind: "video", storageDriver: "local", storageKey: `films/${filmId}/video.mp4`, mimeType: "video/mp4", sizeBytes: 5_000_000, status: "ok", probe: { ...probe, durationSeconds } },
    { filmId, kind: "judge_video", storageDriver: "local", storageKey: `films/${filmId}/judge.mp4`, mimeType: "video/mp4", sizeBytes: 4_000_000, status: "ok", probe: { ...probe, durationSeconds } },
    { filmId, kind: "poster", storageDriver: "local", storageKey: `films/${filmId}/poster.webp`, mimeType: "image/webp", sizeBytes: 20_000, status: "ok" },
    { filmId, kind: "subtitle", storageDriver: "local", storageKey: `films/${filmId}/subtitle.vtt`, mimeType: "text/vtt", sizeBytes: 200, status: "ok" },
  ]);
}

/** A storage that records what would be removed. */
function recordingStorage() {
  const removed: string[] = [];
  const storage = {
    name: "local",
    uploadKey: (id: string) => `uploads/${id}`,
    remove: async (key: string) => void removed.push(key),
    removeUpload: async (id: string) => void removed.push(`uploads/${id}`),
    size: async () => 1,
  } as unknown as StorageDriver;
  return { storage, removed };
}

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  const kimManteb = await createKim(handle.db, { name: "KIM Manteb", districtCode: "33.13.08" });
  const kimSepi = await createKim(handle.db, { name: "KIM Sepi", districtCode: "33.13.11" });
  orgKra = await createUser(handle.db, { email: "kra@layar.test", role: "organiser", regionCode: "33.13" });
  orgWng = await createUser(handle.db, { email: "wng@layar.test", role: "organiser", regionCode: "33.12" });
  orgJateng = await createUser(handle.db, { email: "jateng@layar.test", role: "organiser", regionCode: "33" });
  manteb = await createUser(handle.db, { email: "manteb@layar.test", role: "kim", kimId: kimManteb.id, regionCode: "33.13" });
  sepi = await createUser(handle.db, { email: "sepi@layar.test", role: "kim", kimId: kimSepi.id, regionCode: "33.13" });
  judge = await createUser(handle.db, { email: "juri@layar.test", role: "judge", regionCode: "33.72" });

  const source = await createEdition(handle.db, { slug: "kra-2025", title: "Festival Film KIM Kabupaten Karanganyar 2025", year: 2025, regionCode: "33.13", status: "diumumkan", publishedAt: new Date("2025-10-01T00:00:00Z") });
  const fiksi = await createCategory(handle.db, source.id, "Fiksi");
  const make = async (kimId: string, title: string, rank: number, placement: "Juara I" | "Juara II" | "Juara III" | "Juara Harapan I", duration?: number) => {
    const film = await createFilm(handle.db, { editionId: source.id, kimId, categoryId: fiksi.id, code: `K25-SRC${rank}`, title, language: "Bahasa Indonesia", status: "juara", originalityDeclared: true, publicationConsent: true });
    await withMedia(film.id, duration);
    await handle.db.insert(placements).values({ editionId: source.id, categoryId: fiksi.id, filmId: film.id, kimId, placement, rank });
    return film.id;
  };
  filmA = await make(kimManteb.id, "Sungai Kami", 1, "Juara I");
  filmB = await make(kimSepi.id, "Pasar Pagi", 2, "Juara II");
  filmC = await make(kimManteb.id, "Film Panjang", 3, "Juara III", 900);
  filmD = await make(kimManteb.id, "Film Keempat", 4, "Juara Harapan I");
  // A ready rendition of A's judges' copy, to be shared by the copy.
  const [judgeCopy] = await handle.db.select().from(filmMedia).where(and(eq(filmMedia.filmId, filmA), eq(filmMedia.kind, "judge_video")));
  await handle.db.insert(filmRenditions).values({ mediaId: judgeCopy.id, filmId: filmA, status: "siap", keys: [`renditions/${judgeCopy.id}/360/index.m3u8`], lightKey: `renditions/${judgeCopy.id}/ringan.mp4` });

  const window = { status: "pendaftaran" as const, submissionOpensAt: new Date("2026-11-01T00:00:00+07:00"), submissionClosesAt: new Date("2026-12-31T23:59:00+07:00") };
  target = await createEdition(handle.db, { slug: "jateng-2026", title: "Lomba Film KIM Jawa Tengah 2026", year: 2026, regionCode: "33", rules: { ...defaultRules }, ...window });
  await createCategory(handle.db, target.id, "Dokumenter", 0);
  await createCategory(handle.db, target.id, "Fiksi", 1);
  await createRubric(handle.db, target.id);
  await createEdition(handle.db, { slug: "jateng-nominasi", title: "Jawa Tengah Nominasi Saja", year: 2026, regionCode: "33", intake: { mode: "nominasi", quotaKind: "pilihan", quotaPerRegency: 1 }, ...window });
});
afterAll(async () => {
  await handle.drop();
});

describe("the provincial intake", () => {
  it("is saved from the settings by the province (only for a provincial edition)", async () => {
    await updateIntake(handle.db, orgJateng, "jateng-2026", { mode: "keduanya", quotaKind: "peringkat", quotaPerRegency: "3" });
    const [row] = await handle.db.select().from(editions).where(eq(editions.id, target.id));
    expect(row.intake).toEqual({ mode: "keduanya", quotaKind: "peringkat", quotaPerRegency: 3 });
    await expect(updateIntake(handle.db, orgKra, "kra-2025", { mode: "nominasi", quotaKind: "pilihan", quotaPerRegency: "2" })).rejects.toThrow(/provinsi/);
  });

  it("travels in the edition file (export, copy)", async () => {
    const [row] = await handle.db.select().from(editions).where(eq(editions.id, target.id));
    const file = parseEditionFile(editionFileText(await editionToFile(handle.db, row)));
    expect(file.intake).toEqual({ mode: "keduanya", quotaKind: "peringkat", quotaPerRegency: 3 });
    const copy = await createFromFile(handle.db, { ...file, slug: "jateng-salinan", title: "Salinan Jawa Tengah 2026" }, orgJateng.id);
    expect(copy.intake).toEqual({ mode: "keduanya", quotaKind: "peringkat", quotaPerRegency: 3 });
    const [source] = await handle.db.select().from(editions).where(eq(editions.slug, "kra-2025"));
    expect((await editionToFile(handle.db, source)).intake).toBeUndefined();
  });

  it("refuses direct entries where the edition takes nominations only, with the reason", async () => {
    await expect(createDraftFilm(handle.db, manteb, { editionSlug: "jateng-nominasi", confirmSlot: "on" }, during)).rejects.toThrow(directEntryRefusal);
    await expect(createDraftFilm(handle.db, manteb, { editionSlug: "jateng-2026", confirmSlot: "on" }, during)).resolves.toHaveProperty("filmId");
  });
});

describe("nominating", () => {
  it("shows each film with what would refuse it: the provincial rules and the quota", async () => {
    const choices = await getNominationChoices(handle.db, orgKra, "kra-2025", during);
    const into = choices.targets.find((t) => t.edition.slug === "jateng-2026")!;
    expect(into.window.open).toBe(true);
    const problems = Object.fromEntries(into.films.map((f) => [f.title, f.problems]));
    expect(problems["Sungai Kami"]).toEqual([]);
    expect(problems["Film Panjang"].join(" ")).toMatch(/Durasi film 15 menit, melebihi batas 5 menit/);
    expect(problems["Film Keempat"].join(" ")).toMatch(/peringkat 1–3/);
  });

  it("refuses another regency's organiser and the province itself", async () => {
    await expect(nominateFilms(handle.db, orgWng, "kra-2025", { target: target.id, films: [filmA] }, during)).rejects.toThrow(/tidak ditemukan/);
    await expect(nominateFilms(handle.db, orgJateng, "kra-2025", { target: target.id, films: [filmA] }, during)).rejects.toThrow(/Hanya panitia kabupaten/);
  });

  it("refuses a film the provincial rules refuse, before anything is sent", async () => {
    await expect(nominateFilms(handle.db, orgKra, "kra-2025", { target: target.id, films: [filmA, filmC] }, during)).rejects.toThrow(/Film "Film Panjang" tidak memenuhi aturan festival provinsi: Durasi film 15 menit/);
    expect(await handle.db.select().from(filmNominations)).toEqual([]);
  });

  it("refuses a film outside the quota (peringkat: rank above N)", async () => {
    await expect(nominateFilms(handle.db, orgKra, "kra-2025", { target: target.id, films: [filmD] }, during)).rejects.toThrow(/peringkat 1–3/);
  });

  it("sends the KIM a link; the token is stored only hashed", async () => {
    const sent = await nominateFilms(handle.db, orgKra, "kra-2025", { target: target.id, films: [filmA, filmB] }, during);
    expect(sent).toHaveLength(2);
    for (const s of sent) tokens.set(s.filmId, s.token);
    await notifyNominated(handle.db, sent, target.id, "33.13", orgKra.id);
    const rows = await handle.db.select().from(filmNominations);
    expect(rows.map((r) => r.status)).toEqual(["menunggu_kim", "menunggu_kim"]);
    expect(rows.some((r) => r.tokenHash === tokens.get(filmA))).toBe(false);
    const mails = await handle.db.select().from(outgoingMessages).where(eq(outgoingMessages.kind, "nomination_request"));
    const toManteb = mails.find((m) => m.recipientUserId === manteb.id)!;
    expect(toManteb.body).toContain(`/nominasi/${tokens.get(filmA)}`);
    // The film is named with its KIM (the mail goes to every member).
    expect(toManteb.body).toMatch(/Sungai Kami \(KIM [^)]+\)/);
    expect(toManteb.subject).toBe("Film Anda dinominasikan: Sungai Kami");
    // The same film again into the same edition is refused while the first stands.
    await expect(nominateFilms(handle.db, orgKra, "kra-2025", { target: target.id, films: [filmA] }, during)).rejects.toThrow(/sudah dinominasikan/);
  });
});

describe("the KIM's answer", () => {
  it("refuses a member of another KIM at the link", async () => {
    await expect(confirmNomination(handle.db, sepi, { token: tokens.get(filmA) }, during)).rejects.toThrow(/anggota KIM yang filmnya dinominasikan/);
  });

  it("confirms once: one new film with a new code, the same details, shared media and renditions", async () => {
    const [first, second] = await Promise.allSettled([confirmNomination(handle.db, manteb, { token: tokens.get(filmA) }, during), confirmNomination(handle.db, manteb, { token: tokens.get(filmA) }, during)]);
    expect([first.status, second.status].sort()).toEqual(["fulfilled", "rejected"]);
    await expect(confirmNomination(handle.db, manteb, { token: tokens.get(filmA) }, during)).rejects.toThrow(/sudah dijawab/);
    const copies = await handle.db.select().from(films).where(eq(films.promotedFromFilmId, filmA));
    expect(copies).toHaveLength(1);
    const copy = copies[0];
    expect(copy).toMatchObject({ editionId: target.id, title: "Sungai Kami", status: "diunggah", language: "Bahasa Indonesia", originalityDeclared: true });
    expect(copy.code).toMatch(/^P26-/);
    const [fiksi] = await handle.db.select().from(categories).where(and(eq(categories.editionId, target.id), eq(categories.name, "Fiksi")));
    expect(copy.categoryId).toBe(fiksi.id);
    const [sourceMedia, copyMedia] = await Promise.all([handle.db.select().from(filmMedia).where(eq(filmMedia.filmId, filmA)), handle.db.select().from(filmMedia).where(eq(filmMedia.filmId, copy.id))]);
    expect(copyMedia.map((m) => `${m.kind}:${m.storageKey}`).sort()).toEqual(sourceMedia.map((m) => `${m.kind}:${m.storageKey}`).sort());
    expect(copyMedia.every((m) => m.status === "ok" && !sourceMedia.some((s) => s.id === m.id))).toBe(true);
    const renditions = await handle.db.select().from(filmRenditions).where(eq(filmRenditions.filmId, copy.id));
    expect(renditions).toHaveLength(1);
    expect(renditions[0].lightKey).toMatch(/ringan\.mp4$/);
  });

  it("lets the KIM decline with a reason", async () => {
    await declineNomination(handle.db, sepi, { token: tokens.get(filmB), reason: "Pemeran utama sedang merantau." }, during);
    const [row] = await handle.db.select().from(filmNominations).where(eq(filmNominations.sourceFilmId, filmB));
    expect(row).toMatchObject({ status: "ditolak_kim", reason: "Pemeran utama sedang merantau." });
  });

  it("closes with the provincial entry deadline: the link and new nominations say so", async () => {
    const [again] = await nominateFilms(handle.db, orgKra, "kra-2025", { target: target.id, films: [filmB] }, during);
    await expect(confirmNomination(handle.db, sepi, { token: again.token }, afterClose)).rejects.toThrow(/Nominasi sudah ditutup/);
    await expect(nominateFilms(handle.db, orgKra, "kra-2025", { target: target.id, films: [filmB] }, afterClose)).rejects.toThrow(/Nominasi sudah ditutup/);
  });
});

describe("blind provincial judging", () => {
  it("shows the judge the new code only: no regency, KIM, source code or nomination", async () => {
    const [copy] = await handle.db.select().from(films).where(eq(films.promotedFromFilmId, filmA));
    await handle.db.update(editions).set({ status: "penjurian" }).where(eq(editions.id, target.id));
    const [round] = await handle.db.insert(judgingRounds).values({ editionId: target.id, kind: "penilaian", confirmedAt: new Date() }).returning();
    const [assignment] = await handle.db.insert(judgeAssignments).values({ roundId: round.id, filmId: copy.id, judgeId: judge.id }).returning();
    const sheet = await getScoreSheet(handle.db, judge, assignment.id, during);
    const text = JSON.stringify(sheet);
    expect(sheet.film.code).toBe(copy.code);
    for (const hidden of ["Karanganyar", "33.13", "K25-SRC1", filmA, "Manteb", "Juara", "nominasi", "promoted"]) expect(text).not.toContain(hidden);
    await handle.db.update(editions).set({ status: "pendaftaran" }).where(eq(editions.id, target.id));
  });
});

describe("what the public reads", () => {
  it("the API gives the intake and a count per regency, no titles before publication", async () => {
    const edition = await getPublicEdition(handle.db, "jateng-2026");
    expect(edition!.intake).toEqual({ mode: "keduanya", quotaKind: "peringkat", quotaPerRegency: 3 });
    expect(edition!.nominationsByRegion).toEqual([{ regionCode: "33.13", regionName: "Kabupaten Karanganyar", films: 1 }]);
    expect(JSON.stringify(edition)).not.toContain("Sungai Kami");
  });

  it("a placed promoted film names where it came from, and after publication the API lists it", async () => {
    const [copy] = await handle.db.select().from(films).where(eq(films.promotedFromFilmId, filmA));
    await handle.db.insert(placements).values({ editionId: target.id, filmId: copy.id, kimId: copy.kimId, placement: "Juara II", rank: 2 });
    const [winner] = await listWinners(handle.db, [target.id]);
    expect(winner.promotedFrom).toEqual({ editionTitle: "Festival Film KIM Kabupaten Karanganyar 2025", editionSlug: "kra-2025", placement: "Juara I" });
    await handle.db.update(editions).set({ status: "diumumkan", publishedAt: during }).where(eq(editions.id, target.id));
    const edition = await getPublicEdition(handle.db, "jateng-2026");
    expect(edition!.nominationsByRegion).toEqual([{ regionCode: "33.13", regionName: "Kabupaten Karanganyar", films: 1, list: [{ id: copy.id, code: copy.code, title: "Sungai Kami", placement: "Juara II" }] }]);
    await handle.db.delete(placements).where(eq(placements.editionId, target.id));
    await handle.db.update(editions).set({ status: "pendaftaran", publishedAt: null }).where(eq(editions.id, target.id));
  });
});

describe("the stored files are shared", () => {
  it("replacing the source's poster keeps the file the copy still uses; a rendition file another row lists stays", async () => {
    const { storage, removed } = recordingStorage();
    await handle.db.update(filmMedia).set({ isCurrent: false }).where(and(eq(filmMedia.filmId, filmA), eq(filmMedia.kind, "poster")));
    await removeReplacedMedia(handle.db, storage, filmA);
    expect(removed).not.toContain(`films/${filmA}/poster.webp`);
    const [judgeCopy] = await handle.db.select().from(filmMedia).where(and(eq(filmMedia.filmId, filmA), eq(filmMedia.kind, "judge_video")));
    await removeRenditionsOf(handle.db, storage, [judgeCopy.id]);
    expect(removed.filter((k) => k.startsWith("renditions/"))).toEqual([]);
  });
});

describe("the province's view", () => {
  it("lists the nominations per regency as they arrive and returns one with a reason", async () => {
    const incoming = await listIncomingNominations(handle.db, orgJateng, "jateng-2026");
    expect(incoming.regions).toHaveLength(1);
    expect(incoming.regions[0].items.map((i) => `${i.title}:${i.status}`).sort()).toEqual(["Pasar Pagi:ditolak_kim", "Pasar Pagi:menunggu_kim", "Sungai Kami:dikonfirmasi"]);
    await expect(listIncomingNominations(handle.db, orgWng, "jateng-2026")).rejects.toThrow();

    const confirmed = incoming.regions[0].items.find((i) => i.status === "dikonfirmasi")!;
    const [copy] = await handle.db.select().from(films).where(eq(films.promotedFromFilmId, filmA));
    const returned = await returnNomination(handle.db, orgJateng, "jateng-2026", { nominationId: confirmed.id, reason: "Film sudah pernah menang di tingkat provinsi." }, during);
    await notifyReturned(handle.db, returned.nomination, orgJateng.id);
    const [after] = await handle.db.select().from(films).where(eq(films.id, copy.id));
    expect(after).toMatchObject({ status: "ditarik", statusReason: "Dikembalikan oleh panitia provinsi: Film sudah pernah menang di tingkat provinsi." });
    expect(await handle.db.select().from(judgeAssignments).where(and(eq(judgeAssignments.filmId, copy.id), isNull(judgeAssignments.removedAt)))).toEqual([]);
    const told = await handle.db.select().from(outgoingMessages).where(eq(outgoingMessages.kind, "nomination_returned"));
    expect(told.map((m) => m.recipientUserId).sort()).toEqual([manteb.id, orgKra.id].sort());
    // Only confirmed nominations count.
    expect((await getPublicEdition(handle.db, "jateng-2026"))!.nominationsByRegion).toEqual([]);
    await expect(returnNomination(handle.db, orgJateng, "jateng-2026", { nominationId: confirmed.id, reason: "Sekali lagi saja." }, during)).rejects.toThrow(/sudah tidak berlaku/);
  });
});

describe("the regency withdraws", () => {
  it("a nomination its KIM has not answered: the link then refuses, another regency cannot, an answered one stays", async () => {
    const [pending] = await handle.db.select().from(filmNominations).where(eq(filmNominations.status, "menunggu_kim"));
    await expect(withdrawNomination(handle.db, orgWng, "kra-2025", { nominationId: pending.id }, during)).rejects.toThrow(/tidak ditemukan/);
    await withdrawNomination(handle.db, orgKra, "kra-2025", { nominationId: pending.id }, during);
    const [after] = await handle.db.select().from(filmNominations).where(eq(filmNominations.id, pending.id));
    expect(after).toMatchObject({ status: "dibatalkan", decidedBy: orgKra.id });
    await expect(confirmNomination(handle.db, sepi, { nominationId: pending.id }, during)).rejects.toThrow(/sudah dijawab/);
    await expect(withdrawNomination(handle.db, orgKra, "kra-2025", { nominationId: pending.id }, during)).rejects.toThrow(/sudah dijawab KIM atau sudah dibatalkan/);
    const [answered] = await handle.db.select().from(filmNominations).where(eq(filmNominations.status, "dikembalikan"));
    await expect(withdrawNomination(handle.db, orgKra, "kra-2025", { nominationId: answered.id }, during)).rejects.toThrow(/sudah dijawab KIM/);
  });
});
