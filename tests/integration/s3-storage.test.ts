import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import * as tus from "tus-js-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { filmMedia, films, judgeAssignments, judgingRounds } from "@/lib/db/schema";
import { serveFilmMedia } from "@/lib/films/serve-film-media";
import { createEdition, createFilm, createKim, createUser } from "@/lib/seed/factories";
import { setStorage } from "@/lib/storage";
import { S3Storage } from "@/lib/storage/s3";
import { processVideoUpload } from "@/lib/uploads/process-video";
import { makeVideoFixtures, type VideoFixtures } from "../fixtures/make-fixtures";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";
import { startS3 } from "../setup/s3";
import { sessionCookie, startUploadServer } from "../setup/upload-server";

// The same upload and playback paths as on local disk, against a real S3 protocol
// server (s3rver) on loopback.
let handle: Awaited<ReturnType<typeof createTestDatabase>>;
let server: Awaited<ReturnType<typeof startUploadServer>>;
let s3: Awaited<ReturnType<typeof startS3>>;
let storage: S3Storage;
let fixtures: VideoFixtures;
let owner: string, otherKim: string, judge: string;
let editionId: string, kimId: string, judgeId: string;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "layar-s3-"));
const sha = (bytes: Buffer) => crypto.createHash("sha256").update(bytes).digest("hex");

function upload(bytes: Buffer, filmId: string, opts: { uploadUrl?: string; abortAt?: number } = {}): Promise<{ ok: boolean; url?: string }> {
  return new Promise((resolve) => {
    const u: tus.Upload = new tus.Upload(bytes, {
      endpoint: server.endpoint,
      uploadUrl: opts.uploadUrl,
      headers: { cookie: owner },
      chunkSize: 5 * 1024 * 1024,
      retryDelays: [],
      metadata: { filmId, filename: "film.mp4", filetype: "video/mp4" },
      onProgress(sent) {
        if (opts.abortAt !== undefined && sent >= opts.abortAt) void u.abort().then(() => resolve({ ok: false, url: u.url ?? undefined }));
      },
      onSuccess: () => resolve({ ok: true, url: u.url ?? undefined }),
      onError: () => resolve({ ok: false, url: u.url ?? undefined }),
    });
    u.start();
  });
}

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  fixtures = await makeVideoFixtures(path.join(work, "fixtures"));
  s3 = await startS3(path.join(work, "s3"));
  storage = new S3Storage({
    bucket: "layar",
    expiryMs: 48 * 3_600_000,
    clientConfig: { region: "us-east-1", endpoint: s3.endpoint, forcePathStyle: true, credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } },
  });
  setStorage(storage);
  const kim = await createKim(handle.db, { name: "KIM Manteb", districtCode: "33.13.08" });
  const other = await createKim(handle.db, { name: "KIM Lain", districtCode: "33.12.01" });
  kimId = kim.id;
  const now = Date.now();
  editionId = (await createEdition(handle.db, { title: "Festival S3", regionCode: "33.13", status: "pendaftaran", submissionOpensAt: new Date(now - 86_400_000), submissionClosesAt: new Date(now + 86_400_000) })).id;
  owner = await sessionCookie((await createUser(handle.db, { email: "kim@layar.test", role: "kim", kimId: kim.id, regionCode: "33.13" })).id);
  otherKim = await sessionCookie((await createUser(handle.db, { email: "lain@layar.test", role: "kim", kimId: other.id, regionCode: "33.12" })).id);
  const judgeUser = await createUser(handle.db, { email: "juri@layar.test", role: "judge", regionCode: "33.72" });
  judgeId = judgeUser.id;
  judge = await sessionCookie(judgeUser.id);
  server = await startUploadServer(handle.db, storage);
}, 120_000);
afterAll(async () => {
  setStorage(undefined);
  await server.stop();
  await s3.stop();
  await handle.drop();
  fs.rmSync(work, { recursive: true, force: true });
});

describe("S3 driver", () => {
  it("resumes a multipart upload after an abort and stores it byte for byte", async () => {
    const film = await createFilm(handle.db, { editionId, kimId, code: "S3-RESUME", title: "Besar" });
    const bytes = crypto.randomBytes(12 * 1024 * 1024);
    const first = await upload(bytes, film.id, { abortAt: 5 * 1024 * 1024 });
    expect(first.ok).toBe(false);
    const second = await upload(bytes, film.id, { uploadUrl: new URL(first.url!, server.origin).toString() });
    expect(second.ok).toBe(true);
    const [media] = await handle.db.select().from(filmMedia).where(eq(filmMedia.filmId, film.id));
    expect(media).toMatchObject({ storageDriver: "s3", status: "received", sizeBytes: bytes.length });
    const stored = Buffer.concat(await (await storage.read(media.storageKey)).toArray());
    expect(sha(stored)).toBe(sha(bytes));
  });

  it("checks a finished upload, keeps the judges' copy in the bucket, and plays through a presigned URL with Range", async () => {
    // In Bahasa Indonesia: the default rules ask no subtitle of it, so the accepted video completes the entry.
    const film = await createFilm(handle.db, { editionId, kimId, code: "S3-PLAY", title: "Putar", language: "Bahasa Indonesia" });
    const original = fs.readFileSync(fixtures.ok);
    expect((await upload(original, film.id)).ok).toBe(true);
    const [media] = await handle.db.select().from(filmMedia).where(eq(filmMedia.filmId, film.id));
    expect(await processVideoUpload(handle.db, storage, media.id)).toBe("ok");
    const [after] = await handle.db.select().from(films).where(eq(films.id, film.id));
    expect(after.status).toBe("diunggah");

    const res = await serveFilmMedia(new Request(`http://layar.test/api/films/${film.id}/video`, { headers: { cookie: owner } }), film.id, "video");
    expect(res.status).toBe(302);
    const signed = res.headers.get("location")!;
    expect(signed).toMatch(/X-Amz-Signature=/);
    const ranged = await fetch(signed, { headers: { range: "bytes=100-199" } });
    expect(ranged.status).toBe(206);
    expect(Buffer.from(await ranged.arrayBuffer()).equals(original.subarray(100, 200))).toBe(true);

    // The judge's redirect points at the stripped copy, not the original.
    const [round] = await handle.db.insert(judgingRounds).values({ editionId, kind: "penilaian" }).returning();
    await handle.db.insert(judgeAssignments).values({ roundId: round.id, filmId: film.id, judgeId });
    const judged = await serveFilmMedia(new Request(`http://layar.test/api/films/${film.id}/video`, { headers: { cookie: judge } }), film.id, "video");
    const [copy] = await handle.db.select().from(filmMedia).where(and(eq(filmMedia.filmId, film.id), eq(filmMedia.kind, "judge_video")));
    expect(judged.headers.get("location")).toContain(encodeURIComponent(copy.storageKey).replace(/%2F/g, "/"));
    const copyBytes = Buffer.from(await (await fetch(judged.headers.get("location")!)).arrayBuffer());
    expect(copyBytes.toString("latin1")).not.toContain("KIM Manteb");
  });

  it("gives no presigned URL to someone who may not watch", async () => {
    const [film] = await handle.db.select().from(films).where(eq(films.code, "S3-PLAY"));
    const res = await serveFilmMedia(new Request(`http://layar.test/api/films/${film.id}/video`, { headers: { cookie: otherKim } }), film.id, "video");
    expect(res.status).toBe(404);
    expect(res.headers.get("location")).toBeNull();
  });
});
