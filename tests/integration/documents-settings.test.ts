import fs from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { PDFDict, PDFDocument, PDFName, PDFRawStream } from "pdf-lib";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/festival/[slug]/dokumen/[doc]/route";
import { auditLog, editions, placements } from "@/lib/db/schema";
import { saveDocumentSettings } from "@/lib/documents/document-settings";
import { env } from "@/lib/env";
import { getStorage } from "@/lib/storage";
import { createEdition, createFilm, createKim, createUser } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";
import { sessionCookie } from "../setup/upload-server";
import { pdfText } from "../unit/documents/helpers";

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
type User = Awaited<ReturnType<typeof createUser>>;
let organiser: User, otherOrganiser: User, judge: User;
let editionId: string;
const slug = "festival-dokumen-uji";
const code = "D0C5E7000001";

/** LAYAR_KEEP_DOCUMENTS=/some/dir keeps the generated files there, to look at them (pdftoppm -png). */
function keep(name: string, content: Uint8Array) {
  const dir = process.env.LAYAR_KEEP_DOCUMENTS;
  if (dir) fs.writeFileSync(path.join(dir, name), content);
}

const logoPng = () => sharp({ create: { width: 320, height: 160, channels: 4, background: { r: 20, g: 90, b: 160, alpha: 1 } } }).png().toBuffer();
const logoJpeg = () => sharp({ create: { width: 200, height: 200, channels: 3, background: { r: 200, g: 30, b: 30 } } }).jpeg().toBuffer();
const file = (bytes: Buffer | Uint8Array, name: string, type: string) => new File([new Uint8Array(bytes)], name, { type });

const valid = { signatoryName: "Drs. Sutarno, M.Si.", signatoryPosition: "Kepala Dinas Komunikasi dan Informatika Kabupaten Karanganyar", signatoryNip: "19700101 199003 1 002", beritaAcaraNumber: "000.1/123/2027" };

async function storedDocuments() {
  const [edition] = await handle.db.select({ documents: editions.documents }).from(editions).where(eq(editions.id, editionId));
  return edition.documents;
}

/** Files the storage driver holds under the edition's folder (local disk in tests). */
function storedLogoFiles(): string[] {
  const dir = path.join(env().dataDir, "media", "editions", editionId);
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
}

async function settingsAudits() {
  return handle.db.select().from(auditLog).where(and(eq(auditLog.action, "documents.settings"), eq(auditLog.editionId, editionId)));
}

async function get(doc: string, user: User): Promise<Uint8Array> {
  const response = await GET(new Request(`http://layar.test/api/festival/${slug}/dokumen/${doc}`, { headers: { cookie: await sessionCookie(user.id) } }), { params: Promise.resolve({ slug, doc }) });
  expect(response.status, doc).toBe(200);
  return new Uint8Array(await response.arrayBuffer());
}

/** The width and height of every image drawn on a page. */
async function imagesOn(pdf: Uint8Array, pageIndex = 0): Promise<{ width: number; height: number }[]> {
  const doc = await PDFDocument.load(pdf);
  const xobjects = doc.getPage(pageIndex).node.Resources()?.lookupMaybe(PDFName.of("XObject"), PDFDict);
  const found: { width: number; height: number }[] = [];
  for (const [, ref] of xobjects?.entries() ?? []) {
    const stream = doc.context.lookup(ref);
    if (stream instanceof PDFRawStream && stream.dict.get(PDFName.of("Subtype")) === PDFName.of("Image")) {
      found.push({ width: Number(stream.dict.get(PDFName.of("Width"))?.toString()), height: Number(stream.dict.get(PDFName.of("Height"))?.toString()) });
    }
  }
  return found;
}

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  await createTestRegions(db);
  organiser = await createUser(db, { email: "kra@layar.test", role: "organiser", regionCode: "33.13" });
  otherOrganiser = await createUser(db, { email: "wng@layar.test", role: "organiser", regionCode: "33.12" });
  judge = await createUser(db, { email: "juri@layar.test", role: "judge", regionCode: "33.72" });
  const edition = await createEdition(db, { slug, title: "Festival Dokumen Uji", year: 2027, regionCode: "33.13", status: "disegel", sealedAt: new Date("2027-11-20T03:00:00Z") });
  editionId = edition.id;
  const kim = await createKim(db, { name: "KIM Manteb Karangpandan", districtCode: "33.13.08" });
  const film = await createFilm(db, { editionId, kimId: kim.id, code: "DK-1", title: "Air Untuk Semua", status: "juara" });
  await db.insert(placements).values({ editionId, filmId: film.id, kimId: kim.id, placement: "Juara I", rank: 1, score: 90, certificateCode: code });
});
afterAll(() => handle.drop());

describe("document settings: refusals leave everything as it was", () => {
  const refused = async (values: Record<string, string>, logo?: File) => {
    const error = await saveDocumentSettings(handle.db, await getStorage(), organiser, slug, { values, logo }).then(
      () => null,
      (e: unknown) => e as { code: string; fieldErrors?: Record<string, string[]> },
    );
    expect(error?.code).toBe("invalid");
    expect(await storedDocuments()).toBeNull();
    expect(storedLogoFiles()).toEqual([]);
    expect(await settingsAudits()).toEqual([]);
    return error!.fieldErrors!;
  };

  it("a NIP that is not 18 digits, with the message next to the field", async () => {
    expect(await refused({ ...valid, signatoryNip: "19700101 199003 1 00" })).toEqual({ signatoryNip: ["NIP terdiri dari 18 angka (boleh dipisah spasi)."] });
    expect((await refused({ ...valid, signatoryNip: "1970010119900310O2" })).signatoryNip[0]).toBe("NIP hanya angka (boleh dengan spasi), paling banyak 30 karakter.");
    expect((await refused({ ...valid, signatoryNip: "19700101-199003-1-002" })).signatoryNip[0]).toBe("NIP hanya angka (boleh dengan spasi), paling banyak 30 karakter.");
    expect(await refused({ ...valid, signatoryNip: "1970 0101 1990 0310 0212" })).toEqual({ signatoryNip: ["NIP terdiri dari 18 angka (boleh dipisah spasi)."] });
  });

  it("a NIP without the signatory's name", async () => {
    expect(await refused({ ...valid, signatoryName: "  " })).toEqual({ signatoryName: ["Isi nama penandatangan pemilik NIP ini."] });
  });

  it("over-long texts", async () => {
    expect(await refused({ ...valid, beritaAcaraNumber: "1".repeat(101) })).toEqual({ beritaAcaraNumber: ["Nomor berita acara paling panjang 100 karakter."] });
    expect(await refused({ ...valid, signatoryPosition: "Kepala ".repeat(30) })).toEqual({ signatoryPosition: ["Jabatan penanda tangan paling panjang 150 karakter."] });
    expect(await refused({ ...valid, signatoryName: "Sutarno ".repeat(20) })).toEqual({ signatoryName: ["Nama penanda tangan paling panjang 120 karakter."] });
  });

  it("a program renamed logo.png, a GIF, a truncated PNG, a tiny image", async () => {
    const exe = Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff", "latin1"), Buffer.alloc(4000, 0x90)]);
    expect(await refused(valid, file(exe, "logo.png", "image/png"))).toEqual({ logo: ["Berkas logo bukan gambar yang bisa dibaca. Gunakan PNG atau JPEG."] });
    const gif = await sharp({ create: { width: 100, height: 100, channels: 3, background: "#fff" } }).gif().toBuffer();
    expect(await refused(valid, file(gif, "logo.png", "image/png"))).toEqual({ logo: ["Format gambar GIF tidak diterima untuk logo. Gunakan PNG atau JPEG."] });
    const png = await logoPng();
    expect(await refused(valid, file(png.subarray(0, 200), "logo.png", "image/png"))).toEqual({ logo: ["Berkas logo bukan gambar yang bisa dibaca. Gunakan PNG atau JPEG."] });
    const tiny = await sharp({ create: { width: 20, height: 20, channels: 3, background: "#000" } }).png().toBuffer();
    expect(await refused(valid, file(tiny, "logo.png", "image/png"))).toEqual({ logo: ["Logo terlalu kecil: sisi terpendek minimal 48 piksel."] });
  });

  it("a logo over 2 MB", async () => {
    const noise = await sharp({ create: { width: 1000, height: 1000, channels: 3, background: "#888", noise: { type: "gaussian", mean: 128, sigma: 80 } } }).png({ compressionLevel: 0 }).toBuffer();
    expect(noise.length).toBeGreaterThan(2 * 1024 * 1024);
    expect(await refused(valid, file(noise, "logo.png", "image/png"))).toEqual({ logo: ["Logo paling besar 2 MB."] });
  });

  it("every problem at once, each next to its field", async () => {
    const errors = await refused({ ...valid, signatoryNip: "123" }, file(Buffer.from("bukan gambar"), "logo.jpg", "image/jpeg"));
    expect(Object.keys(errors).sort()).toEqual(["logo", "signatoryNip"]);
  });

  it("organisers of another region and other roles: not found or forbidden, nothing stored", async () => {
    await expect(saveDocumentSettings(handle.db, await getStorage(), otherOrganiser, slug, { values: valid })).rejects.toMatchObject({ code: "not_found" });
    await expect(saveDocumentSettings(handle.db, await getStorage(), judge, slug, { values: valid })).rejects.toMatchObject({ code: "forbidden" });
    expect(await storedDocuments()).toBeNull();
  });
});

describe("document settings: saved, audited, printed", () => {
  it("saves the signatory, NIP as printed, the number and a re-encoded PNG logo; audited with the edition", async () => {
    const saved = await saveDocumentSettings(handle.db, await getStorage(), organiser, slug, { values: { ...valid, signatoryName: "  Drs.  Sutarno, M.Si. " }, logo: file(await logoPng(), "Logo Kabupaten.PNG", "image/png") });
    expect(saved).toMatchObject({ ...valid, logoMimeType: "image/png" });
    expect(saved.logoKey).toMatch(new RegExp(`^editions/${editionId}/logo-[0-9a-f-]{36}\\.png$`));
    expect(await storedDocuments()).toEqual(saved);
    const [stored] = storedLogoFiles();
    const meta = await sharp(path.join(env().dataDir, "media", saved.logoKey!)).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["png", 320, 160]);
    expect(stored).toBe(path.basename(saved.logoKey!));
    const [audit] = await settingsAudits();
    expect(audit).toMatchObject({ actorId: organiser.id, entityType: "edition", entityId: editionId, editionId });
    expect(audit.data).toEqual({ before: {}, after: valid, logo: "ditambahkan" });
  });

  it("the Berita Acara prints the number, the logo in the letterhead, the signatory's name, position and NIP", async () => {
    const pdf = await get("berita-acara.pdf", organiser);
    keep("berita-acara-pengaturan.pdf", pdf);
    const text = await pdfText(pdf);
    for (const expected of ["Nomor: 000.1/123/2027", "Mengetahui,", "Kepala Dinas Komunikasi dan Informatika Kabupaten Karanganyar", "Drs. Sutarno, M.Si.", "NIP. 19700101 199003 1 002"]) expect(text, expected).toContain(expected);
    expect(text).not.toContain("Nomor: ....");
    expect(text).not.toContain("NIP. ....");
    expect(await imagesOn(pdf)).toEqual([{ width: 320, height: 160 }]);
  });

  it("the piagam prints the signatory and the logo", async () => {
    const pdf = await get(`piagam-${code}.pdf`, organiser);
    keep("piagam-pengaturan.pdf", pdf);
    const text = await pdfText(pdf);
    for (const expected of ["Kepala Dinas Komunikasi dan Informatika Kabupaten Karanganyar", "Drs. Sutarno, M.Si.", "NIP. 19700101 199003 1 002"]) expect(text, expected).toContain(expected);
    expect(text).not.toContain("NIP. ....");
    // A draft (not yet announced): the logo is the only image, no QR code.
    expect(await imagesOn(pdf)).toEqual([{ width: 320, height: 160 }]);
  });

  it("a JPEG replaces the PNG: the old file is removed", async () => {
    const before = await storedDocuments();
    const saved = await saveDocumentSettings(handle.db, await getStorage(), organiser, slug, { values: valid, logo: file(await logoJpeg(), "logo.jpg", "image/jpeg") });
    expect(saved.logoMimeType).toBe("image/jpeg");
    expect(saved.logoKey).not.toBe(before?.logoKey);
    expect(storedLogoFiles()).toEqual([path.basename(saved.logoKey!)]);
    expect(await imagesOn(await get("berita-acara.pdf", organiser))).toEqual([{ width: 200, height: 200 }]);
    expect((await settingsAudits()).map((a) => (a.data as { logo: string }).logo)).toEqual(["ditambahkan", "diganti"]);
  });

  it("saving without a file keeps the logo; a refusal keeps the previous settings", async () => {
    const before = await storedDocuments();
    await saveDocumentSettings(handle.db, await getStorage(), organiser, slug, { values: { ...valid, beritaAcaraNumber: "000.1/124/2027" } });
    expect(await storedDocuments()).toEqual({ ...before, beritaAcaraNumber: "000.1/124/2027" });
    const kept = await storedDocuments();
    await expect(saveDocumentSettings(handle.db, await getStorage(), organiser, slug, { values: { ...valid, signatoryNip: "12" }, logo: file(await logoPng(), "logo.png", "image/png") })).rejects.toMatchObject({ code: "invalid" });
    expect(await storedDocuments()).toEqual(kept);
    expect(storedLogoFiles()).toEqual([path.basename(kept!.logoKey!)]);
  });

  it("empty fields and a removed logo: dotted lines and no image, the file gone", async () => {
    await saveDocumentSettings(handle.db, await getStorage(), organiser, slug, { values: { signatoryName: "", signatoryPosition: "", signatoryNip: "", beritaAcaraNumber: "" }, removeLogo: true });
    expect(await storedDocuments()).toEqual({});
    expect(storedLogoFiles()).toEqual([]);
    const pdf = await get("berita-acara.pdf", organiser);
    const text = await pdfText(pdf);
    expect(text).toContain("Nomor: ....");
    expect(text).toContain("NIP. ....");
    expect(text).toContain("Kepala Dinas Komunikasi dan Informatika Kabupaten Karanganyar");
    expect(await imagesOn(pdf)).toEqual([]);
    const [last] = (await settingsAudits()).slice(-1);
    expect(last.data).toMatchObject({ logo: "dihapus", after: {} });
  });
});
