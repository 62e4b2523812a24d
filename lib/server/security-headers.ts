import crypto from "node:crypto";
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import zlib from "node:zlib";
import { env, type Env } from "@/lib/env";
import { isEmbedPath } from "@/lib/sharing/embed-path";
import { isLeanPage, leanHtml } from "./lean-page";
import { addVary, chooseEncoding, compressFor, compressOnce, isPageRequest, matchesEtag, pageCacheKey, pageEtag, processPageCache, sharedMaxAge, type Encoding, type PageCache } from "./page-cache";

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

/**
 * Whether an answer may be shown in another site's frame: only the embeddable player,
 * /film/{id}/embed (lib/sharing/embed-path.ts, docs/decisions/0037-sharing.md).
 */
export type Framing = "none" | "any";

export const framingOf = (url: string | undefined): Framing => (isEmbedPath(url ?? "/") ? "any" : "none");

/** Headers for every answer (pages, API, media, Next's assets). */
export function baseSecurityHeaders(settings: SecuritySettings, framing: Framing = "none"): Record<string, string> {
  const headers: Record<string, string> = {
    "X-Content-Type-Options": "nosniff",
    // Links to other sites carry no path (password links and film ids stay here); the language
    // switch still reads the same-origin Referer (lib/actions/locale.ts).
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), fullscreen=(self)",
    "Cross-Origin-Opener-Policy": "same-origin",
  };
  // No page but the embed is meant to be framed: for browsers without frame-ancestors. The
  // embed has no X-Frame-Options at all (ALLOW-FROM is obsolete; its CSP says who may frame it).
  if (framing === "none") headers["X-Frame-Options"] = "DENY";
  if (settings.https) headers["Strict-Transport-Security"] = "max-age=31536000";
  return headers;
}

/** The policy of one page whose inline scripts have these hashes ('sha256-...'). */
export function contentSecurityPolicy(scriptHashes: readonly string[], settings: SecuritySettings, framing: Framing = "none"): string {
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
    // The embed (any site may frame it: a village website on any host, http or https).
    framing === "any" ? "frame-ancestors *" : "frame-ancestors 'none'",
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

/** What a page answer (held by `applySecurityHeaders`) becomes before it is sent. */
type PageWork = { cache: PageCache; acceptEncoding: string | string[] | undefined; ifNoneMatch: string | undefined; key: string; framing: Framing };

/**
 * Sets the base headers on `res` and, when the answer turns out to be a page (text/html with
 * a body), holds it until it ends and adds the Content-Security-Policy for its inline
 * scripts. Next compresses inside its own handler, on top of these wrappers, so what
 * arrives here may be gzip or brotli: it is decoded only to be read, and the bytes Next
 * produced are sent as they are.
 *
 * With a page cache (server.mjs), a page request (`isPageRequest`) is answered here: from the
 * cache when a fresh copy is kept (returns true: nothing else runs); else Next renders it
 * uncompressed, a lean page (lib/server/lean-page.ts) loses Next's scripts, and the page is
 * compressed here, once per rendered version when Next declared it shareable (then kept),
 * per request otherwise, with a validator for conditional requests.
 */
export function applySecurityHeaders(req: IncomingMessage, res: ServerResponse, settings: SecuritySettings, cache?: PageCache): boolean {
  const framing = framingOf(req.url);
  for (const [name, value] of Object.entries(baseSecurityHeaders(settings, framing))) res.setHeader(name, value);
  if ((req.url ?? "").startsWith("/_next/static/")) return false;

  let page: PageWork | null = null;
  if (cache && isPageRequest(req)) {
    const key = pageCacheKey(req);
    const kept = cache.get(key);
    if (kept) {
      res.setHeader("X-Layar-Cache", "HIT");
      sendPage(req, res, kept.status, kept.headers, kept.bodies, kept.etag);
      return true;
    }
    if (req.method !== "HEAD") {
      const ifNoneMatch = req.headers["if-none-match"];
      page = { cache, key, framing, acceptEncoding: req.headers["accept-encoding"], ifNoneMatch: typeof ifNoneMatch === "string" ? ifNoneMatch : undefined };
      // Next sends the page as it is: it is compressed below, once when it can be kept.
      req.headers["accept-encoding"] = "identity";
      delete req.headers["if-none-match"];
    }
  }
  if (req.method === "HEAD") return false;

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
    let html: string | null = null;
    try {
      html = decodeBody(body, String(this.getHeader("content-encoding") ?? ""));
    } catch (error) {
      // Unreadable: the page goes out with no inline script allowed rather than without a policy.
      console.error(error);
    }
    if (page && html !== null) {
      // Back to Node's own methods: the page is written once, below.
      Object.assign(this, original);
      finishPage(this, page, head, html, settings);
      if (cb) process.nextTick(cb);
      return this;
    }
    this.setHeader("Content-Security-Policy", contentSecurityPolicy(html === null ? [] : inlineScriptHashes(html), settings, framing));
    (original.writeHead as (...a: Args) => ServerResponse).apply(this, head);
    return (original.end as (...a: Args) => ServerResponse).apply(this, cb ? [body, cb] : [body]);
  } as unknown as ServerResponse["end"];
  return false;
}

/** Status and headers of a held answer: those set on `res` and those given to writeHead. */
function heldHeaders(res: ServerResponse, head: Args): { status: number; headers: Record<string, string> } {
  const headers: Record<string, string> = {};
  const put = (name: string, value: unknown) => {
    if (value === undefined) return;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(name.toLowerCase() === "set-cookie" ? "\n" : ", ") : String(value);
  };
  for (const [name, value] of Object.entries(res.getHeaders())) put(name, value);
  const given = typeof head[1] === "string" ? head[2] : head[1];
  if (Array.isArray(given)) {
    const flat = given.flat() as unknown[];
    for (let i = 0; i + 1 < flat.length; i += 2) put(String(flat[i]), flat[i + 1]);
  } else if (given && typeof given === "object") {
    for (const [name, value] of Object.entries(given as OutgoingHttpHeaders)) put(name, value);
  }
  return { status: Number(head[0]) || res.statusCode, headers };
}

/** Headers that describe one sending of the bytes, not the page. */
const perSending = ["content-length", "content-encoding", "transfer-encoding", "etag", "date", "connection", "keep-alive"];

function finishPage(res: ServerResponse, page: PageWork, head: Args, html: string, settings: SecuritySettings): void {
  const held = heldHeaders(res, head);
  const lean = isLeanPage(html);
  const text = lean ? leanHtml(html) : html;
  const body = Buffer.from(text, "utf8");
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(held.headers)) if (!perSending.includes(name)) headers[name] = value;
  headers["content-security-policy"] = contentSecurityPolicy(inlineScriptHashes(text), settings, page.framing);
  // A reading page holds nothing of a user's (the same bytes for everyone) and opens no window:
  // no opener isolation to protect, and with it Chromium starts a new renderer process on
  // arrival from another page, 90-160 ms of main-thread work a phone pays on every first
  // visit (Lighthouse's Total Blocking Time; docs/decisions/0029). Every other page keeps it.
  if (lean) delete headers["cross-origin-opener-policy"];
  headers.vary = addVary(headers.vary, "Accept-Encoding");
  const maxAge = held.status === 200 && !headers["set-cookie"] && held.headers["x-nextjs-cache"] !== "STALE" ? sharedMaxAge(headers["cache-control"]) : null;
  if (lean && maxAge !== null) {
    // The page is the same for everyone of a language (the NEXT_LOCALE cookie): a browser
    // asks again each time (a 304 when unchanged), a shared cache keeps it s-maxage seconds.
    headers["cache-control"] = `public, max-age=0, s-maxage=${maxAge}, stale-while-revalidate=300`;
    headers.vary = addVary(headers.vary, "Cookie");
  }
  const etag = pageEtag(body);
  for (const name of Object.keys(res.getHeaders())) res.removeHeader(name);
  if (lean && maxAge !== null) {
    // Next's own cache verdict is about its render, not about this copy.
    delete headers["x-nextjs-cache"];
    const kept = page.cache.get(page.key);
    const answer = { status: held.status, headers: { ...headers, "last-modified": kept?.etag === etag ? kept.headers["last-modified"] : new Date().toUTCString() }, bodies: kept?.etag === etag ? kept.bodies : compressOnce(body), etag, storedAt: Date.now() };
    page.cache.set(page.key, answer);
    res.setHeader("X-Layar-Cache", "MISS");
    sendPage(null, res, answer.status, answer.headers, answer.bodies, etag, page);
    return;
  }
  const encoding = chooseEncoding(page.acceptEncoding);
  const bodies: Record<Encoding, Buffer> = { identity: body, gzip: body, br: body };
  bodies[encoding] = compressFor(body, encoding);
  sendPage(null, res, held.status, headers, bodies, etag, page);
}

/** Writes a page answer in the encoding the client takes, or 304 when it has these bytes. */
function sendPage(req: IncomingMessage | null, res: ServerResponse, status: number, headers: Record<string, string>, bodies: Record<Encoding, Buffer>, etag: string, page?: PageWork): void {
  const acceptEncoding = page ? page.acceptEncoding : req?.headers["accept-encoding"];
  const ifNoneMatch = page ? page.ifNoneMatch : req?.headers["if-none-match"];
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, name === "set-cookie" ? value.split("\n") : value);
  res.setHeader("ETag", etag);
  if (status === 200 && matchesEtag(typeof ifNoneMatch === "string" ? ifNoneMatch : undefined, etag)) {
    res.removeHeader("content-type");
    res.writeHead(304).end();
    return;
  }
  const encoding = chooseEncoding(acceptEncoding);
  const body = bodies[encoding];
  if (encoding !== "identity") res.setHeader("Content-Encoding", encoding);
  res.setHeader("Content-Length", body.length);
  res.writeHead(status);
  if (req?.method === "HEAD") res.end();
  else res.end(body);
}

export type SecurityHeaders = (req: IncomingMessage, res: ServerResponse) => boolean;

const holder = globalThis as unknown as { __layarSecurityHeaders?: SecurityHeaders };

/**
 * Called once at server start (instrumentation.ts); server.mjs applies it to every request
 * and stops there when it returns true (a page answered from the page cache).
 */
export function installSecurityHeaders(): void {
  const settings = securitySettings();
  const cache = processPageCache();
  holder.__layarSecurityHeaders = (req, res) => applySecurityHeaders(req, res, settings, cache);
}
