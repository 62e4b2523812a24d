import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { createTranslator } from "next-intl";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applySecurityHeaders, baseSecurityHeaders, contentSecurityPolicy, type SecuritySettings } from "@/lib/server/security-headers";
import { PageCache } from "@/lib/server/page-cache";
import { isEmbedPath } from "@/lib/sharing/embed-path";
import { wibDay } from "@/lib/format/dates";
import { isUncountedRequest } from "@/lib/sharing/embed-views";
import { ogKey, ogVersion } from "@/lib/sharing/og-facts";
import { cleanLine, escapeXml, ogOverlaySvg, wrapText } from "@/lib/sharing/og-text";
import { editionShareText, embedCode, filmShareText, whatsAppHref, type Translate } from "@/lib/sharing/share-links";

const base = "https://layar.example.go.id";
const filmId = "3f1c9a52-0000-4000-8000-000000000001";

function sharing(locale: "id" | "en"): Translate {
  const messages = { sharing: JSON.parse(fs.readFileSync(path.resolve("messages", locale, "sharing.json"), "utf8")) };
  return createTranslator({ locale, messages, namespace: "sharing", onError: (e) => { throw e; } }) as unknown as Translate;
}

describe("share text and links", () => {
  const film = { id: filmId, title: "Nular", kimName: "KIM Manteb", editionTitle: "Festival Film KIM Karanganyar 2025", award: "Juara II" };

  it("says in Indonesian what the film won and where, with the page's address", () => {
    expect(filmShareText(sharing("id"), film, base)).toBe(`Tonton film "Nular" karya KIM Manteb, Juara II Festival Film KIM Karanganyar 2025, di Layar: ${base}/film/${filmId}`);
    expect(filmShareText(sharing("en"), { ...film, award: "Juara II (2nd)" }, base)).toBe(`Watch "Nular" by KIM Manteb, Juara II (2nd) at Festival Film KIM Karanganyar 2025, on Layar: ${base}/film/${filmId}`);
    expect(filmShareText(sharing("id"), { ...film, award: null }, base)).toBe(`Tonton film "Nular" karya KIM Manteb di Layar: ${base}/film/${filmId}`);
  });

  it("names an edition's winners only once they are public", () => {
    const edition = { slug: "kra-2025", title: "Festival Karanganyar 2025" };
    expect(editionShareText(sharing("id"), { ...edition, winnersPublic: true }, base)).toBe(`Lihat para pemenang Festival Karanganyar 2025 di Layar: ${base}/festival/kra-2025`);
    expect(editionShareText(sharing("id"), { ...edition, winnersPublic: false }, base)).toBe(`Festival Karanganyar 2025 di Layar: ${base}/festival/kra-2025`);
  });

  it("encodes the whole text into WhatsApp's address (quotes, ampersands, the page URL)", () => {
    const text = 'Tonton "A & B?" di Layar: https://x.id/film/1?a=b#c';
    const href = whatsAppHref(text);
    expect(href.startsWith("https://wa.me/?text=")).toBe(true);
    expect(new URL(href).searchParams.get("text")).toBe(text);
    expect(href.slice("https://wa.me/?text=".length)).not.toMatch(/[" #&?]/);
  });

  it("gives an iframe of the embed address whose title cannot break out of its attribute", () => {
    const code = embedCode(sharing("id"), { id: filmId, title: 'Desa "Kami" <b>' }, base);
    expect(code).toBe(`<iframe src="${base}/film/${filmId}/embed" width="640" height="420" style="border:0;max-width:100%" title="Desa &quot;Kami&quot; &lt;b&gt; — Layar" loading="lazy" allow="fullscreen" allowfullscreen></iframe>`);
  });
});

describe("the preview image's text", () => {
  it("escapes markup and ampersands, so a title cannot become an element", () => {
    expect(escapeXml(`<script>alert("x")</script> & 'y'`)).toBe("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;y&apos;");
    const svg = ogOverlaySvg({ badge: "Juara II", title: "<script>alert(1)</script> Tom & Jerry", lines: ["KIM <Manteb> & Co"] }, true);
    expect(svg).not.toContain("<script");
    // The title wraps over <text> lines (a word longer than a line is cut); together they read as the escaped title.
    const title = [...svg.matchAll(/font-size="54"[^>]*>([^<]*)</g)].map((m) => m[1]);
    expect(title.length).toBeGreaterThan(1);
    expect(title.join("").replace(/ /g, "")).toBe("&lt;script&gt;alert(1)&lt;/script&gt;Tom&amp;Jerry");
    expect(svg).toContain("KIM &lt;Manteb&gt; &amp; Co");
  });

  it("renders as an SVG librsvg accepts, with a hostile title", async () => {
    const svg = ogOverlaySvg({ badge: "Juara I & Harapan", title: "<script>alert(1)</script> & \u0007\u202e Film", lines: ["a & b", "c < d"] }, false);
    const meta = await sharp(Buffer.from(svg)).metadata();
    expect(meta).toMatchObject({ format: "svg", width: 1200, height: 630 });
  });

  it("drops control and bidi characters and collapses spaces", () => {
    expect(cleanLine("  Film\u0000 \u202eKita\u200b\n\n  Bersama ")).toBe("Film Kita Bersama");
  });

  it("wraps a long title into at most three lines and ends the cut with an ellipsis", () => {
    const title = "Kisah Panjang Sekali Tentang Desa yang Membangun Jaringan Informasi Masyarakat dari Nol Sampai Menjadi Juara Provinsi";
    const lines = wrapText(title, 20, 3);
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(20);
    expect(lines[2].endsWith("…")).toBe(true);
    expect(lines.join(" ").replace("…", "")).toBe(title.slice(0, lines.join(" ").replace("…", "").length));
    expect(wrapText("Nular", 20, 3)).toEqual(["Nular"]);
    expect(wrapText("Satu dua tiga", 8, 2)).toEqual(["Satu dua", "tiga"]);
  });

  it("cuts a word longer than a line instead of overflowing", () => {
    const lines = wrapText("A".repeat(50), 20, 2);
    expect(lines).toEqual(["A".repeat(20), `${"A".repeat(19)}…`]);
  });

  it("keeps a long title inside the image: three title lines at most", () => {
    const svg = ogOverlaySvg({ badge: null, title: "Judul ".repeat(60), lines: [] }, true);
    expect(svg.match(/font-size="54"/g)).toHaveLength(3);
  });
});

describe("the preview image's key", () => {
  const text = { badge: "Juara II", title: "Nular", lines: ["KIM Manteb · Kabupaten Karanganyar", "Festival 2025"] };
  it("changes with the poster, the placement or the title, and with nothing else", () => {
    const v = ogVersion({ kind: "film", id: filmId, text, posterVersion: "1a2b3c4d" });
    expect(v).toMatch(/^[0-9a-f]{16}$/);
    expect(ogVersion({ kind: "film", id: filmId, text: { ...text }, posterVersion: "1a2b3c4d" })).toBe(v);
    expect(ogVersion({ kind: "film", id: filmId, text, posterVersion: "9f9f9f9f" })).not.toBe(v);
    expect(ogVersion({ kind: "film", id: filmId, text: { ...text, badge: "Juara I" }, posterVersion: "1a2b3c4d" })).not.toBe(v);
    expect(ogVersion({ kind: "film", id: filmId, text: { ...text, title: "Nular 2" }, posterVersion: "1a2b3c4d" })).not.toBe(v);
    expect(ogVersion({ kind: "film", id: filmId, text, posterVersion: null })).not.toBe(v);
    expect(ogKey("film", filmId, v)).toBe(`og/film/${filmId}-${v}.jpg`);
    expect(ogKey("edition", "kra-2025", v)).toBe(`og/edition/kra-2025-${v}.jpg`);
  });
});

describe("embed views", () => {
  it("counts by the WIB day", () => {
    expect(wibDay(new Date("2026-12-06T16:59:59Z"))).toBe("2026-12-06");
    expect(wibDay(new Date("2026-12-06T17:00:00Z"))).toBe("2026-12-07");
    expect(wibDay(new Date("2026-12-06T17:00:00Z"), -29)).toBe("2026-11-08");
  });
  it("skips prefetches, link previews and crawlers", () => {
    const chrome = "Mozilla/5.0 (Linux; Android 10) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36";
    expect(isUncountedRequest(new Headers({ "user-agent": chrome }))).toBe(false);
    expect(isUncountedRequest(new Headers({ "user-agent": chrome, "sec-purpose": "prefetch;prerender" }))).toBe(true);
    expect(isUncountedRequest(new Headers({ "user-agent": chrome, purpose: "prefetch" }))).toBe(true);
    expect(isUncountedRequest(new Headers({ "user-agent": "WhatsApp/2.23.20.0 A" }))).toBe(true);
    expect(isUncountedRequest(new Headers({ "user-agent": "Mozilla/5.0 (compatible; Googlebot/2.1)" }))).toBe(true);
    expect(isUncountedRequest(new Headers({}))).toBe(true);
  });
});

describe("framing: only the embed", () => {
  const plain: SecuritySettings = { https: false, mediaOrigins: [], connectOrigins: [] };
  it("knows the embed's address and nothing near it", () => {
    expect(isEmbedPath(`/film/${filmId}/embed`)).toBe(true);
    expect(isEmbedPath(`/film/${filmId}/embed?autoplay=1`)).toBe(true);
    expect(isEmbedPath(`/film/${filmId}`)).toBe(false);
    expect(isEmbedPath(`/film/${filmId}/embed/x`)).toBe(false);
    expect(isEmbedPath(`/kim/film/${filmId}/embed`)).toBe(false);
    expect(isEmbedPath(`/api/films/${filmId}/embed`)).toBe(false);
    expect(isEmbedPath(`/x?/film/${filmId}/embed`)).toBe(false);
  });
  it("the policy and base headers", () => {
    expect(contentSecurityPolicy([], plain)).toContain("frame-ancestors 'none'");
    expect(contentSecurityPolicy([], plain, "any")).toContain("frame-ancestors *");
    expect(contentSecurityPolicy([], plain, "any")).not.toContain("frame-ancestors 'none'");
    expect(baseSecurityHeaders(plain)["X-Frame-Options"]).toBe("DENY");
    expect(baseSecurityHeaders(plain, "any")).not.toHaveProperty("X-Frame-Options");
  });

  describe.each([
    ["without the page cache", undefined],
    ["with the page cache (server.mjs)", new PageCache()],
  ])("on a Node response %s", (_name, cache) => {
    let server: http.Server;
    let origin = "";
    beforeAll(async () => {
      server = http.createServer((req, res) => {
        if (applySecurityHeaders(req, res, plain, cache)) return;
        res.setHeader("Content-Type", "text/html; charset=utf-8");
        res.setHeader("Cache-Control", "no-store");
        res.end("<!doctype html><html><body><p>Film</p><script>1</script></body></html>");
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it("lets any site frame the embed, and no other page", async () => {
      const embed = await fetch(`${origin}/film/${filmId}/embed`);
      expect(embed.headers.get("x-frame-options")).toBeNull();
      expect(embed.headers.get("content-security-policy")).toContain("frame-ancestors *");
      expect(embed.headers.get("content-security-policy")).toContain("script-src 'self' 'sha256-");
      const film = await fetch(`${origin}/film/${filmId}`);
      expect(film.headers.get("x-frame-options")).toBe("DENY");
      expect(film.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      const api = await fetch(`${origin}/api/films/${filmId}/embed`);
      expect(api.headers.get("x-frame-options")).toBe("DENY");
    });
  });
});
