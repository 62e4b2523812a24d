import type { IncomingMessage, ServerResponse } from "node:http";
import { sessionClaimsFromCookies } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { serveMedia, type MediaOptions, type ServableMedia } from "@/lib/http/serve-media";
import { serveMediaNode } from "@/lib/http/serve-media-node";
import { getStorage } from "@/lib/storage";
import { mediaForRequest, type MediaKind } from "./media-access";
import { parsePosterSizeQuery, posterMimeTypes, posterSizeKey, posterVersion } from "./poster-sizes";

const extensions: Record<string, string> = { "video/mp4": "mp4", "video/quicktime": "mov", "image/webp": "webp", "image/jpeg": "jpg", "text/vtt": "vtt" };

const notFoundBody = JSON.stringify({ error: "Film tidak ditemukan." });
const badSizeBody = JSON.stringify({ error: "Ukuran poster tidak tersedia." });

type Found = { media: ServableMedia; options: MediaOptions } | null | "invalid";

/**
 * The file a media request may get and how to send it, or null ("not found", also
 * for a film the asker may not see). A judge's URL and file name carry only the
 * film's neutral code. The session, the access rule's facts and the file come from
 * one database query (a player sends a ranged request every second or so).
 */
async function filmMediaFor(cookieHeader: string | null, filmId: string, kind: MediaKind, url: URL, ifNoneMatch: string | null): Promise<Found> {
  // A poster size (?w=128&f=webp&v=…): only the listed widths and formats.
  const size = kind === "poster" ? parsePosterSizeQuery(url.searchParams) : null;
  if (size === "invalid") return "invalid";
  const claims = await sessionClaimsFromCookies(cookieHeader);
  const found = await mediaForRequest(getDb(), claims, filmId, kind);
  if (!found) return null;
  const { viewer, filmCode, media } = found;
  // Published media may sit in shared caches; everything else is private to the viewer.
  const cacheControl = viewer === "public" ? "public, max-age=3600" : "private, max-age=300";
  if (size) {
    // Made on first request when the upload did not make it (the demo's posters), with the
    // same access decision as the poster; a URL naming this poster's version never changes.
    // sharp (libvips) is loaded on the first size request, not at server start.
    const { ensurePosterSize } = await import("./poster-renditions");
    const sizeBytes = await ensurePosterSize(await getStorage(), media, size.width, size.format);
    const current = size.version === posterVersion(media.id);
    return {
      media: { storageKey: posterSizeKey(media.storageKey, media.id, size.width, size.format), sizeBytes, mimeType: posterMimeTypes[size.format] },
      options: {
        // Public and naming the current poster: the bytes behind this URL never change.
        cacheControl: current && viewer === "public" ? "public, max-age=31536000, immutable" : cacheControl,
        etag: `${media.id}-w${size.width}-${size.format}`,
        ifNoneMatch,
      },
    };
  }
  const wantsDownload = url.searchParams.get("unduh") === "1" && (viewer === "organiser" || viewer === "owner");
  const extension = extensions[media.mimeType ?? ""] ?? "bin";
  return {
    media,
    options: { downloadName: wantsDownload ? `${filmCode}.${extension}` : undefined, cacheControl, ifNoneMatch: kind === "poster" ? ifNoneMatch : undefined },
  };
}

/** GET /api/films/{id}/{video|poster|subtitles} as a route handler: the same access rule for every kind. */
export async function serveFilmMedia(request: Request, filmId: string, kind: MediaKind): Promise<Response> {
  const found = await filmMediaFor(request.headers.get("cookie"), filmId, kind, new URL(request.url), request.headers.get("if-none-match"));
  if (found === "invalid") return new Response(badSizeBody, { status: 400, headers: { "Content-Type": "application/json" } });
  if (!found) return new Response(notFoundBody, { status: 404, headers: { "Content-Type": "application/json" } });
  return serveMedia(request, await getStorage(), found.media, found.options);
}

/**
 * The same answer on a Node response: server.mjs sends media requests here before
 * Next sees them (lib/server/direct-routes.ts), so a player's ranged reads cost a
 * database query and a file read, not a pass through Next's route machinery.
 */
export async function serveFilmMediaNode(req: IncomingMessage, res: ServerResponse, filmId: string, kind: MediaKind): Promise<void> {
  const found = await filmMediaFor(req.headers.cookie ?? null, filmId, kind, new URL(req.url ?? "/", "http://localhost"), req.headers["if-none-match"] ?? null);
  if (found === "invalid") {
    res.writeHead(400, { "Content-Type": "application/json" }).end(badSizeBody);
    return;
  }
  if (!found) {
    res.writeHead(404, { "Content-Type": "application/json" }).end(notFoundBody);
    return;
  }
  await serveMediaNode(req, res, await getStorage(), found.media, found.options);
}
