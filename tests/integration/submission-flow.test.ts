import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import * as tus from "tus-js-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { editions, filmMedia, films, judgeAssignments, judgingRounds, placements } from "@/lib/db/schema";
import { serveFilmMedia } from "@/lib/films/serve-film-media";
import { defaultRules } from "@/lib/editions/defaults";
import { createEdition, createFilm, createKim, createUser } from "@/lib/seed/factories";
import { setStorage } from "@/lib/storage";
import { LocalStorage } from "@/lib/storage/local";
import { processVideoUpload } from "@/lib/uploads/process-video";
import { makeVideoFixtures, type VideoFixtures } from "../fixtures/make-fixtures";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";
import { sessionCookie, startUploadServer } from "../setup/upload-server";

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
let server: Awaited<ReturnType<typeof startUploadServer>>;
let storage: LocalStorage;
let fixtures: VideoFixtures;
let cookies: Record<"owner" | "otherKim" | "judge" | "assignedJudge" | "organiser" | "otherOrganiser", string>;
let editionId: string, kimId: string, roundId: string, assignedJudgeId: string;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "layar-flow-"));
const mediaRoot = path.join(work, "media");
const sha = (bytes: Buffer) => crypto.createHash("sha256").update(bytes).digest("hex");

function upload(file: string, filmId: string): Promise<void> {
  return new Promise((resolve, reject) => {
    new tus.Upload(fs.readFileSync(file), {
      endpoint: server.endpoint,
      headers: { cookie: cookies.owner },
      chunkSize: 512 * 1024,
      metadata: { filmId, filename: path.basename(file), filetype: "video/mp4" },
      onSuccess: () => resolve(),
      onError: reject,
    }).start();
  });
}

/** Uploads a fixture to a fresh draft and runs the checks the queue would run. */
async function submit(file: string, title = "Film Uji") {
  const film = await createFilm(handle.db, { editionId, kimId, code: `K26-${crypto.randomBytes(3).toString("hex").toUpperCase()}`, title, synopsis: "Sinopsis yang harus tetap utuh.", language: "Bahasa Jawa" });
  await upload(file, film.id);
  const [media] = await handle.db.select().from(filmMedia).where(eq(filmMedia.filmId, film.id));
  const outcome = await processVideoUpload(handle.db, storage, media.id);
  const [after] = await handle.db.select().from(films).where(eq(films.id, film.id));
  const [checked] = await handle.db.select().from(filmMedia).where(eq(filmMedia.id, media.id));
  return { film: after, media: checked, outcome };
}

type Kind = "video" | "poster" | "subtitle";
/**
 * The media routes are answered two ways: by the route handler (next dev, and S3) and, in
 * production, by server.mjs's direct route before Next (lib/server/direct-routes.ts).
 * The GET tests run against both.
 */
const transports = {
  "the route handler": (filmId: string, kind: Kind, query: string, headers: Record<string, string>) =>
    serveFilmMedia(new Request(`http://layar.test/api/films/${filmId}/${kind}${query}`, { headers }), filmId, kind),
  "server.mjs's direct route": (filmId: string, kind: Kind, query: string, headers: Record<string, string>) =>
    fetch(`${server.origin}/api/films/${filmId}/${kind === "subtitle" ? "subtitles" : kind}${query}`, { headers }),
};
let transport: keyof typeof transports = "the route handler";

const get = (filmId: string, who: keyof typeof cookies | "public", headers: Record<string, string> = {}, kind: Kind = "video", query = "") =>
  transports[transport](filmId, kind, query, { ...(who === "public" ? {} : { cookie: cookies[who] }), ...headers });

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  fixtures = await makeVideoFixtures(path.join(work, "fixtures"));
  const kim = await createKim(handle.db, { name: "KIM Manteb", districtCode: "33.13.08" });
  const other = await createKim(handle.db, { name: "KIM Lain", districtCode: "33.12.01" });
  kimId = kim.id;
  const now = Date.now();
  const edition = await createEdition(handle.db, {
    title: "Festival Karanganyar Uji",
    regionCode: "33.13",
    status: "pendaftaran",
    submissionOpensAt: new Date(now - 86_400_000),
    submissionClosesAt: new Date(now + 86_400_000),
    // Subtitles required by the rules are tested in entries-subtitles.test.ts; here an accepted video completes the entry.
    rules: { ...defaultRules, subtitles: "opsional" },
  });
  editionId = edition.id;
  roundId = (await handle.db.insert(judgingRounds).values({ editionId, kind: "penilaian" }).returning())[0].id;
  const owner = await createUser(handle.db, { email: "kim@layar.test", role: "kim", kimId: kim.id, regionCode: "33.13" });
  const otherKim = await createUser(handle.db, { email: "lain@layar.test", role: "kim", kimId: other.id, regionCode: "33.12" });
  const judge = await createUser(handle.db, { email: "juri@layar.test", role: "judge", regionCode: "33.72" });
  const assignedJudge = await createUser(handle.db, { email: "juri2@layar.test", role: "judge", regionCode: "33.12" });
  assignedJudgeId = assignedJudge.id;
  const organiser = await createUser(handle.db, { email: "kra@layar.test", role: "organiser", regionCode: "33.13" });
  const otherOrganiser = await createUser(handle.db, { email: "wng@layar.test", role: "organiser", regionCode: "33.12" });
  cookies = {
    owner: await sessionCookie(owner.id),
    otherKim: await sessionCookie(otherKim.id),
    judge: await sessionCookie(judge.id),
    assignedJudge: await sessionCookie(assignedJudge.id),
    organiser: await sessionCookie(organiser.id),
    otherOrganiser: await sessionCookie(otherOrganiser.id),
  };
  storage = new LocalStorage(mediaRoot, 48 * 3_600_000);
  setStorage(storage);
  server = await startUploadServer(handle.db, storage, { direct: true });
}, 120_000);
afterAll(async () => {
  setStorage(undefined);
  await server.stop();
  await handle.drop();
  fs.rmSync(work, { recursive: true, force: true });
});

describe("checks when an upload finishes", () => {
  let accepted: Awaited<ReturnType<typeof submit>>;

  beforeAll(async () => {
    accepted = await submit(fixtures.ok, "Nular");
  });

  it("accepts a valid film, records its facts, and keeps the original byte for byte", async () => {
    expect(accepted.outcome).toBe("ok");
    expect(accepted.media).toMatchObject({ status: "ok", isCurrent: true, problems: [], probe: { container: "mp4", videoCodec: "h264", width: 1280, height: 720 } });
    expect(accepted.media.probe!.durationSeconds).toBeCloseTo(2, 0);
    expect(accepted.media.sha256).toBe(sha(fs.readFileSync(fixtures.ok)));
    expect(accepted.film).toMatchObject({ status: "diunggah", statusReason: null });
  });

  it("makes a judges' copy without the title, artist and comment tags", async () => {
    const [copy] = await handle.db.select().from(filmMedia).where(and(eq(filmMedia.filmId, accepted.film.id), eq(filmMedia.kind, "judge_video")));
    const bytes = fs.readFileSync(path.join(mediaRoot, copy.storageKey)).toString("latin1");
    expect(fs.readFileSync(fixtures.ok).toString("latin1")).toContain("KIM Manteb");
    expect(bytes).not.toContain("KIM Manteb");
    expect(bytes).not.toContain("Desa Dagen");
    expect(copy.storageKey).not.toMatch(/manteb|kim/i);
  });

  it.each([
    ["png", "Berkas ini bukan video (terdeteksi: gambar PNG). Unggah berkas video MP4 atau MOV."],
    ["pdf", "Berkas ini bukan video (terdeteksi: dokumen PDF). Unggah berkas video MP4 atau MOV."],
    ["exe", "Berkas ini bukan video (terdeteksi: program Windows (.exe)). Unggah berkas video MP4 atau MOV."],
    ["truncated", "Berkas video rusak atau tidak lengkap (mungkin unggahan terputus). Unggah ulang berkas aslinya."],
    ["audio", "Berkas ini hanya berisi audio, tidak ada gambar video."],
    ["small", "Resolusi film 640×360 (360p), kurang dari minimal 720p. Ekspor ulang minimal 1280×720."],
    ["long", "Durasi film 6 menit 12 detik, melebihi batas 5 menit."],
  ] as const)("rejects %s with a precise message and leaves the draft intact", async (fixture, message) => {
    const result = await submit(fixtures[fixture], `Draf ${fixture}`);
    expect(result.outcome).toBe("rejected");
    expect(result.media.status).toBe("rejected");
    expect(result.media.problems).toContain(message);
    expect(result.film).toMatchObject({ status: "ditolak_sistem", title: `Draf ${fixture}`, synopsis: "Sinopsis yang harus tetap utuh.", language: "Bahasa Jawa" });
    expect(result.film.statusReason).toContain(message);
    const judgeCopies = await handle.db.select().from(filmMedia).where(and(eq(filmMedia.filmId, result.film.id), eq(filmMedia.kind, "judge_video")));
    expect(judgeCopies).toEqual([]);
  });

  it("keeps an accepted video when a later upload is rejected, and lets the KIM upload again", async () => {
    const film = accepted.film;
    await upload(fixtures.png, film.id);
    const [attempt] = await handle.db.select().from(filmMedia).where(and(eq(filmMedia.filmId, film.id), eq(filmMedia.status, "received")));
    expect(await processVideoUpload(handle.db, storage, attempt.id)).toBe("rejected");
    const [after] = await handle.db.select().from(films).where(eq(films.id, film.id));
    expect(after.status).toBe("diunggah");
    const current = await handle.db.select().from(filmMedia).where(and(eq(filmMedia.filmId, film.id), eq(filmMedia.kind, "video"), eq(filmMedia.isCurrent, true)));
    expect(current.map((m) => m.id)).toEqual([accepted.media.id]);
  });

  it("checks each finished upload once, even if asked twice", async () => {
    expect(await processVideoUpload(handle.db, storage, accepted.media.id)).toBe("skipped");
  });
});

describe.each(Object.keys(transports) as (keyof typeof transports)[])("GET /api/films/{id}/video through %s", (name) => {
  let filmId: string;
  let original: Buffer;

  beforeAll(async () => {
    transport = name;
    const result = await submit(fixtures.ok, "Krasa");
    filmId = result.film.id;
    original = fs.readFileSync(fixtures.ok);
  });

  it("serves the whole video to its KIM with the right type", async () => {
    const res = await get(filmId, "owner");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("video/mp4");
    expect(res.headers.get("accept-ranges")).toBe("bytes");
    expect(Number(res.headers.get("content-length"))).toBe(original.length);
    expect(sha(Buffer.from(await res.arrayBuffer()))).toBe(sha(original));
  });

  it.each([
    ["bytes=0-99", 0, 99],
    ["bytes=1000-", 1000, -1],
    ["bytes=-500", -500, -1],
    ["bytes=100-100", 100, 100],
  ])("answers %s with 206 and exactly those bytes", async (range, start, end) => {
    const res = await get(filmId, "owner", { range });
    expect(res.status).toBe(206);
    const from = start < 0 ? original.length + start : start;
    const to = end < 0 ? original.length - 1 : end;
    expect(res.headers.get("content-range")).toBe(`bytes ${from}-${to}/${original.length}`);
    expect(Buffer.from(await res.arrayBuffer()).equals(original.subarray(from, to + 1))).toBe(true);
  });

  it("answers 416 for a range past the end", async () => {
    const res = await get(filmId, "owner", { range: `bytes=${original.length}-` });
    expect(res.status).toBe(416);
    expect(res.headers.get("content-range")).toBe(`bytes */${original.length}`);
  });

  it("is not found for another KIM, an unassigned judge, another region's organiser, and the public", async () => {
    for (const who of ["otherKim", "judge", "otherOrganiser", "public"] as const) {
      const res = await get(filmId, who);
      expect(res.status, who).toBe(404);
      expect(await res.text()).not.toContain("KIM Manteb");
    }
  });

  it("lets the edition's organiser download it under the film's code", async () => {
    const res = await get(filmId, "organiser", {}, "video", "?unduh=1");
    expect(res.status).toBe(200);
    const [film] = await handle.db.select().from(films).where(eq(films.id, filmId));
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="${film.code}.mp4"`);
  });

  it("serves an assigned judge the copy without identifying metadata", async () => {
    await handle.db.insert(judgeAssignments).values({ roundId, filmId, judgeId: assignedJudgeId });
    const res = await get(filmId, "assignedJudge", {}, "video", "?unduh=1");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe("inline");
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.toString("latin1")).not.toContain("KIM Manteb");
    expect(sha(body)).not.toBe(sha(original));
  });

  it("opens to the public only once the film is in a published result", async () => {
    await handle.db.insert(placements).values({ editionId, filmId, kimId, placement: "Juara I" });
    expect((await get(filmId, "public")).status).toBe(404);
    await handle.db.update(editions).set({ status: "diumumkan", publishedAt: new Date() }).where(eq(editions.id, editionId));
    const res = await get(filmId, "public", { range: "bytes=0-9" });
    expect(res.status).toBe(206);
    expect(res.headers.get("cache-control")).toContain("public");
    await handle.db.update(editions).set({ status: "pendaftaran", publishedAt: null }).where(eq(editions.id, editionId));
  });

});

describe("GET /api/films/{id}/video with a malformed id", () => {
  it("is not found for a malformed id", async () => {
    expect((await serveFilmMedia(new Request("http://layar.test/api/films/x/video"), "../../etc/passwd", "video")).status).toBe(404);
  });
});
