import type { NotVideoKind } from "@/lib/video/sniff-container";

// Names people know from their editing app's export menu, not ffprobe's ids.
const containerNames: Record<string, string> = {
  mp4: "MP4", mov: "MOV", mkv: "MKV", webm: "WebM", avi: "AVI", ts: "MPEG-TS", flv: "FLV", wmv: "WMV", mpg: "MPEG", ogg: "OGG", "3gp": "3GP",
};
const codecNames: Record<string, string> = {
  h264: "H.264", hevc: "H.265", vp8: "VP8", vp9: "VP9", av1: "AV1", mpeg4: "MPEG-4 Part 2", mpeg2video: "MPEG-2",
  mpeg1video: "MPEG-1", prores: "ProRes", dnxhd: "DNxHD", mjpeg: "Motion JPEG", theora: "Theora", h263: "H.263",
  wmv1: "WMV", wmv2: "WMV", wmv3: "WMV", vc1: "VC-1", msmpeg4v3: "DivX 3", cinepak: "Cinepak",
};
const notVideoNames: Record<NotVideoKind, string> = {
  png: "gambar PNG", jpeg: "gambar JPEG", gif: "gambar GIF", webp: "gambar WebP", heic: "foto HEIC", avif: "gambar AVIF",
  tiff: "gambar TIFF", bmp: "gambar BMP", pdf: "dokumen PDF", office: "dokumen Office (.doc/.xls/.ppt)",
  zip: "arsip ZIP", rar: "arsip RAR", "7z": "arsip 7-Zip", gzip: "arsip GZIP", exe: "program Windows (.exe)",
  elf: "program Linux", mp3: "audio MP3", aac: "audio AAC", wav: "audio WAV", flac: "audio FLAC", text: "teks biasa",
};

// Organisers type rules by hand; accept the common spellings of the same thing.
const aliases: Record<string, string> = {
  h265: "hevc", "h.265": "hevc", x265: "hevc", "h.264": "h264", avc: "h264", x264: "h264",
  qt: "mov", quicktime: "mov", m4v: "mp4", matroska: "mkv", mts: "ts", m2ts: "ts", mpegts: "ts",
};

export const normaliseName = (name: string): string => {
  const lower = name.trim().toLowerCase();
  return aliases[lower] ?? lower;
};

export const containerLabel = (container: string): string => containerNames[container] ?? container.toUpperCase();
export const codecLabel = (codec: string): string => codecNames[codec] ?? codec.toUpperCase();
export const notVideoLabel = (kind: NotVideoKind): string => notVideoNames[kind];

/** "A", "A atau B", "A, B, atau C". */
export function listChoices(items: string[]): string {
  if (items.length <= 2) return items.join(" atau ");
  return `${items.slice(0, -1).join(", ")}, atau ${items[items.length - 1]}`;
}
