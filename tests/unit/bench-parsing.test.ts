// The pure readers the page benchmarks rely on: what a served page loads and carries,
// the CPU fields of /proc/<pid>/stat, and the static copy used as Lighthouse's baseline.
import { describe, expect, it } from "vitest";
import { catalogueInScripts, catalogueProbes, inlineScriptBytes, parseAttrs, parsePage, withoutScripts } from "@/bench/lib/html";
import { closestBySize } from "@/bench/lib/pages";
import { parseStatCpuTicks } from "@/bench/lib/proc";
import { cssUrls, stripScripts } from "@/bench/lib/static-copy";

const page = `<!DOCTYPE html><html lang="id"><head>
<link rel="stylesheet" href="/_next/static/css/a.css" data-precedence="next"/>
<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/webpack.js"/>
<link rel="modulepreload" href="/_next/static/chunks/mod.js">
<link rel="preload" href="/_next/static/media/font.woff2" as="font" type="font/woff2" crossorigin=""/>
<script src="/_next/static/chunks/main.js" async=""></script>
<script src="/_next/static/chunks/webpack.js" async=""></script>
</head><body><h1>Pemenang</h1>
<img alt="Poster" src="/api/films/1/poster?w=96&amp;v=2" srcset="/p-96.webp 96w, /p-192.webp 192w" sizes="96px" width="64" height="96" loading="lazy">
<img src='/logo.svg' alt=''>
<script data-layar="menu">document.body.dataset.js="1"</script>
<script type="application/ld+json">{"@type":"Event"}</script>
<script>(self.__next_f=self.__next_f||[]).push([0])</script>
<script>self.__next_f.push([1,"Simpan perubahan penilaian"])</script>
</body></html>`;

describe("parsePage", () => {
  const parts = parsePage(page);

  it("lists every script file a page loads once, module and script preloads included", () => {
    expect(parts.scriptUrls).toEqual(["/_next/static/chunks/main.js", "/_next/static/chunks/webpack.js", "/_next/static/chunks/mod.js"]);
  });

  it("finds stylesheets and images with their sizing attributes, entities decoded", () => {
    expect(parts.stylesheets).toEqual(["/_next/static/css/a.css"]);
    expect(parts.images).toEqual([
      { src: "/api/films/1/poster?w=96&v=2", srcset: "/p-96.webp 96w, /p-192.webp 192w", sizes: "96px", width: "64", height: "96", loading: "lazy" },
      { src: "/logo.svg", srcset: null, sizes: null, width: null, height: null, loading: null },
    ]);
  });

  it("counts inline JavaScript apart from data, and the RSC payload and Layar's own scripts within it", () => {
    const bytes = inlineScriptBytes(parts.inline);
    const rsc = Buffer.byteLength('(self.__next_f=self.__next_f||[]).push([0])') + Buffer.byteLength('self.__next_f.push([1,"Simpan perubahan penilaian"])');
    const layar = Buffer.byteLength('document.body.dataset.js="1"');
    expect(bytes).toEqual({ js: rsc + layar, rsc, layar, data: Buffer.byteLength('{"@type":"Event"}') });
  });

  it("sees no scripts and no RSC payload on a plain page", () => {
    const plain = parsePage("<html><body><p>Halo</p></body></html>");
    expect(plain.scriptUrls).toEqual([]);
    expect(inlineScriptBytes(plain.inline)).toEqual({ js: 0, rsc: 0, layar: 0, data: 0 });
  });
});

describe("parseAttrs", () => {
  it("reads double, single, bare and valueless attributes", () => {
    expect(parseAttrs(` src="/a.js?x=1&amp;y=2" async data-x='q' type=module`)).toEqual({ src: "/a.js?x=1&y=2", async: "", "data-x": "q", type: "module" });
  });
});

describe("message catalogue in the HTML", () => {
  const catalogue = { admin: { save: "Simpan perubahan penilaian", short: "Simpan", quoted: 'Ketik "ya" untuk menghapus film ini' }, home: { title: "Pemenang lomba film pendek KIM" } };

  it("probes only long strings that markup and JSON would carry verbatim", () => {
    expect(catalogueProbes(catalogue)).toEqual(["Simpan perubahan penilaian", "Pemenang lomba film pendek KIM"]);
  });

  it("counts strings found only inside scripts, not those a reader sees", () => {
    const html = `<h1>Pemenang lomba film pendek KIM</h1><script>self.__next_f.push([1,"Simpan perubahan penilaian"])</script>`;
    expect(catalogueInScripts(html, catalogueProbes(catalogue))).toEqual({ inScripts: 1, inMarkup: 1, probes: 2, examples: ["Simpan perubahan penilaian"] });
    expect(catalogueInScripts(withoutScripts(html), catalogueProbes(catalogue)).inScripts).toBe(0);
  });
});

describe("parseStatCpuTicks", () => {
  it("reads utime and stime (fields 14 and 15) after the command name", () => {
    const stat = "4242 (node) S 1 4242 4242 0 -1 4194560 52311 0 12 0 1834 217 0 0 20 0 11 0 8812 1224704000 40000 18446744073709551615 1 1 0 0 0 0 0 16781312 17922 0 0 0 17 1 0 0 0 0 0";
    expect(parseStatCpuTicks(stat)).toEqual({ utime: 1834, stime: 217 });
  });

  it("is not misled by spaces or parentheses in the command name", () => {
    const stat = "77 (next-server (v16) x) R 1 77 77 0 -1 0 0 0 0 0 500 25 0 0 20 0 1 0 1 1 1\n";
    expect(parseStatCpuTicks(stat)).toEqual({ utime: 500, stime: 25 });
  });

  it("refuses text that is not a stat line", () => {
    expect(() => parseStatCpuTicks("")).toThrow();
    expect(() => parseStatCpuTicks("1 (x) S 1 2")).toThrow();
  });
});

describe("the static baseline", () => {
  it("picks the css or js file closest in size, by ratio", () => {
    const files = [
      { urlPath: "/_next/static/chunks/a.js", bytes: 10_000 },
      { urlPath: "/_next/static/css/b.css", bytes: 30_000 },
      { urlPath: "/_next/static/media/f.woff2", bytes: 24_000 },
      { urlPath: "/_next/static/chunks/c.js", bytes: 90_000 },
    ];
    expect(closestBySize(files, 25_000).map((f) => f.urlPath)).toEqual(["/_next/static/css/b.css", "/_next/static/chunks/a.js", "/_next/static/chunks/c.js"]);
  });

  it("copies a page without its scripts and preloads of scripts, keeping styles, fonts and images", () => {
    const copy = stripScripts(page);
    expect(parsePage(copy).scriptUrls).toEqual([]);
    expect(parsePage(copy).inline).toEqual([]);
    expect(copy).toContain('href="/_next/static/css/a.css"');
    expect(copy).toContain('href="/_next/static/media/font.woff2"');
    expect(copy).toContain("<h1>Pemenang</h1>");
    expect(copy).toContain("/api/films/1/poster");
  });

  it("finds the fonts and images a stylesheet refers to", () => {
    expect(cssUrls(`@font-face{src:url(../media/a.woff2) format("woff2"),url('b.woff')}.x{background:url("data:image/png;base64,AA")}.y{mask:url(#m)}`)).toEqual(["../media/a.woff2", "b.woff"]);
  });
});
