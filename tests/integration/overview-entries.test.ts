import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCategory, createEdition, createFilm, createKim, createUser } from "@/lib/seed/factories";
import { defaultRules } from "@/lib/editions/defaults";
import { editions } from "@/lib/db/schema";
import { entriesHref, entriesPageSize, listEditionSubmissions, parseEntriesQuery } from "@/lib/films/list-edition-submissions";
import { eq } from "drizzle-orm";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
type User = Awaited<ReturnType<typeof createUser>>;
let organiser: User, provinceOrganiser: User, otherProvince: User, otherRegency: User, kimUser: User, judge: User;
let editionId: string, documentary: string;
const slug = "festival-karanganyar-2026";

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  await createTestRegions(db);
  organiser = await createUser(db, { email: "kra@layar.test", role: "organiser", regionCode: "33.13" });
  provinceOrganiser = await createUser(db, { email: "jtg@layar.test", role: "organiser", regionCode: "33" });
  otherProvince = await createUser(db, { email: "diy@layar.test", role: "organiser", regionCode: "34" });
  otherRegency = await createUser(db, { email: "wng@layar.test", role: "organiser", regionCode: "33.12" });
  judge = await createUser(db, { email: "juri@layar.test", role: "judge", regionCode: "33.72" });
  // Karangpandan: two active KIMs and one inactive; Jaten: one active, one inactive; Wonogiri is outside the edition.
  const manteb = await createKim(db, { name: "KIM Manteb", districtCode: "33.13.08", villageCode: "33.13.08.2001" });
  const arum = await createKim(db, { name: "KIM Sekar Arum", districtCode: "33.13.08" });
  const sepi = await createKim(db, { name: "KIM Sepi", districtCode: "33.13.08", status: "tidak_aktif", inactiveReason: "Tidak ada kegiatan" });
  const dagen = await createKim(db, { name: "KIM Dagen Maju", districtCode: "33.13.11", villageCode: "33.13.11.2004" });
  await createKim(db, { name: "KIM Tidur", districtCode: "33.13.11", status: "tidak_aktif", inactiveReason: "Pengurus pindah" });
  const wonogiri = await createKim(db, { name: "KIM Gedong", districtCode: "33.12.01" });
  kimUser = await createUser(db, { email: "kim@layar.test", role: "kim", kimId: manteb.id, regionCode: "33.13" });
  editionId = (await createEdition(db, { slug, title: "Festival Karanganyar 2026", regionCode: "33.13", status: "pendaftaran" })).id;
  documentary = (await createCategory(db, editionId, "Dokumenter")).id;
  const fiction = (await createCategory(db, editionId, "Fiksi", 1)).id;
  await createFilm(db, { editionId, kimId: manteb.id, code: "KRA-A1", title: "Sumber Air", status: "diunggah", categoryId: documentary });
  await createFilm(db, { editionId, kimId: manteb.id, code: "KRA-A2", title: "Ditarik Saja", status: "ditarik" });
  await createFilm(db, { editionId, kimId: arum.id, code: "KRA-B1", title: "Hanya Ditarik", status: "ditarik" });
  await createFilm(db, { editionId, kimId: sepi.id, code: "KRA-C1", title: "Diskon 100% Nyata", status: "draf", categoryId: fiction });
  // 26 films of one Jaten KIM: enough for a second page.
  for (let i = 1; i <= 26; i++) {
    await createFilm(db, { editionId, kimId: dagen.id, code: `JTN-${String(i).padStart(2, "0")}`, title: `Cerita Dagen ${i}`, status: i % 2 ? "diunggah" : "draf", categoryId: i % 2 ? documentary : fiction });
  }
  // Another edition's film never shows.
  const other = await createEdition(db, { slug: "festival-wonogiri", title: "Festival Wonogiri", regionCode: "33.12" });
  await createFilm(db, { editionId: other.id, kimId: wonogiri.id, code: "WNG-1", title: "Sumber Air Wonogiri", status: "diunggah" });
});
afterAll(() => handle.drop());

const codes = (list: { films: { code: string }[] }) => list.films.map((f) => f.code);

describe("the entries overview list", () => {
  it("shows the first 25 of every entry by code, with the total, the KIM's place and a second page", async () => {
    const list = await listEditionSubmissions(handle.db, organiser, slug);
    expect(list.total).toBe(30);
    expect(list.all).toBe(30);
    expect(list.films).toHaveLength(entriesPageSize);
    expect(list.pageCount).toBe(2);
    expect(codes(list).slice(0, 3)).toEqual(["JTN-01", "JTN-02", "JTN-03"]);
    const second = await listEditionSubmissions(handle.db, organiser, slug, { halaman: 2 });
    expect(codes(second)).toEqual(["KRA-A1", "KRA-A2", "KRA-B1", "KRA-C1", "JTN-26"].sort());
    expect(second.films.find((f) => f.code === "KRA-A1")).toMatchObject({ kimName: "KIM Manteb", districtName: "Karangpandan", regencyName: "Kabupaten Karanganyar", category: "Dokumenter" });
    // A page past the end shows the last page.
    expect((await listEditionSubmissions(handle.db, organiser, slug, { halaman: 9 })).page).toBe(2);
  });

  it("searches film code, title and KIM name, case-insensitively", async () => {
    expect(codes(await listEditionSubmissions(handle.db, organiser, slug, { cari: "kra-a" }))).toEqual(["KRA-A1", "KRA-A2"]);
    expect(codes(await listEditionSubmissions(handle.db, organiser, slug, { cari: "SUMBER air" }))).toEqual(["KRA-A1"]);
    expect((await listEditionSubmissions(handle.db, organiser, slug, { cari: "dagen maju" })).total).toBe(26);
  });

  it("searches % and _ as typed characters, not wildcards", async () => {
    expect(codes(await listEditionSubmissions(handle.db, organiser, slug, { cari: "%" }))).toEqual(["KRA-C1"]);
    expect(codes(await listEditionSubmissions(handle.db, organiser, slug, { cari: "100%" }))).toEqual(["KRA-C1"]);
    expect((await listEditionSubmissions(handle.db, organiser, slug, { cari: "_" })).total).toBe(0);
  });

  it("filters by status, kecamatan and category, together with the search", async () => {
    expect(codes(await listEditionSubmissions(handle.db, organiser, slug, { status: "ditarik" }))).toEqual(["KRA-A2", "KRA-B1"]);
    expect(codes(await listEditionSubmissions(handle.db, organiser, slug, { kecamatan: "33.13.08" }))).toEqual(["KRA-A1", "KRA-A2", "KRA-B1", "KRA-C1"]);
    const docs = await listEditionSubmissions(handle.db, organiser, slug, { kategori: documentary });
    expect(docs.total).toBe(14);
    const jatenDrafts = await listEditionSubmissions(handle.db, organiser, slug, { kecamatan: "33.13.11", status: "draf", kategori: documentary });
    expect(jatenDrafts.total).toBe(0);
    const searched = await listEditionSubmissions(handle.db, organiser, slug, { cari: "cerita", status: "diunggah", halaman: 1 });
    expect(searched.total).toBe(13);
    expect(searched.pageCount).toBe(1);
  });

  it("offers the edition's categories and the kecamatan that have KIMs", async () => {
    const { options } = await listEditionSubmissions(handle.db, organiser, slug);
    expect(options.categories.map((c) => c.name)).toEqual(["Dokumenter", "Fiksi"]);
    expect(options.districts.map((d) => d.name)).toEqual(["Jaten", "Karangpandan"]);
  });

  it("reads the filters from the query string, ignoring malformed ones, and links keep them", () => {
    const query = parseEntriesQuery({ cari: `  ${"x".repeat(300)}`, status: "bukan", kecamatan: "33.13.08", kategori: "abc", halaman: "2" });
    expect(query).toEqual({ cari: "x".repeat(98), kecamatan: "33.13.08", halaman: 2 });
    expect(parseEntriesQuery({ status: "didiskualifikasi", halaman: "0" })).toEqual({ status: "didiskualifikasi" });
    expect(entriesHref(slug, { cari: "a b", status: "draf" }, 3)).toBe(`/admin/festival/${slug}/film?cari=a+b&status=draf&halaman=3`);
    expect(entriesHref(slug, { cari: "a" }, 1)).toBe(`/admin/festival/${slug}/film?cari=a`);
  });

  it("is not found for an organiser of another province or another regency, and forbidden for a KIM or a judge", async () => {
    expect((await listEditionSubmissions(handle.db, provinceOrganiser, slug)).total).toBe(30);
    await expect(listEditionSubmissions(handle.db, otherProvince, slug)).rejects.toMatchObject({ code: "not_found" });
    await expect(listEditionSubmissions(handle.db, otherRegency, slug)).rejects.toMatchObject({ code: "not_found" });
    await expect(listEditionSubmissions(handle.db, kimUser, slug)).rejects.toMatchObject({ code: "forbidden" });
    await expect(listEditionSubmissions(handle.db, judge, slug)).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("per-kecamatan progress", () => {
  it("counts every registered KIM as eligible, and a KIM as entered when one entry was not withdrawn", async () => {
    const { progress } = await listEditionSubmissions(handle.db, organiser, slug);
    expect(progress.activeOnly).toBe(false);
    expect(progress.rows.map((r) => [r.name, r.entered, r.eligible])).toEqual([
      ["Jaten", 1, 2],
      ["Karangpandan", 2, 3],
    ]);
    expect(progress.total).toEqual({ entered: 3, eligible: 5 });
  });

  it("counts active KIMs only when the rules say so", async () => {
    await handle.db.update(editions).set({ rules: { ...defaultRules, eligibleKims: "aktif" } }).where(eq(editions.id, editionId));
    try {
      const { progress } = await listEditionSubmissions(handle.db, organiser, slug);
      expect(progress.activeOnly).toBe(true);
      expect(progress.rows.map((r) => [r.name, r.entered, r.eligible])).toEqual([
        ["Jaten", 1, 1],
        ["Karangpandan", 1, 2],
      ]);
      expect(progress.total).toEqual({ entered: 2, eligible: 3 });
    } finally {
      await handle.db.update(editions).set({ rules: defaultRules }).where(eq(editions.id, editionId));
    }
  });

  it("lists every kecamatan of every regency for a province edition", async () => {
    const province = await createEdition(handle.db, { slug: "lomba-jateng", title: "Lomba Jawa Tengah", regionCode: "33" });
    const { progress, options } = await listEditionSubmissions(handle.db, provinceOrganiser, province.slug);
    expect(progress.rows.map((r) => [r.regencyName, r.name, r.entered, r.eligible])).toEqual([
      ["Kabupaten Karanganyar", "Jaten", 0, 2],
      ["Kabupaten Karanganyar", "Karangpandan", 0, 3],
      ["Kabupaten Wonogiri", "Pracimantoro", 0, 1],
    ]);
    expect(options.districts.map((d) => `${d.regencyName}/${d.name}`)).toEqual(["Kabupaten Karanganyar/Jaten", "Kabupaten Karanganyar/Karangpandan", "Kabupaten Wonogiri/Pracimantoro"]);
    await expect(listEditionSubmissions(handle.db, organiser, province.slug)).rejects.toMatchObject({ code: "not_found" });
  });
});
