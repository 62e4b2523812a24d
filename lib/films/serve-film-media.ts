import { actorFromCookies } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { serveMedia } from "@/lib/http/serve-media";
import { getStorage } from "@/lib/storage";
import { currentMedia, viewerOf, type MediaKind } from "./media-access";

const extensions: Record<string, string> = { "video/mp4": "mp4", "video/quicktime": "mov", "image/webp": "webp", "image/jpeg": "jpg", "text/vtt": "vtt" };

const notFound = () => Response.json({ error: "Film tidak ditemukan." }, { status: 404 });

/**
 * GET /api/films/{id}/{video|poster|subtitles}: the same access rule for every
 * kind. A judge's URL and file name carry only the film's neutral code.
 */
export async function serveFilmMedia(request: Request, filmId: string, kind: MediaKind): Promise<Response> {
  const db = getDb();
  const actor = await actorFromCookies(request.headers.get("cookie"), db);
  const access = await viewerOf(db, actor, filmId);
  if (!access) return notFound();
  const media = await currentMedia(db, filmId, kind, access.viewer);
  if (!media) return notFound();
  const wantsDownload = new URL(request.url).searchParams.get("unduh") === "1" && (access.viewer === "organiser" || access.viewer === "owner");
  const extension = extensions[media.mimeType ?? ""] ?? "bin";
  return serveMedia(request, getStorage(), media, {
    downloadName: wantsDownload ? `${access.film.code}.${extension}` : undefined,
    // Published media may sit in shared caches; everything else is private to the viewer.
    cacheControl: access.viewer === "public" ? "public, max-age=3600" : "private, max-age=300",
  });
}
