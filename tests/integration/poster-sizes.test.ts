import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { filmMedia, placements } from "@/lib/db/schema";
import { saveEntryFile } from "@/lib/films/media-files";
import { serveFilmMedia } from "@/lib/films/serve-film-media";
import { allPosterSizeKeys, posterSizeKey, posterVersion } from "@/lib/films/poster-sizes";
import { createEdition, createFilm, createKim, createUser } from "@/lib/seed/factories";
import { setStorage } from "@/lib/storage";
import { LocalStorage } from "@/lib/storage/local";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";
import { sessionCookie, startUploadServer } from "../setup/upload-server";

// Posters in the sizes pages show them at (lib/films/poster-sizes.ts), made with real sharp,
// stored next to the poster, served with the poster's own access rule, through the route
// handler (next dev, S3) and server.mjs's direct route alike.

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
let server: Awaited<ReturnType<typeof startUploadServer>>;
const mediaRoot = fs.mkdtempSync(path.join(os.tmpdir(), "layar-poster-sizes-"));
const storage = new LocalStorage(mediaRoot, 48 * 3_600_000);
const during = new Date("2026-12-01T10:00:00+07:00");
let member: Awaited<ReturnType<typeof createUser>>;
let ownerCookie = "", otherCookie = "";
let published: { filmId: string; mediaId: string; key: string };
let draft: { filmId: string; mediaId: string; key: string };

const transports = {
  "the route handler": (filmId: string, query: string, headers: Record<string, string>) => serveFilmMedia(new Request(`http://layar.test/api/films/${filmId}/poster${query}`, { headers }), filmId, "poster"),
  "server.mjs's direct route": (filmId: string, query: string, headers: Record<string, string>) => fetch(`${server.origin}/api/films/${filmId}/poster${query}`, { headers }),
};

async function addPoster(filmId: string, width: number, height: number, name: string) {
  const file = path.join(mediaRoot, `${name}.jpg`);
  await sharp({ create: { width, height, channels: 3, background: "#345" } }).jpeg().toFile(file);
  const key = `films/${filmId}/${name}.jpg`;
  await storage.putFile(key, file);
  const [media] = await handle.db
    .insert(filmMedia)
    .values({ filmId, kind: "poster", storageDriver: "local", storageKey: key, mimeType: "image/jpeg", sizeBytes: fs.statSync(file).size, status: "ok" })
    .returning();
  return { filmId, mediaId: media.id, key };
}

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  setStorage(storage);
  server = await startUploadServer(handle.db, storage, { direct: true });
  const kim = await createKim(handle.db, { name: "KIM Manteb", districtCode: "33.13.08" });
  const other = await createKim(handle.db, { name: "KIM Gedong", districtCode: "33.12.01" });
  member = await createUser(handle.db, { email: "kim@layar.test", role: "kim", kimId: kim.id, regionCode: "33.13" });
  const otherMember = await createUser(handle.db, { email: "gedong@layar.test", role: "kim", kimId: other.id, regionCode: "33.12" });
  ownerCookie = await sessionCookie(member.id, handle.db);
  otherCookie = await sessionCookie(otherMember.id, handle.db);
  const done = await createEdition(handle.db, { slug: "kra-2025", title: "Festival Karanganyar 2025", regionCode: "33.13", status: "diumumkan", publishedAt: new Date("2025-12-01T00:00:00Z") });
  const winner = await createFilm(handle.db, { editionId: done.id, kimId: kim.id, code: "K25-AAAAA", title: "Nular", status: "diunggah" });
  await handle.db.insert(placements).values({ editionId: done.id, filmId: winner.id, kimId: kim.id, placement: "Juara I" });
  published = await addPoster(winner.id, 480, 720, "poster");
  const open = await createEdition(handle.db, {
    slug: "kra-2026",
    title: "Festival Karanganyar 2026",
    regionCode: "33.13",
    status: "pendaftaran",
    submissionOpensAt: new Date("2026-11-01T00:00:00+07:00"),
    submissionClosesAt: new Date("2026-12-31T23:59:00+07:00"),
  });
  const entry = await createFilm(handle.db, { editionId: open.id, kimId: kim.id, code: "K26-BBBBB", title: "Belum Diumumkan", createdBy: member.id });
  // A small poster: sizes wider than it are not enlarged.
  draft = await addPoster(entry.id, 300, 450, "kecil");
});
afterAll(async () => {
  await server.stop();
  setStorage(undefined);
  await handle.drop();
  fs.rmSync(mediaRoot, { recursive: true, force: true });
});

const stored = (key: string) => path.join(mediaRoot, key);

describe.each(Object.keys(transports) as (keyof typeof transports)[])("poster sizes through %s", (transport) => {
  const get = (filmId: string, query: string, headers: Record<string, string> = {}) => transports[transport](filmId, query, headers);

  it("serves a published poster in AVIF, WebP and JPEG at the asked width, made once and kept next to the poster", async () => {
    const v = posterVersion(published.mediaId);
    for (const [format, sharpFormat] of [["avif", "heif"], ["webp", "webp"], ["jpeg", "jpeg"]] as const) {
      const res = await get(published.filmId, `?w=128&f=${format}&v=${v}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe(`image/${format}`);
      expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
      expect(meta).toMatchObject({ format: sharpFormat, width: 128, height: 192 });
      expect(fs.existsSync(stored(posterSizeKey(published.key, published.mediaId, 128, format)))).toBe(true);
    }
    const file = stored(posterSizeKey(published.key, published.mediaId, 128, "webp"));
    const madeAt = fs.statSync(file).mtimeMs;
    const again = await get(published.filmId, `?w=128&f=webp&v=${v}`);
    expect(again.status).toBe(200);
    await again.arrayBuffer();
    expect(fs.statSync(file).mtimeMs).toBe(madeAt);
  });

  it("answers a repeated request with 304 by its ETag, and a URL without the current version with the hour's cache", async () => {
    const first = await get(published.filmId, "?w=64&f=webp");
    await first.arrayBuffer();
    expect(first.headers.get("cache-control")).toBe("public, max-age=3600");
    const etag = first.headers.get("etag")!;
    expect(etag).toContain(published.mediaId);
    const cached = await get(published.filmId, "?w=64&f=webp", { "if-none-match": etag });
    expect(cached.status).toBe(304);
    expect(await cached.text()).toBe("");
    const stale = await get(published.filmId, "?w=64&f=webp&v=00000000");
    await stale.arrayBuffer();
    expect(stale.headers.get("cache-control")).toBe("public, max-age=3600");
  });

  it.each(["?w=100&f=webp", "?w=abc&f=webp", "?w=128&f=gif", "?w=128", "?f=webp", "?w=128&f=webp&v=xyz"])("refuses %s with 400", async (query) => {
    const res = await get(published.filmId, query);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: "Ukuran poster tidak tersedia." });
  });

  it("gives no size of an unpublished film's poster to the public or another KIM; its owner gets one, privately, never enlarged", async () => {
    const v = posterVersion(draft.mediaId);
    expect((await get(draft.filmId, `?w=64&f=webp&v=${v}`)).status).toBe(404);
    expect((await get(draft.filmId, `?w=64&f=webp&v=${v}`, { cookie: otherCookie })).status).toBe(404);
    const own = await get(draft.filmId, `?w=320&f=webp&v=${v}`, { cookie: ownerCookie });
    expect(own.status).toBe(200);
    expect(own.headers.get("cache-control")).toBe("private, max-age=300");
    const meta = await sharp(Buffer.from(await own.arrayBuffer())).metadata();
    expect(meta.width).toBe(300);
    expect(meta.height).toBe(450);
    // The whole poster, its own shape.
    const whole = await get(draft.filmId, `?w=360&f=jpeg&v=${v}`, { cookie: ownerCookie });
    expect(await sharp(Buffer.from(await whole.arrayBuffer())).metadata()).toMatchObject({ width: 300, height: 450 });
  });
});

describe("poster sizes at upload", () => {
  it("are all made when a KIM uploads a poster, and go with it when the poster is replaced", async () => {
    const png = await sharp({ create: { width: 600, height: 900, channels: 3, background: "#a33" } }).png().toBuffer();
    const file = (bytes: Buffer, name: string) => new File([new Uint8Array(bytes)], name);
    await saveEntryFile(handle.db, storage, member, { filmId: draft.filmId, kind: "poster", file: file(png, "poster.png") }, during);
    const current = async () => (await handle.db.select().from(filmMedia).where(and(eq(filmMedia.filmId, draft.filmId), eq(filmMedia.kind, "poster"), eq(filmMedia.isCurrent, true))))[0];
    const first = await current();
    const firstKeys = allPosterSizeKeys(first.storageKey, first.id);
    expect(firstKeys.filter((k) => !fs.existsSync(stored(k)))).toEqual([]);
    const thumb = await sharp(stored(posterSizeKey(first.storageKey, first.id, 64, "avif"))).metadata();
    expect(thumb).toMatchObject({ width: 64, height: 96 });
    // The earlier poster's sizes (made on request above) left with it.
    expect(allPosterSizeKeys(draft.key, draft.mediaId).filter((k) => fs.existsSync(stored(k)))).toEqual([]);

    await saveEntryFile(handle.db, storage, member, { filmId: draft.filmId, kind: "poster", file: file(png, "baru.png") }, during);
    const second = await current();
    expect(second.id).not.toBe(first.id);
    expect(firstKeys.filter((k) => fs.existsSync(stored(k)))).toEqual([]);
    expect(allPosterSizeKeys(second.storageKey, second.id).every((k) => fs.existsSync(stored(k)))).toBe(true);
  });
});
