import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, kimBoardMembers, kimChangeRequests, kimGroups, kimStatusHistory } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { countPendingKimChanges, decideKimChange, ownChangeRequests, requestKimChange } from "@/lib/kim/change-requests";
import { listRegistry, parseRegistryFilter } from "@/lib/kim/list-registry";
import { todayWib } from "@/lib/kim/kim-status";
import { createKimRecord, getKimRecord, setKimStatus, updateKimRecord } from "@/lib/kim/manage-kim";
import { updateOwnProfile } from "@/lib/kim/own-profile";
import { kimLogoResponse } from "@/lib/kim/serve-logo";
import { villagesOfRegency } from "@/lib/kim/village-options";
import { getKimProfile } from "@/lib/public/get-kim-profile";
import { LocalStorage } from "@/lib/storage/local";
import { createKim, createUser } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
type User = Awaited<ReturnType<typeof createUser>>;
let karanganyar: User, wonogiri: User, jateng: User, member: User, otherMember: User, pendingMember: User;
let ownKimId: string, otherKimId: string;
const mediaRoot = fs.mkdtempSync(path.join(os.tmpdir(), "layar-kim-logo-"));
const storage = new LocalStorage(mediaRoot, 48 * 3_600_000);
const rejection = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e);
const storedFiles = () => (fs.existsSync(path.join(mediaRoot, "kim")) ? fs.readdirSync(path.join(mediaRoot, "kim"), { recursive: true }).filter((f) => String(f).endsWith(".webp")) : []);
const png = async (w = 800, h = 400) => new File([new Uint8Array(await sharp({ create: { width: w, height: h, channels: 4, background: "#2a7" } }).png().toBuffer())], "logo.png", { type: "image/png" });

const form = (over: Record<string, string> = {}) => ({
  name: "KIM Sumber Kabar",
  villageCode: "33.13.08.2001",
  address: "Jl. Lawu 5",
  contactName: "Sri Lestari",
  contactPhone: "0812-3456-7890",
  contactEmail: "Sri@Contoh.ID",
  foundedOn: "2019-03-01",
  skNumber: "SK/12/2019",
  skDate: "2019-04-01",
  description: "Kelompok informasi desa.",
  "board.0.name": "Sri Lestari",
  "board.0.position": "Ketua",
  "board.1.name": "Budi",
  "board.1.position": "Sekretaris",
  "social.0.label": "Instagram",
  "social.0.url": "https://instagram.com/kimsumber",
  ...over,
});

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  karanganyar = await createUser(handle.db, { email: "admin.kra@layar.test", role: "organiser", regionCode: "33.13" });
  wonogiri = await createUser(handle.db, { email: "admin.wng@layar.test", role: "organiser", regionCode: "33.12" });
  jateng = await createUser(handle.db, { email: "admin.jtg@layar.test", role: "organiser", regionCode: "33" });
  const own = await createKim(handle.db, { name: "KIM Dagen Maju", districtCode: "33.13.11", villageCode: "33.13.11.2004" });
  const other = await createKim(handle.db, { name: "KIM Gedong", districtCode: "33.12.01", villageCode: "33.12.01.2001" });
  ownKimId = own.id;
  otherKimId = other.id;
  member = await createUser(handle.db, { email: "kim.dagen@layar.test", role: "kim", kimId: own.id, regionCode: "33.13" });
  otherMember = await createUser(handle.db, { email: "kim.gedong@layar.test", role: "kim", kimId: other.id, regionCode: "33.12" });
  pendingMember = await createUser(handle.db, { email: "kim.baru@layar.test", role: "kim", status: "pending", regionCode: "33.13" });
});
afterAll(async () => {
  await handle.drop();
  fs.rmSync(mediaRoot, { recursive: true, force: true });
});

describe("adding and editing a KIM", () => {
  let id: string;
  it("adds a KIM in the organiser's regency, aktif from today, with board, links and an audit entry", async () => {
    ({ id } = await createKimRecord(handle.db, karanganyar, form(), { storage, logo: await png() }));
    const [kim] = await handle.db.select().from(kimGroups).where(eq(kimGroups.id, id));
    expect(kim).toMatchObject({ name: "KIM Sumber Kabar", districtCode: "33.13.08", regencyCode: "33.13", status: "aktif", contactEmail: "sri@contoh.id", foundedYear: 2019 });
    expect(kim.socialLinks).toEqual([{ label: "Instagram", url: "https://instagram.com/kimsumber" }]);
    expect(kim.logoKey).toMatch(/^kim\/.+\.webp$/);
    const meta = await sharp(path.join(mediaRoot, kim.logoKey!)).metadata();
    expect(meta).toMatchObject({ format: "webp", width: 512, height: 512 });
    expect(await handle.db.select().from(kimBoardMembers).where(eq(kimBoardMembers.kimId, id))).toHaveLength(2);
    expect(await handle.db.select().from(kimStatusHistory).where(eq(kimStatusHistory.kimId, id))).toHaveLength(1);
    const [audit] = await handle.db.select().from(auditLog).where(and(eq(auditLog.action, "kim.create"), eq(auditLog.entityId, id)));
    expect(audit.actorId).toBe(karanganyar.id);
  });

  it("names each bad field and stores nothing", async () => {
    const before = await handle.db.select().from(kimGroups);
    const error = (await rejection(createKimRecord(handle.db, karanganyar, form({ name: "K", contactPhone: "abc", contactEmail: "x", "social.0.url": "http://x.test", "board.0.position": "", skDate: "2018-01-01" })))) as { issues: { path: (string | number)[]; message: string }[] };
    const fields = Object.fromEntries(error.issues.map((i) => [i.path.join("."), i.message]));
    expect(Object.keys(fields)).toEqual(expect.arrayContaining(["name", "contactPhone", "contactEmail", "social.0.url", "board.0.position"]));
    expect(await handle.db.select().from(kimGroups)).toHaveLength(before.length);
  });

  it("refuses a desa outside the organiser's region", async () => {
    const error = (await rejection(createKimRecord(handle.db, karanganyar, form({ villageCode: "33.12.01.2001" })))) as AppError;
    expect(error.fieldErrors?.villageCode?.[0]).toBe("Desa itu di luar wilayah Anda.");
  });

  it("keeps a script tag in a name as text", async () => {
    const { id: x } = await createKimRecord(handle.db, karanganyar, form({ name: "<script>alert(1)</script> KIM" }));
    const [kim] = await handle.db.select().from(kimGroups).where(eq(kimGroups.id, x));
    expect(kim.name).toBe("<script>alert(1)</script> KIM");
  });

  it("refuses a renamed .exe as a logo and stores nothing", async () => {
    const files = storedFiles().length;
    const exe = new File([Buffer.concat([Buffer.from("MZ\x90\x00", "latin1"), Buffer.alloc(2000)])], "logo.png", { type: "image/png" });
    const error = (await rejection(updateKimRecord(handle.db, karanganyar, id, form({ name: "KIM Tidak Berubah" }), { storage, logo: exe }))) as AppError;
    expect(error.fieldErrors?.logo?.[0]).toMatch(/bukan gambar PNG, JPEG atau WebP/);
    expect(storedFiles()).toHaveLength(files);
    const [kim] = await handle.db.select().from(kimGroups).where(eq(kimGroups.id, id));
    expect(kim.name).toBe("KIM Sumber Kabar");
  });

  it("refuses a logo over 2 MB", async () => {
    const big = new File([Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(2 * 1024 * 1024)])], "big.png");
    const error = (await rejection(updateKimRecord(handle.db, karanganyar, id, form(), { storage, logo: big }))) as AppError;
    expect(error.fieldErrors?.logo?.[0]).toBe("Logo paling besar 2 MB.");
  });

  it("edits the record (the slug stays), replaces the logo and audits what changed", async () => {
    const [before] = await handle.db.select().from(kimGroups).where(eq(kimGroups.id, id));
    await updateKimRecord(handle.db, karanganyar, id, form({ name: "KIM Sumber Kabar Baru", "board.1.name": "", "board.1.position": "" }), { storage, logo: await png(300, 300) });
    const [after] = await handle.db.select().from(kimGroups).where(eq(kimGroups.id, id));
    expect(after.slug).toBe(before.slug);
    expect(after.name).toBe("KIM Sumber Kabar Baru");
    expect(after.logoKey).not.toBe(before.logoKey);
    expect(fs.existsSync(path.join(mediaRoot, before.logoKey!))).toBe(false);
    expect(await handle.db.select().from(kimBoardMembers).where(eq(kimBoardMembers.kimId, id))).toHaveLength(1);
    const [audit] = await handle.db.select().from(auditLog).where(and(eq(auditLog.action, "kim.update"), eq(auditLog.entityId, id)));
    expect((audit.data as { changed: string[] }).changed).toEqual(expect.arrayContaining(["name", "board", "logoKey"]));
  });

  it("another region's organiser gets not-found; the province's organiser reaches it", async () => {
    expect(((await rejection(getKimRecord(handle.db, wonogiri, id))) as AppError).code).toBe("not_found");
    expect(((await rejection(updateKimRecord(handle.db, wonogiri, id, form({ villageCode: "33.12.01.2001" })))) as AppError).code).toBe("not_found");
    expect(((await rejection(setKimStatus(handle.db, wonogiri, { kimId: id, status: "tidak_aktif", fromDate: "2026-01-01", reason: "Tidak ada kegiatan" }))) as AppError).code).toBe("not_found");
    expect((await getKimRecord(handle.db, jateng, id)).kim.id).toBe(id);
  });

  it("a KIM member or a judge cannot use the organiser's functions", async () => {
    expect(((await rejection(createKimRecord(handle.db, member, form()))) as AppError).code).toBe("forbidden");
  });
});

describe("status", () => {
  it("marks a KIM tidak aktif with a reason and a date; the history shows newest first", async () => {
    await setKimStatus(handle.db, karanganyar, { kimId: ownKimId, status: "tidak_aktif", fromDate: todayWib(), reason: "Pengurus pindah, tidak ada kegiatan" });
    const { kim, history } = await getKimRecord(handle.db, karanganyar, ownKimId);
    expect(kim).toMatchObject({ status: "tidak_aktif", inactiveReason: "Pengurus pindah, tidak ada kegiatan", statusSince: todayWib() });
    expect(history[0]).toMatchObject({ status: "tidak_aktif", from: todayWib(), source: "organiser" });
    const audits = await handle.db.select().from(auditLog).where(and(eq(auditLog.action, "kim.status"), eq(auditLog.entityId, ownKimId)));
    expect(audits).toHaveLength(1);
    await setKimStatus(handle.db, karanganyar, { kimId: ownKimId, status: "aktif", fromDate: todayWib() });
    expect((await getKimRecord(handle.db, karanganyar, ownKimId)).kim.status).toBe("aktif");
  });

  it("needs a reason for tidak aktif and refuses a date in the future", async () => {
    const error = (await rejection(setKimStatus(handle.db, karanganyar, { kimId: ownKimId, status: "tidak_aktif", fromDate: "2099-01-01", reason: "" }))) as { issues: { path: string[] }[] };
    expect(error.issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["reason", "fromDate"]));
  });
});

describe("the directory", () => {
  it("lists the region's KIMs with counts, filters by name, kecamatan and status", async () => {
    const all = await listRegistry(handle.db, karanganyar, parseRegistryFilter({}));
    expect(all.rows.every((r) => r.name !== "KIM Gedong")).toBe(true);
    expect(all.totals.total).toBe(all.rows.length);
    const byName = await listRegistry(handle.db, karanganyar, parseRegistryFilter({ q: "dagen" }));
    expect(byName.rows.map((r) => r.name)).toEqual(["KIM Dagen Maju"]);
    const byDistrict = await listRegistry(handle.db, karanganyar, parseRegistryFilter({ kecamatan: "33.13.08" }));
    expect(byDistrict.rows.every((r) => r.districtName === "Karangpandan")).toBe(true);
    const odd = await listRegistry(handle.db, karanganyar, parseRegistryFilter({ status: "bogus", q: "%" }));
    expect(odd.rows).toHaveLength(0);
    const province = await listRegistry(handle.db, jateng, parseRegistryFilter({}));
    expect(province.rows.map((r) => r.name)).toContain("KIM Gedong");
  });

  it("offers only the desa of a regency inside the scope", async () => {
    expect((await villagesOfRegency(handle.db, "33.13", "33.13")).flatMap((g) => g.villages.map((v) => v.code))).toEqual(["33.13.11.2004", "33.13.08.2001"].sort((a, b) => (a < b ? 1 : -1)));
    expect(await villagesOfRegency(handle.db, "33.13", "33.12")).toEqual([]);
  });
});

describe("a KIM's own profile and change requests", () => {
  it("a member edits the description, links and logo at once (audited); the public profile shows them, never contacts", async () => {
    await updateOwnProfile(handle.db, member, { description: "Kami meliput desa.", "social.0.label": "YouTube", "social.0.url": "https://youtube.com/@dagen" }, { storage, logo: await png() });
    const [kim] = await handle.db.select().from(kimGroups).where(eq(kimGroups.id, ownKimId));
    expect(kim.description).toBe("Kami meliput desa.");
    expect(kim.logoKey).toBeTruthy();
    const profile = await getKimProfile(handle.db, kim.slug);
    expect(profile).toMatchObject({ description: "Kami meliput desa.", socialLinks: [{ label: "YouTube", url: "https://youtube.com/@dagen" }] });
    expect(profile?.logoUrl).toMatch(new RegExp(`^/api/kim/${kim.slug}/logo\\?v=`));
    expect(JSON.stringify(profile)).not.toMatch(/contactPhone|contactEmail|board/);
    expect(await handle.db.select().from(auditLog).where(and(eq(auditLog.action, "kim.profile"), eq(auditLog.actorId, member.id)))).toHaveLength(1);
  });

  it("a pending member cannot act; a member has no way to name another KIM", async () => {
    expect(((await rejection(updateOwnProfile(handle.db, pendingMember, { description: "x" }))) as AppError).code).toBe("forbidden");
    expect(((await rejection(requestKimChange(handle.db, pendingMember, { name: "KIM Baru" }))) as AppError).code).toBe("forbidden");
    // Any kimId in the form is ignored: the member's own KIM is changed.
    await updateOwnProfile(handle.db, otherMember, { kimId: ownKimId, description: "Gedong" });
    const [own] = await handle.db.select().from(kimGroups).where(eq(kimGroups.id, ownKimId));
    expect(own.description).toBe("Kami meliput desa.");
    const [other] = await handle.db.select().from(kimGroups).where(eq(kimGroups.id, otherKimId));
    expect(other.description).toBe("Gedong");
  });

  it("serves the logo with a long cache only at its current version; no logo is a 404", async () => {
    const [kim] = await handle.db.select().from(kimGroups).where(eq(kimGroups.id, ownKimId));
    const profile = await getKimProfile(handle.db, kim.slug);
    const version = new URL(profile!.logoUrl!, "http://x").searchParams.get("v");
    const current = await kimLogoResponse(handle.db, storage, kim.slug, version);
    expect(current.headers.get("content-type")).toBe("image/webp");
    expect(current.headers.get("cache-control")).toContain("immutable");
    expect((await sharp(Buffer.from(await current.arrayBuffer())).metadata()).format).toBe("webp");
    expect((await kimLogoResponse(handle.db, storage, kim.slug, "lama")).headers.get("cache-control")).toBe("public, max-age=300");
    const [other] = await handle.db.select().from(kimGroups).where(eq(kimGroups.id, otherKimId));
    expect(((await rejection(kimLogoResponse(handle.db, storage, other.slug, null))) as AppError).code).toBe("not_found");
    expect(((await rejection(kimLogoResponse(handle.db, storage, "../etc", null))) as AppError).code).toBe("not_found");
  });

  it("a member requests a rename, sees it pending; another region's organiser cannot decide; the organiser approves and the slug stays", async () => {
    const [before] = await handle.db.select().from(kimGroups).where(eq(kimGroups.id, ownKimId));
    const { id } = await requestKimChange(handle.db, member, { name: "KIM Dagen Jaya", note: "Nama baru sesuai SK" });
    expect((await ownChangeRequests(handle.db, member))[0]).toMatchObject({ status: "pending", name: "KIM Dagen Jaya" });
    expect(((await rejection(requestKimChange(handle.db, member, { name: "KIM Dagen Lagi" }))) as AppError).code).toBe("conflict");
    const listed = await listRegistry(handle.db, karanganyar, parseRegistryFilter({}));
    expect(listed.requests.map((r) => r.id)).toContain(id);
    // The dashboard's count: the region's organiser sees it waiting, another region's does not.
    expect(await countPendingKimChanges(handle.db, karanganyar)).toBe(1);
    expect(await countPendingKimChanges(handle.db, wonogiri)).toBe(0);
    expect(((await rejection(decideKimChange(handle.db, wonogiri, { requestId: id, decision: "approve" }))) as AppError).code).toBe("not_found");
    await decideKimChange(handle.db, karanganyar, { requestId: id, decision: "approve" });
    expect(await countPendingKimChanges(handle.db, karanganyar)).toBe(0);
    const [after] = await handle.db.select().from(kimGroups).where(eq(kimGroups.id, ownKimId));
    expect(after).toMatchObject({ name: "KIM Dagen Jaya", slug: before.slug });
    expect(((await rejection(decideKimChange(handle.db, karanganyar, { requestId: id, decision: "approve" }))) as AppError).code).toBe("not_found");
  });

  it("rejects with a reason the member reads; a desa outside the KIM's regency is refused", async () => {
    const { id } = await requestKimChange(handle.db, member, { villageCode: "33.13.08.2001" });
    await decideKimChange(handle.db, karanganyar, { requestId: id, decision: "reject", reason: "Alamat sekretariat masih di Dagen" });
    expect((await ownChangeRequests(handle.db, member))[0]).toMatchObject({ status: "rejected", decisionReason: "Alamat sekretariat masih di Dagen" });
    const error = (await rejection(requestKimChange(handle.db, member, { villageCode: "33.12.01.2001" }))) as AppError;
    expect(error.fieldErrors?.villageCode).toBeDefined();
    expect(await handle.db.select().from(kimChangeRequests).where(eq(kimChangeRequests.status, "pending"))).toHaveLength(0);
  });
});
