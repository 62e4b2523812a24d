import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { isLeanPage, leanHtml, leanPageMetaName } from "@/lib/server/lean-page";
import type { IncomingMessage } from "node:http";
import { addVary, chooseEncoding, isPageRequest, matchesEtag, PageCache, sharedMaxAge } from "@/lib/server/page-cache";
import { applySecurityHeaders, type SecuritySettings } from "@/lib/server/security-headers";

const plain: SecuritySettings = { https: false, mediaOrigins: [], connectOrigins: [] };
const marker = `<meta name="${leanPageMetaName}" content="ya"/>`;
const nextPage = (body: string, lean = true) =>
  `<!DOCTYPE html><html lang="id"><head><meta charSet="utf-8"/><link rel="stylesheet" href="/_next/static/css/a.css" data-precedence="next"/>` +
  `<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/webpack.js"/><script src="/_next/static/chunks/main.js" async=""></script>` +
  `${lean ? marker : ""}<title>Juara</title></head><body><header><span class="contents" data-akun="" data-dashboard="Dasbor"><a href="/masuk">Masuk</a></span></header>` +
  `<main>${body}</main><script>(self.__next_f=self.__next_f||[]).push([0])</script><script>self.__next_f.push([1,"katalog pesan"])</script>` +
  `<script data-layar="player">window.pemutar=1</script><script type="application/ld+json">{"@type":"Movie"}</script></body></html>`;

describe("leanHtml", () => {
  const lean = leanHtml(nextPage("<h1>Juara I</h1>"));
  it("removes Next's scripts, its RSC payload and script preloads, keeps content, styles and the page's own scripts", () => {
    expect(lean).toContain("<h1>Juara I</h1>");
    expect(lean).toContain('<link rel="stylesheet" href="/_next/static/css/a.css"');
    expect(lean).not.toContain("/_next/static/chunks/");
    expect(lean).not.toContain("__next_f");
    expect(lean).not.toContain("katalog pesan");
    expect(lean).toContain('<script data-layar="player">window.pemutar=1</script>');
    expect(lean).toContain('{"@type":"Movie"}');
  });
  it("drops the marker and adds the account links' script once, before </body>", () => {
    expect(isLeanPage(nextPage(""))).toBe(true);
    expect(isLeanPage(nextPage("", false))).toBe(false);
    expect(lean).not.toContain(leanPageMetaName);
    expect(lean.match(/data-layar="akun"/g)).toHaveLength(1);
    expect(lean.indexOf('data-layar="akun"')).toBeLessThan(lean.indexOf("</body>"));
    expect(lean).toContain("/api/auth/session");
  });
});

describe("isPageRequest", () => {
  const req = (url: string, headers: Record<string, string> = {}, method = "GET") => ({ url, method, headers }) as unknown as IncomingMessage;
  it("takes page addresses, also with a dot in a region code, and leaves files, APIs and Next's data requests alone", () => {
    expect(isPageRequest(req("/"))).toBe(true);
    expect(isPageRequest(req("/wilayah/33.13"))).toBe(true);
    expect(isPageRequest(req("/arsip?q=sawah"))).toBe(true);
    expect(isPageRequest(req("/", {}, "HEAD"))).toBe(true);
    expect(isPageRequest(req("/", {}, "POST"))).toBe(false);
    expect(isPageRequest(req("/rss.xml"))).toBe(false);
    expect(isPageRequest(req("/sitemap.xml"))).toBe(false);
    expect(isPageRequest(req("/icon.svg?x"))).toBe(false);
    expect(isPageRequest(req("/api/health"))).toBe(false);
    expect(isPageRequest(req("/_next/static/chunks/a.js"))).toBe(false);
    expect(isPageRequest(req("/festival/x?_rsc=abc"))).toBe(false);
    expect(isPageRequest(req("/festival/x", { rsc: "1" }))).toBe(false);
    expect(isPageRequest(req("/festival/x", { "next-action": "abc" }))).toBe(false);
  });
});

describe("chooseEncoding", () => {
  it("prefers brotli, then gzip, honours q=0 and *", () => {
    expect(chooseEncoding("gzip, deflate, br, zstd")).toBe("br");
    expect(chooseEncoding("gzip, deflate")).toBe("gzip");
    expect(chooseEncoding("br;q=0, gzip;q=0.5")).toBe("gzip");
    expect(chooseEncoding("*")).toBe("br");
    expect(chooseEncoding("identity")).toBe("identity");
    expect(chooseEncoding(undefined)).toBe("identity");
  });
});

describe("validators and cache headers", () => {
  it("compares ETags weakly, in lists", () => {
    expect(matchesEtag('W/"abc"', 'W/"abc"')).toBe(true);
    expect(matchesEtag('"x", "abc"', 'W/"abc"')).toBe(true);
    expect(matchesEtag('W/"abd"', 'W/"abc"')).toBe(false);
    expect(matchesEtag(undefined, 'W/"abc"')).toBe(false);
  });
  it("reads only a shareable s-maxage", () => {
    expect(sharedMaxAge("s-maxage=60, stale-while-revalidate=31535940")).toBe(60);
    expect(sharedMaxAge("private, no-cache, no-store, max-age=0, must-revalidate")).toBeNull();
    expect(sharedMaxAge("public, max-age=3600")).toBeNull();
    expect(sharedMaxAge(undefined)).toBeNull();
  });
  it("adds to Vary without repeats", () => {
    expect(addVary("RSC, Accept-Encoding", "accept-encoding", "Cookie")).toBe("RSC, Accept-Encoding, Cookie");
    expect(addVary(undefined, "Accept-Encoding")).toBe("Accept-Encoding");
  });
});

describe("PageCache", () => {
  it("forgets an entry after its time, and the oldest first beyond its size", () => {
    let now = 0;
    const cache = new PageCache(10_000, () => now);
    const answer = { status: 200, headers: {}, bodies: { identity: Buffer.from("a"), gzip: Buffer.from("a"), br: Buffer.from("a") }, etag: 'W/"a"', storedAt: 0 };
    cache.set("id /", answer);
    now = 9_999;
    expect(cache.get("id /")).toBe(answer);
    now = 10_000;
    expect(cache.get("id /")).toBeUndefined();
    for (let i = 0; i < 450; i++) cache.set(`id /${i}`, { ...answer, storedAt: now });
    expect(cache.size).toBe(400);
    expect(cache.get("id /0")).toBeUndefined();
    expect(cache.get("id /449")).toBeDefined();
  });
});

/** Plays Next behind the wrapper: counts renders, answers like an ISR page (or as told). */
describe("pages through applySecurityHeaders with a cache", () => {
  let server: http.Server;
  let origin = "";
  let renders = 0;
  let lastAcceptEncoding: string | undefined;
  const cache = new PageCache();
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (applySecurityHeaders(req, res, plain, cache)) return;
      renders++;
      lastAcceptEncoding = req.headers["accept-encoding"] as string | undefined;
      const lang = /NEXT_LOCALE=en/.test(req.headers.cookie ?? "") ? "Winners" : "Juara";
      res.setHeader("Content-Type", "text/html; charset=utf-8");
      if (req.url?.startsWith("/pribadi")) res.setHeader("Cache-Control", "private, no-cache, no-store, max-age=0, must-revalidate");
      else res.setHeader("Cache-Control", "s-maxage=60, stale-while-revalidate=31535940");
      if (req.url === "/kue") res.setHeader("Set-Cookie", ["a=1", "b=2"]);
      if (req.url === "/rsc-data") {
        res.setHeader("Content-Type", "text/x-component");
        res.end("0:[]");
        return;
      }
      const html = nextPage(`<h1>${lang} ${"isi ".repeat(400)}</h1>`, req.url !== "/penuh");
      res.write(html.slice(0, 100));
      res.end(html.slice(100));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  beforeEach(() => {
    cache.clear();
    renders = 0;
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      http
        .get(`${origin}${path}`, { headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        })
        .on("error", reject);
    });

  it("renders a lean page once, uncompressed from Next, then answers from the cache in brotli or gzip", async () => {
    const first = await get("/festival/x", { "accept-encoding": "gzip, deflate, br" });
    expect(lastAcceptEncoding).toBe("identity");
    expect(first.headers["content-encoding"]).toBe("br");
    const html = zlib.brotliDecompressSync(first.body).toString();
    expect(html).toContain("<h1>Juara");
    expect(html).not.toContain("__next_f");
    expect(first.headers["content-security-policy"]).toMatch(/script-src 'self' 'sha256-/);
    expect(first.headers["cache-control"]).toBe("public, max-age=0, s-maxage=60, stale-while-revalidate=300");
    expect(first.headers.vary).toContain("Accept-Encoding");
    expect(first.headers.vary).toContain("Cookie");
    expect(first.headers.etag).toMatch(/^W\/"/);
    expect(first.headers["last-modified"]).toBeTruthy();
    expect(Number(first.headers["content-length"])).toBe(first.body.length);

    const second = await get("/festival/x", { "accept-encoding": "gzip" });
    expect(renders).toBe(1);
    expect(first.headers["x-layar-cache"]).toBe("MISS");
    expect(second.headers["x-layar-cache"]).toBe("HIT");
    expect(second.headers["content-encoding"]).toBe("gzip");
    expect(zlib.gunzipSync(second.body).toString()).toBe(html);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.headers["content-security-policy"]).toBe(first.headers["content-security-policy"]);
    expect(second.headers["x-content-type-options"]).toBe("nosniff");
    expect(first.headers["cross-origin-opener-policy"]).toBeUndefined();

    const plainText = await get("/festival/x");
    expect(plainText.headers["content-encoding"]).toBeUndefined();
    expect(plainText.body.toString()).toBe(html);
  });

  it("answers 304 to a browser that has the page, from the cache and after a render", async () => {
    const first = await get("/film/1", { "accept-encoding": "br" });
    const again = await get("/film/1", { "if-none-match": String(first.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    cache.clear();
    const rendered = await get("/film/1", { "if-none-match": String(first.headers.etag) });
    expect(rendered.status).toBe(304);
    expect(renders).toBe(2);
  });

  it("keeps each language apart and starts again after a clear", async () => {
    await get("/", { "accept-encoding": "gzip" });
    const en = await get("/", { cookie: "NEXT_LOCALE=en", "accept-encoding": "gzip" });
    expect(zlib.gunzipSync(en.body).toString()).toContain("<h1>Winners");
    expect(renders).toBe(2);
    await get("/", { "accept-encoding": "gzip" });
    expect(renders).toBe(2);
    cache.clear();
    await get("/", { "accept-encoding": "gzip" });
    expect(renders).toBe(3);
  });

  it("never keeps a private page or one that sets a cookie, but still compresses it", async () => {
    for (const path of ["/pribadi", "/pribadi", "/kue", "/kue"]) {
      const res = await get(path, { "accept-encoding": "gzip" });
      expect(res.headers["content-encoding"]).toBe("gzip");
      expect(zlib.gunzipSync(res.body).toString()).toContain("<h1>Juara");
    }
    expect(renders).toBe(4);
    const cookie = await get("/kue");
    expect(cookie.headers["set-cookie"]).toEqual(["a=1", "b=2"]);
    expect(cookie.headers["cache-control"]).toBe("s-maxage=60, stale-while-revalidate=31535940");
  });

  it("sends a page without the marker with Next's scripts, and leaves Next's data requests alone", async () => {
    const full = await get("/penuh", { "accept-encoding": "gzip" });
    expect(full.headers["cross-origin-opener-policy"]).toBe("same-origin");
    expect(zlib.gunzipSync(full.body).toString()).toContain("__next_f");
    const rsc = await get("/rsc-data", { rsc: "1", "accept-encoding": "gzip" });
    expect(lastAcceptEncoding).toBe("gzip");
    expect(rsc.body.toString()).toBe("0:[]");
  });

  it("answers HEAD from the cache with the length of what GET would send", async () => {
    const got = await get("/arsip", { "accept-encoding": "br" });
    const head = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const req = http.request(`${origin}/arsip`, { method: "HEAD", headers: { "accept-encoding": "br" } }, resolve);
      req.on("error", reject);
      req.end();
    });
    head.resume();
    expect(head.statusCode).toBe(200);
    expect(head.headers["content-length"]).toBe(String(got.body.length));
    expect(renders).toBe(1);
  });
});
