import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import * as tus from "tus-js-client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { deadlineExtensions, editions, filmMedia, films, kimGroups } from "@/lib/db/schema";
import { defaultRules } from "@/lib/editions/defaults";
import { createDraftFilm, updateFilmDetails, withdrawFilm } from "@/lib/films/entry-actions";
import { kimEntryChance, listOpenEditions } from "@/lib/films/list-kim-films";
import { saveEntryFile } from "@/lib/films/media-files";
import { createEdition, createFilm, createKim, createUser } from "@/lib/seed/factories";
import { LocalStorage } from "@/lib/storage/local";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";
import { sessionCookie, startUploadServer } from "../setup/upload-server";

// A per-KIM deadline extension (deadline_extensions): that KIM may create, edit and upload
// until its own close while the edition still takes entries; no other KIM gains anything,
// and it counts for nothing once the edition has moved on to judging.

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
type User = Awaited<ReturnType<typeof createUser>>;
type UploadServer = Awaited<ReturnType<typeof startUploadServer>>;
let late: User, onTime: User;
let lateKimId: string, onTimeKimId: string, editionId: string;
let tusServer: UploadServer, directServer: UploadServer;
let cookieLate: string, cookieOnTime: string;
const mediaRoot = fs.mkdtempSync(path.join(os.tmpdir(), "layar-extension-"));
const storage = new LocalStorage(mediaRoot, 48 * 3_600_000);
const closes = new Date("2026-12-31T23:59:00+07:00");
const extendedTo = new Date("2027-01-07T23:59:00+07:00");
const between = new Date("2027-01-03T10:00:00+07:00"); // after the edition's close, before the extension's
const afterExtension = new Date("2027-01-08T10:00:00+07:00");
const confirm = { confirmSlot: "on" };

const details = (filmId: string) => ({
  filmId,
  title: "Film Susulan",
  synopsis: "Film yang terlambat karena banjir di desa kami.",
  language: "Bahasa Indonesia",
  declaredDurationSeconds: "200",
  crew: [],
  originalityDeclared: true,
  publicationConsent: true,
});

function upload(server: UploadServer, bytes: Buffer, opts: { cookie: string; filmId: string; uploadUrl?: string; abortAt?: number }) {
  return new Promise<{ ok: boolean; status?: number; body?: string; url?: string }>((resolve) => {
    const u: tus.Upload = new tus.Upload(bytes, {
      endpoint: server.endpoint,
      uploadUrl: opts.uploadUrl,
      headers: { cookie: opts.cookie },
      chunkSize: 256 * 1024,
      retryDelays: [],
      metadata: { filmId: opts.filmId, filename: "susulan.mp4", filetype: "video/mp4" },
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

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  const lateKim = await createKim(handle.db, { name: "KIM Banjir", districtCode: "33.13.08" });
  const onTimeKim = await createKim(handle.db, { name: "KIM Tepat", districtCode: "33.13.11" });
  lateKimId = lateKim.id;
  onTimeKimId = onTimeKim.id;
  late = await createUser(handle.db, { email: "banjir@layar.test", role: "kim", kimId: lateKim.id, regionCode: "33.13" });
  onTime = await createUser(handle.db, { email: "tepat@layar.test", role: "kim", kimId: onTimeKim.id, regionCode: "33.13" });
  const organiser = await createUser(handle.db, { email: "kra@layar.test", role: "organiser", regionCode: "33.13" });
  const edition = await createEdition(handle.db, {
    slug: "kra-2026",
    title: "Festival Karanganyar 2026",
    regionCode: "33.13",
    status: "pendaftaran",
    submissionOpensAt: new Date("2026-11-01T00:00:00+07:00"),
    submissionClosesAt: closes,
    rules: { ...defaultRules, maxFileBytes: 3 * 1024 * 1024, uploadGraceMinutes: 60, filmsPerKim: 50 },
  });
  editionId = edition.id;
  await handle.db.insert(deadlineExtensions).values({ editionId, kimId: lateKim.id, closesAt: extendedTo, reason: "Banjir di desa.", createdBy: organiser.id });
  tusServer = await startUploadServer(handle.db, storage);
  directServer = await startUploadServer(handle.db, storage, { direct: true });
  [cookieLate, cookieOnTime] = await Promise.all([sessionCookie(late.id), sessionCookie(onTime.id)]);
});
afterAll(async () => {
  await Promise.all([tusServer.stop(), directServer.stop()]);
  await handle.drop();
  fs.rmSync(mediaRoot, { recursive: true, force: true });
});
beforeEach(async () => {
  await handle.db.update(editions).set({ status: "pendaftaran" }).where(eq(editions.id, editionId));
});

describe("creating, editing and withdrawing", () => {
  it("lets the KIM with an extension create an entry after the edition's close, and no other KIM", async () => {
    await expect(createDraftFilm(handle.db, late, { editionSlug: "kra-2026", ...confirm }, between)).resolves.toHaveProperty("filmId");
    await expect(createDraftFilm(handle.db, onTime, { editionSlug: "kra-2026", ...confirm }, between)).rejects.toMatchObject({
      code: "forbidden",
      userMessage: "Pendaftaran film sudah ditutup 31 Desember 2026 pukul 23.59 WIB.",
    });
  });

  it("stops the KIM at its own close, naming that date", async () => {
    await expect(createDraftFilm(handle.db, late, { editionSlug: "kra-2026", ...confirm }, afterExtension)).rejects.toMatchObject({
      userMessage: "Pendaftaran film sudah ditutup 7 Januari 2027 pukul 23.59 WIB.",
    });
  });

  it("counts only while the edition takes entries: once judging began, nothing", async () => {
    await handle.db.update(editions).set({ status: "penjurian" }).where(eq(editions.id, editionId));
    await expect(createDraftFilm(handle.db, late, { editionSlug: "kra-2026", ...confirm }, between)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("lets the KIM edit, add files to and withdraw its entry until its own close", async () => {
    const film = await createFilm(handle.db, { editionId, kimId: lateKimId, code: "K26-EXT01", title: "Draf" });
    await updateFilmDetails(handle.db, late, details(film.id), between);
    const srt = new File([new Uint8Array(Buffer.from("1\n00:00:01,000 --> 00:00:02,000\nHalo\n"))], "film.srt");
    await saveEntryFile(handle.db, storage, late, { filmId: film.id, kind: "subtitle", file: srt }, between);
    await expect(updateFilmDetails(handle.db, late, details(film.id), afterExtension)).rejects.toMatchObject({ code: "forbidden" });
    await expect(saveEntryFile(handle.db, storage, late, { filmId: film.id, kind: "subtitle", file: srt }, afterExtension)).rejects.toMatchObject({ code: "forbidden" });
    await withdrawFilm(handle.db, late, { filmId: film.id }, between);
    const [after] = await handle.db.select().from(films).where(eq(films.id, film.id));
    expect(after).toMatchObject({ title: "Film Susulan", status: "ditarik" });

    await handle.db.update(editions).set({ status: "penjurian" }).where(eq(editions.id, editionId));
    const other = await createFilm(handle.db, { editionId, kimId: lateKimId, code: "K26-EXT02", title: "Draf" });
    await expect(updateFilmDetails(handle.db, late, details(other.id), between)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("refuses the other KIM's edits after the edition's close", async () => {
    const film = await createFilm(handle.db, { editionId, kimId: onTimeKimId, code: "K26-EXT03", title: "Draf" });
    await expect(updateFilmDetails(handle.db, onTime, details(film.id), between)).rejects.toMatchObject({ code: "forbidden" });
    await expect(withdrawFilm(handle.db, onTime, { filmId: film.id }, between)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("shows the edition on that KIM's dashboard with its own close, and on no other", async () => {
    const [lateKim] = await handle.db.select().from(kimGroups).where(eq(kimGroups.id, lateKimId));
    const [onTimeKim] = await handle.db.select().from(kimGroups).where(eq(kimGroups.id, onTimeKimId));
    expect(await listOpenEditions(handle.db, lateKim, between)).toEqual([expect.objectContaining({ slug: "kra-2026", submissionClosesAt: extendedTo, extended: true })]);
    expect(await listOpenEditions(handle.db, onTimeKim, between)).toEqual([]);
    expect(await listOpenEditions(handle.db, lateKim, afterExtension)).toEqual([]);
    expect(await kimEntryChance(handle.db, late, "kra-2026", between)).toMatchObject({ may: true, closesAt: extendedTo });
    expect(await kimEntryChance(handle.db, onTime, "kra-2026", between)).toMatchObject({ may: false, why: "closed" });
  });
});

describe.each([
  ["tus (@tus/server)", () => tusServer],
  ["the direct PATCH route", () => directServer],
])("uploads through %s", (_name, pick) => {
  let server: UploadServer;
  beforeAll(() => {
    server = pick();
  });

  it("starts the extended KIM's upload after the edition's close, and refuses the other KIM's", async () => {
    server.clock.now = between;
    const lateFilm = await createFilm(handle.db, { editionId, kimId: lateKimId, code: `K26-${crypto.randomBytes(3).toString("hex")}`, title: "Susulan" });
    expect((await upload(server, crypto.randomBytes(400_000), { cookie: cookieLate, filmId: lateFilm.id })).ok).toBe(true);
    const onTimeFilm = await createFilm(handle.db, { editionId, kimId: onTimeKimId, code: `K26-${crypto.randomBytes(3).toString("hex")}`, title: "Tepat" });
    const refused = await upload(server, crypto.randomBytes(400_000), { cookie: cookieOnTime, filmId: onTimeFilm.id });
    expect(refused).toMatchObject({ ok: false, status: 403, body: "Pendaftaran film sudah ditutup 31 Desember 2026 pukul 23.59 WIB." });
    expect(await handle.db.select().from(filmMedia).where(eq(filmMedia.filmId, onTimeFilm.id))).toEqual([]);
  });

  it("lets an upload started before the KIM's own close finish within the grace period after it, and not later", async () => {
    const bytes = crypto.randomBytes(900_000);
    const film = await createFilm(handle.db, { editionId, kimId: lateKimId, code: `K26-${crypto.randomBytes(3).toString("hex")}`, title: "Susulan" });
    server.clock.now = new Date("2027-01-07T23:50:00+07:00");
    const started = await upload(server, bytes, { cookie: cookieLate, filmId: film.id, abortAt: 300_000 });
    server.clock.now = new Date("2027-01-08T00:30:00+07:00");
    expect((await upload(server, bytes, { cookie: cookieLate, filmId: film.id, uploadUrl: new URL(started.url!, server.origin).toString() })).ok).toBe(true);

    const tooLate = await createFilm(handle.db, { editionId, kimId: lateKimId, code: `K26-${crypto.randomBytes(3).toString("hex")}`, title: "Susulan" });
    server.clock.now = new Date("2027-01-07T23:55:00+07:00");
    const second = await upload(server, bytes, { cookie: cookieLate, filmId: tooLate.id, abortAt: 300_000 });
    server.clock.now = new Date("2027-01-08T01:00:00+07:00");
    const refused = await upload(server, bytes, { cookie: cookieLate, filmId: tooLate.id, uploadUrl: new URL(second.url!, server.origin).toString() });
    expect(refused).toMatchObject({ ok: false, status: 403 });
    expect(refused.body).toBe("Batas waktu menyelesaikan unggahan sudah lewat (8 Januari 2027 pukul 00.59 WIB).");
  });

  it("stops the extended KIM's upload once the edition moved on to judging", async () => {
    const bytes = crypto.randomBytes(900_000);
    const film = await createFilm(handle.db, { editionId, kimId: lateKimId, code: `K26-${crypto.randomBytes(3).toString("hex")}`, title: "Susulan" });
    server.clock.now = between;
    const started = await upload(server, bytes, { cookie: cookieLate, filmId: film.id, abortAt: 300_000 });
    await handle.db.update(editions).set({ status: "penjurian" }).where(eq(editions.id, editionId));
    // A fresh session, so the short-lived memo of the last check does not answer for the server.
    const fresh = `${await sessionCookie(late.id)}; x=${crypto.randomUUID()}`;
    const refused = await upload(server, bytes, { cookie: fresh, filmId: film.id, uploadUrl: new URL(started.url!, server.origin).toString() });
    expect(refused).toMatchObject({ ok: false, status: 403 });
    expect(refused.body).toMatch(/^Unggahan dimulai setelah pendaftaran ditutup 31 Desember 2026/);
    const another = await createFilm(handle.db, { editionId, kimId: lateKimId, code: `K26-${crypto.randomBytes(3).toString("hex")}`, title: "Susulan" });
    expect(await upload(server, bytes, { cookie: fresh, filmId: another.id })).toMatchObject({ ok: false, status: 403, body: "Festival ini tidak sedang membuka pendaftaran film." });
  });
});
