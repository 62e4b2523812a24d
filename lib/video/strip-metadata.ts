import fs from "node:fs/promises";
import type { VideoProbe } from "@/lib/db/schema";
import { resolveBinaries } from "@/lib/video/binaries";
import { cleanDecoderConfig } from "@/lib/video/clean-decoder-config";
import { probeVideo } from "@/lib/video/probe-video";
import { fileArgument, runTool, ToolFailure } from "@/lib/video/run-tool";

const STRIP_TIMEOUT_MS = 10 * 60_000; // a remux reads the whole film once; 2 GB takes well under this

// Audio the mp4 muxer takes as-is (checked with the 2018 static ffmpeg). PCM, common
// in MOV exports from DaVinci Resolve and cameras, is not: that audio alone is
// encoded to AAC. The picture is never re-encoded.
const mp4SafeAudio = new Set(["aac", "mp3", "ac3", "eac3", "alac", "mp2"]);

// Units a decoder needs to show the picture; everything else in the video bitstream goes.
// SEI messages (user data: any text, e.g. a KIM's name; captions; encoder settings), filler
// data and reserved or unspecified unit types are free-form bytes that survive a stream copy.
// The 2018 static ffmpeg and Debian's 5.1 both have filter_units (checked). VP9 has no such
// units. Losing SEI costs HDR mastering metadata and HRD timing, which judging does not need.
const pictureUnits: Record<string, string> = {
  // H.264 NAL types: slices 1-5, SPS 7, PPS 8, access unit delimiter 9, end of sequence/stream 10-11, SPS extension 13.
  h264: "1-5|7-11|13",
  // HEVC NAL types: picture slices 0-9 and 16-21, VPS/SPS/PPS 32-34, AUD and end of sequence/bitstream 35-37.
  hevc: "0-9|16-21|32-37",
  // AV1 OBU types: sequence header 1, temporal delimiter 2, frame header 3, tile group 4, frame 6, redundant frame header 7, tile list 8.
  av1: "1-4|6-8",
};

/** The ffmpeg arguments for the judges' copy: a remux with every tag and every non-picture unit dropped. */
export function buildStripArgs(inputPath: string, outputPath: string, probe: Pick<VideoProbe, "videoCodec" | "audioCodec">): string[] {
  return [
    "-v", "error", "-y",
    "-i", fileArgument(inputPath),
    // Only the first picture and the sound: no cover art, data or timecode tracks.
    "-map", "0:v:0", "-map", "0:a?",
    "-c", "copy",
    ...(pictureUnits[probe.videoCodec] ? ["-bsf:v", `filter_units=pass_types=${pictureUnits[probe.videoCodec]}`] : []),
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
 * Writes the copy judges receive: same picture and sound, none of the tags and none of
 * the text inside the video bitstream (SEI user data) that could name the KIM (and the
 * file name is the caller's choice, e.g. the film code).
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
    // filter_units leaves the sample entry's decoder record (hvcC may hold SEI) as it was.
    await cleanDecoderConfig(partial);
    await fs.rename(partial, outputPath);
  } catch (error) {
    await fs.rm(partial, { force: true });
    const detail = error instanceof ToolFailure ? `${error.message}: ${error.stderr.trim()}` : String(error);
    throw new Error(`ffmpeg could not remux ${inputPath} for judges: ${detail}`, { cause: error });
  }
}
