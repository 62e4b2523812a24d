import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, editions, filmMedia, films, users } from "@/lib/db/schema";
import { serveMedia } from "@/lib/http/serve-media";
import { createEdition, createFilm, createKim, createUser } from "@/lib/seed/factories";
import { defaultRules } from "@/lib/editions/defaults";
import { setStorage } from "@/lib/storage";
import { UploadThingStorage, uploadThingCustomId } from "@/lib/storage/uploadthing";
import { stopBoss } from "@/lib/jobs/boss";
import { startJobWorkers, type JobWorkers } from "@/lib/jobs/worker";
import { enqueueVideoCheck } from "@/lib/uploads/check-queue";
import { createUploadThingHandler, filmVideoSlug } from "@/lib/uploads/uploadthing-router";
import { makeVideoFixtures } from "../fixtures/make-fixtures";
import { createTestDatabase } from "../setup/database";
import { checksSettled } from "../setup/jobs";
import { createTestRegions } from "../setup/regions";
import { sessionCookie } from "../setup/upload-server";

// The real uploadthing server code (route handler, middleware, signature check,
// UTApi) against UploadThing's cloud mocked with msw: its ingest server (route
// metadata, file PUTs, callback results, and the signed completion callback it
// sends to our route), its file host (*.ufs.sh, signed URLs, Range) and its API
// (deleteFiles). We cannot reach UploadThing from here; this mock follows the
// protocol the uploadthing 7 package speaks.

const APP_ID = "layartestapp";
const API_KEY = `sk_test_${crypto.randomBytes(16).toString("hex")}`;
const TOKEN = Buffer.from(JSON.stringify({ apiKey: API_KEY, appId: APP_ID, regions: ["sea1"] })).toString("base64");
const INGEST = "https://sea1.ingest.uploadthing.com";
const FILES = `https://${APP_ID}.ufs.sh`;
const ROUTE = "http://layar.test/api/uploadthing";

const sign = (payload: string, key = API_KEY) => `hmac-sha256=${crypto.createHmac("sha256", key).update(payload).digest("hex")}`;
/** UploadThing signs a URL by appending `signature` over everything before it. */
function signatureValid(url: string): boolean {
  const at = url.indexOf("&signature=");
  if (at < 0) return false;
  const expected = sign(url.slice(0, at));
  const given = decodeURIComponent(url.slice(at + "&signature=".length));
  return given.length === expected.length && crypto.timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

type Registration = { fileKeys: string[]; metadata: Record<string, unknown>; callbackUrl: string; callbackSlug: string };
const cloud = {
  registrations: [] as Registration[],
  objects: new Map<string, { bytes: Buffer; type: string; key: string }>(), // by customId and by key
  callbackResults: [] as { fileKey: string; apiKey: string | null }[],
  deleted: [] as string[],
  callbackStatus: [] as number[],
};

let handler: ReturnType<typeof createUploadThingHandler>;

const mock = setupServer(
  http.post(`${INGEST}/route-metadata`, async ({ request }) => {
    if (request.headers.get("x-uploadthing-api-key") !== API_KEY) return HttpResponse.json({ error: "bad key" }, { status: 401 });
    cloud.registrations.push((await request.json()) as Registration);
    return HttpResponse.json({ ok: true });
  }),
  http.post(`${INGEST}/callback-result`, async ({ request }) => {
    const body = (await request.json()) as { fileKey: string };
    cloud.callbackResults.push({ fileKey: body.fileKey, apiKey: request.headers.get("x-uploadthing-api-key") });
    return HttpResponse.json({ ok: true });
  }),
  http.head(`${INGEST}/:key`, ({ params }) => new HttpResponse(null, { headers: { "x-ut-range-start": String(cloud.objects.get(String(params.key))?.bytes.length ?? 0) } })),
  // The ingest server: a presigned PUT of multipart form data; then, for files a
  // file route registered, UploadThing's signed callback to the app.
  http.put(`${INGEST}/:key`, async ({ request, params }) => {
    if (!signatureValid(request.url)) return HttpResponse.json({ error: "Invalid signature" }, { status: 403 });
    const url = new URL(request.url);
    const key = String(params.key);
    const customId = url.searchParams.get("x-ut-custom-id");
    const file = (await request.formData()).get("file") as File;
    const bytes = Buffer.from(await file.arrayBuffer());
    const type = decodeURIComponent(url.searchParams.get("x-ut-file-type") ?? "application/octet-stream");
    const stored = { bytes, type, key };
    cloud.objects.set(key, stored);
    if (customId) cloud.objects.set(decodeURIComponent(customId), stored);
    const uploaded = {
      name: decodeURIComponent(url.searchParams.get("x-ut-file-name") ?? "file"),
      size: bytes.length,
      type,
      customId: customId ? decodeURIComponent(customId) : null,
      key,
      url: `https://utfs.io/f/${key}`,
      appUrl: `https://utfs.io/a/${APP_ID}/${key}`,
      ufsUrl: `${FILES}/f/${key}`,
      fileHash: crypto.createHash("md5").update(bytes).digest("hex"),
      lastModified: Date.now(),
    };
    const registration = cloud.registrations.find((r) => r.fileKeys.includes(key));
    if (registration) {
      const payload = JSON.stringify({ status: "uploaded", file: uploaded, origin: INGEST, metadata: registration.metadata });
      // The callback goes to the registered URL with the route's slug added, as UploadThing does.
      const response = await deliverCallback(`${registration.callbackUrl}?slug=${registration.callbackSlug}`, payload, sign(payload));
      cloud.callbackStatus.push(response.status);
    }
    return HttpResponse.json({ url: uploaded.url, appUrl: uploaded.appUrl, ufsUrl: uploaded.ufsUrl, fileHash: uploaded.fileHash, serverData: null });
  }),
  // The file host: signed URLs only, with Range.
  http.all(`${FILES}/f/:id`, ({ request, params }) => {
    if (!signatureValid(request.url)) return new HttpResponse("forbidden", { status: 403 });
    const object = cloud.objects.get(String(params.id));
    if (!object) return new HttpResponse("not found", { status: 404 });
    const headers = { "Content-Type": object.type, "Accept-Ranges": "bytes" };
    const match = /^bytes=(\d+)-(\d+)$/.exec(request.headers.get("range") ?? "");
    if (match) {
      const [start, end] = [Number(match[1]), Math.min(Number(match[2]), object.bytes.length - 1)];
      const part = object.bytes.subarray(start, end + 1);
      return new HttpResponse(request.method === "HEAD" ? null : part, {
        status: 206,
        headers: { ...headers, "Content-Range": `bytes ${start}-${end}/${object.bytes.length}`, "Content-Length": String(part.length) },
      });
    }
    return new HttpResponse(request.method === "HEAD" ? null : object.bytes, { headers: { ...headers, "Content-Length": String(object.bytes.length) } });
  }),
  http.post("https://api.uploadthing.com/v6/deleteFiles", async ({ request }) => {
    if (request.headers.get("x-uploadthing-api-key") !== API_KEY) return HttpResponse.json({ error: "bad key" }, { status: 401 });
    const { customIds = [] } = (await request.json()) as { customIds?: string[] };
    for (const id of customIds) {
      cloud.deleted.push(id);
      cloud.objects.delete(id);
    }
    return HttpResponse.json({ success: true, deletedCount: customIds.length });
  }),
);

/** UploadThing's POST to the app's callback URL, as its servers send it. */
function deliverCallback(callbackUrl: string, payload: string, signature: string) {
  return handler.POST(
    new Request(callbackUrl, {
      method: "POST",
      headers: { "content-type": "application/json", "uploadthing-hook": "callback", "x-uploadthing-signature": signature },
      body: payload,
    }),
  );
}

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
let storage: UploadThingStorage;
let fixtureDir: string;
let video: Buffer;
let cookieA: string, cookieB: string;
let editionId: string, kimA: string;
const clock = { now: new Date() };
const completed: string[] = [];
const checks: Promise<unknown>[] = [];
let workers: JobWorkers;
const opens = new Date("2026-11-01T00:00:00+07:00");
const closes = new Date("2026-12-31T23:59:00+07:00");
const MAX = 20 * 1024 * 1024;

/** What uploadthing's browser client sends first: the files' names, sizes and types, and the route input. */
function requestUpload(opts: { cookie?: string; filmId: string; size: number; type?: string; name?: string }) {
  return handler.POST(
    new Request(`${ROUTE}?actionType=upload&slug=${filmVideoSlug}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-uploadthing-package": "uploadthing/client",
        ...(opts.cookie ? { cookie: opts.cookie } : {}),
      },
      body: JSON.stringify({
        input: { filmId: opts.filmId },
        files: [{ name: opts.name ?? "KIM Manteb - final.mp4", size: opts.size, type: opts.type ?? "video/mp4", lastModified: Date.now() }],
      }),
    }),
  );
}

/** Then the browser's PUT of the file to the presigned URL (after a HEAD asking where to resume). */
async function putFile(url: string, bytes: Buffer) {
  const head = await fetch(url, { method: "HEAD" });
  expect(head.headers.get("x-ut-range-start")).toBe("0");
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(bytes)], { type: "video/mp4" }), "KIM Manteb - final.mp4");
  return fetch(url, { method: "PUT", body: form, headers: { Range: "bytes=0-" } });
}

async function newDraft() {
  return createFilm(handle.db, { editionId, kimId: kimA, code: `U-${crypto.randomUUID().slice(0, 6)}`, title: "Draf UploadThing", synopsis: "Sinopsis.", language: "Bahasa Indonesia" });
}

const mediaOf = (filmId: string) => handle.db.select().from(filmMedia).where(eq(filmMedia.filmId, filmId));

beforeAll(async () => {
  mock.listen({ onUnhandledRequest: "error" });
  fixtureDir = fs.mkdtempSync(path.join(os.tmpdir(), "layar-ut-fixtures-"));
  const fixtures = makeVideoFixtures(fixtureDir);
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  const a = await createKim(handle.db, { name: "KIM A", districtCode: "33.13.08" });
  const b = await createKim(handle.db, { name: "KIM B", districtCode: "33.12.01" });
  kimA = a.id;
  const userA = await createUser(handle.db, { email: "a@layar.test", role: "kim", kimId: a.id, regionCode: "33.13" });
  const userB = await createUser(handle.db, { email: "b@layar.test", role: "kim", kimId: b.id, regionCode: "33.12" });
  editionId = (
    await createEdition(handle.db, {
      title: "Festival Uji UploadThing",
      regionCode: "33",
      status: "pendaftaran",
      submissionOpensAt: opens,
      submissionClosesAt: closes,
      rules: { ...defaultRules, maxFileBytes: MAX, uploadGraceMinutes: 60 },
    })
  ).id;
  storage = new UploadThingStorage({ token: TOKEN });
  setStorage(storage); // the check queue reads through getStorage(), as in production
  workers = await startJobWorkers({ concurrency: 1, handle, pollMs: 100 });
  handler = createUploadThingHandler({
    db: () => handle.db,
    storage,
    now: () => clock.now,
    onUploadComplete: (id) => {
      completed.push(id);
      checks.push(enqueueVideoCheck(id));
    },
    token: TOKEN,
    callbackUrl: ROUTE,
  });
  [cookieA, cookieB] = await Promise.all([sessionCookie(userA.id), sessionCookie(userB.id)]);
  video = fs.readFileSync((await fixtures).ok);
});
afterAll(async () => {
  await workers.stop();
  await stopBoss();
  mock.close();
  setStorage(undefined);
  await handle.drop();
  fs.rmSync(fixtureDir, { recursive: true, force: true });
});
beforeEach(() => {
  clock.now = new Date("2026-12-01T10:00:00+07:00");
  cloud.registrations.length = 0;
  cloud.callbackStatus.length = 0;
});
afterEach(() => mock.resetHandlers());

describe("UploadThing file route: who may start an upload (same check as tus)", () => {
  it("refuses a signed-out visitor", async () => {
    const film = await newDraft();
    const response = await requestUpload({ filmId: film.id, size: video.length });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ message: "Sesi Anda berakhir. Masuk lagi, lalu unggahan akan dilanjutkan." });
    expect(await mediaOf(film.id)).toEqual([]);
    expect(cloud.registrations).toEqual([]);
  });

  it("refuses another KIM's film as not found", async () => {
    const film = await newDraft();
    const response = await requestUpload({ cookie: cookieB, filmId: film.id, size: video.length });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ message: "Film tidak ditemukan." });
    expect(await mediaOf(film.id)).toEqual([]);
  });

  it("refuses a declared size above the edition's maximum, with the sizes", async () => {
    const film = await newDraft();
    const response = await requestUpload({ cookie: cookieA, filmId: film.id, size: MAX + 1 });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { message: string }).message).toMatch(/^Ukuran berkas .* melebihi batas 20 MB\./);
    expect(await mediaOf(film.id)).toEqual([]);
  });

  it("refuses a file that is not a video", async () => {
    const film = await newDraft();
    const response = await requestUpload({ cookie: cookieA, filmId: film.id, size: 1000, type: "application/pdf", name: "film.pdf" });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ message: "Berkas ini bukan video. Unggah berkas video MP4 atau MOV." });
    expect(await mediaOf(film.id)).toEqual([]);
  });

  it("answers a refusal in the language the reader chose", async () => {
    const film = await newDraft();
    const response = await requestUpload({ cookie: `${cookieA}; NEXT_LOCALE=en`, filmId: film.id, size: 1000, type: "application/pdf", name: "film.pdf" });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ message: "This file is not a video. Upload an MP4 or MOV video file." });
  });

  it("starts no upload after the close (WIB)", async () => {
    const film = await newDraft();
    clock.now = new Date(closes.getTime() + 1000);
    const response = await requestUpload({ cookie: cookieA, filmId: film.id, size: video.length });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { message: string }).message).toBe("Pendaftaran film sudah ditutup 31 Desember 2026 pukul 23.59 WIB.");
    expect(await mediaOf(film.id)).toEqual([]);
  });

  it("accepts the owner: a presigned URL, the media row as uploading, metadata registered with UploadThing", async () => {
    const film = await newDraft();
    const response = await requestUpload({ cookie: cookieA, filmId: film.id, size: video.length });
    expect(response.status).toBe(200);
    const [presigned] = (await response.json()) as { url: string; key: string; customId: string }[];
    expect(signatureValid(presigned.url)).toBe(true);
    const [media] = await mediaOf(film.id);
    expect(media).toMatchObject({ status: "uploading", storageDriver: "uploadthing", sizeBytes: video.length, originalName: "KIM Manteb - final.mp4" });
    expect(presigned.customId).toBe(uploadThingCustomId(media.storageKey));
    expect(new URL(presigned.url).searchParams.get("x-ut-file-name")).toBe("film"); // the KIM's file name stays with us
    expect(cloud.registrations).toEqual([
      expect.objectContaining({ fileKeys: [presigned.key], metadata: { uploadId: media.uploadId, filmId: film.id }, callbackUrl: ROUTE, callbackSlug: filmVideoSlug }),
    ]);
  });
});

describe("UploadThing completion callback", () => {
  it("records the finished upload as tus does, then the checks run on the stored object and playback reads it", async () => {
    const film = await newDraft();
    const [presigned] = (await (await requestUpload({ cookie: cookieA, filmId: film.id, size: video.length })).json()) as { url: string; key: string }[];
    const put = await putFile(presigned.url, video);
    expect(put.status).toBe(200);
    expect(cloud.callbackStatus).toEqual([200]);
    expect(cloud.callbackResults).toContainEqual({ fileKey: presigned.key, apiKey: API_KEY });

    const [received] = await mediaOf(film.id);
    expect(completed).toContain(received.id);
    await Promise.all(checks);
    await checksSettled(handle.db);

    const rows = await mediaOf(film.id);
    const original = rows.find((m) => m.kind === "video")!;
    const judgeCopy = rows.find((m) => m.kind === "judge_video")!;
    expect(original).toMatchObject({ status: "ok", isCurrent: true, sizeBytes: video.length, sha256: crypto.createHash("sha256").update(video).digest("hex") });
    expect(original.probe).toMatchObject({ container: "mp4", videoCodec: "h264", width: 1280, height: 720 });
    expect(judgeCopy).toMatchObject({ status: "ok", storageDriver: "uploadthing" });
    // The judges' copy went to UploadThing through UTApi, under the customId of its key.
    expect(cloud.objects.get(uploadThingCustomId(judgeCopy.storageKey))?.bytes.length).toBe(judgeCopy.sizeBytes);
    const [entry] = await handle.db.select().from(films).where(eq(films.id, film.id));
    expect(entry.status).toBe("diunggah");

    // Playback: ranged read through the storage interface, streamed from the file host.
    const ranged = await serveMedia(new Request("http://layar.test/api/films/x/video", { headers: { range: "bytes=100-1099" } }), storage, original, { cacheControl: "private" });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get("content-range")).toBe(`bytes 100-1099/${video.length}`);
    expect(Buffer.from(await ranged.arrayBuffer()).equals(video.subarray(100, 1100))).toBe(true);

    // A repeated callback changes nothing.
    const before = completed.length;
    const payload = JSON.stringify({
      status: "uploaded",
      file: { name: "film", size: video.length, type: "video/mp4", customId: null, key: presigned.key, url: "u", appUrl: "a", ufsUrl: "f", fileHash: "h" },
      origin: INGEST,
      metadata: { uploadId: original.uploadId, filmId: film.id },
    });
    expect((await deliverCallback(`${ROUTE}?slug=${filmVideoSlug}`, payload, sign(payload))).status).toBe(200);
    expect(completed.length).toBe(before);
  });

  it("refuses a callback with a bad signature and records nothing", async () => {
    const film = await newDraft();
    const [presigned] = (await (await requestUpload({ cookie: cookieA, filmId: film.id, size: video.length })).json()) as { key: string }[];
    const [media] = await mediaOf(film.id);
    const payload = JSON.stringify({
      status: "uploaded",
      file: { name: "film", size: video.length, type: "video/mp4", customId: null, key: presigned.key, url: "u", appUrl: "a", ufsUrl: "f", fileHash: "h" },
      origin: INGEST,
      metadata: { uploadId: media.uploadId, filmId: film.id },
    });
    const before = completed.length;
    for (const signature of [sign(payload, "sk_test_someone_else"), sign(`${payload} `), "hmac-sha256=00"]) {
      const response = await deliverCallback(`${ROUTE}?slug=${filmVideoSlug}`, payload, signature);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ message: "Invalid signature" });
    }
    const unsigned = await handler.POST(
      new Request(`${ROUTE}?slug=${filmVideoSlug}`, { method: "POST", headers: { "content-type": "application/json", "uploadthing-hook": "callback" }, body: payload }),
    );
    expect(unsigned.status).toBe(400);
    expect(completed.length).toBe(before);
    expect(await mediaOf(film.id)).toEqual([expect.objectContaining({ id: media.id, status: "uploading" })]);
  });

  it("refuses an upload that finished after the grace period and removes it from UploadThing", async () => {
    const film = await newDraft();
    clock.now = new Date(closes.getTime() - 60_000);
    const [presigned] = (await (await requestUpload({ cookie: cookieA, filmId: film.id, size: video.length })).json()) as { url: string }[];
    clock.now = new Date(closes.getTime() + 61 * 60_000);
    const before = completed.length;
    expect((await putFile(presigned.url, video)).status).toBe(200);
    const [media] = await mediaOf(film.id);
    expect(media).toMatchObject({ status: "rejected", problems: [expect.stringMatching(/^Batas waktu menyelesaikan unggahan sudah lewat/)] });
    expect(completed.length).toBe(before);
    expect(cloud.deleted).toContain(uploadThingCustomId(media.storageKey));
  });
});

describe("an organiser uploading for a KIM (a film delivered on a flash disk)", () => {
  it("starts after the close while the edition takes entries, is audited with the KIM named, and its completion is recorded", async () => {
    const organiser = await createUser(handle.db, { email: "jateng@layar.test", role: "organiser", regionCode: "33" });
    const cookie = await sessionCookie(organiser.id);
    const film = await newDraft();
    clock.now = new Date(closes.getTime() + 2 * 86_400_000);
    const response = await requestUpload({ cookie, filmId: film.id, size: video.length });
    expect(response.status).toBe(200);
    const [presigned] = (await response.json()) as { url: string; key: string }[];
    const [media] = await mediaOf(film.id);
    expect(cloud.registrations).toEqual([expect.objectContaining({ metadata: { uploadId: media.uploadId, filmId: film.id, byOrganiser: true } })]);
    const [audited] = await handle.db.select().from(auditLog).where(and(eq(auditLog.action, "film.video_upload"), eq(auditLog.entityId, film.id)));
    expect(audited).toMatchObject({ actorId: organiser.id, editionId, data: { kimId: kimA, kimName: "KIM A", onBehalfOfKim: true, uploadId: media.uploadId } });
    expect((await putFile(presigned.url, video)).status).toBe(200);
    expect((await mediaOf(film.id)).find((m) => m.id === media.id)?.status).not.toBe("rejected");
    expect(completed).toContain(media.id);
    await Promise.all(checks);
    await checksSettled(handle.db);
  });

  it("refuses an organiser of another region, and any organiser once judging began", async () => {
    const regency = await createUser(handle.db, { email: "kra@layar.test", role: "organiser", regionCode: "33.13" });
    const film = await newDraft();
    const refused = await requestUpload({ cookie: await sessionCookie(regency.id), filmId: film.id, size: video.length });
    expect(refused.status).toBe(404);
    const [province] = await handle.db.select().from(users).where(eq(users.email, "jateng@layar.test"));
    await handle.db.update(editions).set({ status: "penjurian" }).where(eq(editions.id, editionId));
    try {
      const late = await requestUpload({ cookie: await sessionCookie(province.id), filmId: film.id, size: video.length });
      expect(late.status).toBe(403);
      expect(((await late.json()) as { message: string }).message).toBe("Panitia hanya bisa menambah atau mengubah film KIM selama festival berstatus pendaftaran.");
    } finally {
      await handle.db.update(editions).set({ status: "pendaftaran" }).where(eq(editions.id, editionId));
    }
    expect(await mediaOf(film.id)).toEqual([]);
  });
});
