import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * hls.js (light build: no subtitles, no DRM) sent from this origin (`script-src 'self'`), for
 * players without native HLS; the film page's script loads it only when a visitor presses play
 * (components/public/video-player.tsx). The URL carries the version, so it is cached for a year.
 */
const file = path.join(/*turbopackIgnore: true*/ process.cwd(), "node_modules", "hls.js", "dist", "hls.light.min.js");

let loaded: { body: Buffer; etag: string } | undefined;

export function hlsScript(): { body: Buffer; etag: string } {
  if (!loaded) {
    const body = fs.readFileSync(/*turbopackIgnore: true*/ file);
    loaded = { body, etag: `"${crypto.createHash("sha256").update(body).digest("hex").slice(0, 32)}"` };
  }
  return loaded;
}

/** The installed version, part of the script's URL. */
export function hlsVersion(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(/*turbopackIgnore: true*/ path.join(process.cwd(), "node_modules", "hls.js", "package.json"), "utf8")) as { version: string };
    return pkg.version;
  } catch {
    return "0";
  }
}

export const hlsScriptPath = "/api/js/hls.light.min.js";

export function hlsScriptHeaders(etag: string): Record<string, string> {
  return { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "public, max-age=31536000, immutable", ETag: etag, "X-Content-Type-Options": "nosniff" };
}
