import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { filmMedia, films } from "@/lib/db/schema";
import { defaultRules } from "@/lib/editions/defaults";
import { entryChecklist } from "@/lib/films/entry-checklist";
import { updateFilmDetails } from "@/lib/films/entry-actions";
import { getKimEntry } from "@/lib/films/kim-film";
import { saveEntryFile } from "@/lib/films/media-files";
import { createEdition, createFilm, createKim, createUser } from "@/lib/seed/factories";
import { LocalStorage } from "@/lib/storage/local";
import { processVideoUpload } from "@/lib/uploads/process-video";
import { resolveBinaries } from "@/lib/video/binaries";
import { runTool } from "@/lib/video/run-tool";
import type { EditionRules } from "@/lib/db/schema";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";

// Subtitles the edition's rules require make the entry: with the video accepted but the
// subtitle missing the film stays a draft that says what is missing (it never reaches the
// judges); the subtitle, or a language that needs none, completes it, in either order.

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
let member: Awaited<ReturnType<typeof createUser>>;
let kimId: string;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "layar-subtitles-"));
const storage = new LocalStorage(path.join(work, "media"), 48 * 3_600_000);
const video = path.join(work, "film.mp4");
const during = new Date("2026-12-01T10:00:00+07:00");
const editionIds: Record<EditionRules["subtitles"], string> = { opsional: "", bahasa_daerah: "", semua: "" };
const waiting = "Video diterima. Unggah subtitle Bahasa Indonesia (.srt atau .vtt) agar film lengkap dan bisa dinilai.";
const srt = () => new File([new Uint8Array(Buffer.from("1\n00:00:00,500 --> 00:00:01,500\nSugeng rawuh\n"))], "film.srt");

/** The video arrives (as the last byte of an upload leaves it) and the check runs. */
async function videoArrives(filmId: string) {
  const key = `uploads/${crypto.randomUUID()}`;
  await storage.putFile(key, video);
  const [media] = await handle.db.insert(filmMedia).values({ filmId, kind: "video", storageDriver: "local", storageKey: key, uploadId: crypto.randomUUID(), status: "received", isCurrent: false }).returning();
  expect(await processVideoUpload(handle.db, storage, media.id)).toBe("ok");
}

const filmOf = async (id: string) => (await handle.db.select().from(films).where(eq(films.id, id)))[0];
const draft = (subtitles: EditionRules["subtitles"], language: string | null) =>
  createFilm(handle.db, { editionId: editionIds[subtitles], kimId, code: `K26-${crypto.randomBytes(3).toString("hex")}`, title: "Film", language, createdBy: member.id });

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  const kim = await createKim(handle.db, { name: "KIM Manteb", districtCode: "33.13.08" });
  kimId = kim.id;
  member = await createUser(handle.db, { email: "kim@layar.test", role: "kim", kimId, regionCode: "33.13" });
  for (const subtitles of ["opsional", "bahasa_daerah", "semua"] as const) {
    const edition = await createEdition(handle.db, {
      slug: `kra-${subtitles}`,
      title: `Festival ${subtitles}`,
      regionCode: "33.13",
      status: "pendaftaran",
      submissionOpensAt: new Date("2026-11-01T00:00:00+07:00"),
      submissionClosesAt: new Date("2026-12-31T23:59:00+07:00"),
      rules: { ...defaultRules, subtitles, filmsPerKim: 20 },
    });
    editionIds[subtitles] = edition.id;
  }
  const { ffmpeg } = await resolveBinaries();
  await runTool(ffmpeg, ["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=25:duration=1", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", video], { timeoutMs: 60_000 });
}, 120_000);
afterAll(async () => {
  await handle.drop();
  fs.rmSync(work, { recursive: true, force: true });
});

describe("video first, then the subtitle", () => {
  it("keeps a regional-language film a draft with the reason once its video passes, and completes it with the subtitle", async () => {
    const film = await draft("bahasa_daerah", "Bahasa Jawa");
    await videoArrives(film.id);
    expect(await filmOf(film.id)).toMatchObject({ status: "draf", statusReason: waiting });
    const entry = await getKimEntry(handle.db, member, film.id);
    expect(entryChecklist(entry, { subtitles: "bahasa_daerah" })).toEqual(["details", "poster", "subtitle"]);

    await saveEntryFile(handle.db, storage, member, { filmId: film.id, kind: "subtitle", file: srt() }, during);
    expect(await filmOf(film.id)).toMatchObject({ status: "diunggah", statusReason: null });
    expect((await filmOf(film.id)).submittedAt).toEqual(during);
  });

  it("asks every film for a subtitle when the rules say so, Indonesian ones too", async () => {
    const film = await draft("semua", "Bahasa Indonesia");
    await videoArrives(film.id);
    expect(await filmOf(film.id)).toMatchObject({ status: "draf", statusReason: waiting });
    await saveEntryFile(handle.db, storage, member, { filmId: film.id, kind: "subtitle", file: srt() }, during);
    expect((await filmOf(film.id)).status).toBe("diunggah");
  });

  it("needs none for an Indonesian film under bahasa_daerah, nor any film when subtitles are optional", async () => {
    const indonesian = await draft("bahasa_daerah", "Bahasa Indonesia");
    await videoArrives(indonesian.id);
    expect(await filmOf(indonesian.id)).toMatchObject({ status: "diunggah", statusReason: null });
    const optional = await draft("opsional", "Bahasa Jawa");
    await videoArrives(optional.id);
    expect((await filmOf(optional.id)).status).toBe("diunggah");
  });

  it("asks for one when the language is not known yet", async () => {
    const film = await draft("bahasa_daerah", null);
    await videoArrives(film.id);
    expect(await filmOf(film.id)).toMatchObject({ status: "draf", statusReason: waiting });
  });
});

describe("subtitle first, then the video", () => {
  it("completes the entry as soon as the video passes", async () => {
    const film = await draft("bahasa_daerah", "Bahasa Jawa");
    await saveEntryFile(handle.db, storage, member, { filmId: film.id, kind: "subtitle", file: srt() }, during);
    expect(await filmOf(film.id)).toMatchObject({ status: "draf", statusReason: null });
    await videoArrives(film.id);
    expect(await filmOf(film.id)).toMatchObject({ status: "diunggah", statusReason: null });
  });
});

describe("changing the language", () => {
  const details = (filmId: string, language: string) => ({
    filmId,
    title: "Nular",
    synopsis: "Seorang warga menularkan kabar bohong tanpa sadar.",
    language,
    declaredDurationSeconds: "60",
    crew: [],
    originalityDeclared: true,
    publicationConsent: true,
  });

  it("completes a waiting entry when the film turns out to be in Bahasa Indonesia, and reopens it for a regional language", async () => {
    const film = await draft("bahasa_daerah", "Bahasa Jawa");
    await videoArrives(film.id);
    expect((await filmOf(film.id)).status).toBe("draf");
    await updateFilmDetails(handle.db, member, details(film.id, "Bahasa Indonesia"), during);
    expect(await filmOf(film.id)).toMatchObject({ status: "diunggah", statusReason: null });
    await updateFilmDetails(handle.db, member, details(film.id, "Bahasa Sunda"), during);
    expect(await filmOf(film.id)).toMatchObject({ status: "draf", statusReason: waiting });
  });

  it("leaves a film without an accepted video as it is", async () => {
    const film = await draft("bahasa_daerah", "Bahasa Jawa");
    await updateFilmDetails(handle.db, member, details(film.id, "Bahasa Indonesia"), during);
    expect(await filmOf(film.id)).toMatchObject({ status: "draf", statusReason: null });
    const current = await handle.db.select().from(filmMedia).where(and(eq(filmMedia.filmId, film.id), eq(filmMedia.kind, "video")));
    expect(current).toEqual([]);
  });
});

describe("a later rejected upload", () => {
  it("keeps the entry waiting for its subtitle (not complete) when the accepted video stays", async () => {
    const film = await draft("bahasa_daerah", "Bahasa Jawa");
    await videoArrives(film.id);
    const key = `uploads/${crypto.randomUUID()}`;
    const junk = path.join(work, "junk.mp4");
    fs.writeFileSync(junk, Buffer.from("bukan video sama sekali, hanya teks biasa"));
    await storage.putFile(key, junk);
    const [media] = await handle.db.insert(filmMedia).values({ filmId: film.id, kind: "video", storageDriver: "local", storageKey: key, uploadId: crypto.randomUUID(), status: "received", isCurrent: false }).returning();
    expect(await processVideoUpload(handle.db, storage, media.id)).toBe("rejected");
    expect(await filmOf(film.id)).toMatchObject({ status: "draf", statusReason: waiting });
  });
});
