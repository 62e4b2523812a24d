import fs from "node:fs/promises";
import type { VideoProbe } from "@/lib/db/schema";
import { resolveBinaries } from "@/lib/video/binaries";
import { probeVideo } from "@/lib/video/probe-video";
import { fileArgument, runTool, ToolFailure } from "@/lib/video/run-tool";

const STRIP_TIMEOUT_MS = 10 * 60_000; // a remux reads the whole film once; 2 GB takes well under this

// Audio the mp4 muxer takes as-is (checked with the 2018 static ffmpeg). PCM, common
// in MOV exports from DaVinci Resolve and cameras, is not: that audio alone is
// encoded to AAC. The picture is never re-encoded.
const mp4SafeAudio = new Set(["aac", "mp3", "ac3", "eac3", "alac", "mp2"]);

/** The ffmpeg arguments for the judges' copy: a remux with every tag dropped. */
export function buildStripArgs(inputPath: string, outputPath: string, probe: Pick<VideoProbe, "videoCodec" | "audioCodec">): string[] {
  return [
    "-v", "error", "-y",
    "-i", fileArgument(inputPath),
    // Only the first picture and the sound: no cover art, data or timecode tracks.
    "-map", "0:v:0", "-map", "0:a?",
    "-c", "copy",
    ...(probe.audioCodec && !mp4SafeAudio.has(probe.audioCodec) ? ["-c:a", "aac", "-b:a", "192k"] : []),
    // Apple players refuse HEVC tagged hev1 (the usual tag from Android and x265).
    ...(probe.videoCodec === "hevc" ? ["-tag:v", "hvc1"] : []),
    // Global and per-stream tags (title, artist, comment, encoder, GPS location,
    // creation time, camera handler names) and chapter titles are all dropped.
    // The display rotation is side data, not a tag, so portrait films stay upright.
    "-map_metadata", "-1", "-map_chapters", "-1",
    "-metadata:s", "handler_name=",
    // bitexact: no "Lavf…" encoder tag or creation time of our own either.
    "-fflags", "+bitexact",
    "-movflags", "+faststart", // judges' players can start before the whole file arrives
    "-f", "mp4", fileArgument(outputPath),
  ];
}

/**
 * Writes the copy judges receive: same picture and sound, none of the tags that
 * could name the KIM (and the file name is the caller's choice, e.g. the film code).
 * Written beside the target and renamed, so a judge never gets a half-written file.
 */
export async function stripIdentifyingMetadata(inputPath: string, outputPath: string, probe?: VideoProbe): Promise<void> {
  let facts = probe;
  if (!facts) {
    const probed = await probeVideo(inputPath);
    if (!probed.ok) throw new Error(`cannot make judges' copy of ${inputPath}: ${probed.reason} (${probed.detail})`);
    facts = probed.probe;
  }
  const { ffmpeg } = await resolveBinaries();
  const partial = `${outputPath}.partial`;
  try {
    await runTool(ffmpeg, buildStripArgs(inputPath, partial, facts), { timeoutMs: STRIP_TIMEOUT_MS });
    await fs.rename(partial, outputPath);
  } catch (error) {
    await fs.rm(partial, { force: true });
    const detail = error instanceof ToolFailure ? `${error.message}: ${error.stderr.trim()}` : String(error);
    throw new Error(`ffmpeg could not remux ${inputPath} for judges: ${detail}`, { cause: error });
  }
}
