import fsp from "node:fs/promises";
import type { Readable } from "node:stream";
import { ReadableStream as NodeReadableStream } from "node:stream/web";
import type { ByteRange, StorageDriver } from "@/lib/storage";
import { parseRange } from "./range";

export type ServableMedia = { storageKey: string; sizeBytes: number | null; mimeType: string | null; sha256?: string | null };
export type MediaOptions = {
  downloadName?: string;
  cacheControl: string;
  /** The ETag when the file has no sha256 (a poster size: its media id, width and format). */
  etag?: string;
  /** The request's If-None-Match: a matching ETag is answered 304 without the bytes. */
  ifNoneMatch?: string | null;
};

/**
 * What to answer a media request with, decided once for both ways of sending it (a web
 * Response from a route handler, or a Node response from server.mjs's direct route):
 * status, headers, and either the byte range to send or a short body. Drivers with
 * signed URLs (S3) get a redirect to one, after the caller's access check.
 */
export type MediaAnswer = { status: 200 | 206 | 302 | 304 | 404 | 416; headers: Record<string, string>; range: ByteRange | null; body?: string };

export async function answerMedia(method: string, rangeHeader: string | null | undefined, storage: StorageDriver, media: ServableMedia, options: MediaOptions): Promise<MediaAnswer> {
  const contentType = media.mimeType && /^[\w.+-]+\/[\w.+-]+$/.test(media.mimeType) ? media.mimeType : "application/octet-stream";
  if (storage.signedUrl) {
    const url = await storage.signedUrl(media.storageKey, { expiresInSeconds: 300, contentType, downloadName: options.downloadName });
    return { status: 302, headers: { Location: url, "Cache-Control": "private, no-store" }, range: null };
  }
  const size = media.sizeBytes ?? (await storage.size(media.storageKey));
  if (size === null) return { status: 404, headers: { "Content-Type": "application/json" }, range: null, body: JSON.stringify({ error: "Berkas tidak ditemukan." }) };
  const headers: Record<string, string> = {
    "Accept-Ranges": "bytes",
    "Content-Type": contentType,
    "Cache-Control": options.cacheControl,
    "X-Content-Type-Options": "nosniff",
    "Content-Disposition": options.downloadName ? `attachment; filename="${options.downloadName.replace(/[^\w.-]/g, "_")}"` : "inline",
  };
  const etag = options.etag ?? media.sha256;
  if (etag) {
    headers.ETag = `"${etag}"`;
    const wanted = options.ifNoneMatch?.split(",").map((t) => t.trim().replace(/^W\//, ""));
    if (wanted?.includes(headers.ETag) || wanted?.includes("*")) {
      delete headers["Content-Disposition"];
      return { status: 304, headers, range: null };
    }
  }
  const range = parseRange(rangeHeader, size);
  if (range.kind === "unsatisfiable") return { status: 416, headers: { ...headers, "Content-Range": `bytes */${size}` }, range: null };
  if (method === "HEAD") return { status: 200, headers: { ...headers, "Content-Length": String(size) }, range: null };
  if (range.kind === "full") return { status: 200, headers: { ...headers, "Content-Length": String(size) }, range: size > 0 ? { start: 0, end: size - 1 } : null };
  return {
    status: 206,
    headers: { ...headers, "Content-Range": `bytes ${range.start}-${range.end}/${size}`, "Content-Length": String(range.end - range.start + 1) },
    range: { start: range.start, end: range.end },
  };
}

/**
 * Answers a media request with HTTP Range support (206 for `bytes=a-b`, `a-`, `-n`;
 * 416 past the end; 200 for the whole file), streaming from storage. Drivers with
 * signed URLs (S3) are redirected to instead, after the caller's access check.
 */
export async function serveMedia(request: Request, storage: StorageDriver, media: ServableMedia, options: MediaOptions): Promise<Response> {
  const answer = await answerMedia(request.method, request.headers.get("range"), storage, media, options);
  const body = answer.range ? await streamOf(storage, media.storageKey, answer.range, answer.status === 206) : (answer.body ?? null);
  return new Response(body, { status: answer.status, headers: answer.headers });
}

/** Bytes per read: a player's typical range is one read; an open-ended one is read on demand. */
const READ_BYTES = 1024 * 1024;

async function streamOf(storage: StorageDriver, key: string, range: ByteRange, partial: boolean): Promise<ReadableStream<Uint8Array>> {
  // A file on this machine: read it straight into the web stream the response needs,
  // one positioned read per pull, instead of a Node ReadStream adapted to a web stream
  // (an extra stream, an async iterator and their promises for every chunk).
  if (storage.name === "local") return fileStream((await storage.localCopy(key)).path, range);
  return toWeb(await storage.read(key, partial ? range : undefined));
}

/**
 * `start`..`end` (inclusive) of a file as a web stream. Pull-based: the file is opened
 * and read only when the reader asks for bytes (a response nobody reads holds no file,
 * not even until garbage collection), one READ_BYTES buffer at a time, and closed at
 * the end, on an error, and when the reader cancels (a video element drops requests
 * all the time).
 */
function fileStream(path: string, range: ByteRange): ReadableStream<Uint8Array> {
  let handle: fsp.FileHandle | undefined;
  let position = range.start;
  const close = async () => {
    const h = handle;
    handle = undefined;
    await h?.close().catch(() => {});
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          if (position > range.end) {
            await close();
            controller.close();
            return;
          }
          handle ??= await fsp.open(path, "r");
          const length = Math.min(READ_BYTES, range.end + 1 - position);
          const buffer = Buffer.allocUnsafe(length);
          const { bytesRead } = await handle.read(buffer, 0, length, position);
          if (bytesRead === 0) throw new Error(`${path} ended at ${position}, before byte ${range.end}`);
          position += bytesRead;
          controller.enqueue(bytesRead === length ? buffer : buffer.subarray(0, bytesRead));
          if (position > range.end) {
            await close();
            controller.close();
          }
        } catch (error) {
          await close();
          controller.error(error);
        }
      },
      cancel: close,
    },
    { highWaterMark: 0 },
  );
}

// Not Readable.toWeb: on Node 20 it keeps writing after the reader cancels (a video
// element drops its first request every time) and throws "Controller is already
// closed" as an uncaught exception. ReadableStream.from destroys the file stream on cancel.
function toWeb(stream: Readable): ReadableStream<Uint8Array> {
  return NodeReadableStream.from(stream as AsyncIterable<Uint8Array>) as unknown as ReadableStream<Uint8Array>;
}
