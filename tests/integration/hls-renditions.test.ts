import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { editions, filmMedia, filmRenditions, judgeAssignments, placements } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { serveHls, serveLight } from "@/lib/films/serve-renditions";
import { removeReplacedMedia } from "@/lib/films/remove-replaced-media";
import { stopBoss } from "@/lib/jobs/boss";
import { markRenditionsQueued, sendRenditions } from "@/lib/jobs/renditions";
import { startJobWorkers, type JobWorkers } from "@/lib/jobs/worker";
import { ensureRound } from "@/lib/judging/rounds";
import { createEdition, createFilm, createKim, createUser } from "@/lib/seed/factories";
import { setStorage } from "@/lib/storage";
import { LocalStorage } from "@/lib/storage/local";
import { resolveBinaries } from "@/lib/video/binaries";
import { playlistSegments } from "@/lib/video/renditions";
import { runTool } from "@/lib/video/run-tool";
import { stripIdentifyingMetadata } from "@/lib/video/strip-metadata";
import { directRoutes } from "@/lib/server/direct-routes";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";
import { sessionCookie } from "../setup/upload-server";

// HLS renditions (docs/decisions/0026): the job makes them from the judges' copy with real
// ffmpeg on tiny generated clips, through the real queue; the routes answer each role as the
// video route does.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
let storage: LocalStorage;
let workers: JobWorkers;
let editionId = "";
const work = fs.mkdtempSync(path.join(os.tmpdir(), "layar-hls-test-"));
const cookies: Record<string, string> = {};
const films: Record<string, { id: string; judgeMediaId: string; kimId: string }> = {};

async function ffmpeg(args: string[]) {
  const { ffmpeg: binary } = await resolveBinaries();
  await runTool(binary, ["-v", "error", "-y", ...args], { timeoutMs: 120_000 });
}

async function probeStream(file: string) {
  // The npm package's 2018 ffprobe crashes printing any MPEG-TS file's streams; Debian's reads them.
  const ffprobe = fs.existsSync("/usr/bin/ffprobe") ? "/usr/bin/ffprobe" : (await resolveBinaries()).ffprobe;
  const { stdout } = await runTool(ffprobe, ["-v", "error", "-show_entries", "stream=codec_type,codec_name,height,pix_fmt", "-of", "json", file], { timeoutMs: 60_000 });
  return (JSON.parse(stdout) as { streams: { codec_type: string; codec_name: string; height?: number; pix_fmt?: string }[] }).streams;
}

/** A film with an accepted video and its judges' copy (stripped from a clip with a KIM's name in its tags). */
async function acceptedFilm(name: string, size: string, kimId: string) {
  const source = path.join(work, `${name}.mp4`);
  await ffmpeg(["-f", "lavfi", "-i", `testsrc2=size=${size}:rate=25:duration=5`, "-f", "lavfi", "-i", "sine=frequency=440:duration=5",
    "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", "-metadata", "title=KIM Rahasia Karangpandan", source]);
  const judgeFile = path.join(work, `${name}-judge.mp4`);
  await stripIdentifyingMetadata(source, judgeFile);
  const film = await createFilm(handle.db, { editionId, kimId, code: `HLS-${name.toUpperCase()}`, title: `Senja di ${name}`, status: "diunggah" });
  await storage.putFile(`films/${film.id}/video.mp4`, source);
  await storage.putFile(`films/${film.id}/judge.mp4`, judgeFile);
  await handle.db.insert(filmMedia).values({ filmId: film.id, kind: "video", storageDriver: "local", storageKey: `films/${film.id}/video.mp4`, mimeType: "video/mp4", status: "ok" });
  const [judge] = await handle.db
    .insert(filmMedia)
    .values({ filmId: film.id, kind: "judge_video", storageDriver: "local", storageKey: `films/${film.id}/judge.mp4`, mimeType: "video/mp4", status: "ok" })
    .returning();
  await markRenditionsQueued(handle.db, judge.id, film.id);
  return { id: film.id, judgeMediaId: judge.id, kimId };
}

async function waitReady(mediaId: string) {
  const until = Date.now() + 200_000;
  for (;;) {
    const [row] = await handle.db.select().from(filmRenditions).where(eq(filmRenditions.mediaId, mediaId));
    if (row?.status === "siap" || row?.status === "gagal") return row;
    if (Date.now() > until) throw new Error(`renditions of ${mediaId} not ready: ${row?.status}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const as = (who: string | null) => ({ headers: who ? { cookie: cookies[who] } : undefined });
const hls = (filmId: string, rest: string, who: string | null) => serveHls(new Request(`http://layar.test/api/films/${filmId}/hls/${rest}`, as(who)), filmId, rest);
const light = (filmId: string, who: string | null, range?: string) =>
  serveLight(new Request(`http://layar.test/api/films/${filmId}/ringan`, { headers: { ...(who ? { cookie: cookies[who] } : {}), ...(range ? { range } : {}) } }), filmId);

async function variantUris(filmId: string, who: string) {
  const text = await (await hls(filmId, "master.m3u8", who)).text();
  return text.split("\n").filter((line) => line && !line.startsWith("#"));
}

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  await createTestRegions(db);
  storage = new LocalStorage(path.join(env().dataDir, "media"), 48 * 3_600_000);
  setStorage(storage);
  const kim = await createKim(db, { name: "KIM Rahasia", districtCode: "33.13.08" });
  const otherKim = await createKim(db, { name: "KIM Lain", districtCode: "33.13.11" });
  const users = {
    owner: await createUser(db, { email: "pemilik@layar.test", role: "kim", kimId: kim.id, regionCode: "33.13" }),
    otherKim: await createUser(db, { email: "kimlain@layar.test", role: "kim", kimId: otherKim.id, regionCode: "33.13" }),
    organiser: await createUser(db, { email: "panitia@layar.test", role: "organiser", regionCode: "33.13" }),
    farOrganiser: await createUser(db, { email: "jauh@layar.test", role: "organiser", regionCode: "34.04" }),
    judge: await createUser(db, { email: "juri@layar.test", role: "judge", regionCode: "33.72" }),
    otherJudge: await createUser(db, { email: "juri2@layar.test", role: "judge", regionCode: "33.72" }),
  };
  for (const [name, user] of Object.entries(users)) cookies[name] = await sessionCookie(user.id, db);
  editionId = (await createEdition(db, { title: "Festival HLS", slug: "festival-hls", regionCode: "33.13", status: "penjurian" })).id;
  films.wide = await acceptedFilm("wide", "1280x720", kim.id);
  films.small = await acceptedFilm("small", "640x480", kim.id);
  const round = await ensureRound(db, editionId, "penilaian");
  await db.insert(judgeAssignments).values({ roundId: round.id, filmId: films.wide.id, judgeId: users.judge.id });
  workers = await startJobWorkers({ concurrency: 0, renditions: 2, handle, storage: async () => storage, pollMs: 100 });
  const started = Date.now();
  await Promise.all([sendRenditions(films.wide.judgeMediaId), sendRenditions(films.small.judgeMediaId)]);
  workers.wake();
  await Promise.all([waitReady(films.wide.judgeMediaId), waitReady(films.small.judgeMediaId)]);
  console.log(`renditions of a 5 s 720p clip and a 5 s 480p clip, two workers: ${Date.now() - started} ms`);
});
afterAll(async () => {
  await workers?.stop(5_000);
  await stopBoss();
  setStorage(undefined);
  await handle.drop();
  fs.rmSync(work, { recursive: true, force: true });
});

describe("the renditions job", () => {
  it("makes 360p, 540p and 720p of a 720p film and 360p plus its own 480p of a 480p one, never more", async () => {
    const [wide] = await handle.db.select().from(filmRenditions).where(eq(filmRenditions.mediaId, films.wide.judgeMediaId));
    const [small] = await handle.db.select().from(filmRenditions).where(eq(filmRenditions.mediaId, films.small.judgeMediaId));
    expect(wide.status).toBe("siap");
    expect(wide.variants.map((v) => v.height)).toEqual([360, 540, 720]);
    expect(wide.variants.map((v) => v.width)).toEqual([640, 960, 1280]);
    expect(small.variants.map((v) => v.height)).toEqual([360, 480]);
    expect(small.lightBytes).toBeGreaterThan(0);
    expect(await variantUris(films.small.id, "organiser")).toEqual([`${films.small.judgeMediaId}/360/index.m3u8`, `${films.small.judgeMediaId}/480/index.m3u8`]);
  });

  it("writes playlists a player can play: segments of 1, 1, 2 then ~4 seconds of H.264 4:2:0 and AAC at each height", async () => {
    for (const uri of await variantUris(films.wide.id, "organiser")) {
      const playlist = await hls(films.wide.id, uri, "organiser");
      expect(playlist.status).toBe(200);
      expect(playlist.headers.get("content-type")).toBe("application/vnd.apple.mpegurl");
      const text = await playlist.text();
      expect(text).toContain("#EXT-X-ENDLIST");
      const segments = playlistSegments(text);
      // A 5-second clip: short first segments (a first frame on a slow line), then 4 s.
      expect(segments.map((s) => Math.round(s.seconds))).toEqual([1, 1, 2, 1]);
      const dir = uri.replace(/index\.m3u8$/, "");
      const segment = await hls(films.wide.id, dir + segments[0].name, "organiser");
      expect(segment.status).toBe(200);
      expect(segment.headers.get("content-type")).toBe("video/mp2t");
      expect(segment.headers.get("cache-control")).toBe("private, max-age=31536000, immutable");
      const file = path.join(work, "segment.ts");
      fs.writeFileSync(file, Buffer.from(await segment.arrayBuffer()));
      const streams = await probeStream(file);
      expect(streams.find((s) => s.codec_type === "video")).toMatchObject({ codec_name: "h264", height: Number(uri.split("/")[1]), pix_fmt: "yuv420p" });
      expect(streams.find((s) => s.codec_type === "audio")?.codec_name).toBe("aac");
    }
    // The whole stored playlist decodes end to end.
    await ffmpeg(["-i", path.join(env().dataDir, "media", "renditions", films.wide.judgeMediaId, "360", "index.m3u8"), "-f", "null", "-"]);
  });

  it("leaks no tag of the upload and no encoder text into segments or the light version", async () => {
    const dir = path.join(env().dataDir, "media", "renditions", films.wide.judgeMediaId);
    const files = [path.join(dir, "ringan.mp4"), ...fs.readdirSync(path.join(dir, "720")).map((f) => path.join(dir, "720", f))];
    for (const file of files) {
      const text = fs.readFileSync(file).toString("latin1");
      expect(text).not.toMatch(/Rahasia|Karangpandan|x264|Lavf|Lavc|FFmpeg|Service01/);
    }
  });
});

describe("the same judges' copy again", () => {
  it("gets the files of the renditions already made, under its own media id, without encoding", async () => {
    const [first] = await handle.db.select().from(filmMedia).where(eq(filmMedia.id, films.wide.judgeMediaId));
    const film = await createFilm(handle.db, { editionId, kimId: films.wide.kimId, code: "HLS-AGAIN", title: "Lagi", status: "diunggah" });
    const [again] = await handle.db
      .insert(filmMedia)
      .values({ filmId: film.id, kind: "judge_video", storageDriver: "local", storageKey: first.storageKey, mimeType: "video/mp4", status: "ok" })
      .returning();
    await markRenditionsQueued(handle.db, again.id, film.id);
    await sendRenditions(again.id);
    workers.wake();
    const started = Date.now();
    const row = await waitReady(again.id);
    console.log(`renditions of the same copy again: ${Date.now() - started} ms`);
    const [original] = await handle.db.select().from(filmRenditions).where(eq(filmRenditions.mediaId, films.wide.judgeMediaId));
    expect(row.status).toBe("siap");
    expect(row.variants).toEqual(original.variants);
    expect(row.keys.every((k) => k.startsWith(`renditions/${again.id}/`))).toBe(true);
    expect(fs.existsSync(path.join(env().dataDir, "media", "renditions", again.id, "720", "index.m3u8"))).toBe(true);
  });
});

describe("who gets the renditions", () => {
  const statusOf = async (who: string | null) => {
    const [uri] = await variantUris(films.wide.id, "organiser");
    const segment = `${uri.replace(/index\.m3u8$/, "")}seg_0000.ts`;
    return {
      master: (await hls(films.wide.id, "master.m3u8", who)).status,
      variant: (await hls(films.wide.id, uri, who)).status,
      segment: (await hls(films.wide.id, segment, who)).status,
      light: (await light(films.wide.id, who)).status,
    };
  };

  it("before publication: the owner KIM and organisers in scope, the assigned judge without the download; nobody else", async () => {
    expect(await statusOf("owner")).toEqual({ master: 200, variant: 200, segment: 200, light: 200 });
    expect(await statusOf("organiser")).toEqual({ master: 200, variant: 200, segment: 200, light: 200 });
    expect(await statusOf("judge")).toEqual({ master: 200, variant: 200, segment: 200, light: 404 });
    for (const who of [null, "otherJudge", "otherKim", "farOrganiser"]) expect(await statusOf(who)).toEqual({ master: 404, variant: 404, segment: 404, light: 404 });
  });

  it("after publication: anyone, with shared caching, and the light version as a named download with Range", async () => {
    await handle.db.insert(placements).values({ editionId, filmId: films.wide.id, kimId: films.wide.kimId, placement: "Juara I", rank: 1 });
    await handle.db.update(editions).set({ status: "diumumkan", publishedAt: new Date() }).where(eq(editions.id, editionId));
    expect(await statusOf(null)).toEqual({ master: 200, variant: 200, segment: 200, light: 200 });
    expect(await statusOf("otherJudge")).toEqual({ master: 200, variant: 200, segment: 200, light: 200 });
    const master = await hls(films.wide.id, "master.m3u8", null);
    expect(master.headers.get("cache-control")).toBe("public, max-age=60");
    const download = await light(films.wide.id, null);
    expect(download.headers.get("content-disposition")).toBe('attachment; filename="senja-di-wide-360p.mp4"');
    expect(download.headers.get("content-type")).toBe("video/mp4");
    const part = await light(films.wide.id, null, "bytes=0-99");
    expect(part.status).toBe(206);
    expect((await part.arrayBuffer()).byteLength).toBe(100);
    // A film not in the results stays private, renditions or not.
    expect((await hls(films.small.id, "master.m3u8", null)).status).toBe(404);
  });

  it("gets the same answers from server.mjs's direct routes, with Range on the light version", async () => {
    const routes = directRoutes(null);
    const server = http.createServer((req, res) => {
      if (!routes(req, res)) res.writeHead(599).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}/api/films/${films.wide.id}`;
    try {
      const master = await fetch(`${base}/hls/master.m3u8`);
      expect(master.status).toBe(200);
      expect(master.headers.get("content-type")).toBe("application/vnd.apple.mpegurl");
      const [uri] = (await master.text()).split("\n").filter((line) => line && !line.startsWith("#"));
      const segment = await fetch(`${base}/hls/${uri.replace(/index\.m3u8$/, "seg_0000.ts")}`);
      expect(segment.status).toBe(200);
      expect(segment.headers.get("content-type")).toBe("video/mp2t");
      expect(segment.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      const part = await fetch(`${base}/ringan`, { headers: { range: "bytes=10-19" } });
      expect(part.status).toBe(206);
      expect(part.headers.get("content-disposition")).toBe('attachment; filename="senja-di-wide-360p.mp4"');
      expect((await part.arrayBuffer()).byteLength).toBe(10);
      expect((await fetch(`${base.replace(films.wide.id, films.small.id)}/hls/master.m3u8`)).status).toBe(404);
    } finally {
      server.close();
    }
  });

  it("refuses paths outside the renditions, and another media id's files", async () => {
    for (const rest of ["../judge.mp4", `${films.small.judgeMediaId}/360/index.m3u8`, `${films.wide.judgeMediaId}/1080/index.m3u8`, `${films.wide.judgeMediaId}/360/../../x.ts`]) {
      expect((await hls(films.wide.id, rest, "organiser")).status).toBe(404);
    }
  });

  it("a replaced judges' copy takes its renditions with it; the film answers 404 until new ones are ready", async () => {
    const dir = path.join(env().dataDir, "media", "renditions", films.small.judgeMediaId);
    expect(fs.existsSync(path.join(dir, "ringan.mp4"))).toBe(true);
    await handle.db.update(filmMedia).set({ isCurrent: false }).where(and(eq(filmMedia.filmId, films.small.id), eq(filmMedia.kind, "judge_video")));
    await removeReplacedMedia(handle.db, storage, films.small.id);
    expect(fs.existsSync(path.join(dir, "ringan.mp4"))).toBe(false);
    expect(fs.existsSync(path.join(dir, "360", "index.m3u8"))).toBe(false);
    expect(await handle.db.select().from(filmRenditions).where(eq(filmRenditions.mediaId, films.small.judgeMediaId))).toHaveLength(0);
    expect((await hls(films.small.id, "master.m3u8", "organiser")).status).toBe(404);
  });
});
