import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { filmMedia, films } from "@/lib/db/schema";
import { createDraftFilm, updateFilmDetails, withdrawFilm } from "@/lib/films/entry-actions";
import { getKimEntry } from "@/lib/films/kim-film";
import { saveEntryFile } from "@/lib/films/media-files";
import { createCategory, createEdition, createKim, createUser } from "@/lib/seed/factories";
import { defaultRules } from "@/lib/editions/defaults";
import { LocalStorage } from "@/lib/storage/local";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
type User = Awaited<ReturnType<typeof createUser>>;
let member: User, otherMember: User, pending: User, judge: User;
let categoryId: string;
const mediaRoot = fs.mkdtempSync(path.join(os.tmpdir(), "layar-entry-"));
const storage = new LocalStorage(mediaRoot, 48 * 3_600_000);
const during = new Date("2026-12-01T10:00:00+07:00");
const after = new Date("2027-01-01T00:00:00+07:00");

const details = (filmId: string, over: Record<string, unknown> = {}) => ({
  filmId,
  title: "Nular",
  synopsis: "Seorang warga menularkan kabar bohong tanpa sadar.",
  categoryId,
  language: "Bahasa Jawa",
  declaredDurationSeconds: "290",
  crew: [{ name: "Budi", role: "Sutradara" }],
  originalityDeclared: true,
  publicationConsent: true,
  ...over,
});

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  const kim = await createKim(handle.db, { name: "KIM Manteb", districtCode: "33.13.08" });
  const other = await createKim(handle.db, { name: "KIM Gedong", districtCode: "33.12.01" });
  member = await createUser(handle.db, { email: "kim@layar.test", role: "kim", kimId: kim.id, regionCode: "33.13" });
  otherMember = await createUser(handle.db, { email: "gedong@layar.test", role: "kim", kimId: other.id, regionCode: "33.12" });
  pending = await createUser(handle.db, { email: "baru@layar.test", role: "kim", status: "pending", regionCode: "33.13" });
  judge = await createUser(handle.db, { email: "juri@layar.test", role: "judge", regionCode: "33.72" });
  const window = { status: "pendaftaran" as const, submissionOpensAt: new Date("2026-11-01T00:00:00+07:00"), submissionClosesAt: new Date("2026-12-31T23:59:00+07:00") };
  const edition = await createEdition(handle.db, { slug: "kra-2026", title: "Festival Karanganyar 2026", regionCode: "33.13", rules: { ...defaultRules, filmsPerKim: 2 }, ...window });
  await createEdition(handle.db, { slug: "sleman-2026", title: "Festival Sleman 2026", regionCode: "34.04", ...window });
  await createEdition(handle.db, { slug: "jateng-2026", title: "Lomba Jawa Tengah 2026", regionCode: "33", ...window });
  categoryId = (await createCategory(handle.db, edition.id, "Fiksi")).id;
});
afterAll(async () => {
  await handle.drop();
  fs.rmSync(mediaRoot, { recursive: true, force: true });
});

describe("draft entries", () => {
  it("a KIM starts a draft with a neutral code in its own regency's or province's edition", async () => {
    const { filmId } = await createDraftFilm(handle.db, member, { editionSlug: "kra-2026", confirmSlot: "on" }, during);
    const [film] = await handle.db.select().from(films).where(eq(films.id, filmId));
    expect(film).toMatchObject({ status: "draf", createdBy: member.id });
    expect(film.code).toMatch(/^K26-[2-9A-HJ-NP-Z]{5}$/);
    await expect(createDraftFilm(handle.db, member, { editionSlug: "jateng-2026", confirmSlot: "on" }, during)).resolves.toHaveProperty("filmId");
  });

  it("refuses another province's edition, a pending account, a judge, and any edition after the close", async () => {
    await expect(createDraftFilm(handle.db, member, { editionSlug: "sleman-2026", confirmSlot: "on" }, during)).rejects.toMatchObject({ code: "not_found" });
    await expect(createDraftFilm(handle.db, pending, { editionSlug: "kra-2026", confirmSlot: "on" }, during)).rejects.toMatchObject({ code: "forbidden" });
    await expect(createDraftFilm(handle.db, judge, { editionSlug: "kra-2026", confirmSlot: "on" }, during)).rejects.toMatchObject({ code: "forbidden" });
    await expect(createDraftFilm(handle.db, otherMember, { editionSlug: "kra-2026", confirmSlot: "on" }, during)).rejects.toMatchObject({ code: "not_found" });
    await expect(createDraftFilm(handle.db, member, { editionSlug: "kra-2026", confirmSlot: "on" }, after)).rejects.toMatchObject({ userMessage: "Pendaftaran film sudah ditutup 31 Desember 2026 pukul 23.59 WIB." });
  });

  it("enforces the edition's limit of films per KIM, even for two clicks at once", async () => {
    const results = await Promise.allSettled([
      createDraftFilm(handle.db, member, { editionSlug: "kra-2026", confirmSlot: "on" }, during),
      createDraftFilm(handle.db, member, { editionSlug: "kra-2026", confirmSlot: "on" }, during),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason.userMessage).toContain("Batas 2 film per KIM");
  });

  it("frees a place when a film is withdrawn", async () => {
    const [first] = await handle.db.select().from(films).where(and(eq(films.kimId, member.kimId!), eq(films.status, "draf")));
    await withdrawFilm(handle.db, member, { filmId: first.id }, during);
    await expect(createDraftFilm(handle.db, member, { editionSlug: "kra-2026", confirmSlot: "on" }, during)).resolves.toHaveProperty("filmId");
  });
});

describe("entry details", () => {
  let filmId: string;
  beforeAll(async () => {
    filmId = (await createDraftFilm(handle.db, otherMember, { editionSlug: "jateng-2026", confirmSlot: "on" }, during)).filmId;
  });

  it("saves title, synopsis, language, duration and crew", async () => {
    await updateFilmDetails(handle.db, otherMember, { ...details(filmId), categoryId: "" }, during);
    const entry = await getKimEntry(handle.db, otherMember, filmId);
    expect(entry.film).toMatchObject({ title: "Nular", language: "Bahasa Jawa", declaredDurationSeconds: 290, crew: [{ name: "Budi", role: "Sutradara" }], originalityDeclared: true });
  });

  it("names every missing or bad field in Indonesian and stores nothing", async () => {
    const before = await handle.db.select().from(films).where(eq(films.id, filmId));
    const error = await updateFilmDetails(
      handle.db,
      otherMember,
      details(filmId, { title: "", synopsis: "pendek", declaredDurationSeconds: "lima menit", originalityDeclared: false, publicationConsent: false, crew: [{ name: "", role: "Kamera" }], categoryId: "" }),
      during,
    ).then(
      () => null,
      (e: { issues: { path: (string | number)[]; message: string }[] }) => e,
    );
    const messages = Object.fromEntries(error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(messages).toMatchObject({
      title: "Tulis judul film.",
      synopsis: "Sinopsis minimal 20 karakter.",
      declaredDurationSeconds: "Tulis durasi dalam detik.",
      originalityDeclared: "Centang pernyataan bahwa film ini karya asli KIM Anda.",
      publicationConsent: "Centang persetujuan publikasi oleh panitia.",
      "crew.0.name": "Tulis nama kru.",
    });
    expect(await handle.db.select().from(films).where(eq(films.id, filmId))).toEqual(before);
  });

  it("stores a script tag in a title as text", async () => {
    await updateFilmDetails(handle.db, otherMember, { ...details(filmId), categoryId: "", title: "<script>alert('x')</script>" }, during);
    const [film] = await handle.db.select().from(films).where(eq(films.id, filmId));
    expect(film.title).toBe("<script>alert('x')</script>");
  });

  it("refuses another KIM's film as not found, and any change after the close", async () => {
    await expect(updateFilmDetails(handle.db, member, { ...details(filmId), categoryId: "" }, during)).rejects.toMatchObject({ code: "not_found" });
    await expect(updateFilmDetails(handle.db, otherMember, { ...details(filmId), categoryId: "" }, after)).rejects.toMatchObject({ code: "forbidden" });
    await expect(withdrawFilm(handle.db, otherMember, { filmId }, after)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("refuses a category of another edition", async () => {
    await expect(updateFilmDetails(handle.db, otherMember, details(filmId), during)).rejects.toMatchObject({ fieldErrors: { categoryId: ["Pilih kategori dari daftar."] } });
  });
});

describe("poster and subtitles", () => {
  let filmId: string;
  beforeAll(async () => {
    filmId = (await createDraftFilm(handle.db, otherMember, { editionSlug: "jateng-2026", confirmSlot: "on" }, during)).filmId;
  });
  const file = (bytes: Buffer, name: string) => new File([new Uint8Array(bytes)], name);

  it("re-encodes a poster as WebP within 1000×1500 without its EXIF metadata", async () => {
    const jpeg = await sharp({ create: { width: 2000, height: 3000, channels: 3, background: "#336699" } })
      .jpeg()
      .withMetadata({ exif: { IFD0: { Artist: "KIM Manteb", ImageDescription: "Desa Dagen" } } })
      .toBuffer();
    expect(jpeg.toString("latin1")).toContain("KIM Manteb");
    await saveEntryFile(handle.db, storage, otherMember, { filmId, kind: "poster", file: file(jpeg, "poster.jpg") }, during);
    const [poster] = await handle.db.select().from(filmMedia).where(and(eq(filmMedia.filmId, filmId), eq(filmMedia.kind, "poster")));
    const stored = fs.readFileSync(path.join(mediaRoot, poster.storageKey));
    const meta = await sharp(stored).metadata();
    expect(meta).toMatchObject({ format: "webp", width: 1000, height: 1500 });
    expect(meta.exif).toBeUndefined();
    expect(stored.toString("latin1")).not.toContain("KIM Manteb");
  });

  it.each([
    [Buffer.from("%PDF-1.4 not an image"), "poster.jpg", "Berkas poster bukan gambar yang bisa dibaca. Gunakan JPEG, PNG atau WebP."],
    [Buffer.alloc(0), "kosong.png", "Pilih berkas poster."],
  ])("refuses a bad poster with a message", async (bytes, name, message) => {
    await expect(saveEntryFile(handle.db, storage, otherMember, { filmId, kind: "poster", file: file(bytes, name) }, during)).rejects.toMatchObject({ fieldErrors: { poster: [message] } });
  });

  it("refuses a GIF and a too-small image", async () => {
    const gif = await sharp({ create: { width: 600, height: 900, channels: 3, background: "#000" } }).gif().toBuffer();
    await expect(saveEntryFile(handle.db, storage, otherMember, { filmId, kind: "poster", file: file(gif, "p.gif") }, during)).rejects.toMatchObject({ userMessage: "Format gambar GIF tidak diterima. Gunakan JPEG, PNG atau WebP." });
    const tiny = await sharp({ create: { width: 100, height: 150, channels: 3, background: "#000" } }).png().toBuffer();
    await expect(saveEntryFile(handle.db, storage, otherMember, { filmId, kind: "poster", file: file(tiny, "p.png") }, during)).rejects.toMatchObject({ userMessage: expect.stringContaining("300 piksel") });
  });

  it("stores subtitles as WebVTT and refuses a file that is not one", async () => {
    const srt = Buffer.from("1\n00:00:01,000 --> 00:00:02,000\nSugeng rawuh\n");
    await saveEntryFile(handle.db, storage, otherMember, { filmId, kind: "subtitle", file: file(srt, "film.srt") }, during);
    const [subtitle] = await handle.db.select().from(filmMedia).where(and(eq(filmMedia.filmId, filmId), eq(filmMedia.kind, "subtitle")));
    expect(subtitle.mimeType).toBe("text/vtt");
    expect(fs.readFileSync(path.join(mediaRoot, subtitle.storageKey), "utf8")).toBe("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nSugeng rawuh\n");
    await expect(saveEntryFile(handle.db, storage, otherMember, { filmId, kind: "subtitle", file: file(Buffer.from("MZ\u0000\u0000"), "virus.srt") }, during)).rejects.toMatchObject({ code: "invalid" });
  });

  it("refuses files for another KIM's film", async () => {
    const png = await sharp({ create: { width: 600, height: 900, channels: 3, background: "#000" } }).png().toBuffer();
    await expect(saveEntryFile(handle.db, storage, member, { filmId, kind: "poster", file: file(png, "p.png") }, during)).rejects.toMatchObject({ code: "not_found" });
  });
});
