import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as kimRoute } from "@/app/api/v1/kim/[slug]/route";
import { GET as photoRoute } from "@/app/api/kim/kegiatan/foto/[photoId]/route";
import { auditLog, kimActivities, kimActivityPhotos } from "@/lib/db/schema";
import { addKimActivityPhoto, createKimActivity, deleteKimActivity, getKimActivity, listKimActivities, removeKimActivityPhoto, updateKimActivity } from "@/lib/kim/activities";
import { gpsDecimal, readExifGps } from "@/lib/kim/exif-gps";
import { recordKimStatus } from "@/lib/kim/kim-status";
import { getKimProfile } from "@/lib/public/get-kim-profile";
import { createKim, createUser } from "@/lib/seed/factories";
import { setStorage } from "@/lib/storage";
import { LocalStorage } from "@/lib/storage/local";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";

// KIM activities: a member manages only their own KIM's, an organiser any KIM in their region
// (audited), another region's organiser and another KIM get not-found; photos are re-encoded
// with every piece of metadata gone unless the KIM keeps the location; what is not an image is
// refused with nothing stored; the profile and the API show activities and the status history.

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
type User = Awaited<ReturnType<typeof createUser>>;
let member: User, otherMember: User, organiser: User, province: User, wonogiri: User, judge: User;
let kim: Awaited<ReturnType<typeof createKim>>, otherKim: Awaited<ReturnType<typeof createKim>>;
const mediaRoot = fs.mkdtempSync(path.join(os.tmpdir(), "layar-kegiatan-"));
const storage = new LocalStorage(mediaRoot, 48 * 3_600_000);
const now = new Date("2026-12-06T10:00:00+07:00");
const input = (over: Record<string, string> = {}) => ({ heldOn: "2026-11-20", type: "pelatihan", title: "Pelatihan jurnalisme warga", report: "Dua puluh warga belajar menulis berita desa.", links: "https://contoh.go.id/berita/1", ...over });
const file = (bytes: Buffer, name: string, type = "image/jpeg") => new File([new Uint8Array(bytes)], name, { type });
const filesUnder = (dir: string): string[] => (fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name)) : []);

/** A real camera-like JPEG: 2400×1800 with a camera make and model and a GPS position (7°35'30" S, 110°56' E), written by sharp. */
async function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 2400, height: 1800, channels: 3, background: "#4a7a3a" } })
    .withExif({ IFD0: { Make: "KameraUji", Model: "HP-360", Copyright: "Warga" }, IFD3: { GPSLatitudeRef: "S", GPSLatitude: "7/1 35/1 3000/100", GPSLongitudeRef: "E", GPSLongitude: "110/1 56/1 0/1" } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

beforeAll(async () => {
  handle = await createTestDatabase();
  setStorage(storage); // the photo route reads through the configured driver
  await createTestRegions(handle.db);
  kim = await createKim(handle.db, { name: "KIM Manteb", districtCode: "33.13.08", villageCode: "33.13.08.2001" });
  otherKim = await createKim(handle.db, { name: "KIM Tunas Harapan", districtCode: "33.13.11", villageCode: "33.13.11.2004" });
  member = await createUser(handle.db, { email: "ketua@manteb.test", role: "kim", regionCode: "33.13", kimId: kim.id });
  otherMember = await createUser(handle.db, { email: "ketua@tunas.test", role: "kim", regionCode: "33.13", kimId: otherKim.id });
  organiser = await createUser(handle.db, { email: "admin@karanganyar.test", role: "organiser", regionCode: "33.13" });
  province = await createUser(handle.db, { email: "admin@jateng.test", role: "organiser", regionCode: "33" });
  wonogiri = await createUser(handle.db, { email: "admin@wonogiri.test", role: "organiser", regionCode: "33.12" });
  judge = await createUser(handle.db, { email: "juri@uji.test", role: "judge", regionCode: "33.72" });
});
afterAll(async () => {
  setStorage(undefined);
  await handle.drop();
  fs.rmSync(mediaRoot, { recursive: true, force: true });
});

describe("activities: add, edit, delete, and who may", () => {
  it("lets a member add, edit and delete their own KIM's activity", async () => {
    const activity = await createKimActivity(handle.db, storage, member, kim.id, input(), null, now);
    expect(activity).toMatchObject({ kimId: kim.id, heldOn: "2026-11-20", type: "pelatihan", links: ["https://contoh.go.id/berita/1"] });
    await updateKimActivity(handle.db, member, activity.id, input({ title: "Pelatihan jurnalisme warga (hari 2)", type: "konten_digital" }), now);
    const { activities } = await listKimActivities(handle.db, member, kim.id);
    expect(activities.map((a) => [a.title, a.type])).toEqual([["Pelatihan jurnalisme warga (hari 2)", "konten_digital"]]);
    await deleteKimActivity(handle.db, storage, member, activity.id);
    expect((await listKimActivities(handle.db, member, kim.id)).activities).toEqual([]);
    // A member's own changes are not organiser actions: no audit rows.
    expect(await handle.db.select().from(auditLog).where(eq(auditLog.actorId, member.id))).toEqual([]);
  });

  it("refuses bad input next to its field and stores nothing", async () => {
    const before = (await handle.db.select().from(kimActivities)).length;
    const cases: [Record<string, string>, string, string][] = [
      [{ heldOn: "2026-02-30" }, "heldOn", "Isi tanggal kegiatan yang benar."],
      [{ heldOn: "2028-01-01" }, "heldOn", "Tanggal kegiatan paling lambat setahun dari sekarang."],
      [{ type: "pesta" }, "type", "Pilih jenis kegiatan dari daftar."],
      [{ title: "  " }, "title", "Judul kegiatan minimal 3 karakter."],
      [{ report: "x".repeat(2001) }, "report", "Laporan singkat paling panjang 2.000 karakter."],
      [{ links: "http://contoh.go.id" }, "links", "Tautan harus diawali https:// dan lengkap: http://contoh.go.id"],
      [{ links: "javascript:alert(1)" }, "links", "Tautan harus diawali https:// dan lengkap: javascript:alert(1)"],
      [{ links: Array.from({ length: 6 }, (_, i) => `https://contoh.go.id/${i}`).join("\n") }, "links", "Paling banyak 5 tautan."],
    ];
    for (const [over, field, message] of cases) {
      await expect(createKimActivity(handle.db, storage, member, kim.id, input(over), null, now), field).rejects.toMatchObject({ issues: [expect.objectContaining({ path: [field], message })] });
    }
    expect((await handle.db.select().from(kimActivities)).length).toBe(before);
  });

  it("keeps a script tag in a title as text and drops invisible characters", async () => {
    const activity = await createKimActivity(handle.db, storage, member, kim.id, input({ title: "<script>alert(1)</script>\u202eRapat" }), null, now);
    expect(activity.title).toBe("<script>alert(1)</script>Rapat");
    await deleteKimActivity(handle.db, storage, member, activity.id);
  });

  it("gives another KIM, another region's organiser and a judge not-found; the KIM's own organiser and its province may act, audited", async () => {
    const activity = await createKimActivity(handle.db, storage, member, kim.id, input(), null, now);
    for (const actor of [otherMember, wonogiri, judge]) {
      await expect(getKimActivity(handle.db, actor, activity.id)).rejects.toMatchObject({ code: "not_found" });
      await expect(updateKimActivity(handle.db, actor, activity.id, input({ title: "Diubah orang lain" }), now)).rejects.toMatchObject({ code: "not_found" });
      await expect(deleteKimActivity(handle.db, storage, actor, activity.id)).rejects.toMatchObject({ code: "not_found" });
      await expect(createKimActivity(handle.db, storage, actor, kim.id, input(), null, now)).rejects.toMatchObject({ code: "not_found" });
    }
    // A member never reaches another KIM by naming it.
    await expect(listKimActivities(handle.db, member, otherKim.id)).rejects.toMatchObject({ code: "not_found" });
    await updateKimActivity(handle.db, organiser, activity.id, input({ title: "Pelatihan jurnalisme warga (dicek panitia)" }), now);
    const added = await createKimActivity(handle.db, storage, province, kim.id, input({ title: "Rakor KIM se-Kabupaten", type: "rakor" }), null, now);
    await deleteKimActivity(handle.db, storage, organiser, added.id);
    const audit = await handle.db.select({ action: auditLog.action, entityId: auditLog.entityId, data: auditLog.data }).from(auditLog);
    expect(audit.map((a) => a.action).sort()).toEqual(["kim.activity.create", "kim.activity.delete", "kim.activity.update"]);
    for (const a of audit) expect(a).toMatchObject({ entityId: kim.id, data: expect.objectContaining({ kimName: "KIM Manteb" }) });
    expect((await getKimActivity(handle.db, member, activity.id)).activity.title).toBe("Pelatihan jurnalisme warga (dicek panitia)");
    await deleteKimActivity(handle.db, storage, member, activity.id);
  });
});

describe("activity photos", () => {
  it("strips every piece of metadata, GPS included, and fits the photo within 1600 px", async () => {
    const original = await jpegWithGps();
    expect(gpsDecimal(readExifGps((await sharp(original).metadata()).exif)!).latitude).toBeCloseTo(-7.591667, 5);
    const activity = await createKimActivity(handle.db, storage, member, kim.id, input(), file(original, "IMG_0001.jpg"), now);
    const [photo] = await handle.db.select().from(kimActivityPhotos).where(eq(kimActivityPhotos.activityId, activity.id));
    expect(photo).toMatchObject({ mime: "image/jpeg", width: 1600, height: 1200, keptLocation: false });
    const stored = fs.readFileSync(path.join(mediaRoot, photo.storageKey));
    const meta = await sharp(stored).metadata();
    expect(meta).toMatchObject({ format: "jpeg", width: 1600, height: 1200 });
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(readExifGps(meta.exif)).toBeNull();
    expect(stored.includes(Buffer.from("KameraUji"))).toBe(false);
    // The public route sends it, and its thumbnail, to anyone.
    const res = await photoRoute(new Request(`http://localhost/api/kim/kegiatan/foto/${photo.id}`), { params: Promise.resolve({ photoId: photo.id }) });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/jpeg");
    expect(Buffer.from(await res.arrayBuffer()).equals(stored)).toBe(true);
    const small = await photoRoute(new Request(`http://localhost/api/kim/kegiatan/foto/${photo.id}?ukuran=kecil`), { params: Promise.resolve({ photoId: photo.id }) });
    expect((await sharp(Buffer.from(await small.arrayBuffer())).metadata()).width).toBe(320);
    await deleteKimActivity(handle.db, storage, member, activity.id);
    expect(filesUnder(path.join(mediaRoot, "kim", kim.id))).toEqual([]);
    const gone = await photoRoute(new Request(`http://localhost/api/kim/kegiatan/foto/${photo.id}`), { params: Promise.resolve({ photoId: photo.id }) });
    expect(gone.status).toBe(404);
  });

  it("keeps only the GPS position when the KIM ticks 'simpan lokasi foto'", async () => {
    const activity = await createKimActivity(handle.db, storage, member, kim.id, input(), null, now);
    await addKimActivityPhoto(handle.db, storage, member, activity.id, file(await jpegWithGps(), "IMG_0002.jpg"), true);
    const [photo] = await handle.db.select().from(kimActivityPhotos).where(eq(kimActivityPhotos.activityId, activity.id));
    expect(photo.keptLocation).toBe(true);
    const stored = fs.readFileSync(path.join(mediaRoot, photo.storageKey));
    const gps = readExifGps((await sharp(stored).metadata()).exif);
    expect(gps).toMatchObject({ latitudeRef: "S", longitudeRef: "E" });
    const where = gpsDecimal(gps!);
    expect(where.latitude).toBeCloseTo(-(7 + 35 / 60 + 30 / 3600), 5);
    expect(where.longitude).toBeCloseTo(110 + 56 / 60, 5);
    // The camera's make and the copyright still go.
    expect(stored.includes(Buffer.from("KameraUji"))).toBe(false);
    await removeKimActivityPhoto(handle.db, storage, member, photo.id);
    expect(fs.existsSync(path.join(mediaRoot, photo.storageKey))).toBe(false);
    await deleteKimActivity(handle.db, storage, member, activity.id);
  });

  it("refuses what is not an image with a clear sentence and stores nothing (no activity, no file)", async () => {
    const before = (await handle.db.select().from(kimActivities)).length;
    const fakes: [Buffer, string][] = [
      [Buffer.from("<html><script>alert(1)</script></html>"), "foto.jpg"],
      [Buffer.from("%PDF-1.7\n%…"), "laporan.png"],
      [Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]), "rusak.jpg"],
      [await sharp({ create: { width: 20, height: 20, channels: 3, background: "#000" } }).gif().toBuffer(), "animasi.jpg"],
    ];
    for (const [bytes, name] of fakes) {
      await expect(createKimActivity(handle.db, storage, member, kim.id, input(), file(bytes, name), now), name).rejects.toMatchObject({
        fieldErrors: { photo: ["Berkas ini bukan foto yang bisa dibaca. Gunakan JPEG, PNG, WebP atau HEIC."] },
      });
    }
    await expect(createKimActivity(handle.db, storage, member, kim.id, input(), file(Buffer.alloc(8 * 1024 * 1024 + 1, 0xff), "besar.jpg"), now)).rejects.toMatchObject({ fieldErrors: { photo: ["Foto paling besar 8 MB."] } });
    expect((await handle.db.select().from(kimActivities)).length).toBe(before);
    expect(await handle.db.select().from(kimActivityPhotos)).toEqual([]);
    expect(filesUnder(path.join(mediaRoot, "kim"))).toEqual([]);
  });

  it("accepts PNG and WebP, at most four photos per activity, and only through a KIM in reach", async () => {
    const activity = await createKimActivity(handle.db, storage, member, kim.id, input(), null, now);
    const png = await sharp({ create: { width: 800, height: 600, channels: 4, background: { r: 0, g: 0, b: 255, alpha: 0.5 } } }).png().toBuffer();
    const webp = await sharp({ create: { width: 640, height: 480, channels: 3, background: "#f00" } }).webp().toBuffer();
    await addKimActivityPhoto(handle.db, storage, member, activity.id, file(png, "a.png", "image/png"), false);
    await addKimActivityPhoto(handle.db, storage, organiser, activity.id, file(webp, "b.webp", "image/webp"), false);
    await addKimActivityPhoto(handle.db, storage, member, activity.id, file(png, "c.png", "image/png"), false);
    await addKimActivityPhoto(handle.db, storage, member, activity.id, file(webp, "d.webp", "image/webp"), false);
    await expect(addKimActivityPhoto(handle.db, storage, member, activity.id, file(png, "e.png", "image/png"), false)).rejects.toMatchObject({ userMessage: "Satu kegiatan paling banyak 4 foto." });
    await expect(addKimActivityPhoto(handle.db, storage, otherMember, activity.id, file(png, "f.png", "image/png"), false)).rejects.toMatchObject({ code: "not_found" });
    const photos = await handle.db.select().from(kimActivityPhotos).where(eq(kimActivityPhotos.activityId, activity.id));
    expect(photos.map((p) => [p.mime, p.width])).toEqual([
      ["image/jpeg", 800],
      ["image/jpeg", 640],
      ["image/jpeg", 800],
      ["image/jpeg", 640],
    ]);
    await expect(removeKimActivityPhoto(handle.db, storage, wonogiri, photos[0].id)).rejects.toMatchObject({ code: "not_found" });
    const audit = await handle.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.actorId, organiser.id));
    expect(audit.map((a) => a.action)).toContain("kim.activity.photo.add");
    await deleteKimActivity(handle.db, storage, member, activity.id);
    expect(filesUnder(path.join(mediaRoot, "kim", kim.id))).toEqual([]);
  });
});

describe("HEIF photos", () => {
  it("reads a HEIF (AVIF) photo sharp can decode, and says what to do with a HEIC it cannot", async () => {
    const activity = await createKimActivity(handle.db, storage, member, kim.id, input(), null, now);
    const avif = await sharp({ create: { width: 400, height: 300, channels: 3, background: "#0a0" } }).avif().toBuffer();
    await addKimActivityPhoto(handle.db, storage, member, activity.id, file(avif, "IMG_0003.heic", "image/heic"), false);
    const [photo] = await handle.db.select().from(kimActivityPhotos).where(eq(kimActivityPhotos.activityId, activity.id));
    expect(photo).toMatchObject({ mime: "image/jpeg", width: 400, height: 300 });
    const brokenHeic = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from("ftypheic"), Buffer.alloc(64, 1)]);
    await expect(addKimActivityPhoto(handle.db, storage, member, activity.id, file(brokenHeic, "IMG_0004.heic", "image/heic"), false)).rejects.toMatchObject({
      fieldErrors: { photo: ["Foto HEIC ini tidak bisa dibaca server. Simpan sebagai JPEG lalu unggah lagi."] },
    });
    await deleteKimActivity(handle.db, storage, member, activity.id);
  });
});

describe("the public profile and the API", () => {
  it("show activities (date, type, title) and the status history, newest first, dates as YYYY-MM-DD", async () => {
    await createKimActivity(handle.db, storage, member, kim.id, input({ heldOn: "2025-03-04", title: "Rakor KIM", type: "rakor" }), null, now);
    await createKimActivity(handle.db, storage, member, kim.id, input({ heldOn: "2026-06-10", title: "Studi banding ke Wonogiri", type: "studi_banding" }), null, now);
    await recordKimStatus(handle.db, kim.id, { status: "tidak_aktif", fromDate: "2025-12-15", reason: "Regenerasi pengurus berkurang.", source: "monev" });
    const third = await createKim(handle.db, { name: "KIM Bima", districtCode: "33.13.08", statusSince: "2024-11-10" });
    await recordKimStatus(handle.db, third.id, { status: "tidak_aktif", fromDate: "2025-12-15", reason: "Regenerasi pengurus berkurang.", source: "monev" });
    await recordKimStatus(handle.db, third.id, { status: "aktif", fromDate: "2026-02-01", reason: null, source: "organiser" });
    const profile = await getKimProfile(handle.db, kim.slug);
    expect(profile!.activities.map((a) => [a.date, a.type, a.title])).toEqual([
      ["2026-06-10", "studi_banding", "Studi banding ke Wonogiri"],
      ["2025-03-04", "rakor", "Rakor KIM"],
    ]);
    const res = await kimRoute(new Request(`http://localhost/api/v1/kim/${kim.slug}`), { params: Promise.resolve({ slug: kim.slug }) });
    const body = await res.json();
    expect(body.activities).toEqual([
      { date: "2026-06-10", type: "studi_banding", title: "Studi banding ke Wonogiri" },
      { date: "2025-03-04", type: "rakor", title: "Rakor KIM" },
    ]);
    expect(body.statusHistory.at(-1)).toEqual({ status: "tidak_aktif", from: "2025-12-15", reason: "Regenerasi pengurus berkurang." });
    for (const h of body.statusHistory) expect(Object.keys(h).sort()).toEqual(["from", "reason", "status"]);
    const other = await (await kimRoute(new Request(`http://localhost/api/v1/kim/${third.slug}`), { params: Promise.resolve({ slug: third.slug }) })).json();
    expect(other.statusHistory).toEqual([
      { status: "aktif", from: "2026-02-01", reason: null },
      { status: "tidak_aktif", from: "2025-12-15", reason: "Regenerasi pengurus berkurang." },
      { status: "aktif", from: "2024-11-10", reason: null },
    ]);
    expect(other.activities).toEqual([]);
  });
});
