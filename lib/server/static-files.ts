import crypto from "node:crypto";
import fs from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { chooseEncoding, matchesEtag, type Encoding } from "./page-cache";

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * Next's build assets (`/_next/static/...`: the stylesheet, the scripts of the pages that
 * keep them, the icon) answered by server.mjs from memory, compressed once per file: their
 * names carry a content hash, so they never change while the server runs. Next's own
 * handler gzips such a file again on every request (about 3 ms of CPU for the 25 KB
 * stylesheet on the 2-core machine), the phone gets brotli here, and the file is sent
 * as a static file server would (docs/decisions/0029-lean-public-pages.md).
 * A name that is not a plain file name of a known type is left to Next; a file that is not
 * there is a 404 here.
 */
type StaticFile = { type: string; bodies: Record<Encoding, Buffer>; etag: string };

const types: Record<string, string> = {
  ".css": "text/css; charset=utf-8",
  ".js": "application/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=utf-8",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
};
const compressible = new Set([".css", ".js", ".json", ".map", ".svg", ".txt"]);
const prefix = "/_next/static/";
const maxFileBytes = 4 * 1024 * 1024;

export type StaticFiles = (req: IncomingMessage, res: ServerResponse) => boolean;

/** The files of `root` (`.next/static`) under /_next/static/, kept in memory after the first request. */
export function staticFiles(root: string): StaticFiles {
  const files = new Map<string, Promise<StaticFile | null>>();
  const load = (relative: string) => {
    let file = files.get(relative);
    if (!file) {
      file = readStatic(root, relative);
      files.set(relative, file);
      // A file that is not there is asked again next time (a build in place).
      void file.then((found) => (found ? undefined : files.delete(relative)));
    }
    return file;
  };
  return (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    const url = req.url ?? "";
    if (!url.startsWith(prefix)) return false;
    const query = url.indexOf("?");
    let relative: string;
    try {
      relative = decodeURIComponent(url.slice(prefix.length, query === -1 ? undefined : query));
    } catch {
      return false;
    }
    // Only plain names inside the folder: no way up, no hidden files, a known type.
    if (!relative || relative.split("/").some((part) => part === "" || part.startsWith(".")) || relative.includes("\\") || relative.includes("\0")) return false;
    if (!types[path.extname(relative).toLowerCase()]) return false;
    load(relative)
      .then((file) => {
        if (!file) {
          res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("Tidak ditemukan");
          return;
        }
        sendStatic(req, res, file);
      })
      .catch((error: unknown) => {
        console.error(error);
        if (!res.headersSent) res.writeHead(500).end();
      });
    return true;
  };
}

async function readStatic(root: string, relative: string): Promise<StaticFile | null> {
  const full = path.join(root, relative);
  if (!full.startsWith(root + path.sep)) return null;
  let body: Buffer;
  try {
    const stat = await fs.stat(full);
    if (!stat.isFile() || stat.size > maxFileBytes) return null;
    body = await fs.readFile(full);
  } catch {
    return null;
  }
  const ext = path.extname(relative).toLowerCase();
  const bodies: Record<Encoding, Buffer> = { identity: body, gzip: body, br: body };
  if (compressible.has(ext) && body.length > 512) {
    [bodies.br, bodies.gzip] = await Promise.all([
      brotli(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
      gzip(body, { level: 9 }),
    ]);
  }
  return { type: types[ext], bodies, etag: `"${crypto.createHash("sha1").update(body).digest("base64url")}"` };
}

function sendStatic(req: IncomingMessage, res: ServerResponse, file: StaticFile): void {
  res.setHeader("Cache-Control", "public, max-age=31536000, immutable");
  res.setHeader("ETag", file.etag);
  if (file.bodies.gzip !== file.bodies.identity) res.setHeader("Vary", "Accept-Encoding");
  const ifNoneMatch = req.headers["if-none-match"];
  if (typeof ifNoneMatch === "string" && matchesEtag(ifNoneMatch, file.etag)) {
    res.writeHead(304).end();
    return;
  }
  const encoding = file.bodies.gzip === file.bodies.identity ? "identity" : chooseEncoding(req.headers["accept-encoding"]);
  const body = file.bodies[encoding];
  res.setHeader("Content-Type", file.type);
  if (encoding !== "identity") res.setHeader("Content-Encoding", encoding);
  res.setHeader("Content-Length", body.length);
  res.writeHead(200);
  if (req.method === "HEAD") res.end();
  else res.end(body);
}
