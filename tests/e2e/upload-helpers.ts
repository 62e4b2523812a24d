import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type { Page, Request, Route } from "playwright-core";
import { inject } from "vitest";
import { resolveBinaries } from "@/lib/video/binaries";
import { runTool } from "@/lib/video/run-tool";

/** The uploader's tus chunk size (components/films/video-uploader.tsx). */
export const TUS_CHUNK_BYTES = 5 * 1024 * 1024;

export type GeneratedVideo = { path: string; size: number; sha256: string };

export async function sha256File(file: string): Promise<string> {
  const hash = crypto.createHash("sha256");
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest("hex");
}

export const sha256 = (bytes: Uint8Array): string => crypto.createHash("sha256").update(bytes).digest("hex");

/**
 * A real film the server's checks accept (MP4, H.264 1280×720 + AAC, 12 s, far
 * under the 5-minute limit) that is large enough for several 5 MB tus chunks:
 * a test pattern under moving noise at a forced 16 Mbit/s comes to ~24 MB.
 * Made with the same ffmpeg the app resolves (the npm static build first).
 */
export async function makeLargeVideo(dir: string, seconds = 12): Promise<GeneratedVideo> {
  const { ffmpeg } = await resolveBinaries();
  const file = path.join(dir, "film-kim-desa.mp4");
  fs.mkdirSync(dir, { recursive: true });
  await runTool(
    ffmpeg,
    [
      "-v", "error", "-y",
      "-f", "lavfi", "-i", `testsrc2=size=1280x720:rate=25:duration=${seconds},noise=alls=60:allf=t`,
      "-f", "lavfi", "-i", `sine=frequency=440:duration=${seconds}`,
      "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
      "-b:v", "16M", "-maxrate", "16M", "-bufsize", "32M",
      "-c:a", "aac", "-shortest",
      file,
    ],
    { timeoutMs: 120_000 },
  );
  return { path: file, size: fs.statSync(file).size, sha256: await sha256File(file) };
}

/** One request to the tus endpoint as the browser sent it. */
export type TusRequest = { method: string; url: string; offset: number | null; at: number; phase: string };

/**
 * Records every request the page makes to /api/upload (POST create, HEAD offset
 * look-up, PATCH chunks) with its Upload-Offset header, tagged with `phase()`
 * so the test can tell what happened before and after the cut and the reload.
 */
export function recordTusRequests(page: Page, phase: () => string): TusRequest[] {
  const log: TusRequest[] = [];
  page.on("request", (request: Request) => {
    if (!new URL(request.url()).pathname.startsWith("/api/upload")) return;
    const offset = request.headers()["upload-offset"];
    log.push({ method: request.method(), url: request.url(), offset: offset === undefined ? null : Number(offset), at: Date.now(), phase: phase() });
  });
  return log;
}

/**
 * Cuts the connection to the upload endpoint mid-upload, as a village signal
 * dropping would: chunks pass until one would start at or beyond `fromOffset`;
 * that PATCH and every later request to an upload URL (the client's HEAD
 * retries included) fail with net::ERR_INTERNET_DISCONNECTED until `restore()`.
 */
export async function cutUploadsFrom(page: Page, fromOffset: number): Promise<{ isCut: () => boolean; aborted: () => number; restore: () => Promise<void> }> {
  let cut = false;
  let aborted = 0;
  const matcher = (u: URL) => u.pathname.startsWith("/api/upload/");
  const handler = async (route: Route) => {
    const request = route.request();
    const offset = Number(request.headers()["upload-offset"] ?? Number.NaN);
    if (!cut && request.method() === "PATCH" && offset >= fromOffset) cut = true;
    if (cut) {
      aborted++;
      await route.abort("internetdisconnected");
      return;
    }
    await route.continue();
  };
  await page.route(matcher, handler);
  return {
    isCut: () => cut,
    aborted: () => aborted,
    restore: () => page.unroute(matcher, handler),
  };
}

/**
 * The e2e data directory, if the global set-up provides it as `dataDir`
 * (tests/e2e/global-setup.ts currently provides only `baseUrl`). Read loosely so
 * this file keeps compiling whether or not that key is declared there.
 */
export function providedDataDir(): string | undefined {
  const value = (inject as unknown as (key: string) => unknown)("dataDir");
  return typeof value === "string" && value !== "" ? value : undefined;
}
