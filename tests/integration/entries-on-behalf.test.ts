import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import * as tus from "tus-js-client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, editions, filmMedia, films } from "@/lib/db/schema";
import { defaultRules } from "@/lib/editions/defaults";
import { createFilmForKim, updateFilmDetails } from "@/lib/films/entry-actions";
import { getEntry, getKimEntry } from "@/lib/films/kim-film";
import { kimsForEntry } from "@/lib/films/kims-for-entry";
import { listKimFilms } from "@/lib/films/list-kim-films";
import { saveEntryFile } from "@/lib/films/media-files";
import { createEdition, createKim, createUser } from "@/lib/seed/factories";
import { LocalStorage } from "@/lib/storage/local";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";
import { sessionCookie, startUploadServer } from "../setup/upload-server";

// An organiser enters a film for a KIM that delivered it on a flash disk: only in its own
// region, for a KIM that may enter, while the edition takes entries (also after the close
// date), never once judging began. The entry is the KIM's; every audit entry names the KIM.

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
type User = Awaited<ReturnType<typeof createUser>>;
let kra: User, jateng: User, wonogiri: User, kimMember: User, judge: User;
let manteb: { id: string; name: string }, sepi: { id: string }, gedong: { id: string };
let editionId: string;
let server: Awaited<ReturnType<typeof startUploadServer>>;
const mediaRoot = fs.mkdtempSync(path.join(os.tmpdir(), "layar-onbehalf-"));
const storage = new LocalStorage(mediaRoot, 48 * 3_600_000);
const closes = new Date("2026-12-31T23:59:00+07:00");
const afterClose = new Date("2027-01-02T09:00:00+07:00");
const details = (filmId: string) => ({
  filmId,
  title: "Kabar dari Lereng",
  synopsis: "Film yang diserahkan lewat flashdisk ke kantor Diskominfo.",
  language: "Bahasa Indonesia",
  declaredDurationSeconds: "240",
  crew: [{ name: "Sri", role: "Sutradara" }],
  originalityDeclared: true,
  publicationConsent: true,
});

function upload(bytes: Buffer, opts: { cookie: string; filmId: string; uploadUrl?: string; abortAt?: number }) {
  return new Promise<{ ok: boolean; status?: number; body?: string; url?: string }>((resolve) => {
    const u: tus.Upload = new tus.Upload(bytes, {
      endpoint: server.endpoint,
      uploadUrl: opts.uploadUrl,
      headers: { cookie: opts.cookie },
      chunkSize: 256 * 1024,
      retryDelays: [],
      metadata: { filmId: opts.filmId, filename: "flashdisk.mp4", filetype: "video/mp4" },
      onProgress(sent) {
        if (opts.abortAt !== undefined && sent >= opts.abortAt) void u.abort().then(() => resolve({ ok: false, status: 0, url: u.url ?? undefined }));
      },
      onSuccess: () => resolve({ ok: true, url: u.url! }),
      onError(error) {
        const response = (error as tus.DetailedError).originalResponse;
        resolve({ ok: false, status: response?.getStatus() ?? -1, body: response?.getBody() ?? String(error), url: u.url ?? undefined });
      },
    });
    u.start();
  });
}

const auditOf = (filmId: string) => handle.db.select().from(auditLog).where(and(eq(auditLog.entityType, "film"), eq(auditLog.entityId, filmId))).orderBy(auditLog.id);

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  manteb = await createKim(handle.db, { name: "KIM Manteb", districtCode: "33.13.08" });
  sepi = await createKim(handle.db, { name: "KIM Sepi", districtCode: "33.13.11", status: "tidak_aktif", inactiveReason: "Vakum." });
  gedong = await createKim(handle.db, { name: "KIM Gedong", districtCode: "33.12.01" });
  kra = await createUser(handle.db, { email: "kra@layar.test", role: "organiser", regionCode: "33.13" });
  jateng = await createUser(handle.db, { email: "jateng@layar.test", role: "organiser", regionCode: "33" });
  wonogiri = await createUser(handle.db, { email: "wng@layar.test", role: "organiser", regionCode: "33.12" });
  kimMember = await createUser(handle.db, { email: "kim@layar.test", role: "kim", kimId: manteb.id, regionCode: "33.13" });
  judge = await createUser(handle.db, { email: "juri@layar.test", role: "judge", regionCode: "33.72" });
  const edition = await createEdition(handle.db, {
    slug: "kra-2026",
    title: "Festival Karanganyar 2026",
    regionCode: "33.13",
    status: "pendaftaran",
    submissionOpensAt: new Date("2026-11-01T00:00:00+07:00"),
    submissionClosesAt: closes,
    rules: { ...defaultRules, eligibleKims: "aktif", filmsPerKim: 2, maxFileBytes: 3 * 1024 * 1024 },
  });
  editionId = edition.id;
  server = await startUploadServer(handle.db, storage, { direct: true });
  server.clock.now = afterClose;
});
afterAll(async () => {
  await server.stop();
  await handle.drop();
  fs.rmSync(mediaRoot, { recursive: true, force: true });
});
beforeEach(async () => {
  await handle.db.update(editions).set({ status: "pendaftaran" }).where(eq(editions.id, editionId));
});

describe("creating an entry for a KIM", () => {
  it("needs the slot confirmation, then creates the KIM's entry, created by the organiser, even after the close date", async () => {
    await expect(createFilmForKim(handle.db, kra, { editionSlug: "kra-2026", kimId: manteb.id })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["confirmSlot"] })] });
    const { filmId, slug } = await createFilmForKim(handle.db, kra, { editionSlug: "kra-2026", kimId: manteb.id, confirmSlot: "on" });
    expect(slug).toBe("kra-2026");
    const [film] = await handle.db.select().from(films).where(eq(films.id, filmId));
    expect(film).toMatchObject({ kimId: manteb.id, createdBy: kra.id, status: "draf", editionId });
  });

  it("is audited with the organiser as the actor and the KIM named", async () => {
    const [film] = await handle.db.select().from(films).where(eq(films.kimId, manteb.id));
    const [created] = await auditOf(film.id);
    expect(created).toMatchObject({ action: "film.create", actorId: kra.id, editionId, data: { kimId: manteb.id, kimName: "KIM Manteb", onBehalfOfKim: true } });
  });

  it("shows the KIM the entry as its own", async () => {
    const [film] = await handle.db.select().from(films).where(eq(films.kimId, manteb.id));
    expect((await listKimFilms(handle.db, kimMember)).map((f) => f.id)).toContain(film.id);
    expect((await getKimEntry(handle.db, kimMember, film.id)).film.id).toBe(film.id);
  });

  it("lets a province organiser do it for a regency edition in its province", async () => {
    await expect(createFilmForKim(handle.db, jateng, { editionSlug: "kra-2026", kimId: manteb.id, confirmSlot: "on" })).resolves.toHaveProperty("filmId");
  });

  it("respects the KIM's limit of films", async () => {
    await expect(createFilmForKim(handle.db, kra, { editionSlug: "kra-2026", kimId: manteb.id, confirmSlot: "on" })).rejects.toMatchObject({ code: "conflict", userMessage: expect.stringContaining("Batas 2 film per KIM") });
  });

  it("refuses a KIM that may not enter (another regency, or inactive where only active KIMs may), on the KIM field", async () => {
    for (const kimId of [gedong.id, sepi.id]) {
      await expect(createFilmForKim(handle.db, kra, { editionSlug: "kra-2026", kimId, confirmSlot: "on" })).rejects.toMatchObject({ code: "invalid", fieldErrors: { kimId: [expect.stringContaining("tidak bisa ikut")] } });
    }
    expect(await handle.db.select().from(films).where(eq(films.kimId, gedong.id))).toEqual([]);
  });

  it("refuses an organiser of another region (not found), a KIM member and a judge", async () => {
    await expect(createFilmForKim(handle.db, wonogiri, { editionSlug: "kra-2026", kimId: manteb.id, confirmSlot: "on" })).rejects.toMatchObject({ code: "not_found" });
    await expect(createFilmForKim(handle.db, kimMember, { editionSlug: "kra-2026", kimId: manteb.id, confirmSlot: "on" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(createFilmForKim(handle.db, judge, { editionSlug: "kra-2026", kimId: manteb.id, confirmSlot: "on" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(kimsForEntry(handle.db, wonogiri, "kra-2026")).rejects.toMatchObject({ code: "not_found" });
  });

  it("is refused once the edition moved on to judging", async () => {
    await handle.db.update(editions).set({ status: "penjurian" }).where(eq(editions.id, editionId));
    await expect(createFilmForKim(handle.db, kra, { editionSlug: "kra-2026", kimId: sepi.id, confirmSlot: "on" })).rejects.toMatchObject({
      code: "forbidden",
      userMessage: "Panitia hanya bisa menambah atau mengubah film KIM selama festival berstatus pendaftaran.",
    });
  });

  it("lists the eligible KIMs by name, with their slots used", async () => {
    const all = await kimsForEntry(handle.db, kra, "kra-2026");
    expect(all.kims.map((k) => [k.name, k.used])).toEqual([["KIM Manteb", 2]]);
    expect((await kimsForEntry(handle.db, kra, "kra-2026", "gedong")).kims).toEqual([]);
    expect((await kimsForEntry(handle.db, kra, "kra-2026", "%")).kims).toEqual([]);
  });
});

describe("filling in the KIM's entry", () => {
  let filmId: string;
  beforeAll(async () => {
    [{ id: filmId }] = await handle.db.select().from(films).where(and(eq(films.kimId, manteb.id), eq(films.createdBy, kra.id)));
  });

  it("saves details and the subtitle, each audited with the KIM named", async () => {
    await updateFilmDetails(handle.db, kra, details(filmId), afterClose);
    const srt = new File([new Uint8Array(Buffer.from("1\n00:00:01,000 --> 00:00:02,000\nHalo\n"))], "film.srt");
    await saveEntryFile(handle.db, storage, kra, { filmId, kind: "subtitle", file: srt }, afterClose);
    const entry = await getEntry(handle.db, kra, filmId);
    expect(entry).toMatchObject({ onBehalf: true, film: { title: "Kabar dari Lereng", kimId: manteb.id }, subtitle: { kind: "subtitle" } });
    const audit = await auditOf(filmId);
    expect(audit.map((a) => a.action)).toEqual(["film.create", "film.update", "film.subtitle"]);
    for (const entryRow of audit) expect(entryRow).toMatchObject({ actorId: kra.id, editionId, data: { kimId: manteb.id, kimName: "KIM Manteb", onBehalfOfKim: true } });
  });

  it("uploads the video for the KIM after the close date, audited with the KIM named", async () => {
    const cookie = await sessionCookie(kra.id);
    const result = await upload(crypto.randomBytes(500_000), { cookie, filmId });
    expect(result.ok).toBe(true);
    const [media] = await handle.db.select().from(filmMedia).where(and(eq(filmMedia.filmId, filmId), eq(filmMedia.kind, "video")));
    expect(media.status).toBe("received");
    const [audited] = await handle.db.select().from(auditLog).where(and(eq(auditLog.action, "film.video_upload"), eq(auditLog.entityId, filmId)));
    expect(audited).toMatchObject({ actorId: kra.id, editionId, data: { kimId: manteb.id, kimName: "KIM Manteb", onBehalfOfKim: true, uploadId: media.uploadId } });
  });

  it("refuses an organiser of another region, and a judge, at the upload's start", async () => {
    for (const user of [wonogiri, judge]) {
      const refused = await upload(crypto.randomBytes(10_000), { cookie: await sessionCookie(user.id), filmId });
      expect(refused.ok).toBe(false);
      expect([403, 404]).toContain(refused.status);
    }
    await expect(getEntry(handle.db, wonogiri, filmId)).rejects.toMatchObject({ code: "not_found" });
    await expect(updateFilmDetails(handle.db, wonogiri, details(filmId), afterClose)).rejects.toMatchObject({ code: "not_found" });
  });

  it("stops once the edition moved on to judging: no new upload, no further chunk, no edit", async () => {
    const cookie = `${await sessionCookie(kra.id)}; x=${crypto.randomUUID()}`;
    const bytes = crypto.randomBytes(900_000);
    const started = await upload(bytes, { cookie, filmId, abortAt: 300_000 });
    await handle.db.update(editions).set({ status: "penjurian" }).where(eq(editions.id, editionId));
    const fresh = `${await sessionCookie(kra.id)}; x=${crypto.randomUUID()}`;
    const resumed = await upload(bytes, { cookie: fresh, filmId, uploadUrl: new URL(started.url!, server.origin).toString() });
    expect(resumed).toMatchObject({ ok: false, status: 403, body: "Panitia hanya bisa menambah atau mengubah film KIM selama festival berstatus pendaftaran." });
    expect(await upload(bytes, { cookie: fresh, filmId })).toMatchObject({ ok: false, status: 403 });
    await expect(updateFilmDetails(handle.db, kra, details(filmId), afterClose)).rejects.toMatchObject({ code: "forbidden" });
  });
});
