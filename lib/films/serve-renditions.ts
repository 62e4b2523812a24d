import type { IncomingMessage, ServerResponse } from "node:http";
import { and, eq } from "drizzle-orm";
import { sessionClaimsFromCookies, type SessionClaims } from "@/lib/auth/session";
import { getDb, type Db } from "@/lib/db/client";
import { filmMedia, filmRenditions, films, type RenditionVariant } from "@/lib/db/schema";
import { serveMedia, type MediaOptions, type ServableMedia } from "@/lib/http/serve-media";
import { serveMediaNode } from "@/lib/http/serve-media-node";
import { getStorage, type StorageDriver } from "@/lib/storage";
import { masterPlaylist } from "@/lib/video/renditions";
import { mediaForRequest, type Viewer } from "./media-access";

/**
 * GET /api/films/{id}/hls/... and /api/films/{id}/ringan (docs/decisions/0026): the HLS
 * renditions of a film's judges' copy and its 360p "versi ringan", under the video route's
 * rule (lib/films/media-access.ts: public once published, assigned judges, owner KIM and
 * organisers in scope). Anything not allowed, not ready or not there is the same 404.
 *
 * URLs: `hls/master.m3u8` (written from the recorded variants, cached briefly: it changes
 * when the video is replaced), then `hls/{mediaId}/{height}/index.m3u8` and
 * `hls/{mediaId}/{height}/seg_NNNN.ts`, which never change for a media id (cached for a
 * year). Playlists are sent from here; segments and the MP4 like the video (Range on local
 * disk, a signed redirect on S3).
 */

export type RenditionsFound = {
  viewer: Viewer;
  filmCode: string;
  title: string;
  mediaId: string;
  variants: RenditionVariant[];
  lightKey: string | null;
  lightBytes: number | null;
};

/** The ready renditions a request may get, or null. */
export async function renditionsForRequest(db: Db, claims: SessionClaims | null, filmId: string): Promise<RenditionsFound | null> {
  const access = await mediaForRequest(db, claims, filmId, "video");
  if (!access) return null;
  const [row] = await db
    .select({ mediaId: filmRenditions.mediaId, variants: filmRenditions.variants, lightKey: filmRenditions.lightKey, lightBytes: filmRenditions.lightBytes, title: films.title })
    .from(filmRenditions)
    .innerJoin(filmMedia, eq(filmMedia.id, filmRenditions.mediaId))
    .innerJoin(films, eq(films.id, filmMedia.filmId))
    .where(and(eq(filmMedia.filmId, filmId), eq(filmMedia.kind, "judge_video"), eq(filmMedia.isCurrent, true), eq(filmMedia.status, "ok"), eq(filmRenditions.status, "siap")))
    .limit(1);
  if (!row) return null;
  return { viewer: access.viewer, filmCode: access.filmCode, ...row };
}

/** What a film's page shows: whether renditions are ready and the light version's size. */
export async function renditionsSummary(db: Db, filmId: string): Promise<{ ready: boolean; lightBytes: number | null }> {
  const [row] = await db
    .select({ lightBytes: filmRenditions.lightBytes })
    .from(filmRenditions)
    .innerJoin(filmMedia, eq(filmMedia.id, filmRenditions.mediaId))
    .where(and(eq(filmMedia.filmId, filmId), eq(filmMedia.kind, "judge_video"), eq(filmMedia.isCurrent, true), eq(filmMedia.status, "ok"), eq(filmRenditions.status, "siap")))
    .limit(1);
  return { ready: Boolean(row), lightBytes: row?.lightBytes ?? null };
}

export type HlsAnswer =
  | { status: 404; headers: Record<string, string>; body: string }
  | { status: 200; headers: Record<string, string>; body: string }
  | { status: "file"; media: ServableMedia; options: MediaOptions };

const notFound: HlsAnswer = { status: 404, headers: { "Content-Type": "application/json", "Cache-Control": "no-store" }, body: JSON.stringify({ error: "Film tidak ditemukan." }) };
const playlistType = "application/vnd.apple.mpegurl";
const filePath = /^([0-9a-f-]{36})\/(\d{2,4})\/(index\.m3u8|seg_\d{4,6}\.ts)$/i;

const scope = (viewer: Viewer) => (viewer === "public" ? "public" : "private");

/** The answer to `hls/{rest}` for what was found (null: not allowed or not ready). */
export async function answerHls(storage: StorageDriver, found: RenditionsFound | null, rest: string): Promise<HlsAnswer> {
  if (!found) return notFound;
  if (rest === "master.m3u8") {
    const body = masterPlaylist(found.variants, (height) => `${found.mediaId}/${height}/index.m3u8`);
    return { status: 200, headers: { "Content-Type": playlistType, "Cache-Control": `${scope(found.viewer)}, max-age=60`, "X-Content-Type-Options": "nosniff" }, body };
  }
  const match = filePath.exec(rest);
  if (!match || match[1].toLowerCase() !== found.mediaId.toLowerCase() || !found.variants.some((v) => String(v.height) === match[2])) return notFound;
  const key = `renditions/${found.mediaId}/${match[2]}/${match[3]}`;
  const immutable = `${scope(found.viewer)}, max-age=31536000, immutable`;
  if (match[3] === "index.m3u8") {
    // Sent from here on every driver: a player resolves the segment names against this URL.
    const body = await readText(storage, key);
    if (body === null) return notFound;
    return { status: 200, headers: { "Content-Type": playlistType, "Cache-Control": immutable, "X-Content-Type-Options": "nosniff" }, body };
  }
  return { status: "file", media: { storageKey: key, sizeBytes: null, mimeType: "video/mp2t" }, options: { cacheControl: immutable } };
}

/** The 360p download: public once published, the owner KIM and organisers (judges have their own copy). */
export function answerLight(found: RenditionsFound | null): HlsAnswer {
  if (!found || found.viewer === "judge" || !found.lightKey) return notFound;
  return {
    status: "file",
    media: { storageKey: found.lightKey, sizeBytes: found.lightBytes, mimeType: "video/mp4" },
    options: { downloadName: lightFileName(found.title, found.filmCode), cacheControl: found.viewer === "public" ? "public, max-age=3600" : "private, max-age=300" },
  };
}

/** "Senja di Desa" → "senja-di-desa-360p.mp4"; a title with no Latin letters uses the film's code. */
export function lightFileName(title: string, code: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return `${slug || code.toLowerCase()}-360p.mp4`;
}

async function readText(storage: StorageDriver, key: string): Promise<string | null> {
  if ((await storage.size(key)) === null) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of await storage.read(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function find(cookieHeader: string | null, filmId: string) {
  return renditionsForRequest(getDb(), await sessionClaimsFromCookies(cookieHeader), filmId);
}

async function toResponse(request: Request, answer: HlsAnswer): Promise<Response> {
  if (answer.status === "file") return serveMedia(request, await getStorage(), answer.media, answer.options);
  return new Response(request.method === "HEAD" ? null : answer.body, { status: answer.status, headers: answer.headers });
}

async function toNode(req: IncomingMessage, res: ServerResponse, answer: HlsAnswer): Promise<void> {
  if (answer.status === "file") return serveMediaNode(req, res, await getStorage(), answer.media, answer.options);
  res.writeHead(answer.status, { ...answer.headers, "Content-Length": String(Buffer.byteLength(answer.body)) });
  res.end(req.method === "HEAD" ? undefined : answer.body);
}

/** Route handler (next dev, and anything server.mjs leaves to Next). */
export async function serveHls(request: Request, filmId: string, rest: string): Promise<Response> {
  const found = await find(request.headers.get("cookie"), filmId);
  return toResponse(request, await answerHls(await getStorage(), found, rest));
}

export async function serveLight(request: Request, filmId: string): Promise<Response> {
  return toResponse(request, answerLight(await find(request.headers.get("cookie"), filmId)));
}

/** The same answers on a Node response (server.mjs's direct routes, lib/server/direct-routes.ts). */
export async function serveHlsNode(req: IncomingMessage, res: ServerResponse, filmId: string, rest: string): Promise<void> {
  const found = await find(req.headers.cookie ?? null, filmId);
  await toNode(req, res, await answerHls(await getStorage(), found, rest));
}

export async function serveLightNode(req: IncomingMessage, res: ServerResponse, filmId: string): Promise<void> {
  await toNode(req, res, answerLight(await find(req.headers.cookie ?? null, filmId)));
}
