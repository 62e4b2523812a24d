import crypto from "node:crypto";
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import zlib from "node:zlib";
import { env, type Env } from "@/lib/env";

/**
 * Security headers on every answer, and a Content-Security-Policy on every page, applied by
 * server.mjs to Node's response before Next (or a direct byte route) writes it
 * (docs/decisions/0018-sessions-limits-and-headers.md).
 *
 * The policy allows no inline script but the ones the page itself carries, by hash: Next's
 * App Router writes its payload as inline scripts (`self.__next_f.push(...)`) that differ
 * per page. A nonce would need every page rendered per request, and public pages are
 * static (docs/decisions/0007); a hash of the bytes actually sent works for a page from the
 * ISR cache and a freshly rendered one alike, keeps ETag and 304 answers consistent (the
 * same bytes give the same header) and lets a shared cache store the page with its header.
 * So an HTML answer is held until it is complete, its inline scripts are hashed, and it is
 * sent unchanged with the policy naming those hashes.
 */
export type SecuritySettings = {
  /** The public URL is https: HSTS and upgrade-insecure-requests. */
  https: boolean;
  /** Where media (posters, video, subtitles) may come from besides this site (S3 presigned URLs). */
  mediaOrigins: string[];
  /** Where the browser may send requests besides this site (UploadThing's ingest servers). */
  connectOrigins: string[];
};

export function securitySettings(e: Env = env()): SecuritySettings {
  const mediaOrigins: string[] = [];
  if (e.STORAGE_DRIVER === "s3" && e.S3_BUCKET) {
    if (e.S3_ENDPOINT) {
      const endpoint = new URL(e.S3_ENDPOINT);
      mediaOrigins.push(e.S3_FORCE_PATH_STYLE ? endpoint.origin : `${endpoint.protocol}//${e.S3_BUCKET}.${endpoint.host}`);
    } else {
      mediaOrigins.push(`https://${e.S3_BUCKET}.s3.${e.S3_REGION}.amazonaws.com`, `https://s3.${e.S3_REGION}.amazonaws.com`);
    }
  }
  const connectOrigins: string[] = [];
  if (e.STORAGE_DRIVER === "uploadthing") {
    connectOrigins.push("https://*.ingest.uploadthing.com");
    if (e.uploadthing?.ingestHost) connectOrigins.push(`https://${e.uploadthing.ingestHost}`);
  }
  return { https: e.publicUrl.startsWith("https://"), mediaOrigins, connectOrigins };
}

/** Headers for every answer (pages, API, media, Next's assets). */
export function baseSecurityHeaders(settings: SecuritySettings): Record<string, string> {
  const headers: Record<string, string> = {
    "X-Content-Type-Options": "nosniff",
    // Links to other sites carry no path (password links and film ids stay here); the language
    // switch still reads the same-origin Referer (lib/actions/locale.ts).
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), fullscreen=(self)",
    // No page is meant to be embedded (no embed route exists): for browsers without frame-ancestors.
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
  };
  if (settings.https) headers["Strict-Transport-Security"] = "max-age=31536000";
  return headers;
}

/** The policy of one page whose inline scripts have these hashes ('sha256-...'). */
export function contentSecurityPolicy(scriptHashes: readonly string[], settings: SecuritySettings): string {
  const media = settings.mediaOrigins.join(" ");
  const directives = [
    "default-src 'self'",
    `script-src 'self'${scriptHashes.map((h) => ` '${h}'`).join("")}`,
    // React writes style attributes; no script can come from a style.
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${media ? ` ${media}` : ""}`,
    // blob: the uploader reads a chosen video's length in a <video> before sending it.
    `media-src 'self' blob:${media ? ` ${media}` : ""}`,
    "font-src 'self'",
    `connect-src 'self'${settings.connectOrigins.map((o) => ` ${o}`).join("")}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
  ];
  if (settings.https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/** 'sha256-...' of each inline script of a page, in order, without repeats. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    if (/\ssrc\s*=/i.test(` ${match[1]}`)) continue;
    if (match[2].length === 0) continue;
    hashes.add(`sha256-${crypto.createHash("sha256").update(match[2], "utf8").digest("base64")}`);
  }
  return [...hashes];
}

function decodeBody(body: Buffer, encoding: string): string {
  switch (encoding.trim().toLowerCase()) {
    case "":
    case "identity":
      return body.toString("utf8");
    case "gzip":
    case "x-gzip":
      return zlib.gunzipSync(body).toString("utf8");
    case "br":
      return zlib.brotliDecompressSync(body).toString("utf8");
    case "deflate":
      return zlib.inflateSync(body).toString("utf8");
    default:
      throw new Error(`unknown content-encoding ${encoding}`);
  }
}

function headerFrom(headers: unknown, name: string): string | undefined {
  if (!headers) return undefined;
  if (Array.isArray(headers)) {
    // writeHead(status, [name, value, name, value, ...]) or [[name, value], ...]
    const flat = headers.flat() as unknown[];
    for (let i = 0; i + 1 < flat.length; i += 2) if (String(flat[i]).toLowerCase() === name) return String(flat[i + 1]);
    return undefined;
  }
  for (const [key, value] of Object.entries(headers as OutgoingHttpHeaders)) {
    if (key.toLowerCase() === name && value !== undefined) return Array.isArray(value) ? value.join(", ") : String(value);
  }
  return undefined;
}

type Args = unknown[];
type Callback = (error?: Error | null) => void;

/**
 * Sets the base headers on `res` and, when the answer turns out to be a page (text/html with
 * a body), holds it until it ends and adds the Content-Security-Policy for its inline
 * scripts. Next compresses inside its own handler, on top of these wrappers, so what
 * arrives here may be gzip or brotli: it is decoded only to be read, and the bytes Next
 * produced are sent as they are.
 */
export function applySecurityHeaders(req: IncomingMessage, res: ServerResponse, settings: SecuritySettings): void {
  for (const [name, value] of Object.entries(baseSecurityHeaders(settings))) res.setHeader(name, value);
  if (req.method === "HEAD" || (req.url ?? "").startsWith("/_next/static/")) return;

  const original = { writeHead: res.writeHead, write: res.write, end: res.end, flushHeaders: res.flushHeaders };
  let mode: "undecided" | "pass" | "hold" = "undecided";
  let head: Args = [];
  const chunks: Buffer[] = [];

  const decide = (status: number, headers: unknown): "pass" | "hold" => {
    const type = headerFrom(headers, "content-type") ?? String(res.getHeader("content-type") ?? "");
    const hasBody = status !== 204 && status !== 304 && !(status >= 100 && status < 200);
    return hasBody && type.toLowerCase().startsWith("text/html") ? "hold" : "pass";
  };

  res.writeHead = function (this: ServerResponse, ...args: Args) {
    if (mode === "undecided") {
      const status = Number(args[0]);
      mode = decide(status, typeof args[1] === "string" ? args[2] : args[1]);
      if (mode === "hold") {
        head = args;
        return this;
      }
    }
    if (mode === "hold") return this; // repeated implicit calls while the page is held
    return (original.writeHead as (...a: Args) => ServerResponse).apply(this, args);
  } as unknown as ServerResponse["writeHead"];

  res.flushHeaders = function (this: ServerResponse) {
    if (mode === "undecided") {
      mode = decide(this.statusCode, undefined);
      if (mode === "hold") head = [this.statusCode];
    }
    if (mode === "hold") return;
    original.flushHeaders.call(this);
  };

  const collect = (chunk: unknown, encoding: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === "function") return;
    chunks.push(Buffer.isBuffer(chunk) ? chunk : typeof chunk === "string" ? Buffer.from(chunk, (typeof encoding === "string" ? encoding : "utf8") as BufferEncoding) : Buffer.from(chunk as Uint8Array));
  };

  res.write = function (this: ServerResponse, chunk: unknown, encoding?: unknown, callback?: unknown) {
    if (mode === "undecided") {
      mode = decide(this.statusCode, undefined);
      if (mode === "hold") head = [this.statusCode];
    }
    if (mode !== "hold") return (original.write as (...a: Args) => boolean).apply(this, [chunk, encoding, callback].filter((a) => a !== undefined));
    collect(chunk, encoding);
    const cb = (typeof encoding === "function" ? encoding : callback) as Callback | undefined;
    if (cb) process.nextTick(cb);
    return true;
  } as unknown as ServerResponse["write"];

  res.end = function (this: ServerResponse, chunk?: unknown, encoding?: unknown, callback?: unknown) {
    if (mode === "undecided") {
      mode = decide(this.statusCode, undefined);
      if (mode === "hold") head = [this.statusCode];
    }
    if (mode !== "hold") return (original.end as (...a: Args) => ServerResponse).apply(this, [chunk, encoding, callback].filter((a) => a !== undefined));
    collect(chunk, encoding);
    const cb = [chunk, encoding, callback].find((a) => typeof a === "function") as Callback | undefined;
    const body = Buffer.concat(chunks);
    let hashes: string[] = [];
    try {
      hashes = inlineScriptHashes(decodeBody(body, String(this.getHeader("content-encoding") ?? "")));
    } catch (error) {
      // Unreadable: the page goes out with no inline script allowed rather than without a policy.
      console.error(error);
    }
    this.setHeader("Content-Security-Policy", contentSecurityPolicy(hashes, settings));
    (original.writeHead as (...a: Args) => ServerResponse).apply(this, head);
    return (original.end as (...a: Args) => ServerResponse).apply(this, cb ? [body, cb] : [body]);
  } as unknown as ServerResponse["end"];
}

export type SecurityHeaders = (req: IncomingMessage, res: ServerResponse) => void;

const holder = globalThis as unknown as { __layarSecurityHeaders?: SecurityHeaders };

/** Called once at server start (instrumentation.ts); server.mjs applies it to every request. */
export function installSecurityHeaders(): void {
  const settings = securitySettings();
  holder.__layarSecurityHeaders = (req, res) => applySecurityHeaders(req, res, settings);
}
