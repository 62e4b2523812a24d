import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { films } from "@/lib/db/schema";
import { defaultRules } from "@/lib/editions/defaults";
import { createDraftFilm, updateFilmDetails, withdrawFilm } from "@/lib/films/entry-actions";
import { getKimEntry } from "@/lib/films/kim-film";
import { kimEntryChance, listOpenEditions } from "@/lib/films/list-kim-films";
import { createEdition, createKim, createUser } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";

// Who may enter an edition: the region covers the KIM, and an edition for active KIMs
// refuses an inactive one; creating an entry needs the ticked slot confirmation.

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
type User = Awaited<ReturnType<typeof createUser>>;
let active: User, inactive: User, wonogiri: User;
const during = new Date("2026-12-01T10:00:00+07:00");
const window = { status: "pendaftaran" as const, submissionOpensAt: new Date("2026-11-01T00:00:00+07:00"), submissionClosesAt: new Date("2026-12-31T23:59:00+07:00") };
const confirm = { confirmSlot: "on" };

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  const manteb = await createKim(handle.db, { name: "KIM Manteb", districtCode: "33.13.08" });
  const sepi = await createKim(handle.db, { name: "KIM Sepi", districtCode: "33.13.11", status: "tidak_aktif", inactiveReason: "Tidak ada kegiatan sejak 2023." });
  const gedong = await createKim(handle.db, { name: "KIM Gedong", districtCode: "33.12.01" });
  active = await createUser(handle.db, { email: "manteb@layar.test", role: "kim", kimId: manteb.id, regionCode: "33.13" });
  inactive = await createUser(handle.db, { email: "sepi@layar.test", role: "kim", kimId: sepi.id, regionCode: "33.13" });
  wonogiri = await createUser(handle.db, { email: "gedong@layar.test", role: "kim", kimId: gedong.id, regionCode: "33.12" });
  await createEdition(handle.db, { slug: "kra-semua", title: "Karanganyar Semua KIM", regionCode: "33.13", rules: { ...defaultRules, eligibleKims: "semua" }, ...window });
  await createEdition(handle.db, { slug: "kra-aktif", title: "Karanganyar KIM Aktif", regionCode: "33.13", rules: { ...defaultRules, eligibleKims: "aktif", filmsPerKim: 1 }, ...window });
  await createEdition(handle.db, { slug: "jateng-aktif", title: "Jawa Tengah KIM Aktif", regionCode: "33", rules: { ...defaultRules, eligibleKims: "aktif" }, ...window });
  await createEdition(handle.db, { slug: "sleman", title: "Sleman", regionCode: "34.04", ...window });
  await createEdition(handle.db, { slug: "kra-draf", title: "Karanganyar Draf", regionCode: "33.13", ...window, status: "draf" });
  await createEdition(handle.db, { slug: "kra-tutup", title: "Karanganyar Tutup", regionCode: "33.13", ...window, submissionClosesAt: new Date("2026-11-15T00:00:00+07:00") });
});
afterAll(async () => {
  await handle.drop();
});

describe("the slot confirmation", () => {
  it("is required: without the tick no entry is created, and the message sits on the checkbox", async () => {
    const before = await handle.db.select().from(films);
    const error = await createDraftFilm(handle.db, active, { editionSlug: "kra-semua" }, during).catch((e: { issues: { path: string[]; message: string }[] }) => e);
    expect((error as { issues: { path: string[]; message: string }[] }).issues).toEqual([expect.objectContaining({ path: ["confirmSlot"], message: "Centang konfirmasi bahwa film ini memakai satu slot film KIM." })]);
    await expect(createDraftFilm(handle.db, active, { editionSlug: "kra-semua", confirmSlot: "" }, during)).rejects.toThrow();
    expect(await handle.db.select().from(films)).toEqual(before);
  });

  it("with the tick, creates the draft owned by the KIM", async () => {
    const { filmId } = await createDraftFilm(handle.db, active, { editionSlug: "kra-semua", ...confirm }, during);
    const [film] = await handle.db.select().from(films).where(eq(films.id, filmId));
    expect(film).toMatchObject({ kimId: active.kimId, createdBy: active.id, status: "draf" });
  });
});

describe("the region and the active-only rule", () => {
  it("lets an active KIM enter its regency's and its province's editions", async () => {
    await expect(createDraftFilm(handle.db, active, { editionSlug: "kra-aktif", ...confirm }, during)).resolves.toHaveProperty("filmId");
    await expect(createDraftFilm(handle.db, active, { editionSlug: "jateng-aktif", ...confirm }, during)).resolves.toHaveProperty("filmId");
  });

  it("refuses an inactive KIM where only active KIMs may enter, and says why", async () => {
    for (const slug of ["kra-aktif", "jateng-aktif"]) {
      await expect(createDraftFilm(handle.db, inactive, { editionSlug: slug, ...confirm }, during)).rejects.toMatchObject({
        code: "forbidden",
        userMessage: "Festival ini hanya untuk KIM yang berstatus aktif. Hubungi Diskominfo bila status KIM Anda perlu diperbarui.",
      });
    }
    expect(await handle.db.select().from(films).where(eq(films.kimId, inactive.kimId!))).toEqual([]);
  });

  it("lets an inactive KIM enter an edition open to every registered KIM", async () => {
    await expect(createDraftFilm(handle.db, inactive, { editionSlug: "kra-semua", ...confirm }, during)).resolves.toHaveProperty("filmId");
  });

  it("refuses another regency's, another province's and a draft edition as not found", async () => {
    await expect(createDraftFilm(handle.db, wonogiri, { editionSlug: "kra-semua", ...confirm }, during)).rejects.toMatchObject({ code: "not_found" });
    await expect(createDraftFilm(handle.db, active, { editionSlug: "sleman", ...confirm }, during)).rejects.toMatchObject({ code: "not_found" });
    await expect(createDraftFilm(handle.db, active, { editionSlug: "kra-draf", ...confirm }, during)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("the dashboard's open editions", () => {
  it("lists only the editions the KIM may enter now, with its slots used", async () => {
    const kimOf = async (user: User) => {
      const entry = (await handle.db.query.kimGroups.findFirst({ where: (k, { eq: is }) => is(k.id, user.kimId!) }))!;
      return { id: entry.id, regencyCode: entry.regencyCode, status: entry.status };
    };
    const forActive = await listOpenEditions(handle.db, await kimOf(active), during);
    expect(forActive.map((e) => e.slug).sort()).toEqual(["jateng-aktif", "kra-aktif", "kra-semua"]);
    expect(forActive.find((e) => e.slug === "kra-aktif")).toMatchObject({ used: 1, filmsPerKim: 1 });
    expect((await listOpenEditions(handle.db, await kimOf(inactive), during)).map((e) => e.slug)).toEqual(["kra-semua"]);
    expect((await listOpenEditions(handle.db, await kimOf(wonogiri), during)).map((e) => e.slug)).toEqual(["jateng-aktif"]);
  });
});

describe("the send-a-film page's answer (kimEntryChance)", () => {
  it("says why a KIM may not enter: not its region, inactive, closed, no slot left", async () => {
    expect(await kimEntryChance(handle.db, wonogiri, "kra-semua", during)).toMatchObject({ may: false, why: "not_eligible" });
    expect(await kimEntryChance(handle.db, inactive, "kra-aktif", during)).toMatchObject({ may: false, why: "not_eligible" });
    expect(await kimEntryChance(handle.db, active, "kra-tutup", during)).toMatchObject({ may: false, why: "closed", reason: "Pendaftaran film sudah ditutup 15 November 2026 pukul 00.00 WIB." });
    expect(await kimEntryChance(handle.db, active, "kra-aktif", during)).toMatchObject({ may: false, why: "limit", used: 1, limit: 1 });
    expect(await kimEntryChance(handle.db, active, "kra-draf", during)).toMatchObject({ may: false, why: "not_found" });
    expect(await kimEntryChance(handle.db, active, "tidak-ada", during)).toMatchObject({ may: false, why: "not_found" });
    expect(await kimEntryChance(handle.db, active, "jateng-aktif", during)).toEqual({ may: true, used: 1, limit: 2, closesAt: window.submissionClosesAt });
  });

  it("answers only a KIM member", async () => {
    const organiser = await createUser(handle.db, { email: "kra@layar.test", role: "organiser", regionCode: "33.13" });
    await expect(kimEntryChance(handle.db, organiser, "kra-semua", during)).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("another KIM's film", () => {
  it("cannot be read, changed or withdrawn: it is not found", async () => {
    const [film] = await handle.db.select().from(films).where(eq(films.kimId, active.kimId!));
    await expect(getKimEntry(handle.db, wonogiri, film.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(getKimEntry(handle.db, inactive, film.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(
      updateFilmDetails(handle.db, inactive, { filmId: film.id, title: "Bukan milikku", synopsis: "Sinopsis yang cukup panjang di sini.", language: "Bahasa Indonesia", declaredDurationSeconds: "100", crew: [], originalityDeclared: true, publicationConsent: true }, during),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(withdrawFilm(handle.db, wonogiri, { filmId: film.id }, during)).rejects.toMatchObject({ code: "not_found" });
    const [after] = await handle.db.select().from(films).where(eq(films.id, film.id));
    expect(after).toEqual(film);
  });
});
