import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staticFiles } from "@/lib/server/static-files";

describe("Next's build assets from memory", () => {
  let server: http.Server;
  let origin = "";
  let leftToNext = 0;
  const css = `.kartu{color:#0f5f5c}${".x{margin:0}".repeat(200)}`;
  beforeAll(async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "layar-static-"));
    fs.mkdirSync(path.join(root, "chunks"));
    fs.writeFileSync(path.join(root, "chunks", "a1b2.css"), css);
    fs.writeFileSync(path.join(os.tmpdir(), "rahasia.css"), "rahasia");
    const statics = staticFiles(root);
    server = http.createServer((req, res) => {
      if (statics(req, res)) return;
      leftToNext++;
      res.writeHead(418).end();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const get = (p: string, headers: Record<string, string> = {}, method = "GET") =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const req = http.request(`${origin}${p}`, { method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on("error", reject);
      req.end();
    });

  it("sends a stylesheet in brotli or gzip, cached for a year, with its type", async () => {
    const br = await get("/_next/static/chunks/a1b2.css", { "accept-encoding": "gzip, br" });
    expect(br.status).toBe(200);
    expect(br.headers["content-type"]).toBe("text/css; charset=utf-8");
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(zlib.brotliDecompressSync(br.body).toString()).toBe(css);
    const gz = await get("/_next/static/chunks/a1b2.css", { "accept-encoding": "gzip" });
    expect(zlib.gunzipSync(gz.body).toString()).toBe(css);
    const plain = await get("/_next/static/chunks/a1b2.css");
    expect(plain.body.toString()).toBe(css);
    const head = await get("/_next/static/chunks/a1b2.css", { "accept-encoding": "br" }, "HEAD");
    expect(head.headers["content-length"]).toBe(String(br.body.length));
    const again = await get("/_next/static/chunks/a1b2.css", { "if-none-match": String(br.headers.etag) });
    expect(again.status).toBe(304);
  });

  it("answers 404 for a missing file, and leaves odd names to Next", async () => {
    expect((await get("/_next/static/chunks/tidak-ada.css")).status).toBe(404);
    expect((await get("/_next/static/chunks/../../rahasia.css")).status).not.toBe(200);
    expect((await get("/_next/static/%2e%2e/rahasia.css")).status).toBe(418);
    expect((await get("/_next/static/chunks/a1b2.exe")).status).toBe(418);
    expect((await get("/_next/image?url=x")).status).toBe(418);
    expect((await get("/_next/static/chunks/a1b2.css", {}, "POST")).status).toBe(418);
    expect(leftToNext).toBeGreaterThanOrEqual(4);
  });
});
