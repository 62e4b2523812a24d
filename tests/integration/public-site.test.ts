import fs from "node:fs";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { createTranslator } from "next-intl";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as arsipRoute } from "@/app/api/v1/arsip/route";
import { GET as filmRoute } from "@/app/api/v1/films/[id]/route";
import { GET as kimRoute } from "@/app/api/v1/kim/[slug]/route";
import { GET as rssRoute } from "@/app/rss.xml/route";
import { editionJudges, editions, filmMedia, judgeAssignments, kimGroups, placements, scoreSheets, scores, specialAwards } from "@/lib/db/schema";
import { viewerOf } from "@/lib/films/media-access";
import { ensureRound } from "@/lib/judging/rounds";
import { archiveHref, parseArchiveQuery } from "@/lib/public/archive-query";
import { listRssItems, listSitemapEntries, listSitemapFiles } from "@/lib/public/feeds";
import { sitemapRouteUrls, sitemapUrls } from "../setup/sitemap";
import { getFestivalPage } from "@/lib/public/get-festival-page";
import { getKimProfile } from "@/lib/public/get-kim-profile";
import { getPublicFilm } from "@/lib/public/get-public-film";
import { getRegionMedals } from "@/lib/public/region-medals";
import { searchArchive } from "@/lib/public/search-archive";
import { festivalMetadata, filmMetadata, kimMetadata, type Translate } from "@/lib/public/share-metadata";
import { publishDueEditions, publishResults, sealResults } from "@/lib/results/edition-results";
import { createEdition, createFilm, createKim, createRubric, createUser } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";

// Every way the public site could show a result early — festival page, film page,
// archive (and each of its filters), KIM profile, region medals, sitemap, RSS,
// link previews, JSON — before publication, at a scheduled time, and after.

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
const slug = "festival-uji-publik-2030";
const secret = /Rahasia|Juara|Harapan/; // titles of the sealed films, and any placement name
const base = "http://layar.test";
const films: Record<"satu" | "dua" | "tiga" | "ditarik", string> = { satu: "", dua: "", tiga: "", ditarik: "" };
let mantebSlug = "";
let draftFilmId = "";

// Times around a scheduled publication at 2 January 2030, 09.00 WIB (02.00 UTC).
const scheduling = new Date("2030-01-01T00:00:00Z");
const justBefore = new Date("2030-01-02T01:59:00Z");
const dueTime = new Date("2030-01-02T02:00:00Z");

const req = (p: string) => new Request(`${base}${p}`);
const params = <T>(value: T) => ({ params: Promise.resolve(value) });

function translator(): Translate {
  const root = path.resolve("messages");
  const messages = JSON.parse(fs.readFileSync(path.join(root, "id.json"), "utf8"));
  for (const f of fs.readdirSync(path.join(root, "id"))) messages[f.replace(/\.json$/, "")] = JSON.parse(fs.readFileSync(path.join(root, "id", f), "utf8"));
  return createTranslator({ locale: "id", messages }) as unknown as Translate;
}
const t = translator();

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  await createTestRegions(db);
  const manteb = await createKim(db, { name: "KIM Manteb", slug: "kim-manteb-karangpandan", districtCode: "33.13.08" });
  mantebSlug = manteb.slug;
  const dagen = await createKim(db, { name: "KIM Dagen Uji", districtCode: "33.13.11", villageCode: "33.13.11.2004" });
  const gedong = await createKim(db, { name: "KIM Gedong Uji", districtCode: "33.12.01", villageCode: "33.12.01.2001" });
  const organiser = await createUser(db, { email: "jateng@layar.test", role: "organiser", regionCode: "33" });
  const judgeA = await createUser(db, { email: "a@layar.test", role: "judge", regionCode: "33.72" });
  const judgeB = await createUser(db, { email: "b@layar.test", role: "judge", regionCode: "34.04" });

  // A provincial festival, judged and sealed: placements exist but are not public.
  const edition = await createEdition(db, { slug, title: "Festival Uji Publik 2030", year: 2030, regionCode: "33", theme: "Desa Tangguh", status: "penjurian" });
  await db.insert(editionJudges).values([{ editionId: edition.id, userId: judgeA.id }, { editionId: edition.id, userId: judgeB.id }]);
  const criteria = await createRubric(db, edition.id);
  const round = await ensureRound(db, edition.id, "penilaian");
  const entries = [
    ["satu", "Rahasia Satu", manteb.id, 90],
    ["dua", "Rahasia Dua", gedong.id, 80],
    ["tiga", "Rahasia Tiga", dagen.id, 70],
  ] as const;
  for (const [key, title, kimId, value] of entries) {
    const film = await createFilm(db, { editionId: edition.id, kimId, code: `U-${key}`, title, synopsis: `Sinopsis ${title}`, status: "diunggah" });
    films[key] = film.id;
    for (const judge of [judgeA, judgeB]) {
      const [a] = await db.insert(judgeAssignments).values({ roundId: round.id, filmId: film.id, judgeId: judge.id }).returning();
      const [s] = await db.insert(scoreSheets).values({ assignmentId: a.id, status: "submitted", submittedAt: new Date() }).returning();
      await db.insert(scores).values(criteria.map((c) => ({ sheetId: s.id, criterionId: c.id, score: value })));
    }
  }
  // Withdrawn: in the edition, never placed, never public.
  films.ditarik = (await createFilm(db, { editionId: edition.id, kimId: manteb.id, code: "U-ditarik", title: "Rahasia Ditarik", status: "ditarik" })).id;
  await db.insert(filmMedia).values({ filmId: films.satu, kind: "poster", storageDriver: "local", storageKey: "x/poster.jpg", mimeType: "image/jpeg", status: "ok" });
  expect(await sealResults(db, organiser, slug)).toEqual({ placed: 3 });
  // A special award: as sealed as the placements until publication.
  await db.insert(specialAwards).values({ editionId: edition.id, filmId: films.dua, name: "Film Favorit Rahasia", note: "Pilihan penonton.", certificateCode: "RAHASIA00001" });
  await publishResults(db, organiser, slug, { when: "2030-01-02T09:00" }, scheduling);

  // An archived record whose source gives no year, already published.
  const archive = await createEdition(db, { slug: "arsip-tanpa-tahun", title: "Lomba Arsip Uji 2021–2024", year: null, periodNote: "2021–2024", regionCode: "33", status: "diumumkan", isHistorical: true });
  const nular = await createFilm(db, { editionId: archive.id, kimId: manteb.id, code: "ARSIP-U1", title: "Nular Uji", status: "juara" });
  await db.insert(placements).values([
    { editionId: archive.id, filmId: nular.id, kimId: manteb.id, placement: "Juara I", note: "Video tidak tersedia di Layar." },
    { editionId: archive.id, kimId: dagen.id, placement: "Juara III", note: "Judul film tidak disebutkan sumber." },
  ]);

  // A regency's own festival, published: on its pages, not in the province's medal table.
  const regency = await createEdition(db, { slug: "festival-kabupaten-uji", title: "Festival Kabupaten Uji 2029", year: 2029, regionCode: "33.13", status: "diumumkan", publishedAt: new Date("2029-06-01T00:00:00Z") });
  await db.insert(placements).values({ editionId: regency.id, kimId: dagen.id, placement: "Juara Harapan I" });

  // A draft with a placement row (bad data): never public in any way.
  const draft = await createEdition(db, { slug: "draf-uji", title: "Draf Uji", year: 2031, regionCode: "33.13", theme: "Tema Draf", status: "draf" });
  draftFilmId = (await createFilm(db, { editionId: draft.id, kimId: manteb.id, code: "D-1", title: "Rahasia Draf", status: "juara" })).id;
  await db.insert(placements).values({ editionId: draft.id, filmId: draftFilmId, kimId: manteb.id, placement: "Juara I" });
});
afterAll(() => handle.drop());

/** Asserts that nothing of the sealed edition's results shows through any public path at `now`. */
async function expectNothingPublic(now?: Date) {
  const db = handle.db;
  const festival = await getFestivalPage(db, slug, now);
  expect(festival).toMatchObject({ title: "Festival Uji Publik 2030", status: "disegel", winners: null, publishedAt: null, theme: "Desa Tangguh" });
  expect(JSON.stringify(festival)).not.toMatch(secret);
  expect(JSON.stringify(festivalMetadata(festival, t, base))).not.toMatch(secret);

  for (const id of [...Object.values(films), draftFilmId]) {
    expect(await getPublicFilm(db, id, now)).toBeNull();
    expect(JSON.stringify(filmMetadata(await getPublicFilm(db, id, now), t, base))).not.toMatch(secret);
  }

  const everything = await searchArchive(db, {}, now);
  expect(everything.items.map((i) => i.editionSlug)).toEqual(["festival-kabupaten-uji", "arsip-tanpa-tahun", "arsip-tanpa-tahun"]);
  expect(JSON.stringify(everything)).not.toMatch(/Rahasia|Desa Tangguh|Tema Draf|[^\w-]203[01]\b/);
  for (const filter of [{ q: "Rahasia" }, { tahun: "2030" }, { tema: "Desa Tangguh" }, { juara: "juara-2" }, { kabupaten: "33.12" }, { kim: "kim-manteb-karangpandan", tahun: "2030" }, { tingkat: "provinsi", tahun: "2030" }]) {
    const found = await searchArchive(db, parseArchiveQuery(filter), now);
    expect(found.total, JSON.stringify(filter)).toBe(0);
  }

  const manteb = await getKimProfile(db, mantebSlug, now);
  expect(manteb?.films.map((f) => f.title)).toEqual(["Nular Uji"]);
  expect(JSON.stringify(manteb)).not.toMatch(/Rahasia/);
  expect(JSON.stringify(kimMetadata(manteb, t, base))).not.toMatch(/Rahasia/);

  for (const code of ["33", "33.13", "33.13.08", "33.12"]) expect(JSON.stringify(await getRegionMedals(db, code, now))).not.toMatch(/Rahasia|festival-uji-publik/);
  expect((await getRegionMedals(db, "33", now))?.provincial?.table).toEqual([{ code: "33.13", name: "Kabupaten Karanganyar", juara1: 1, juara2: 0, juara3: 1, harapan: 0, total: 2 }]);
  expect((await getRegionMedals(db, "33.13", now))?.byYear.map((g) => g.year)).toEqual([2029, null]);
  expect((await getRegionMedals(db, "33.12", now))?.total).toBe(0);

  const entries = await sitemapUrls(db, base, now);
  expect(entries).toContain(`${base}/festival/${slug}`);
  for (const id of [...Object.values(films), draftFilmId]) expect(entries).not.toContain(`${base}/film/${id}`);
  expect(entries).not.toContain(`${base}/festival/draf-uji`);
  // Split into files of two URLs, the same URLs each once, and a name past the end is not a file.
  const files = await listSitemapFiles(db, now, 2);
  const kimCount = (await db.select({ n: count() }).from(kimGroups))[0].n;
  expect(files.filter((f) => f.startsWith("kim-"))).toEqual(Array.from({ length: Math.ceil(kimCount / 2) }, (_, i) => `kim-${i + 1}`));
  const small = await sitemapUrls(db, base, now, 2);
  expect(new Set(small).size).toBe(small.length);
  expect([...small].sort()).toEqual([...entries].sort());
  expect(await listSitemapEntries(db, base, `kim-${Math.ceil(kimCount / 2) + 1}`, now, 2)).toBeNull();
  for (const name of ["film-0", "kim-x", "semua", "../halaman"]) expect(await listSitemapEntries(db, base, name, now, 2)).toBeNull();

  const rss = await listRssItems(db, base, { itemTitle: (e) => e, winnerLine: (w) => `${w.placement} ${w.filmTitle}` }, now);
  expect(rss.map((i) => i.link)).toEqual([`${base}/festival/festival-kabupaten-uji`, `${base}/festival/arsip-tanpa-tahun`]);
}

describe("before publication (sealed, publication scheduled)", () => {
  it("data functions, previews, sitemap and feed show no placement", async () => {
    await expectNothingPublic();
    await expectNothingPublic(justBefore);
  });

  it("the media route refuses the sealed films to the public", async () => {
    for (const id of Object.values(films)) expect(await viewerOf(handle.db, null, id)).toBeNull();
  });

  it("JSON routes answer as if the results did not exist", async () => {
    for (const id of [...Object.values(films), draftFilmId]) {
      const res = await filmRoute(req(`/api/v1/films/${id}`), params({ id }));
      expect(res.status).toBe(404);
      expect(await res.text()).not.toMatch(secret);
    }
    const kim = await kimRoute(req(`/api/v1/kim/${mantebSlug}`), params({ slug: mantebSlug }));
    expect(kim.status).toBe(200);
    expect(await kim.text()).not.toMatch(/Rahasia/);
    for (const q of ["", "?q=Rahasia", "?tahun=2030", "?juara=juara-2", "?kabupaten=33.12", "?tema=Desa+Tangguh"]) {
      const res = await arsipRoute(req(`/api/v1/arsip${q}`), undefined as never);
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text, q).not.toMatch(/Rahasia|Desa Tangguh/);
      if (q) expect(JSON.parse(text).total, q).toBe(0);
    }
  });

  it("the sitemap and RSS routes list no sealed film", async () => {
    const urls = await sitemapRouteUrls();
    expect(urls).toContain(`${base}/arsip`);
    expect(urls).toContain(`${base}/kim/${mantebSlug}`);
    for (const id of Object.values(films)) expect(urls).not.toContain(`${base}/film/${id}`);
    const res = await rssRoute();
    expect(res.headers.get("content-type")).toMatch(/application\/rss\+xml/);
    const xml = await res.text();
    expect(xml).toContain("Lomba Arsip Uji 2021–2024");
    expect(xml).not.toMatch(/Rahasia|Festival Uji Publik/);
  });
});

describe("at the scheduled time (before the sweep records it)", () => {
  it("everything shows the winners once the time has come", async () => {
    const db = handle.db;
    const festival = await getFestivalPage(db, slug, dueTime);
    expect(festival?.status).toBe("diumumkan");
    expect(festival?.publishedAt).toEqual(dueTime);
    expect(festival?.winners?.map((w) => [w.placement, w.filmTitle, w.kimName, w.regencyName])).toEqual([
      ["Juara I", "Rahasia Satu", "KIM Manteb", "Kabupaten Karanganyar"],
      ["Juara II", "Rahasia Dua", "KIM Gedong Uji", "Kabupaten Wonogiri"],
      ["Juara III", "Rahasia Tiga", "KIM Dagen Uji", "Kabupaten Karanganyar"],
    ]);
    expect(festival?.specialAwards).toEqual([{ name: "Film Favorit Rahasia", note: "Pilihan penonton.", filmId: films.dua, filmTitle: "Rahasia Dua", kimName: "KIM Gedong Uji", kimSlug: expect.any(String) }]);
    const preview = festivalMetadata(festival, t, base);
    // The edition's own preview image (poster, title, winners; lib/sharing/og-facts.ts), by its version.
    expect(preview.openGraph?.images).toEqual([{ url: expect.stringMatching(new RegExp(`^${base}/api/og/edition/${slug}\\?v=[0-9a-f]{16}$`)), width: 1200, height: 630, alt: "Festival Uji Publik 2030" }]);
    expect(preview.description).toContain("Juara I: Rahasia Satu (KIM Manteb)");

    const film = await getPublicFilm(db, films.satu, dueTime);
    expect(film).toMatchObject({ title: "Rahasia Satu", synopsis: "Sinopsis Rahasia Satu", placements: [{ placement: "Juara I" }], hasPoster: true, video: null, kim: { slug: mantebSlug } });
    const filmPreview = filmMetadata(film, t, base);
    const filmImage = expect.stringMatching(new RegExp(`^${base}/api/og/film/${films.satu}\\?v=[0-9a-f]{16}$`));
    expect(filmPreview).toMatchObject({ title: "Rahasia Satu", twitter: { card: "summary_large_image", images: [filmImage] } });
    expect(filmPreview.openGraph).toMatchObject({ url: `${base}/film/${films.satu}`, images: [{ url: filmImage, width: 1200, height: 630 }] });
    expect(await getPublicFilm(db, films.ditarik, dueTime)).toBeNull();
    expect(await getPublicFilm(db, draftFilmId, dueTime)).toBeNull();

    const archive = await searchArchive(db, parseArchiveQuery({ tahun: "2030" }), dueTime);
    expect(archive.items.map((i) => i.filmTitle)).toEqual(["Rahasia Satu", "Rahasia Dua", "Rahasia Tiga"]);
    expect(archive.options.years).toEqual([2030, 2029, null]);
    // A theme is typed, part of it is enough; a KIM is chosen by link and named for the form.
    expect((await searchArchive(db, parseArchiveQuery({ tema: "tangguh" }), dueTime)).total).toBe(3);
    expect(archive.options.regencies.map((r) => `${r.provinceName} / ${r.name}`)).toEqual(["Jawa Tengah / Kabupaten Karanganyar", "Jawa Tengah / Kabupaten Wonogiri"]);
    expect((await searchArchive(db, parseArchiveQuery({ kim: mantebSlug }), dueTime)).options.kims).toEqual([{ slug: mantebSlug, name: "KIM Manteb" }]);
    // Words are matched from their start, every word; punctuation alone finds nothing.
    expect((await searchArchive(db, parseArchiveQuery({ q: "rahas" }), dueTime)).total).toBe(3);
    expect((await searchArchive(db, parseArchiveQuery({ q: "RAHASIA dua" }), dueTime)).items.map((i) => i.filmTitle)).toEqual(["Rahasia Dua"]);
    expect((await searchArchive(db, parseArchiveQuery({ q: "ahasia" }), dueTime)).total).toBe(0);
    expect((await searchArchive(db, parseArchiveQuery({ q: "manteb" }), dueTime)).items.every((i) => i.kimName === "KIM Manteb")).toBe(true);
    expect((await searchArchive(db, parseArchiveQuery({ q: "&|!:*" }), dueTime)).total).toBe(0);

    const manteb = await getKimProfile(db, mantebSlug, dueTime);
    expect(manteb?.awards.map((g) => [g.year, g.items.map((a) => `${a.placement}: ${a.filmTitle ?? "-"}`)])).toEqual([
      [2030, ["Juara I: Rahasia Satu"]],
      [null, ["Juara I: Nular Uji"]],
    ]);

    const province = await getRegionMedals(db, "33", dueTime);
    expect(province?.provincial?.byYear.map((g) => g.year)).toEqual([2030, null]);
    expect(province?.provincial?.table).toEqual([
      { code: "33.13", name: "Kabupaten Karanganyar", juara1: 2, juara2: 0, juara3: 2, harapan: 0, total: 4 },
      { code: "33.12", name: "Kabupaten Wonogiri", juara1: 0, juara2: 1, juara3: 0, harapan: 0, total: 1 },
    ]);
    const urls = await sitemapUrls(db, base, dueTime);
    expect(urls).toEqual(expect.arrayContaining([films.satu, films.dua, films.tiga].map((id) => `${base}/film/${id}`)));
    expect(urls).not.toContain(`${base}/film/${films.ditarik}`);
  });

  it("a minute earlier, still nothing", async () => {
    await expectNothingPublic(justBefore);
  });
});

describe("after publication", () => {
  beforeAll(async () => {
    expect(await publishDueEditions(handle.db, dueTime)).toHaveLength(1);
    const [edition] = await handle.db.select().from(editions).where(eq(editions.slug, slug));
    expect(edition.status).toBe("diumumkan");
  });

  it("the JSON routes show the winners, with media links", async () => {
    const res = await filmRoute(req(`/api/v1/films/${films.dua}`), params({ id: films.dua }));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("public");
    expect(await res.json()).toMatchObject({ title: "Rahasia Dua", placements: [{ placement: "Juara II" }], links: { page: `/film/${films.dua}`, video: null, poster: null } });
    expect((await filmRoute(req(`/api/v1/films/${films.ditarik}`), params({ id: films.ditarik }))).status).toBe(404);
    expect((await filmRoute(req("/api/v1/films/bukan-id"), params({ id: "bukan-id" }))).status).toBe(404);

    const kim = await (await kimRoute(req(`/api/v1/kim/${mantebSlug}`), params({ slug: mantebSlug }))).json();
    expect(kim.films.map((f: { title: string }) => f.title)).toEqual(["Rahasia Satu", "Nular Uji"]);
    expect(kim).not.toHaveProperty("contactEmail");
    expect((await kimRoute(req("/api/v1/kim/tidak-ada"), params({ slug: "tidak-ada" }))).status).toBe(404);

    const arsip = await (await arsipRoute(req("/api/v1/arsip?q=rahasia&juara=juara-1"), undefined as never)).json();
    expect(arsip).toMatchObject({ total: 1, page: 1, items: [{ filmTitle: "Rahasia Satu", placement: "Juara I", regencyName: "Kabupaten Karanganyar" }] });
  });

  it("the archive filters by year (also 'not stated'), level, regency, KIM, placement and theme, and pages", async () => {
    const db = handle.db;
    const titles = async (q: Record<string, string>) => (await searchArchive(db, parseArchiveQuery(q))).items.map((i) => i.filmTitle ?? `(${i.kimName})`);
    expect(await titles({ tahun: "tanpa" })).toEqual(["Nular Uji", "(KIM Dagen Uji)"]);
    expect(await titles({ kabupaten: "33.12" })).toEqual(["Rahasia Dua"]);
    expect(await titles({ kim: "kim-manteb-karangpandan" })).toEqual(["Rahasia Satu", "Nular Uji"]);
    expect(await titles({ juara: "juara-3" })).toEqual(["Rahasia Tiga", "(KIM Dagen Uji)"]);
    expect(await titles({ tema: "Desa Tangguh", q: "dua" })).toEqual(["Rahasia Dua"]);
    expect(await titles({ q: "dagen" })).toEqual(["Rahasia Tiga", "(KIM Dagen Uji)", "(KIM Dagen Uji)"]);
    expect(await titles({ tingkat: "kabupaten" })).toEqual(["(KIM Dagen Uji)"]);
    expect(await titles({ q: "100%_" })).toEqual([]);
    expect(await titles({ tahun: "bukan-tahun", juara: "juara-9" })).toHaveLength(6); // malformed filters are ignored on the page
    const page2 = await searchArchive(db, parseArchiveQuery({ halaman: "2" }));
    expect(page2).toMatchObject({ total: 6, page: 2, pageCount: 1, items: [] });
    for (const q of ["?tahun=abc", "?juara=juara-9", "?kabupaten=karanganyar", "?halaman=0"]) {
      const res = await arsipRoute(req(`/api/v1/arsip${q}`), undefined as never);
      expect(res.status, q).toBe(422);
      expect((await res.json()).error).toBe("Masukan tidak valid.");
    }
  });

  it("the RSS feed and the sitemap carry the winners", async () => {
    const xml = await (await rssRoute()).text();
    expect(xml).toContain("<title>Hasil diumumkan: Festival Uji Publik 2030</title>");
    expect(xml).toContain("Juara I: Rahasia Satu — KIM Manteb, Kabupaten Karanganyar");
    expect(xml).toContain(`<link>${base}/festival/${slug}</link>`);
    expect(xml).toContain(`<pubDate>${dueTime.toUTCString()}</pubDate>`);
    const urls = await sitemapRouteUrls();
    expect(urls).toContain(`${base}/film/${films.tiga}`);
    expect(urls).not.toContain(`${base}/film/${films.ditarik}`);
    expect(urls).not.toContain(`${base}/film/${draftFilmId}`);
  });

  it("the draft edition stays invisible everywhere", async () => {
    expect(await getFestivalPage(handle.db, "draf-uji")).toBeNull();
    const all = JSON.stringify(await searchArchive(handle.db, {}));
    expect(all).not.toMatch(/Rahasia Draf|Tema Draf|[^\w-]2031\b/);
    expect(JSON.stringify(await getKimProfile(handle.db, mantebSlug))).not.toMatch(/Rahasia Draf/);
  });
});

describe("archive pages", () => {
  it("splits long results into pages of 20 whose links keep the filters", async () => {
    const db = handle.db;
    const kim = await createKim(db, { name: "KIM Banyak Film", districtCode: "33.13.08" });
    const edition = await createEdition(db, { slug: "festival-banyak", title: "Festival Banyak", year: 2028, regionCode: "33.13", status: "diumumkan", publishedAt: new Date() });
    for (let i = 0; i < 21; i++) {
      const film = await createFilm(db, { editionId: edition.id, kimId: kim.id, code: `B-${i}`, title: `Film Banyak ${String(i).padStart(2, "0")}`, status: "juara" });
      await db.insert(placements).values({ editionId: edition.id, filmId: film.id, kimId: kim.id, placement: "Juara Harapan III" });
    }
    const first = await searchArchive(db, parseArchiveQuery({ q: "banyak" }));
    expect(first).toMatchObject({ total: 21, page: 1, pageCount: 2 });
    expect(first.items).toHaveLength(20);
    const second = await searchArchive(db, parseArchiveQuery({ q: "banyak", halaman: "2" }));
    expect(second.items).toHaveLength(1);
    expect(new Set([...first.items, ...second.items].map((i) => i.filmId)).size).toBe(21);
    expect(archiveHref({ q: "banyak", tahun: "tanpa", halaman: 1 }, 2)).toBe("/arsip?q=banyak&tahun=tanpa&halaman=2");
    expect(archiveHref({ q: "banyak", halaman: 2 }, 1)).toBe("/arsip?q=banyak");
    const api = await (await arsipRoute(req("/api/v1/arsip?q=banyak&halaman=2"), undefined as never)).json();
    expect(api).toMatchObject({ total: 21, page: 2, pageSize: 20, pageCount: 2 });
  });
});
