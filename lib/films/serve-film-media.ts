import { sessionClaimsFromCookies } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { serveMedia } from "@/lib/http/serve-media";
import { getStorage } from "@/lib/storage";
import { mediaForRequest, type MediaKind } from "./media-access";

const extensions: Record<string, string> = { "video/mp4": "mp4", "video/quicktime": "mov", "image/webp": "webp", "image/jpeg": "jpg", "text/vtt": "vtt" };

const notFound = () => Response.json({ error: "Film tidak ditemukan." }, { status: 404 });

/**
 * GET /api/films/{id}/{video|poster|subtitles}: the same access rule for every
 * kind. A judge's URL and file name carry only the film's neutral code. The
 * session, the access rule's facts and the file come from one database query
 * (a player sends a ranged request every second or so).
 */
export async function serveFilmMedia(request: Request, filmId: string, kind: MediaKind): Promise<Response> {
  const claims = await sessionClaimsFromCookies(request.headers.get("cookie"));
  const found = await mediaForRequest(getDb(), claims, filmId, kind);
  if (!found) return notFound();
  const { viewer, filmCode, media } = found;
  const wantsDownload = new URL(request.url).searchParams.get("unduh") === "1" && (viewer === "organiser" || viewer === "owner");
  const extension = extensions[media.mimeType ?? ""] ?? "bin";
  return serveMedia(request, await getStorage(), media, {
    downloadName: wantsDownload ? `${filmCode}.${extension}` : undefined,
    // Published media may sit in shared caches; everything else is private to the viewer.
    cacheControl: viewer === "public" ? "public, max-age=3600" : "private, max-age=300",
  });
}
