// Page weight of the public reading pages, as the running server sends them: the HTML
// (raw, and as sent when a client asks for gzip and for br), the JavaScript each page
// loads (every <script src> and module preload, fetched and gzipped here at the default
// level, plus the inline scripts), whether the HTML carries the message catalogue (strings of
// messages/id.json found only inside its scripts) and Next's RSC payload (`self.__next_f`),
// stylesheets, and images (<img src> as fetched). Baseline: the same HTML with every script
// removed (what a reader without JavaScript gets), gzipped. Target (issue 13): at most
// 25 KB gzip of JavaScript per page (external files + inline scripts). Also a rough load
// time on a 400 kbps / 400 ms line.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import type { App } from "./lib/server";
import type { Row } from "./lib/report";
import { catalogueInScripts, catalogueProbes, inlineScriptBytes, isJavaScript, parsePage, withoutScripts } from "./lib/html";
import { absolute, findPublicPages, getEncoded, kb } from "./lib/pages";

const root = path.resolve(import.meta.dirname, "..");
const jsTargetBytes = 25 * 1024;
const gz = (b: Buffer | string) => zlib.gzipSync(b).length;

/** A slow phone line: 400 kbit/s down, 400 ms round trip. */
const line = { bytesPerSecond: 400_000 / 8, rttS: 0.4 };

/**
 * Rough load time on `line` (one connection, HTTP/1.1 keep-alive or HTTP/2, no slow start):
 * first paint after TCP + TLS + the request (3 round trips) and the HTML, then one round trip
 * and the stylesheets; loaded after one more round trip and the scripts and images at line rate.
 */
export function slowLineSeconds(bytes: { html: number; css: number; js: number; images: number }): { firstPaint: number; loaded: number } {
  const firstPaint = 3 * line.rttS + bytes.html / line.bytesPerSecond + (bytes.css ? line.rttS + bytes.css / line.bytesPerSecond : 0);
  const loaded = firstPaint + (bytes.js + bytes.images ? line.rttS + (bytes.js + bytes.images) / line.bytesPerSecond : 0);
  return { firstPaint, loaded };
}

export async function runWeightBench({ app }: { app: App }): Promise<Row[]> {
  const pages = await findPublicPages(app.baseUrl);
  const probes = catalogueProbes(JSON.parse(fs.readFileSync(path.join(root, "messages/id.json"), "utf8")));
  const sizeCache = new Map<string, { raw: number; gzip: number; status: number }>();
  const sizeOf = async (url: string) => {
    let s = sizeCache.get(url);
    if (!s) {
      const got = await getEncoded(url, "");
      s = { raw: got.body.length, gzip: gz(got.body), status: got.status };
      sizeCache.set(url, s);
    }
    return s;
  };
  const rows: Row[] = [];
  for (const page of pages) {
    const url = app.baseUrl + page.path;
    const raw = await getEncoded(url, "");
    if (raw.status !== 200) throw new Error(`${page.path} answered ${raw.status}`);
    const asGzip = await getEncoded(url, "gzip");
    const asBr = await getEncoded(url, "br");
    const asBrowser = await getEncoded(url, "br, gzip");
    const html = raw.body.toString("utf8");
    const parts = parsePage(html);

    const scripts = await Promise.all(parts.scriptUrls.map(async (u) => ({ url: u, ...(await sizeOf(absolute(app.baseUrl, u))) })));
    const jsGzip = scripts.reduce((a, s) => a + s.gzip, 0);
    const jsRaw = scripts.reduce((a, s) => a + s.raw, 0);
    const inline = inlineScriptBytes(parts.inline);
    const inlineJsGzip = gz(parts.inline.filter(isJavaScript).map((s) => s.source).join("\n"));
    const css = await Promise.all(parts.stylesheets.map(async (u) => ({ url: u, ...(await sizeOf(absolute(app.baseUrl, u))) })));
    const cssGzip = css.reduce((a, s) => a + s.gzip, 0);
    const imageSrcs = [...new Set(parts.images.map((i) => i.src).filter(Boolean))];
    const images = await Promise.all(imageSrcs.map(async (u) => ({ url: u, ...(await sizeOf(absolute(app.baseUrl, u))) })));
    const imageBytes = images.reduce((a, s) => a + s.raw, 0);
    const catalogue = catalogueInScripts(html, probes);
    const carriesCatalogue = catalogue.inScripts >= 10;
    const plainGzip = gz(withoutScripts(html));
    const servedHtml = asBrowser.encoding === "identity" ? raw.body.length : asBrowser.wireBytes;
    const sentGzip = asGzip.encoding === "gzip" ? asGzip.wireBytes : null;
    const sentBr = asBr.encoding === "br" ? asBr.wireBytes : null;
    const slow = slowLineSeconds({ html: servedHtml, css: cssGzip, js: jsGzip, images: imageBytes });
    const jsTotal = jsGzip + inlineJsGzip;
    const short = page.path.length > 28 ? page.path.slice(0, 26) + "…" : page.path;

    rows.push({
      name: `weight ${page.label} JS ${short}`,
      figure: `${kb(jsTotal)} gzip JS`,
      baseline: "-",
      ratio: null,
      target: "JS <= 25 KB gzip",
      pass: jsTotal <= jsTargetBytes,
      details: [
        `${page.label} ${page.path} JavaScript: ${scripts.length} files ${kb(jsGzip)} gzip (${kb(jsRaw)} decoded) + inline ${parts.inline.length} scripts ${kb(inline.js)} (${kb(inlineJsGzip)} gzip; RSC payload ${kb(inline.rsc)}, data-layar ${kb(inline.layar)}; non-JS data ${kb(inline.data)}); ` +
          `largest files: ${[...scripts].sort((a, b) => b.gzip - a.gzip).slice(0, 4).map((s) => `${s.url.split("/").pop()} ${kb(s.gzip)}`).join(", ") || "none"}`,
      ],
    });
    rows.push({
      name: `weight ${page.label} HTML ${short}`,
      figure: `${kb(servedHtml)} ${asBrowser.encoding}`,
      baseline: `${kb(plainGzip)} plain gz`,
      ratio: servedHtml / plainGzip,
      target: "no catalogue, no RSC",
      pass: !carriesCatalogue && inline.rsc === 0,
      details: [
        `${page.label} ${page.path} HTML: ${kb(raw.body.length)} raw, sent ${sentGzip === null ? `uncompressed for gzip (${asGzip.encoding})` : `${kb(sentGzip)} for gzip`}, ${sentBr === null ? `not br for br (${asBr.encoding}; br here would be ${kb(zlib.brotliCompressSync(raw.body).length)})` : `${kb(sentBr)} for br`}; ` +
          `scripts removed: ${kb(Buffer.byteLength(withoutScripts(html)))} raw, ${kb(plainGzip)} gzip; ` +
          `message catalogue: ${carriesCatalogue ? "YES" : "no"} (${catalogue.inScripts} of ${catalogue.probes} catalogue strings only inside scripts, ${catalogue.inMarkup} in the markup${catalogue.examples.length ? `, e.g. "${catalogue.examples[0]}"` : ""}); RSC payload (self.__next_f): ${inline.rsc ? `YES ${kb(inline.rsc)}` : "no"}; ` +
          `cache-control: ${raw.headers["cache-control"] ?? "-"}, etag: ${raw.headers.etag ? "yes" : "no"}, last-modified: ${raw.headers["last-modified"] ? "yes" : "no"}`,
        `${page.label} ${page.path} CSS ${css.length} files ${kb(cssGzip)} gzip; images: ${parts.images.length} <img> (${imageSrcs.length} distinct src, ${kb(imageBytes)}; ${parts.images.filter((i) => i.srcset).length} with srcset, ${parts.images.filter((i) => i.loading === "lazy").length} lazy, ${parts.images.filter((i) => !i.width || !i.height).length} without width/height); ` +
          `on a 400 kbps / 400 ms line (rough model): first paint ${slow.firstPaint.toFixed(1)} s, loaded ${slow.loaded.toFixed(1)} s`,
      ],
    });
  }
  return rows;
}
