import type { VideoProbe } from "@/lib/db/schema";
import type { SniffResult } from "@/lib/video/sniff-container";

// The parts of `ffprobe -print_format json -show_format -show_streams` we read.
export type FfprobeStream = {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  duration?: string;
  disposition?: { attached_pic?: number };
  tags?: Record<string, string>;
  side_data_list?: { rotation?: number }[];
};
export type FfprobeOutput = {
  streams?: FfprobeStream[];
  format?: { format_name?: string; duration?: string; tags?: Record<string, string> };
};

export type ProbeFailureReason = "corrupt" | "truncated" | "no_video_stream" | "audio_only" | "not_video";
export type ProbeResult = { ok: true; probe: VideoProbe } | { ok: false; reason: ProbeFailureReason; detail: string };

// ffprobe's demuxer for MP4 and MOV is one ("mov,mp4,m4a,3gp,3g2,mj2"). The ftyp
// major brand tells them apart: QuickTime writes "qt  "; a file with no ftyp at all
// is classic QuickTime, since ftyp is mandatory in MP4. Matroska and WebM also share
// a demuxer; the sniffed EBML DocType tells them apart.
export function containerFromFormat(formatName: string, majorBrand: string | undefined, sniffed?: SniffResult): string {
  const names = formatName.split(",");
  if (names.includes("mov") || names.includes("mp4")) {
    return majorBrand === undefined || majorBrand.trim() === "qt" ? "mov" : "mp4";
  }
  if (names.includes("matroska") || names.includes("webm")) {
    return sniffed?.kind === "video" && sniffed.container === "webm" ? "webm" : "mkv";
  }
  const byDemuxer: Record<string, string> = { mpegts: "ts", asf: "wmv", mpeg: "mpg", mpegvideo: "mpg" };
  return byDemuxer[names[0]] ?? names[0];
}

// Still images and text that ffprobe can open as a one-frame "video" stream.
const stillFormats = /(_pipe$|^image2$|^gif$|^apng$|^tty$|^webp$)/;

// Phones store portrait video as landscape frames plus a rotation: a display matrix
// (newer ffprobe: side_data_list[].rotation) or a `rotate` tag (older ffprobe).
function rotationOf(stream: FfprobeStream): number {
  const fromSideData = stream.side_data_list?.find((s) => typeof s.rotation === "number")?.rotation;
  if (fromSideData !== undefined) return fromSideData;
  const tag = Number(stream.tags?.rotate ?? 0);
  return Number.isFinite(tag) ? tag : 0;
}

function seconds(value: string | undefined): number | undefined {
  if (!value) return undefined;
  // Matroska keeps per-stream duration as a tag like "00:06:12.000000000".
  const clock = /^(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(value);
  const parsed = clock ? Number(clock[1]) * 3600 + Number(clock[2]) * 60 + Number(clock[3]) : Number(value);
  return Number.isFinite(parsed) && parsed > 0 ? parsed : undefined;
}

/** Facts about a film from ffprobe's JSON, or why the file is not a usable video. */
export function readProbeOutput(output: FfprobeOutput, sniffed?: SniffResult): ProbeResult {
  const streams = output.streams ?? [];
  const formatName = output.format?.format_name ?? "";
  if (streams.length === 0) return { ok: false, reason: "corrupt", detail: "ffprobe found no streams" };
  if (stillFormats.test(formatName)) return { ok: false, reason: "not_video", detail: `still format ${formatName}` };

  // Cover art in an MP3 or M4A is a video stream flagged attached_pic: not a film.
  const video = streams.find((s) => s.codec_type === "video" && s.disposition?.attached_pic !== 1);
  const audio = streams.find((s) => s.codec_type === "audio");
  if (!video) {
    return audio
      ? { ok: false, reason: "audio_only", detail: `audio only (${audio.codec_name ?? "?"})` }
      : { ok: false, reason: "no_video_stream", detail: `streams: ${streams.map((s) => s.codec_type).join(",")}` };
  }
  if (!video.width || !video.height) return { ok: false, reason: "corrupt", detail: "video stream without dimensions" };

  const durationSeconds = seconds(output.format?.duration) ?? seconds(video.duration) ?? seconds(video.tags?.DURATION);
  if (durationSeconds === undefined) return { ok: false, reason: "corrupt", detail: "no duration" };

  const quarterTurn = Math.abs(Math.round(rotationOf(video))) % 180 === 90;
  const probe: VideoProbe = {
    container: containerFromFormat(formatName, output.format?.tags?.major_brand, sniffed),
    videoCodec: video.codec_name ?? "unknown",
    width: quarterTurn ? video.height : video.width,
    height: quarterTurn ? video.width : video.height,
    durationSeconds,
  };
  if (audio?.codec_name) probe.audioCodec = audio.codec_name;
  return { ok: true, probe };
}
