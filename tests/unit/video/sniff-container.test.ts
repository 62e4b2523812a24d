import { describe, expect, it } from "vitest";
import { sniffContainer, type SniffResult } from "@/lib/video/sniff-container";

// Builds a head from text (latin1) and byte arrays, like the first bytes of a file.
const head = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "latin1") : Buffer.from(p))));
const box = (type: string, brand: string) => head([0, 0, 0, 0x20], type, brand, [0, 0, 2, 0], "isomiso2avc1mp41");
const video = (container: string) => ({ kind: "video", container }) as SniffResult;
const notVideo = (detected: string) => ({ kind: "not_video", detected }) as SniffResult;

describe("sniffContainer: videos", () => {
  it.each<[string, Buffer, SniffResult]>([
    ["MP4 (isom)", box("ftyp", "isom"), video("mp4")],
    ["MP4 (mp42, phones)", box("ftyp", "mp42"), video("mp4")],
    ["3GP is an MP4 for the rules", box("ftyp", "3gp4"), video("mp4")],
    ["MOV (ftyp qt)", box("ftyp", "qt  "), video("mov")],
    ["classic QuickTime with no ftyp (wide atom)", head([0, 0, 0, 8], "wide", [0, 0, 0x10, 0], "mdat"), video("mov")],
    ["classic QuickTime starting with moov", head([0, 0, 0x10, 0], "moov"), video("mov")],
    ["Matroska", head([0x1a, 0x45, 0xdf, 0xa3, 0xa3, 0x42, 0x86, 0x81, 1, 0x42, 0x82, 0x88], "matroska"), video("mkv")],
    ["WebM", head([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 1, 0x42, 0x82, 0x84], "webm"), video("webm")],
    ["AVI", head("RIFF", [0x10, 0, 0, 0], "AVI LIST"), video("avi")],
    ["MPEG-TS", head([0x47, 0x40, 0x00, 0x10, 0x00, 0x00, 0xb0, 0x0d]), video("ts")],
    ["FLV", head("FLV", [1, 5, 0, 0, 0, 9]), video("flv")],
    ["WMV (ASF)", head([0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11, 0xa6, 0xd9]), video("wmv")],
    ["MPEG program stream", head([0, 0, 1, 0xba, 0x44]), video("mpg")],
  ])("%s", (_name, bytes, expected) => {
    expect(sniffContainer(bytes)).toEqual(expected);
  });

  it("refuses an MPEG-TS guess when the next packet has no sync byte", () => {
    const bytes = Buffer.alloc(200, 0x01);
    bytes[0] = 0x47;
    expect(sniffContainer(bytes)).toEqual({ kind: "unknown" });
    bytes[188] = 0x47;
    expect(sniffContainer(bytes)).toEqual(video("ts"));
  });
});

describe("sniffContainer: files that are not videos", () => {
  it.each<[string, Buffer, string]>([
    ["PNG", head([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d], "IHDR"), "png"],
    ["JPEG", head([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], "JFIF"), "jpeg"],
    ["GIF", head("GIF89a", [1, 0, 1, 0]), "gif"],
    ["WebP", head("RIFF", [0x10, 0, 0, 0], "WEBPVP8 "), "webp"],
    ["HEIC photo from an iPhone", box("ftyp", "heic"), "heic"],
    ["HEIF (mif1)", box("ftyp", "mif1"), "heic"],
    ["AVIF", box("ftyp", "avif"), "avif"],
    ["TIFF", head("II*", [0, 8, 0, 0, 0]), "tiff"],
    ["BMP", head("BM", [0x36, 0x10, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0]), "bmp"],
    ["PDF", head("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), "pdf"],
    ["old Office document", head([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), "office"],
    ["ZIP (also .docx)", head("PK", [3, 4, 20, 0]), "zip"],
    ["RAR", head("Rar!", [0x1a, 7, 1, 0]), "rar"],
    ["7-Zip", head([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4]), "7z"],
    ["gzip", head([0x1f, 0x8b, 8, 0]), "gzip"],
    ["Windows program", head("MZ", [0x90, 0, 3, 0, 0, 0]), "exe"],
    ["Linux program", head([0x7f], "ELF", [2, 1, 1, 0]), "elf"],
    ["MP3 with ID3 tag", head("ID3", [4, 0, 0, 0, 0, 0x23]), "mp3"],
    ["MP3 frame without tag", head([0xff, 0xfb, 0x90, 0x64, 0x00]), "mp3"],
    ["AAC (ADTS)", head([0xff, 0xf1, 0x50, 0x80, 0x02, 0x1f, 0xfc]), "aac"],
    ["WAV", head("RIFF", [0x24, 0, 0, 0], "WAVEfmt "), "wav"],
    ["FLAC", head("fLaC", [0, 0, 0, 0x22]), "flac"],
    ["plain text", head("Judul film: Manteb\r\nSutradara: Joko\tKIM Manteb\n"), "text"],
    ["text starting with G (the MPEG-TS sync byte)", head("Gambar ini bukan video\n"), "text"],
    ["UTF-8 text cut inside a character", Buffer.from("Désa Dagen é").subarray(0, 13), "text"],
  ])("%s", (_name, bytes, detected) => {
    expect(sniffContainer(bytes)).toEqual(notVideo(detected));
  });
});

describe("sniffContainer: unknown", () => {
  it.each<[string, Buffer]>([
    ["an empty file", Buffer.alloc(0)],
    ["zeros", Buffer.alloc(64)],
    ["binary noise", head([0x00, 0x01, 0x02, 0x9c, 0xfe, 0x13, 0x00, 0x88])],
  ])("%s", (_name, bytes) => {
    expect(sniffContainer(bytes)).toEqual({ kind: "unknown" });
  });
});
