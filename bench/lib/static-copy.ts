// A static copy of one page of the running app, as the baseline of the Lighthouse
// benchmark: its HTML with every script removed (and module/script preloads), the
// stylesheets, fonts and images it uses, written to a folder under the same URL paths,
// and served by a tiny node:http server with precompressed br/gzip, as a CDN would serve it.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import zlib from "node:zlib";
import { parseAttrs, parsePage } from "./html";
import { absolute, getEncoded } from "./pages";

type Entry = { file: string; type: string };

/** The page without its scripts: <script> elements and <link rel=modulepreload / preload as=script> removed. */
export function stripScripts(html: string): string {
  return html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script\s*>/gi, "")
    .replace(/<link\b([^>]*)>/gi, (tag, inner: string) => {
      const a = parseAttrs(inner);
      const rel = (a.rel ?? "").toLowerCase().split(/\s+/);
      return rel.includes("modulepreload") || (rel.includes("preload") && (a.as ?? "").toLowerCase() === "script") ? "" : tag;
    });
}

/** The url(...) references of a stylesheet (fonts, images), without data: URLs. */
export function cssUrls(css: string): string[] {
  return [...css.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)].map((m) => m[2]).filter((u) => !u.startsWith("data:") && !u.startsWith("#"));
}

/** Fetches the page and what it needs from `baseUrl` into `dir`; returns the URL→file map. */
export async function copyPage(baseUrl: string, pagePath: string, dir: string): Promise<{ entries: Map<string, Entry>; bytes: number }> {
  const entries = new Map<string, Entry>();
  let bytes = 0;
  const save = (urlPath: string, body: Buffer, type: string) => {
    const file = crypto.createHash("sha1").update(urlPath).digest("hex");
    fs.writeFileSync(path.join(dir, file), body);
    entries.set(urlPath, { file, type });
    bytes += body.length;
  };
  const page = await getEncoded(baseUrl + pagePath, "");
  if (page.status !== 200) throw new Error(`${pagePath} answered ${page.status}`);
  const html = stripScripts(page.body.toString("utf8"));
  save("/", Buffer.from(html), "text/html; charset=utf-8");
  const parts = parsePage(html);
  const wanted = new Set<string>([...parts.stylesheets, ...parts.images.map((i) => i.src).filter(Boolean)]);
  for (const i of parts.images) for (const c of (i.srcset ?? "").split(",")) if (c.trim()) wanted.add(c.trim().split(/\s+/)[0]);
  for (const m of html.matchAll(/<link\b([^>]*)>/gi)) {
    const a = parseAttrs(m[1]);
    if (a.href && /\bpreload\b/.test(a.rel ?? "") && ["font", "image", "style"].includes(a.as ?? "")) wanted.add(a.href);
    if (a.href && /\bicon\b/.test(a.rel ?? "")) wanted.add(a.href);
  }
  const queue = [...wanted].map((u) => absolute(baseUrl, u));
  const seen = new Set<string>();
  while (queue.length) {
    const url = queue.shift()!;
    if (seen.has(url) || !url.startsWith(baseUrl)) continue;
    seen.add(url);
    const got = await getEncoded(url, "");
    if (got.status !== 200) continue;
    const type = String(got.headers["content-type"] ?? "application/octet-stream");
    const u = new URL(url);
    save(u.pathname + u.search, got.body, type);
    if (type.startsWith("text/css")) for (const ref of cssUrls(got.body.toString("utf8"))) queue.push(new URL(ref, url).toString());
  }
  return { entries, bytes };
}

export type StaticServer = { url: string; close: () => Promise<void> };

/** Serves the copy: exact path+query lookups, br or gzip precompressed for text, long cache for assets. */
export async function serveCopy(dir: string, entries: Map<string, Entry>): Promise<StaticServer> {
  const prepared = new Map<string, { type: string; raw: Buffer; br?: Buffer; gzip?: Buffer }>();
  for (const [key, e] of entries) {
    const raw = fs.readFileSync(path.join(dir, e.file));
    const text = /^(text\/|application\/(javascript|json|xml)|image\/svg)/.test(e.type);
    prepared.set(key, { type: e.type, raw, ...(text ? { br: zlib.brotliCompressSync(raw), gzip: zlib.gzipSync(raw, { level: 9 }) } : {}) });
  }
  const server = http.createServer((req, res) => {
    const hit = prepared.get(req.url ?? "/");
    if (!hit) {
      res.writeHead(404).end();
      return;
    }
    const accept = String(req.headers["accept-encoding"] ?? "");
    const [encoding, body] = hit.br && /\bbr\b/.test(accept) ? ["br", hit.br] : hit.gzip && /\bgzip\b/.test(accept) ? ["gzip", hit.gzip] : [null, hit.raw];
    res.writeHead(200, {
      "Content-Type": hit.type,
      "Content-Length": String(body.length),
      "Cache-Control": req.url === "/" ? "public, max-age=60" : "public, max-age=31536000, immutable",
      Vary: "Accept-Encoding",
      ...(encoding ? { "Content-Encoding": encoding } : {}),
    });
    res.end(req.method === "HEAD" ? undefined : body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
