import fs from "node:fs/promises";
import path from "node:path";
import type { RenditionVariant } from "@/lib/db/schema";
import { resolveBinaries, resolveEncoder } from "@/lib/video/binaries";
import { fileArgument, runTool, ToolFailure } from "@/lib/video/run-tool";

/**
 * HLS renditions of a film (docs/decisions/0026): H.264 + AAC at 360p, 540p and 720p, never
 * above the source, ~4-second MPEG-TS segments. One ffmpeg run per height encodes an MP4
 * (the 360p one is also the "versi ringan" download), a second run cuts it into segments
 * without re-encoding; the master playlist is written by us (masterPlaylist), not by ffmpeg.
 */

export const LADDER = [360, 540, 720] as const;
export const SEGMENT_SECONDS = 4;

/** Video and audio bit rates per height; heights between the steps are interpolated. */
const rates: Record<number, { video: number; audio: number }> = {
  // 360p is what a 1 Mbit/s phone line gets: about half the line, so the buffer grows while it plays.
  360: { video: 500_000, audio: 64_000 },
  540: { video: 1_200_000, audio: 96_000 },
  720: { video: 2_200_000, audio: 128_000 },
};

export type Rung = { height: number; videoBitrate: number; audioBitrate: number };

const even = (n: number) => Math.max(2, Math.floor(n / 2) * 2);

/**
 * The heights a source gets: every step of the ladder at or below its height, plus the source's
 * own height (made even) when it is below 720 and not a step. Never upscaled: a 240p source
 * gets one 240p rendition.
 */
export function renditionHeights(sourceHeight: number): number[] {
  const source = even(sourceHeight);
  const heights: number[] = LADDER.filter((h) => h <= source);
  if (source < 720 && !heights.includes(source)) heights.push(source);
  return heights.sort((a, b) => a - b);
}

export function rungFor(height: number): Rung {
  const exact = rates[height];
  if (exact) return { height, videoBitrate: exact.video, audioBitrate: exact.audio };
  if (height < 360) return { height, videoBitrate: Math.round((rates[360].video * height) / 360 / 1000) * 1000, audioBitrate: 64_000 };
  const [lo, hi] = height < 540 ? [360, 540] : [540, 720];
  const f = (height - lo) / (hi - lo);
  const video = rates[lo].video + f * (rates[hi].video - rates[lo].video);
  return { height, videoBitrate: Math.round(video / 1000) * 1000, audioBitrate: height < 540 ? 64_000 : 96_000 };
}

/** The width that keeps the source's shape at `height`, even (H.264 in 4:2:0 needs it). */
export function widthFor(height: number, source: { width: number; height: number }): number {
  return even((source.width * height) / source.height);
}

/** ffmpeg's -force_key_frames: 0, 1, 2, then every SEGMENT_SECONDS (n_forced counts those made so far). */
export const keyframeExpression = `expr:if(lt(t,2.5),gte(t,n_forced),gte(t,${SEGMENT_SECONDS}*(n_forced-2)))`;

/** ffmpeg arguments that encode one height to an MP4: capped bit rate, a keyframe every 4 s, no tags. */
export function encodeArgs(input: string, output: string, rung: Rung, options: { threads: number; hasAudio: boolean }): string[] {
  const k = (bits: number) => `${Math.round(bits / 1000)}k`;
  return [
    "-v", "error", "-y",
    // The decoder's threads too (an input option): a 1080p decode would otherwise take every core.
    "-threads", String(options.threads),
    "-i", fileArgument(input),
    "-map", "0:v:0", ...(options.hasAudio ? ["-map", "0:a:0"] : []),
    "-vf", `scale=-2:${rung.height},format=yuv420p`,
    "-c:v", "libx264", "-preset", "veryfast", "-profile:v", "main",
    "-b:v", k(rung.videoBitrate), "-maxrate", k(rung.videoBitrate * 1.1), "-bufsize", k(rung.videoBitrate * 2),
    // Keyframes at 0, 1 and 2 s, then exactly every 4 s (none in between), so that every segment
    // starts with one and the first ones are short: on a 1 Mbit/s line a player shows the first
    // frame after one second of film has arrived, not four (tests/e2e/slow-line-playback.test.ts).
    "-force_key_frames", keyframeExpression, "-sc_threshold", "0",
    // x264 writes its version and settings into an SEI message: dropped with every other SEI.
    "-bsf:v", "filter_units=remove_types=6",
    ...(options.hasAudio ? ["-c:a", "aac", "-b:a", k(rung.audioBitrate), "-ac", "2"] : []),
    "-threads", String(options.threads), "-filter_threads", String(options.threads),
    "-map_metadata", "-1", "-map_chapters", "-1", "-metadata:s", "handler_name=",
    // Without a value of our own ffmpeg names itself ("Lavc libx264") in the sample entry.
    "-metadata:s:v", "encoder=Layar",
    "-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact",
    "-movflags", "+faststart",
    "-f", "mp4", fileArgument(output),
  ];
}

/** ffmpeg arguments that cut an encoded MP4 into MPEG-TS segments (1, 1, 2, then ~4 s) and a VOD playlist. */
export function segmentArgs(input: string, dir: string): string[] {
  return [
    "-v", "error", "-y",
    "-i", fileArgument(input),
    "-map", "0", "-c", "copy",
    "-map_metadata", "-1", "-fflags", "+bitexact",
    // The MPEG-TS service names default to "FFmpeg" / "Service01".
    "-metadata", "service_provider=Layar", "-metadata", "service_name=Layar",
    // Segments of 1, 1 and 2 s first (at the keyframes above), then SEGMENT_SECONDS.
    "-f", "hls", "-hls_init_time", "1", "-hls_time", String(SEGMENT_SECONDS), "-hls_playlist_type", "vod", "-hls_list_size", "0",
    "-hls_flags", "independent_segments",
    "-hls_segment_filename", path.join(dir, "seg_%04d.ts"),
    path.join(dir, "index.m3u8"),
  ];
}

/** The RFC 8216 CODECS value: H.264 Main at the stream's level (from ffprobe), AAC-LC when there is sound. */
export function codecsFor(level: number, hasAudio: boolean): string {
  const video = `avc1.4d40${Math.max(10, Math.min(level, 62)).toString(16).padStart(2, "0")}`;
  return hasAudio ? `${video},mp4a.40.2` : video;
}

/** The master playlist: one entry per variant, lowest first (players start with the first one). */
export function masterPlaylist(variants: Pick<RenditionVariant, "height" | "width" | "bandwidth" | "averageBandwidth" | "codecs">[], uri: (height: number) => string): string {
  const lines = ["#EXTM3U", "#EXT-X-VERSION:3", "#EXT-X-INDEPENDENT-SEGMENTS"];
  for (const v of [...variants].sort((a, b) => a.height - b.height)) {
    lines.push(
      `#EXT-X-STREAM-INF:BANDWIDTH=${v.bandwidth},AVERAGE-BANDWIDTH=${v.averageBandwidth},RESOLUTION=${v.width}x${v.height},CODECS="${v.codecs}"`,
      uri(v.height),
    );
  }
  return lines.join("\n") + "\n";
}

/** Segment durations and names from a variant playlist ffmpeg wrote. */
export function playlistSegments(text: string): { name: string; seconds: number }[] {
  const segments: { name: string; seconds: number }[] = [];
  let seconds: number | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const inf = /^#EXTINF:([\d.]+)/.exec(line);
    if (inf) seconds = Number(inf[1]);
    else if (line && !line.startsWith("#") && seconds !== null) {
      segments.push({ name: line, seconds });
      seconds = null;
    }
  }
  return segments;
}

export type MadeRendition = { variant: RenditionVariant; dir: string; mp4: string; files: string[] };

const timeoutFor = (durationSeconds: number) => Math.max(10 * 60_000, durationSeconds * 30_000);

async function ffmpegRun(args: string[], timeoutMs: number, what: string): Promise<void> {
  const ffmpeg = await resolveEncoder();
  try {
    await runTool(ffmpeg, args, { timeoutMs });
  } catch (error) {
    const detail = error instanceof ToolFailure ? `${error.message}: ${error.stderr.trim().slice(-500)}` : String(error);
    throw new Error(`ffmpeg could not ${what}: ${detail}`, { cause: error });
  }
}

/** The stream facts the master playlist needs, read back from the encoded MP4. */
async function probeEncoded(file: string): Promise<{ width: number; level: number; hasAudio: boolean }> {
  const { ffprobe } = await resolveBinaries();
  const { stdout } = await runTool(ffprobe, ["-v", "error", "-show_entries", "stream=codec_type,width,level", "-of", "json", fileArgument(file)], { timeoutMs: 60_000 });
  const streams = (JSON.parse(stdout) as { streams?: { codec_type: string; width?: number; level?: number }[] }).streams ?? [];
  const video = streams.find((s) => s.codec_type === "video");
  return { width: video?.width ?? 0, level: video?.level ?? 31, hasAudio: streams.some((s) => s.codec_type === "audio") };
}

/**
 * Encodes one height and segments it into `workDir/{height}/`: returns the variant's facts, the
 * MP4 (kept for 360p as the light version) and every file to store, relative to workDir.
 */
export async function makeRendition(
  source: string,
  workDir: string,
  height: number,
  facts: { durationSeconds: number; hasAudio: boolean },
  threads: number,
): Promise<MadeRendition> {
  const rung = rungFor(height);
  const dir = path.join(workDir, String(height));
  await fs.mkdir(dir, { recursive: true });
  const mp4 = path.join(workDir, `${height}.mp4`);
  const timeoutMs = timeoutFor(facts.durationSeconds);
  await ffmpegRun(encodeArgs(source, mp4, rung, { threads, hasAudio: facts.hasAudio }), timeoutMs, `encode ${height}p`);
  await ffmpegRun(segmentArgs(mp4, dir), timeoutMs, `segment ${height}p`);
  const encoded = await probeEncoded(mp4);
  const segments = playlistSegments(await fs.readFile(path.join(dir, "index.m3u8"), "utf8"));
  if (segments.length === 0) throw new Error(`ffmpeg wrote no segments for ${height}p`);
  let bytes = 0;
  let peak = 0;
  let seconds = 0;
  for (const segment of segments) {
    const size = (await fs.stat(path.join(dir, segment.name))).size;
    bytes += size;
    seconds += segment.seconds;
    // A segment shorter than a second (the film's tail) says little about the peak.
    if (segment.seconds >= 1 || segments.length === 1) peak = Math.max(peak, (size * 8) / Math.max(segment.seconds, 0.001));
  }
  const averageBandwidth = Math.round((bytes * 8) / Math.max(seconds, 0.001));
  return {
    variant: {
      height,
      width: encoded.width,
      bandwidth: Math.max(Math.round(peak), averageBandwidth),
      averageBandwidth,
      codecs: codecsFor(encoded.level, encoded.hasAudio),
      bytes,
    },
    dir,
    mp4,
    files: ["index.m3u8", ...segments.map((s) => s.name)].map((name) => path.join(String(height), name)),
  };
}
