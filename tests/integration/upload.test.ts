import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import * as tus from "tus-js-client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { filmMedia, films } from "@/lib/db/schema";
import { createEdition, createFilm, createKim, createUser } from "@/lib/seed/factories";
import { defaultRules } from "@/lib/editions/defaults";
import { LocalStorage } from "@/lib/storage/local";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";
import { sessionCookie, startUploadServer } from "../setup/upload-server";

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
type UploadServer = Awaited<ReturnType<typeof startUploadServer>>;
let tusServer: UploadServer, directServer: UploadServer;
/** The server the running block tests: every test runs against tus, then against the direct PATCH route. */
let server: UploadServer;
let storage: LocalStorage;
let cookieA: string, cookieB: string, cookieJudge: string;
let editionId: string, kimA: string;
const mediaRoot = fs.mkdtempSync(path.join(os.tmpdir(), "layar-upload-"));
const opens = new Date("2026-11-01T00:00:00+07:00");
const closes = new Date("2026-12-31T23:59:00+07:00");
const MAX = 3 * 1024 * 1024;

const sha = (bytes: Buffer) => crypto.createHash("sha256").update(bytes).digest("hex");

type Outcome = { ok: true; url: string } | { ok: false; status: number; body: string };

/** Uploads with tus-js-client as the browser does, optionally stopping part-way. */
function upload(bytes: Buffer, opts: { cookie: string; filmId: string; uploadUrl?: string; abortAt?: number; chunkSize?: number }): Promise<Outcome & { url?: string }> {
  return new Promise((resolve) => {
    const u: tus.Upload = new tus.Upload(bytes, {
      endpoint: server.endpoint,
      uploadUrl: opts.uploadUrl,
      headers: { cookie: opts.cookie },
      chunkSize: opts.chunkSize ?? 256 * 1024,
      retryDelays: [],
      metadata: { filmId: opts.filmId, filename: "KIM Manteb - final.mp4", filetype: "video/mp4" },
      onProgress(sent) {
        if (opts.abortAt !== undefined && sent >= opts.abortAt) {
          void u.abort().then(() => resolve({ ok: false, status: 0, body: "aborted", url: u.url ?? undefined }));
        }
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

/** The owner's HEAD, as tus-js-client asks where to resume. */
const ownerHead = () => ({ method: "HEAD", headers: { cookie: cookieA, "Tus-Resumable": "1.0.0" } });
const patchHeaders = (offset: number) => ({ cookie: cookieA, "Tus-Resumable": "1.0.0", "Upload-Offset": String(offset), "Content-Type": "application/offset+octet-stream" });

/** Creates an upload of `length` bytes for the owner, as tus-js-client's first request does; returns its URL. */
async function createUpload(filmId: string, length: number): Promise<string> {
  const create = await fetch(server.endpoint, {
    method: "POST",
    headers: { cookie: cookieA, "Tus-Resumable": "1.0.0", "Upload-Length": String(length), "Upload-Metadata": `filmId ${Buffer.from(filmId).toString("base64")}` },
  });
  expect(create.status).toBe(201);
  return new URL(create.headers.get("location")!, server.origin).toString();
}

/** Opens a PATCH on a raw socket and sends only its head: the test then sends the body as a phone would. */
function rawPatch(url: string, headers: Record<string, string>): net.Socket {
  const { port, pathname } = new URL(url);
  const socket = net.connect(Number(port), "127.0.0.1");
  const lines = Object.entries({ ...patchHeaders(0), ...headers, Host: "127.0.0.1" }).map(([k, v]) => `${k}: ${v}`);
  socket.write(`PATCH ${pathname} HTTP/1.1\r\n${lines.join("\r\n")}\r\n\r\n`);
  return socket;
}

async function newDraft(title = "Draf") {
  return createFilm(handle.db, { editionId, kimId: kimA, code: `T-${crypto.randomUUID().slice(0, 6)}`, title, synopsis: "Sinopsis tetap utuh setelah unggahan ditolak." });
}

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  const a = await createKim(handle.db, { name: "KIM A", districtCode: "33.13.08" });
  const b = await createKim(handle.db, { name: "KIM B", districtCode: "33.12.01" });
  kimA = a.id;
  const userA = await createUser(handle.db, { email: "a@layar.test", role: "kim", kimId: a.id, regionCode: "33.13" });
  const userB = await createUser(handle.db, { email: "b@layar.test", role: "kim", kimId: b.id, regionCode: "33.12" });
  const judge = await createUser(handle.db, { email: "juri@layar.test", role: "judge", regionCode: "33.72" });
  editionId = (
    await createEdition(handle.db, {
      title: "Festival Uji Unggah",
      regionCode: "33",
      status: "pendaftaran",
      submissionOpensAt: opens,
      submissionClosesAt: closes,
      rules: { ...defaultRules, maxFileBytes: MAX, uploadGraceMinutes: 60 },
    })
  ).id;
  storage = new LocalStorage(mediaRoot, 48 * 3_600_000);
  tusServer = await startUploadServer(handle.db, storage);
  directServer = await startUploadServer(handle.db, storage, { direct: true });
  [cookieA, cookieB, cookieJudge] = await Promise.all([sessionCookie(userA.id), sessionCookie(userB.id), sessionCookie(judge.id)]);
});
afterAll(async () => {
  await Promise.all([tusServer.stop(), directServer.stop()]);
  await handle.drop();
  fs.rmSync(mediaRoot, { recursive: true, force: true });
});
beforeEach(() => {
  server.clock.now = new Date("2026-12-01T10:00:00+07:00");
});

// In production on local disk, server.mjs answers PATCHes itself (lib/uploads/local-patch.ts)
// and tus everything else; with S3 tus answers all. Both must behave the same.
describe.each([
  ["tus (@tus/server)", () => tusServer],
  ["the direct PATCH route", () => directServer],
])("uploads through %s", (_name, pick) => {
  beforeAll(() => {
    server = pick();
  });

  describe("resumable upload (tus 1.0)", () => {
    it("stores the owner's upload byte for byte and records it as received", async () => {
      const film = await newDraft();
      const bytes = crypto.randomBytes(1_200_000);
      const result = await upload(bytes, { cookie: cookieA, filmId: film.id });
      expect(result.ok).toBe(true);
      const [media] = await handle.db.select().from(filmMedia).where(eq(filmMedia.filmId, film.id));
      expect(media).toMatchObject({ status: "received", sizeBytes: bytes.length, originalName: "KIM Manteb - final.mp4", storageDriver: "local" });
      expect(sha(fs.readFileSync(path.join(mediaRoot, media.storageKey)))).toBe(sha(bytes));
      expect(server.completed).toContain(media.id);
    });

    it("resumes after the connection is cut, from where the server says it stopped", async () => {
      const film = await newDraft();
      const bytes = crypto.randomBytes(2_000_000);
      const first = await upload(bytes, { cookie: cookieA, filmId: film.id, abortAt: 700_000 });
      expect(first.ok).toBe(false);
      expect(first.url).toBeTruthy();
      const head = await fetch(new URL(first.url!, server.origin), ownerHead());
      const offset = Number(head.headers.get("upload-offset"));
      expect(offset).toBeGreaterThanOrEqual(700_000 - 256 * 1024);
      expect(offset).toBeLessThan(bytes.length);

      const second = await upload(bytes, { cookie: cookieA, filmId: film.id, uploadUrl: new URL(first.url!, server.origin).toString() });
      expect(second.ok).toBe(true);
      const [media] = await handle.db.select().from(filmMedia).where(eq(filmMedia.filmId, film.id));
      expect(sha(fs.readFileSync(path.join(mediaRoot, media.storageKey)))).toBe(sha(bytes));
    });

    it("lets no one else resume, inspect or write to an upload", async () => {
      const film = await newDraft();
      const bytes = crypto.randomBytes(1_000_000);
      const first = await upload(bytes, { cookie: cookieA, filmId: film.id, abortAt: 300_000 });
      const url = new URL(first.url!, server.origin).toString();
      for (const cookie of [cookieB, cookieJudge, ""]) {
        const head = await fetch(url, { method: "HEAD", headers: { cookie, "Tus-Resumable": "1.0.0" } });
        expect([401, 403, 404]).toContain(head.status);
        const patch = await fetch(url, {
          method: "PATCH",
          headers: { cookie, "Tus-Resumable": "1.0.0", "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream" },
          body: crypto.randomBytes(1000),
        });
        expect([401, 403, 404]).toContain(patch.status);
      }
      // The owner's bytes are untouched and the owner can still finish.
      expect((await upload(bytes, { cookie: cookieA, filmId: film.id, uploadUrl: url })).ok).toBe(true);
      const [media] = await handle.db.select().from(filmMedia).where(eq(filmMedia.filmId, film.id));
      expect(sha(fs.readFileSync(path.join(mediaRoot, media.storageKey)))).toBe(sha(bytes));
    });

    it("refuses to start an upload for another KIM's film", async () => {
      const film = await newDraft();
      const result = await upload(crypto.randomBytes(10_000), { cookie: cookieB, filmId: film.id });
      expect(result).toMatchObject({ ok: false, status: 404 });
      expect(await handle.db.select().from(filmMedia).where(eq(filmMedia.filmId, film.id))).toEqual([]);
    });

    it("refuses, from the first request, a file larger than the edition allows, with the sizes in the message", async () => {
      const film = await newDraft();
      const result = await upload(crypto.randomBytes(MAX + 1), { cookie: cookieA, filmId: film.id });
      expect(result).toMatchObject({ ok: false, status: 413 });
      expect((result as { body: string }).body).toBe("Ukuran berkas 3,1 MB melebihi batas 3 MB. Kompres atau ekspor ulang filmnya.");
      expect(await handle.db.select().from(filmMedia).where(eq(filmMedia.filmId, film.id))).toEqual([]);
    });

    it("never accepts more bytes than the upload declared", async () => {
      const film = await newDraft();
      const url = await createUpload(film.id, 1000);
      const patch = await fetch(url, { method: "PATCH", headers: patchHeaders(0), body: crypto.randomBytes(5000) });
      expect(patch.status).toBeGreaterThanOrEqual(400);
      const head = await fetch(url, ownerHead());
      expect(Number(head.headers.get("upload-offset"))).toBeLessThanOrEqual(1000);
      const [media] = await handle.db.select().from(filmMedia).where(eq(filmMedia.filmId, film.id));
      expect(fs.statSync(path.join(mediaRoot, media.storageKey)).size).toBeLessThanOrEqual(1000);
    });

    it("refuses a chunk longer than what is left of the upload without writing any of it", async () => {
      const film = await newDraft();
      const url = await createUpload(film.id, 1000);
      const patch = await fetch(url, { method: "PATCH", headers: patchHeaders(0), body: crypto.randomBytes(1500) });
      expect(patch.status).toBe(413);
      const head = await fetch(url, ownerHead());
      expect(head.headers.get("upload-offset")).toBe("0");
    });

    it("lets a new request take an upload over from one that hangs, keeping the bytes that arrived", async () => {
      const film = await newDraft();
      const bytes = crypto.randomBytes(300_000);
      const url = await createUpload(film.id, bytes.length);
      // A phone sends part of a chunk, then loses its signal without closing the connection.
      const stalled = rawPatch(url, { "Content-Length": String(bytes.length) });
      stalled.on("error", () => {});
      stalled.write(bytes.subarray(0, 120_000));
      await new Promise((r) => setTimeout(r, 400));
      try {
        // tus-js-client asks where to resume; the hanging request gives way, its bytes kept.
        const resume = await fetch(url, ownerHead());
        expect(resume.status).toBe(200);
        expect(resume.headers.get("upload-offset")).toBe("120000");
        const rest = await fetch(url, { method: "PATCH", headers: patchHeaders(120_000), body: bytes.subarray(120_000) });
        expect(rest.status).toBe(204);
        expect(rest.headers.get("upload-offset")).toBe(String(bytes.length));
      } finally {
        stalled.destroy();
      }
      const [media] = await handle.db.select().from(filmMedia).where(eq(filmMedia.filmId, film.id));
      expect(media.status).toBe("received");
      expect(sha(fs.readFileSync(path.join(mediaRoot, media.storageKey)))).toBe(sha(bytes));
    });

    it("refuses an upload whose length is not declared up front", async () => {
      const film = await newDraft();
      const create = await fetch(server.endpoint, {
        method: "POST",
        headers: { cookie: cookieA, "Tus-Resumable": "1.0.0", "Upload-Defer-Length": "1", "Upload-Metadata": `filmId ${Buffer.from(film.id).toString("base64")}` },
      });
      expect(create.status).toBe(400);
    });
  });

  describe("deadline (WIB, on the server)", () => {
    it("starts no new upload after the close", async () => {
      const film = await newDraft();
      server.clock.now = new Date("2027-01-01T00:00:00+07:00");
      const result = await upload(crypto.randomBytes(10_000), { cookie: cookieA, filmId: film.id });
      expect(result).toMatchObject({ ok: false, status: 403 });
      expect((result as { body: string }).body).toBe("Pendaftaran film sudah ditutup 31 Desember 2026 pukul 23.59 WIB.");
    });

    it("lets an upload started before the close finish within the grace period, and not after", async () => {
      const bytes = crypto.randomBytes(900_000);
      const inGrace = await newDraft();
      server.clock.now = new Date("2026-12-31T23:50:00+07:00");
      const started = await upload(bytes, { cookie: cookieA, filmId: inGrace.id, abortAt: 300_000 });
      server.clock.now = new Date("2027-01-01T00:30:00+07:00");
      expect((await upload(bytes, { cookie: cookieA, filmId: inGrace.id, uploadUrl: new URL(started.url!, server.origin).toString() })).ok).toBe(true);

      const late = await newDraft();
      server.clock.now = new Date("2026-12-31T23:55:00+07:00");
      const startedLate = await upload(bytes, { cookie: cookieA, filmId: late.id, abortAt: 300_000 });
      server.clock.now = new Date("2027-01-01T01:00:00+07:00");
      const refused = await upload(bytes, { cookie: cookieA, filmId: late.id, uploadUrl: new URL(startedLate.url!, server.origin).toString() });
      expect(refused).toMatchObject({ ok: false, status: 403 });
      expect((refused as { body: string }).body).toContain("Batas waktu menyelesaikan unggahan sudah lewat");
    });

    it("answers a refusal in the language the reader chose", async () => {
      const english = `${cookieA}; NEXT_LOCALE=en`;
      const tooLarge = await upload(crypto.randomBytes(MAX + 1), { cookie: english, filmId: (await newDraft()).id });
      expect(tooLarge).toMatchObject({ ok: false, status: 413 });
      expect((tooLarge as { body: string }).body).toBe("The file is 3.1 MB, over the 3 MB limit. Compress or re-export the film.");

      // A PATCH after the grace period (on local disk the direct route answers it in production).
      server.clock.now = new Date("2026-12-31T23:55:00+07:00");
      const url = await createUpload((await newDraft()).id, 1000);
      server.clock.now = new Date("2027-01-01T01:00:00+07:00");
      const late = await fetch(url, { method: "PATCH", headers: { ...patchHeaders(0), cookie: english }, body: crypto.randomBytes(1000) });
      expect(late.status).toBe(403);
      expect(await late.text()).toMatch(/^The deadline for finishing uploads has passed \(1 January 2027 at 00:59 WIB\)\.$/);
      const indonesian = await fetch(url, { method: "PATCH", headers: patchHeaders(0), body: crypto.randomBytes(1000) });
      expect(await indonesian.text()).toMatch(/^Batas waktu menyelesaikan unggahan sudah lewat/);
    });

    it("keeps the draft's other fields whatever happens to the upload", async () => {
      const film = await newDraft("Judul Tetap");
      server.clock.now = new Date("2027-02-01T00:00:00+07:00");
      await upload(crypto.randomBytes(10_000), { cookie: cookieA, filmId: film.id });
      const [after] = await handle.db.select().from(films).where(eq(films.id, film.id));
      expect(after).toMatchObject({ title: "Judul Tetap", synopsis: "Sinopsis tetap utuh setelah unggahan ditolak.", status: "draf" });
    });
  });
});

describe("the direct PATCH route only", () => {
  it("records an upload as finished when its last byte arrives, even if the client sends more after it", async () => {
    server = directServer;
    server.clock.now = new Date("2026-12-01T10:00:00+07:00");
    const film = await newDraft();
    const bytes = crypto.randomBytes(1000);
    const url = await createUpload(film.id, bytes.length);
    // A chunked body (no Content-Length to refuse up front): the declared 1000 bytes, then 500 more.
    const socket = rawPatch(url, { "Transfer-Encoding": "chunked" });
    const reply = new Promise<string>((resolve) => {
      let text = "";
      socket.on("data", (c: Buffer) => (text += c.toString("latin1")));
      socket.on("close", () => resolve(text));
      socket.on("error", () => resolve(text));
    });
    socket.write(`${bytes.length.toString(16)}\r\n`);
    socket.write(Buffer.concat([bytes, Buffer.from("\r\n")]));
    await new Promise((r) => setTimeout(r, 200));
    socket.write(`1f4\r\n${"x".repeat(500)}\r\n0\r\n\r\n`);
    expect((await reply).split("\r\n")[0]).toBe("HTTP/1.1 413 Payload Too Large");
    const [media] = await handle.db.select().from(filmMedia).where(eq(filmMedia.filmId, film.id));
    expect(media.status).toBe("received");
    expect(sha(fs.readFileSync(path.join(mediaRoot, media.storageKey)))).toBe(sha(bytes));
  });
});
