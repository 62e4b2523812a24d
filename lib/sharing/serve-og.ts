import type { Db } from "@/lib/db/client";
import { getStorage } from "@/lib/storage";
import { ensureOgImage } from "./og-image";
import { editionOgSource, filmOgSource, type OgSource } from "./og-sources";

/**
 * GET /api/og/film/{id} and /api/og/edition/{slug}: the link-preview image, 404 for anything
 * that is not public. The pages link it with `?v={version}` (a hash of what it shows): that URL
 * never changes its picture and is cached for a year; any other URL (no or an old `v`) gets
 * the current picture for an hour.
 */
export async function serveOgImage(db: Db, request: Request, kind: "film" | "edition", id: string, now = new Date()): Promise<Response> {
  const source: OgSource | null = kind === "film" ? await filmOgSource(db, id, now) : await editionOgSource(db, id, now);
  if (!source) return new Response("Tidak ditemukan.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  const storage = await getStorage();
  const { key } = await ensureOgImage(storage, source);
  const etag = `"og-${source.version}"`;
  const current = new URL(request.url).searchParams.get("v") === source.version;
  const headers = {
    "Content-Type": "image/jpeg",
    "Cache-Control": current ? "public, max-age=31536000, immutable" : "public, max-age=3600",
    ETag: etag,
  };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  const chunks: Buffer[] = [];
  for await (const chunk of await storage.read(key)) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  const body = Buffer.concat(chunks);
  return new Response(request.method === "HEAD" ? null : new Uint8Array(body), { status: 200, headers: { ...headers, "Content-Length": String(body.length) } });
}
