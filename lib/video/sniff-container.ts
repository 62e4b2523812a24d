// Magic-byte sniffing of an upload's first bytes. Extensions and browser MIME types
// are whatever the phone or the person renaming the file said; the bytes are not.
// Recognising common NON-video files lets the message name what was sent
// ("gambar PNG") instead of a vague "format tidak dikenal".

export type VideoContainer = "mp4" | "mov" | "mkv" | "webm" | "avi" | "ts" | "flv" | "wmv" | "mpg" | "ogg";

export type NotVideoKind =
  | "png" | "jpeg" | "gif" | "webp" | "heic" | "avif" | "tiff" | "bmp"
  | "pdf" | "office" | "zip" | "rar" | "7z" | "gzip"
  | "exe" | "elf"
  | "mp3" | "aac" | "wav" | "flac"
  | "text";

export type SniffResult =
  | { kind: "video"; container: VideoContainer }
  | { kind: "not_video"; detected: NotVideoKind }
  | { kind: "unknown" };

const ascii = (head: Buffer, offset: number, text: string) =>
  head.length >= offset + text.length && head.toString("latin1", offset, offset + text.length) === text;

const bytes = (head: Buffer, offset: number, values: number[]) =>
  head.length >= offset + values.length && values.every((v, i) => head[offset + i] === v);

// ISO BMFF image brands: an iPhone photo (HEIC) is an `ftyp` file just like a video.
const imageBrands: Record<string, NotVideoKind> = {
  heic: "heic", heix: "heic", heim: "heic", heis: "heic", mif1: "heic", avif: "avif", avis: "avif",
};

// Classic QuickTime files may begin straight with one of these atoms: `ftyp` is
// mandatory in MP4 but optional in old .mov files.
const quickTimeAtoms = ["moov", "mdat", "wide", "free", "skip", "pnot"];

function sniffIsoMedia(head: Buffer): SniffResult | undefined {
  if (ascii(head, 4, "ftyp")) {
    const brand = head.toString("latin1", 8, 12);
    const image = imageBrands[brand.trim()];
    if (image) return { kind: "not_video", detected: image };
    return { kind: "video", container: brand === "qt  " ? "mov" : "mp4" };
  }
  if (quickTimeAtoms.some((atom) => ascii(head, 4, atom))) return { kind: "video", container: "mov" };
  return undefined;
}

const signatures: [test: (head: Buffer) => boolean, result: SniffResult][] = [
  [(h) => bytes(h, 0, [0x1a, 0x45, 0xdf, 0xa3]), { kind: "video", container: "mkv" }],
  [(h) => ascii(h, 0, "RIFF") && ascii(h, 8, "AVI "), { kind: "video", container: "avi" }],
  [(h) => ascii(h, 0, "RIFF") && ascii(h, 8, "WAVE"), { kind: "not_video", detected: "wav" }],
  [(h) => ascii(h, 0, "RIFF") && ascii(h, 8, "WEBP"), { kind: "not_video", detected: "webp" }],
  [(h) => ascii(h, 0, "FLV"), { kind: "video", container: "flv" }],
  [(h) => bytes(h, 0, [0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11]), { kind: "video", container: "wmv" }],
  [(h) => bytes(h, 0, [0x00, 0x00, 0x01, 0xba]) || bytes(h, 0, [0x00, 0x00, 0x01, 0xb3]), { kind: "video", container: "mpg" }],
  [(h) => ascii(h, 0, "OggS"), { kind: "video", container: "ogg" }], // usually audio only: the probe says so
  [(h) => bytes(h, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), { kind: "not_video", detected: "png" }],
  [(h) => bytes(h, 0, [0xff, 0xd8, 0xff]), { kind: "not_video", detected: "jpeg" }],
  [(h) => ascii(h, 0, "GIF87a") || ascii(h, 0, "GIF89a"), { kind: "not_video", detected: "gif" }],
  [(h) => ascii(h, 0, "II*\0") || ascii(h, 0, "MM\0*"), { kind: "not_video", detected: "tiff" }],
  [(h) => ascii(h, 0, "BM") && h.length >= 14 && h.readUInt32LE(6) === 0, { kind: "not_video", detected: "bmp" }],
  [(h) => ascii(h, 0, "%PDF-"), { kind: "not_video", detected: "pdf" }],
  [(h) => bytes(h, 0, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), { kind: "not_video", detected: "office" }],
  [(h) => ascii(h, 0, "PK\x03\x04") || ascii(h, 0, "PK\x05\x06"), { kind: "not_video", detected: "zip" }],
  [(h) => ascii(h, 0, "Rar!\x1a\x07"), { kind: "not_video", detected: "rar" }],
  [(h) => bytes(h, 0, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]), { kind: "not_video", detected: "7z" }],
  [(h) => bytes(h, 0, [0x1f, 0x8b]), { kind: "not_video", detected: "gzip" }],
  [(h) => ascii(h, 0, "MZ"), { kind: "not_video", detected: "exe" }],
  [(h) => bytes(h, 0, [0x7f, 0x45, 0x4c, 0x46]), { kind: "not_video", detected: "elf" }],
  [(h) => ascii(h, 0, "ID3"), { kind: "not_video", detected: "mp3" }],
  [(h) => ascii(h, 0, "fLaC"), { kind: "not_video", detected: "flac" }],
];

// WebM is Matroska with DocType "webm"; the EBML header holding it fits in 64 bytes.
function matroskaFlavour(head: Buffer): VideoContainer {
  return head.includes("webm", 0, "latin1") ? "webm" : "mkv";
}

// Text is checked before the one-byte signatures below: "G" (0x47, the MPEG-TS
// sync byte) also starts plenty of text files.
function looksLikeText(head: Buffer): boolean {
  if (head.length === 0) return false;
  for (let i = 0; i < head.length; i += 1) {
    const b = head[i];
    const control = b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c;
    if (control || b === 0x7f) return false;
  }
  // A head cut inside a multi-byte character is still text: drop up to 3 trailing bytes.
  for (let cut = 0; cut <= 3 && cut < head.length; cut += 1) {
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(head.subarray(0, head.length - cut));
      return true;
    } catch {
      // try a shorter slice
    }
  }
  return false;
}

function sniffFrameSync(head: Buffer): SniffResult | undefined {
  // MPEG-TS packets are 188 bytes; when the head is long enough, the next sync byte must be there too.
  if (head[0] === 0x47 && (head.length <= 188 || head[188] === 0x47)) return { kind: "video", container: "ts" };
  if (head[0] !== 0xff || head.length < 2) return undefined;
  if ((head[1] & 0xf6) === 0xf0) return { kind: "not_video", detected: "aac" }; // ADTS: layer bits 00
  if ((head[1] & 0xe0) === 0xe0 && (head[1] & 0x06) !== 0) return { kind: "not_video", detected: "mp3" };
  return undefined;
}

/** What the first bytes of a file say it is (pass at least SNIFF_BYTES when possible). */
export function sniffContainer(head: Buffer): SniffResult {
  const iso = sniffIsoMedia(head);
  if (iso) return iso;
  const match = signatures.find(([test]) => test(head));
  if (match) {
    const [, result] = match;
    return result.kind === "video" && result.container === "mkv" ? { kind: "video", container: matroskaFlavour(head) } : result;
  }
  if (looksLikeText(head)) return { kind: "not_video", detected: "text" };
  return sniffFrameSync(head) ?? { kind: "unknown" };
}
