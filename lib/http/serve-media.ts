import type { Readable } from "node:stream";
import { ReadableStream as NodeReadableStream } from "node:stream/web";
import type { StorageDriver } from "@/lib/storage";
import { parseRange } from "./range";

type Media = { storageKey: string; sizeBytes: number | null; mimeType: string | null; sha256?: string | null };

/**
 * Answers a media request with HTTP Range support (206 for `bytes=a-b`, `a-`, `-n`;
 * 416 past the end; 200 for the whole file), streaming from storage. Drivers with
 * signed URLs (S3) are redirected to instead, after the caller's access check.
 */
export async function serveMedia(request: Request, storage: StorageDriver, media: Media, options: { downloadName?: string; cacheControl: string }): Promise<Response> {
  const contentType = media.mimeType && /^[\w.+-]+\/[\w.+-]+$/.test(media.mimeType) ? media.mimeType : "application/octet-stream";
  if (storage.signedUrl) {
    const url = await storage.signedUrl(media.storageKey, { expiresInSeconds: 300, contentType, downloadName: options.downloadName });
    return new Response(null, { status: 302, headers: { Location: url, "Cache-Control": "private, no-store" } });
  }
  const size = media.sizeBytes ?? (await storage.size(media.storageKey));
  if (size === null) return Response.json({ error: "Berkas tidak ditemukan." }, { status: 404 });
  const headers = new Headers({
    "Accept-Ranges": "bytes",
    "Content-Type": contentType,
    "Cache-Control": options.cacheControl,
    "X-Content-Type-Options": "nosniff",
    "Content-Disposition": options.downloadName ? `attachment; filename="${options.downloadName.replace(/[^\w.-]/g, "_")}"` : "inline",
  });
  if (media.sha256) headers.set("ETag", `"${media.sha256}"`);
  const range = parseRange(request.headers.get("range"), size);
  if (range.kind === "unsatisfiable") {
    headers.set("Content-Range", `bytes */${size}`);
    return new Response(null, { status: 416, headers });
  }
  if (request.method === "HEAD") {
    headers.set("Content-Length", String(size));
    return new Response(null, { status: 200, headers });
  }
  if (range.kind === "full") {
    headers.set("Content-Length", String(size));
    return new Response(toWeb(await storage.read(media.storageKey)), { status: 200, headers });
  }
  headers.set("Content-Range", `bytes ${range.start}-${range.end}/${size}`);
  headers.set("Content-Length", String(range.end - range.start + 1));
  return new Response(toWeb(await storage.read(media.storageKey, range)), { status: 206, headers });
}

// Not Readable.toWeb: on Node 20 it keeps writing after the reader cancels (a video
// element drops its first request every time) and throws "Controller is already
// closed" as an uncaught exception. ReadableStream.from destroys the file stream on cancel.
function toWeb(stream: Readable): ReadableStream<Uint8Array> {
  return NodeReadableStream.from(stream as AsyncIterable<Uint8Array>) as unknown as ReadableStream<Uint8Array>;
}
