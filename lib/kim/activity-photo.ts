import sharp from "sharp";
import { AppError } from "@/lib/errors";
import { gpsExifTags, readExifGps } from "./exif-gps";

export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;
export const MAX_PHOTOS_PER_ACTIVITY = 4;
const MAX_EDGE = 1600;

const refuse = (message: string) => new AppError("invalid", { userMessage: message, fieldErrors: { photo: [message] } });

/** What the first bytes say the file is (never its name or the browser's type); the logo uses it too. */
export function sniffPhoto(bytes: Buffer): "jpeg" | "png" | "webp" | "heif" | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "png";
  if (bytes.length >= 12 && bytes.toString("latin1", 0, 4) === "RIFF" && bytes.toString("latin1", 8, 12) === "WEBP") return "webp";
  if (bytes.length >= 12 && bytes.toString("latin1", 4, 8) === "ftyp" && /^(heic|heix|hevc|hevx|heim|heis|mif1|msf1|avif)$/.test(bytes.toString("latin1", 8, 12))) return "heif";
  return null;
}

export type PreparedPhoto = { bytes: Buffer; thumbnail: Buffer; mime: "image/jpeg"; width: number; height: number; keptLocation: boolean };

/** The thumbnail beside a photo (320 px wide at most: twice the 160 px the profile shows it at), without any metadata. */
export const thumbnailKey = (key: string) => key.replace(/\.jpg$/, "") + "-kecil.jpg";
const THUMB_EDGE = 320;

/**
 * An activity photo as Layar keeps it: the bytes must be a JPEG, PNG, WebP or HEIC that sharp
 * decodes (HEIC only as far as the installed libvips reads it), at most 8 MB. It is turned
 * upright, fitted within 1600 px and re-encoded as JPEG, which drops every piece of metadata
 * (EXIF with the camera, its serial and GPS; XMP; IPTC; ICC becomes sRGB). When the KIM ticked
 * "simpan lokasi foto", only the GPS latitude and longitude are written back.
 */
export async function prepareActivityPhoto(bytes: Buffer, keepLocation: boolean): Promise<PreparedPhoto> {
  if (bytes.length === 0) throw refuse("Pilih berkas foto.");
  if (bytes.length > MAX_PHOTO_BYTES) throw refuse("Foto paling besar 8 MB.");
  const kind = sniffPhoto(bytes);
  if (!kind) throw refuse("Berkas ini bukan foto yang bisa dibaca. Gunakan JPEG, PNG, WebP atau HEIC.");
  let exif: Buffer | undefined;
  try {
    const meta = await sharp(bytes).metadata();
    if (!meta.width || !meta.height || !["jpeg", "png", "webp", "heif"].includes(meta.format ?? "")) throw new Error("unsupported");
    exif = meta.exif;
  } catch {
    throw refuse(kind === "heif" ? "Foto HEIC ini tidak bisa dibaca server. Simpan sebagai JPEG lalu unggah lagi." : "Berkas ini bukan foto yang bisa dibaca. Gunakan JPEG, PNG, WebP atau HEIC.");
  }
  const gps = keepLocation ? readExifGps(exif) : null;
  try {
    let image = sharp(bytes).rotate().resize({ width: MAX_EDGE, height: MAX_EDGE, fit: "inside", withoutEnlargement: true }).flatten({ background: "#ffffff" });
    if (gps) image = image.withExif({ IFD3: gpsExifTags(gps) });
    const { data, info } = await image.jpeg({ quality: 82, mozjpeg: true }).toBuffer({ resolveWithObject: true });
    const thumbnail = await sharp(data).resize({ width: THUMB_EDGE, height: THUMB_EDGE, fit: "inside", withoutEnlargement: true }).jpeg({ quality: 75, mozjpeg: true }).toBuffer();
    return { bytes: data, thumbnail, mime: "image/jpeg", width: info.width, height: info.height, keptLocation: Boolean(gps) };
  } catch {
    throw refuse("Berkas ini bukan foto yang bisa dibaca. Gunakan JPEG, PNG, WebP atau HEIC.");
  }
}
