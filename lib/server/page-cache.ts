import crypto from "node:crypto";
import type { IncomingMessage } from "node:http";
import zlib from "node:zlib";

/**
 * The public pages as sent, compressed once per rendered version and kept in memory for a
 * few seconds, so that server.mjs answers a cached public page without Next: a static
 * file's work (pick the encoding, write the bytes) instead of Next's routing, ISR lookup and
 * a fresh gzip per request (docs/decisions/0029-lean-public-pages.md).
 *
 * Only what Next itself declared shareable is kept: a 200 HTML page sent with
 * `s-maxage` and neither `private`, `no-store` nor a cookie. An entry lives `ttlMs` (Next's
 * own ISR cache behind it still decides when the page is rendered again) and every entry
 * goes when an organiser's change refreshes the public pages (`clearPageCache`, called by
 * `refreshPublicPages`). Each language is its own entry (the NEXT_LOCALE cookie).
 */
export type Encoding = "br" | "gzip" | "identity";

export type PageAnswer = {
  status: number;
  /** Headers without the body's length and encoding. */
  headers: Record<string, string>;
  bodies: Record<Encoding, Buffer>;
  etag: string;
  storedAt: number;
};

export const pageCacheTtlMs = 10_000;
const maxEntries = 400;

export class PageCache {
  private readonly entries = new Map<string, PageAnswer>();

  constructor(
    private readonly ttlMs = pageCacheTtlMs,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): PageAnswer | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.storedAt >= this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  set(key: string, answer: PageAnswer): void {
    this.entries.delete(key);
    this.entries.set(key, answer);
    // The oldest entry goes first: a flood of made-up query strings costs renders, not memory.
    while (this.entries.size > maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * A request for a page (not an asset, API route, file or Next's client navigation data),
 * which is answered here: looked up in the cache, or held, compressed and maybe kept.
 */
export function isPageRequest(req: IncomingMessage): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const url = req.url ?? "/";
  if (!url.startsWith("/") || url.startsWith("/api/") || url.startsWith("/_next/")) return false;
  const query = url.indexOf("?");
  const path = query === -1 ? url : url.slice(0, query);
  // rss.xml, sitemap.xml, icon.svg, robots.txt; not /wilayah/33.13
  if (/\.(?:xml|txt|svg|ico|png|jpe?g|webp|avif|json|webmanifest|js|css|map)$/i.test(path)) return false;
  if (query !== -1 && /[?&]_rsc=/.test(url)) return false;
  const h = req.headers;
  return h.rsc === undefined && h["next-router-prefetch"] === undefined && h["next-action"] === undefined && h["next-router-state-tree"] === undefined;
}

/** The cache key: the page's language (NEXT_LOCALE cookie, as next.config.mjs rewrites) and its URL. */
export function pageCacheKey(req: IncomingMessage): string {
  const locale = /(?:^|;\s*)NEXT_LOCALE=en(?:;|$)/.test(req.headers.cookie ?? "") ? "en" : "id";
  return `${locale} ${req.url ?? "/"}`;
}

/** The encoding to send for an Accept-Encoding header: brotli, then gzip, else none. */
export function chooseEncoding(acceptEncoding: string | string[] | undefined): Encoding {
  const accepted = new Map<string, number>();
  for (const part of String(acceptEncoding ?? "").split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find(Boolean);
    accepted.set(name, q ? Number(q[1]) : 1);
  }
  const allows = (name: string) => (accepted.get(name) ?? accepted.get("*") ?? 0) > 0;
  if (allows("br")) return "br";
  if (allows("gzip")) return "gzip";
  return "identity";
}

/** A page compressed both ways, thoroughly: done once per rendered version. */
export function compressOnce(body: Buffer): Record<Encoding, Buffer> {
  return {
    identity: body,
    gzip: zlib.gzipSync(body, { level: 9 }),
    br: zlib.brotliCompressSync(body, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 10, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length, [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT },
    }),
  };
}

/** A page compressed for one request (a page rendered per request): quick settings. */
export function compressFor(body: Buffer, encoding: Encoding): Buffer {
  if (encoding === "gzip") return zlib.gzipSync(body, { level: 6 });
  if (encoding === "br") return zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
  return body;
}

/** A weak validator of the page's bytes, the same for every encoding of them. */
export function pageEtag(body: Buffer): string {
  return `W/"${crypto.createHash("sha1").update(body).digest("base64url")}"`;
}

/** True when an If-None-Match header names this validator (weak comparison). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  const bare = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => bare(tag) === bare(etag));
}

/** Next's Cache-Control for a shareable page, or null when it is not one. */
export function sharedMaxAge(cacheControl: string | undefined): number | null {
  if (!cacheControl || /\b(?:private|no-store|no-cache)\b/i.test(cacheControl)) return null;
  const m = /\bs-maxage=(\d+)/i.exec(cacheControl);
  return m ? Number(m[1]) : null;
}

/** Adds names to a Vary header without repeating one. */
export function addVary(vary: string | undefined, ...names: string[]): string {
  const list = (vary ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  for (const name of names) if (!list.some((v) => v.toLowerCase() === name.toLowerCase())) list.push(name);
  return list.join(", ");
}

const holder = globalThis as unknown as { __layarPageCache?: PageCache };

/** The process's page cache (server.mjs's, through lib/server/security-headers.ts). */
export function processPageCache(): PageCache {
  holder.__layarPageCache ??= new PageCache();
  return holder.__layarPageCache;
}

/** Forgets every kept page: called wherever the public pages are revalidated. */
export function clearPageCache(): void {
  holder.__layarPageCache?.clear();
}
