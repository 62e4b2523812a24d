// The public reading pages the page benchmarks measure, found on the running demo
// server (slugs and ids are made fresh by every seed), and a GET that keeps the bytes
// as they travelled (compressed) next to the decoded body.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import zlib from "node:zlib";

export type PublicPage = { key: "home" | "winners" | "film" | "archive" | "kim" | "region"; label: string; path: string };

/** Home, the published sample edition (winners), a film and a KIM profile linked from it, the archive, Karanganyar's region page. */
export async function findPublicPages(baseUrl: string): Promise<PublicPage[]> {
  const editions = (await (await fetch(`${baseUrl}/api/v1/editions`)).json()) as { editions: { slug: string; status: string; isSample: boolean; isHistorical: boolean }[] };
  const published = editions.editions.find((e) => e.status === "diumumkan" && e.isSample && !e.isHistorical);
  if (!published) throw new Error("the demo data has no published sample edition");
  const winners = `/festival/${published.slug}`;
  const html = await (await fetch(baseUrl + winners)).text();
  const film = /href="(\/film\/[0-9a-f-]{36})"/.exec(html)?.[1];
  const kim = [...html.matchAll(/href="(\/kim\/([a-z0-9-]+))"/g)].find((m) => !["kirim", "film"].includes(m[2]))?.[1];
  if (!film) throw new Error(`no /film/<id> link on ${winners}`);
  if (!kim) throw new Error(`no /kim/<slug> link on ${winners}`);
  return [
    { key: "home", label: "home", path: "/" },
    { key: "winners", label: "winners", path: winners },
    { key: "film", label: "film", path: film },
    { key: "archive", label: "archive", path: "/arsip" },
    { key: "kim", label: "KIM profile", path: kim },
    { key: "region", label: "region", path: "/wilayah/33.13" },
  ];
}

export type Fetched = { status: number; encoding: string; wireBytes: number; body: Buffer; headers: http.IncomingHttpHeaders };

/** One GET with the given Accept-Encoding ("" for none): the bytes on the wire and the decoded body. */
export function getEncoded(url: string, acceptEncoding: string, headers: Record<string, string> = {}): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { ...headers, ...(acceptEncoding ? { "Accept-Encoding": acceptEncoding } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () => {
        const wire = Buffer.concat(chunks);
        const encoding = String(res.headers["content-encoding"] ?? "identity").toLowerCase();
        try {
          const body = encoding === "br" ? zlib.brotliDecompressSync(wire) : encoding === "gzip" ? zlib.gunzipSync(wire) : encoding === "deflate" ? zlib.inflateSync(wire) : wire;
          resolve({ status: res.statusCode ?? 0, encoding, wireBytes: wire.length, body, headers: res.headers });
        } catch (error) {
          reject(new Error(`${url}: cannot decode its ${encoding} body: ${String(error)}`));
        }
      });
    });
    req.on("error", reject);
  });
}

/** A URL from the page (absolute or root-relative) on the server's origin. */
export function absolute(baseUrl: string, href: string): string {
  return new URL(href, baseUrl + "/").toString();
}

/** Every file of the build's static folder (served at /_next/static/...), with its size. */
export function staticFiles(root: string): { urlPath: string; bytes: number }[] {
  const dir = path.join(root, ".next", "static");
  const out: { urlPath: string; bytes: number }[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push({ urlPath: `/_next/static/${path.relative(dir, p).split(path.sep).join("/")}`, bytes: fs.statSync(p).size });
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out;
}

/** The candidates (css and js) ordered by how close their size is to `bytes` (by ratio). */
export function closestBySize<T extends { urlPath: string; bytes: number }>(files: T[], bytes: number): T[] {
  return files
    .filter((f) => /\.(css|js)$/.test(f.urlPath) && f.bytes > 0)
    .sort((a, b) => Math.abs(Math.log(a.bytes / bytes)) - Math.abs(Math.log(b.bytes / bytes)));
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
