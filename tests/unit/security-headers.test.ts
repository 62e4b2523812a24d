import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInErrorKey } from "@/lib/auth/sign-in-error";
import { applySecurityHeaders, contentSecurityPolicy, inlineScriptHashes, securitySettings, type SecuritySettings } from "@/lib/server/security-headers";
import { env } from "@/lib/env";

const sha = (s: string) => `sha256-${crypto.createHash("sha256").update(s, "utf8").digest("base64")}`;
const plain: SecuritySettings = { https: false, mediaOrigins: [], connectOrigins: [] };

const bootstrap = "(self.__next_f=self.__next_f||[]).push([0])";
const payload = 'self.__next_f.push([1,"0:{\\"P\\":null}\\n"])';
const page = `<!DOCTYPE html><html><head><script src="/_next/static/chunks/a.js" async=""></script></head><body><p>Halo</p><script>${bootstrap}</script><script>${payload}</script><script type="application/ld+json">{"a":1}</script></body></html>`;

describe("inlineScriptHashes", () => {
  it("hashes each inline script as sent, skips external ones", () => {
    expect(inlineScriptHashes(page)).toEqual([sha(bootstrap), sha(payload), sha('{"a":1}')]);
  });
  it("hashes non-ASCII text as UTF-8, as the browser does", () => {
    expect(inlineScriptHashes("<script>x='Rp 1.000 — Sleman'</script>")).toEqual([sha("x='Rp 1.000 — Sleman'")]);
  });
});

describe("contentSecurityPolicy", () => {
  it("allows scripts from the site and the hashed inline ones only; no framing", () => {
    const policy = contentSecurityPolicy([sha(bootstrap)], plain);
    expect(policy).toContain(`script-src 'self' '${sha(bootstrap)}';`);
    expect(policy).not.toMatch(/script-src[^;]*unsafe/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain("upgrade-insecure-requests");
  });
  it("names S3 and UploadThing origins when those drivers are set, and upgrades requests over https", () => {
    const e = env();
    const s3 = securitySettings({ ...e, STORAGE_DRIVER: "s3", S3_BUCKET: "film", S3_ENDPOINT: "https://s3.example.go.id", S3_FORCE_PATH_STYLE: true, publicUrl: "https://layar.example.go.id" });
    expect(s3.mediaOrigins).toEqual(["https://s3.example.go.id"]);
    const policy = contentSecurityPolicy([], s3);
    expect(policy).toContain("media-src 'self' blob: https://s3.example.go.id");
    expect(policy).toContain("upgrade-insecure-requests");
    const virtual = securitySettings({ ...e, STORAGE_DRIVER: "s3", S3_BUCKET: "film", S3_ENDPOINT: "https://s3.example.go.id", S3_FORCE_PATH_STYLE: false });
    expect(virtual.mediaOrigins).toEqual(["https://film.s3.example.go.id"]);
    const ut = securitySettings({ ...e, STORAGE_DRIVER: "uploadthing" });
    expect(contentSecurityPolicy([], ut)).toContain("connect-src 'self' https://*.ingest.uploadthing.com");
  });
});

describe("applySecurityHeaders on a Node response", () => {
  let server: http.Server;
  let origin = "";
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      applySecurityHeaders(req, res, { ...plain, https: req.url === "/https" });
      const html = Buffer.from(page);
      if (req.url === "/gzip") {
        // As Next's compression does: the header set, then compressed chunks written.
        res.setHeader("Content-Type", "text/html; charset=utf-8");
        res.setHeader("Content-Encoding", "gzip");
        const gz = zlib.gzipSync(html);
        res.write(gz.subarray(0, 10));
        res.write(gz.subarray(10));
        res.end();
      } else if (req.url === "/json") {
        res.writeHead(200, { "Content-Type": "application/json" }).end('{"ok":true}');
      } else if (req.url === "/not-modified") {
        res.writeHead(304).end();
      } else {
        res.setHeader("Content-Type", "text/html; charset=utf-8");
        res.setHeader("Content-Length", html.length);
        res.statusCode = 200;
        res.write(html.subarray(0, 100));
        res.end(html.subarray(100));
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("sends a page unchanged, with a policy naming its inline scripts and the base headers", async () => {
    const response = await fetch(`${origin}/page`);
    const body = await response.text();
    expect(body).toBe(page);
    expect(response.headers.get("content-length")).toBe(String(Buffer.byteLength(page)));
    const policy = response.headers.get("content-security-policy")!;
    for (const hash of [sha(bootstrap), sha(payload)]) expect(policy).toContain(`'${hash}'`);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("same-origin");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("strict-transport-security")).toBeNull();
  });

  it("reads a compressed page to hash it and sends the compressed bytes as they were", async () => {
    const response = await fetch(`${origin}/gzip`);
    expect(response.headers.get("content-encoding")).toBe("gzip");
    expect(await response.text()).toBe(page);
    expect(response.headers.get("content-security-policy")).toContain(`'${sha(payload)}'`);
  });

  it("leaves other answers alone apart from the base headers; HSTS over https", async () => {
    const json = await fetch(`${origin}/json`);
    expect(await json.json()).toEqual({ ok: true });
    expect(json.headers.get("content-security-policy")).toBeNull();
    expect(json.headers.get("x-content-type-options")).toBe("nosniff");
    expect((await fetch(`${origin}/not-modified`)).status).toBe(304);
    expect((await fetch(`${origin}/https`)).headers.get("strict-transport-security")).toBe("max-age=31536000");
  });
});

describe("signInErrorKey (/masuk?error=)", () => {
  it("maps next-auth's codes to the page's own messages and anything else to the generic one", () => {
    expect(signInErrorKey("CredentialsSignin")).toBe("credentials");
    expect(signInErrorKey("SessionRequired")).toBe("sessionRequired");
    expect(signInErrorKey("Akun Anda diblokir, hubungi 0812...")).toBe("generic");
    expect(signInErrorKey("toString")).toBe("generic");
    expect(signInErrorKey(["CredentialsSignin", "x"])).toBe("credentials");
    expect(signInErrorKey(undefined)).toBeUndefined();
    expect(signInErrorKey("")).toBeUndefined();
  });
});
