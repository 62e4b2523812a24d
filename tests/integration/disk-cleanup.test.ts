import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import * as tus from "tus-js-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { filmMedia } from "@/lib/db/schema";
import { defaultRules } from "@/lib/editions/defaults";
import { saveEntryFile } from "@/lib/films/media-files";
import { getKimEntry } from "@/lib/films/kim-film";
import { removeReplacedMediaEverywhere } from "@/lib/films/remove-replaced-media";
import { createEdition, createFilm, createKim, createUser } from "@/lib/seed/factories";
import { LocalStorage } from "@/lib/storage/local";
import { processVideoUpload } from "@/lib/uploads/process-video";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";
import { sessionCookie, startUploadServer } from "../setup/upload-server";

// Disk: replaced and rejected media are removed, one unfinished upload per film, the
// edition's storage budget and the server's free-space margin (docs/decisions/0022).
let handle: Awaited<ReturnType<typeof createTestDatabase>>;
let server: Awaited<ReturnType<typeof startUploadServer>>;
let storage: LocalStorage;
let member: Awaited<ReturnType<typeof createUser>>;
let owner: string;
let editionId: string, kimId: string;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "layar-disk-"));
const mediaRoot = path.join(work, "media");
const clipA = path.resolve("demo/media/contoh-1.mp4");
const clipB = path.resolve("demo/media/contoh-4.mp4");
const MB = 1024 ** 2;

/** Every file under the media root with its size, relative paths. */
function filesUnder(root: string): Map<string, number> {
  const out = new Map<string, number>();
  if (!fs.existsSync(root)) return out;
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out.set(path.relative(root, full), fs.statSync(full).size);
  }
  return out;
}
const bytesUnder = (root: string) => [...filesUnder(root).values()].reduce((a, b) => a + b, 0);

function upload(bytes: Buffer, filmId: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const u = new tus.Upload(bytes, {
      endpoint: server.endpoint,
      headers: { cookie: owner },
      chunkSize: 512 * 1024,
      retryDelays: [],
      metadata: { filmId, filename: "film.mp4", filetype: "video/mp4" },
      onSuccess: () => resolve(u.url!),
      onError: reject,
    });
    u.start();
  });
}

/** Uploads a file to the film and runs the check the queue would run. */
async function uploadAndCheck(filmId: string, bytes: Buffer) {
  server.clock.now = new Date(server.clock.now.getTime() + 60_000); // each upload a minute after the last
  const url = await upload(bytes, filmId);
  const uploadId = url.split("/").pop()!;
  const [media] = await handle.db.select().from(filmMedia).where(eq(filmMedia.uploadId, uploadId));
  return { media, outcome: await processVideoUpload(handle.db, storage, media.id) };
}

/** The tus POST tus-js-client sends first: the upload is declared, nothing sent yet. */
const start = (filmId: string, length: number, endpoint = server.endpoint) =>
  fetch(endpoint, {
    method: "POST",
    headers: { cookie: owner, "Tus-Resumable": "1.0.0", "Upload-Length": String(length), "Upload-Metadata": `filmId ${Buffer.from(filmId).toString("base64")},filetype ${Buffer.from("video/mp4").toString("base64")}` },
  });

const newFilm = (title = "Film") => createFilm(handle.db, { editionId, kimId, code: `D-${crypto.randomBytes(3).toString("hex")}`, title, createdBy: member.id });
const mediaOf = (filmId: string) => handle.db.select().from(filmMedia).where(eq(filmMedia.filmId, filmId));

async function eventually(condition: () => boolean | Promise<boolean>, what: string) {
  for (let i = 0; i < 100; i++) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`never happened: ${what}`);
}

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  const kim = await createKim(handle.db, { name: "KIM Manteb", districtCode: "33.13.08" });
  kimId = kim.id;
  const now = Date.now();
  editionId = (
    await createEdition(handle.db, {
      title: "Festival Disk Uji",
      regionCode: "33.13",
      status: "pendaftaran",
      submissionOpensAt: new Date(now - 86_400_000),
      submissionClosesAt: new Date(now + 86_400_000),
      rules: { ...defaultRules, subtitles: "opsional", filmsPerKim: 10, maxFileBytes: 8 * MB },
    })
  ).id;
  member = await createUser(handle.db, { email: "kim@layar.test", role: "kim", kimId, regionCode: "33.13" });
  owner = await sessionCookie(member.id);
  storage = new LocalStorage(mediaRoot, 48 * 3_600_000);
  server = await startUploadServer(handle.db, storage, { direct: true });
}, 120_000);
afterAll(async () => {
  await server.stop();
  await handle.drop();
  fs.rmSync(work, { recursive: true, force: true });
});

describe("replaced and rejected media leave the disk", () => {
  it("a replaced video and its judges' copy are removed once the new video passes its check", async () => {
    const film = await newFilm("Nular");
    const first = await uploadAndCheck(film.id, fs.readFileSync(clipA));
    expect(first.outcome).toBe("ok");
    const before = filesUnder(mediaRoot);
    const [firstCopy] = (await mediaOf(film.id)).filter((m) => m.kind === "judge_video");

    const second = await uploadAndCheck(film.id, fs.readFileSync(clipB));
    expect(second.outcome).toBe("ok");
    const after = filesUnder(mediaRoot);
    // The first video, its tus record and its judges' copy are gone; only the second remains.
    expect([...after.keys()].sort()).toEqual(
      [`uploads/${second.media.uploadId}`, `uploads/${second.media.uploadId}.json`, (await mediaOf(film.id)).find((m) => m.kind === "judge_video")!.storageKey].sort(),
    );
    expect(before.has(firstCopy.storageKey) && !after.has(firstCopy.storageKey)).toBe(true);
    const rows = await mediaOf(film.id);
    expect(rows.map((m) => `${m.kind}:${m.status}:${m.isCurrent}`).sort()).toEqual(["judge_video:ok:true", "video:ok:true"]);
    const freed = [...before.values()].reduce((a, b) => a + b, 0) - [...after.values()].reduce((a, b) => a + b, 0) + fs.statSync(clipB).size + after.get(rows.find((m) => m.kind === "judge_video")!.storageKey)!;
    console.log(`disk after replacing a ${fs.statSync(clipA).size}-byte video: ${bytesUnder(mediaRoot)} bytes in storage, ${freed} bytes freed`);
  });

  it("a rejected upload is removed after its check; the accepted video stays and the reason is kept for the KIM", async () => {
    const film = await newFilm("Krasa");
    const accepted = await uploadAndCheck(film.id, fs.readFileSync(clipA));
    expect(accepted.outcome).toBe("ok");
    const kept = filesUnder(mediaRoot);

    const refused = await uploadAndCheck(film.id, crypto.randomBytes(300_000));
    expect(refused.outcome).toBe("rejected");
    expect(fs.existsSync(path.join(mediaRoot, refused.media.storageKey))).toBe(false);
    expect(filesUnder(mediaRoot)).toEqual(kept);
    const entry = await getKimEntry(handle.db, member, film.id);
    expect(entry.video?.id).toBe(accepted.media.id);
    expect(entry.lastVideoAttempt).toMatchObject({ id: refused.media.id, status: "rejected" });
    expect(entry.lastVideoAttempt?.problems[0]).toMatch(/bukan video|rusak/);

    // A second refusal: the newest reason is kept, the older attempt's row goes.
    const again = await uploadAndCheck(film.id, crypto.randomBytes(200_000));
    expect(again.outcome).toBe("rejected");
    const videos = (await mediaOf(film.id)).filter((m) => m.kind === "video");
    expect(videos.map((m) => m.id).sort()).toEqual([accepted.media.id, again.media.id].sort());
    expect(filesUnder(mediaRoot)).toEqual(kept);
  });

  it("a replaced poster or subtitle is removed at once", async () => {
    const film = await newFilm("Kuatir");
    const poster = () => new File([new Uint8Array(fs.readFileSync("demo/media/poster-contoh-1.jpg"))], "poster.jpg");
    const srt = () => new File([new Uint8Array(Buffer.from("1\n00:00:00,500 --> 00:00:01,500\nSugeng rawuh\n"))], "film.srt");
    for (const kind of ["poster", "subtitle"] as const) {
      await saveEntryFile(handle.db, storage, member, { filmId: film.id, kind, file: kind === "poster" ? poster() : srt() });
      const [old] = (await mediaOf(film.id)).filter((m) => m.kind === kind);
      expect(fs.existsSync(path.join(mediaRoot, old.storageKey))).toBe(true);
      await saveEntryFile(handle.db, storage, member, { filmId: film.id, kind, file: kind === "poster" ? poster() : srt() });
      const rows = (await mediaOf(film.id)).filter((m) => m.kind === kind);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ isCurrent: true, status: "ok" });
      expect(fs.existsSync(path.join(mediaRoot, old.storageKey))).toBe(false);
      expect(fs.existsSync(path.join(mediaRoot, rows[0].storageKey))).toBe(true);
    }
  });

  it("the hourly sweep removes what a crash left behind, and keeps what counts", async () => {
    const film = await newFilm("Sisa");
    const accepted = await uploadAndCheck(film.id, fs.readFileSync(clipB));
    expect(accepted.outcome).toBe("ok");
    // As if the process died between recording a replacement and removing the old file.
    const orphanKey = `films/${film.id}/judge-lama.mp4`;
    fs.writeFileSync(path.join(mediaRoot, orphanKey), crypto.randomBytes(10_000));
    await handle.db.insert(filmMedia).values({ filmId: film.id, kind: "judge_video", storageDriver: "local", storageKey: orphanKey, sizeBytes: 10_000, status: "ok", isCurrent: false });
    const counted = filesUnder(mediaRoot);
    expect(await removeReplacedMediaEverywhere(handle.db, storage)).toBeGreaterThanOrEqual(1);
    expect(fs.existsSync(path.join(mediaRoot, orphanKey))).toBe(false);
    counted.delete(orphanKey);
    expect(filesUnder(mediaRoot)).toEqual(counted);
    expect((await mediaOf(film.id)).filter((m) => m.storageKey === orphanKey)).toEqual([]);
  });
});

describe("one unfinished upload per film", () => {
  it("a new upload replaces the film's unfinished one: its bytes go and a resume is told why", async () => {
    const film = await newFilm("Dua ponsel");
    const first = await start(film.id, 2 * MB);
    expect(first.status).toBe(201);
    const firstUrl = new URL(first.headers.get("location")!, server.origin).toString();
    const patch = await fetch(firstUrl, {
      method: "PATCH",
      headers: { cookie: owner, "Tus-Resumable": "1.0.0", "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream" },
      body: new Uint8Array(crypto.randomBytes(MB)),
    });
    expect(patch.status).toBe(204);
    const firstId = firstUrl.split("/").pop()!;
    expect(fs.existsSync(path.join(mediaRoot, "uploads", firstId))).toBe(true);

    const second = await start(film.id, 2 * MB);
    expect(second.status).toBe(201);
    expect(fs.existsSync(path.join(mediaRoot, "uploads", firstId))).toBe(false);
    expect(fs.existsSync(path.join(mediaRoot, "uploads", `${firstId}.json`))).toBe(false);
    const rows = (await mediaOf(film.id)).filter((m) => m.kind === "video");
    expect(rows.filter((m) => m.status === "uploading")).toHaveLength(1);
    expect(rows.find((m) => m.uploadId === firstId)).toMatchObject({ status: "rejected", problems: ["Unggahan ini dihentikan karena unggahan baru untuk film yang sama sudah dimulai."] });

    // The first phone resumes: told why, not let through by the last check's cache.
    const resumed = await fetch(firstUrl, {
      method: "PATCH",
      headers: { cookie: owner, "Tus-Resumable": "1.0.0", "Upload-Offset": String(MB), "Content-Type": "application/offset+octet-stream" },
      body: new Uint8Array(crypto.randomBytes(1000)),
    });
    expect(resumed.status).toBe(410);
    expect(await resumed.text()).toBe("Unggahan ini dihentikan karena unggahan baru untuk film yang sama sudah dimulai.");
  });

  it("25 simultaneous starts for one film leave one unfinished upload and one file", async () => {
    const film = await newFilm("Dua puluh lima");
    const answers = await Promise.all(Array.from({ length: 25 }, () => start(film.id, 2 * MB)));
    // Each start replaces the one before; one replaced before its POST was answered hears so at once.
    for (const answer of answers) {
      if (answer.status === 201) continue;
      expect(answer.status).toBe(410);
      expect(await answer.text()).toBe("Unggahan ini dihentikan karena unggahan baru untuk film yang sama sudah dimulai.");
    }
    const rows = (await mediaOf(film.id)).filter((m) => m.kind === "video");
    const unfinished = rows.filter((m) => m.status === "uploading");
    expect(unfinished).toHaveLength(1);
    const ours = new Set(rows.map((m) => m.uploadId));
    const filesOfFilm = () => [...filesUnder(path.join(mediaRoot, "uploads")).keys()].filter((f) => ours.has(f.replace(/\.json$/, "")));
    await eventually(() => filesOfFilm().length === 2, "only the last upload's file and record are left");
    expect(filesOfFilm().sort()).toEqual([unfinished[0].uploadId, `${unfinished[0].uploadId}.json`].sort());
  });
});

describe("room for an upload", () => {
  it("refuses an upload the edition's storage budget cannot hold, in Indonesian, recording nothing", async () => {
    const budgeted = await createEdition(handle.db, {
      title: "Festival Kuota Uji",
      regionCode: "33.13",
      status: "pendaftaran",
      submissionOpensAt: new Date(Date.now() - 86_400_000),
      submissionClosesAt: new Date(Date.now() + 86_400_000),
      rules: { ...defaultRules, maxFileBytes: 8 * MB, storageBudgetBytes: 100 * MB },
    });
    const held = await createFilm(handle.db, { editionId: budgeted.id, kimId, code: "Q-1", title: "Sudah ada", createdBy: member.id });
    // 97 MB already stored for the edition (a video and its judges' copy).
    await handle.db.insert(filmMedia).values([
      { filmId: held.id, kind: "video", storageDriver: "local", storageKey: "films/q/video.mp4", sizeBytes: 50 * MB, status: "ok", isCurrent: true },
      { filmId: held.id, kind: "judge_video", storageDriver: "local", storageKey: "films/q/judge.mp4", sizeBytes: 47 * MB, status: "ok", isCurrent: true },
    ]);
    const other = await createFilm(handle.db, { editionId: budgeted.id, kimId, code: "Q-2", title: "Baru", createdBy: member.id });
    const refused = await start(other.id, 2 * MB);
    expect(refused.status).toBe(413);
    expect(await refused.text()).toBe("Kuota penyimpanan festival ini tidak cukup untuk video sebesar 2 MB (kuota 100 MB, terpakai 97 MB). Hubungi panitia festival.");
    expect(await mediaOf(other.id)).toEqual([]);
    const english = await fetch(server.endpoint, { method: "POST", headers: { cookie: `${owner}; NEXT_LOCALE=en`, "Tus-Resumable": "1.0.0", "Upload-Length": String(2 * MB), "Upload-Metadata": `filmId ${Buffer.from(other.id).toString("base64")}` } });
    expect(await english.text()).toBe("This festival's storage budget has no room for a 2 MB video (budget 100 MB, in use 97 MB). Contact the festival organisers.");
    // Within the budget: 1 MB (2 MB with its judges' copy) fits in the 3 MB left.
    expect((await start(other.id, MB)).status).toBe(201);
    // Replacing the held film's video does not count the video and copy it replaces (removed once the new one passes).
    expect((await start(held.id, 8 * MB)).status).toBe(201);
  });

  it("refuses an upload that would leave less free disk than the margin, counting uploads still to come", async () => {
    // 10 MB free, a 5 MB margin: a video needs twice its size (the file and the judges' copy).
    let free = 10 * MB;
    // Unfinished uploads of the tests above would count as bytes still to come: clear them, as their expiry would.
    await handle.db.delete(filmMedia).where(eq(filmMedia.status, "uploading"));
    const tight = await startUploadServer(handle.db, storage, { direct: true, freeSpace: async () => free, diskMarginBytes: 5 * MB });
    try {
      const film = await newFilm("Disk penuh");
      const refused = await start(film.id, 3 * MB, tight.endpoint);
      expect(refused.status).toBe(413);
      expect(await refused.text()).toBe("Ruang penyimpanan server tidak cukup untuk video sebesar 3 MB. Unggahan belum bisa diterima; hubungi panitia festival.");
      expect(await mediaOf(film.id)).toEqual([]);
      expect((await start(film.id, 2 * MB, tight.endpoint)).status).toBe(201);
      // Another film's 2 MB upload: the first one's 4 MB are still to be written, so it does not fit...
      const next = await newFilm("Antre");
      expect((await start(next.id, 2 * MB, tight.endpoint)).status).toBe(413);
      // ...until the disk has room for both.
      free = 20 * MB;
      expect((await start(next.id, 2 * MB, tight.endpoint)).status).toBe(201);
      const unfinished = (await mediaOf(next.id)).filter((m) => m.status === "uploading");
      expect(unfinished).toHaveLength(1);
    } finally {
      await tight.stop();
    }
  });
});
