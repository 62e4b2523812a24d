import crypto from "node:crypto";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { AppError } from "@/lib/errors";
import type { StorageDriver } from "@/lib/storage";
import { sniffPhoto } from "./activity-photo";

export const MAX_LOGO_BYTES = 2 * 1024 * 1024;
export const LOGO_SIZE = 512;

const refuse = (message: string) => new AppError("invalid", { userMessage: message, fieldErrors: { logo: [message] } });

/** PNG, JPEG or WebP by their first bytes (a renamed .exe starts "MZ" and is none of them): the photos' sniff without HEIF. */
export function sniffImage(bytes: Uint8Array): "png" | "jpeg" | "webp" | null {
  const kind = sniffPhoto(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return kind === "heif" ? null : kind;
}

/**
 * A logo as Layar keeps it: the bytes must be a PNG, JPEG or WebP (sniffed, then decoded by
 * sharp, which must agree), at most 2 MB; it is turned upright and fitted into a 512 px
 * square on a transparent background and re-encoded as WebP, which drops EXIF/GPS and
 * anything else hidden in the file.
 */
export async function prepareLogo(bytes: Buffer): Promise<Buffer> {
  if (bytes.length === 0) throw refuse("Pilih berkas logo.");
  if (bytes.length > MAX_LOGO_BYTES) throw refuse("Logo paling besar 2 MB.");
  const sniffed = sniffImage(bytes);
  if (!sniffed) throw refuse("Berkas ini bukan gambar PNG, JPEG atau WebP. Pilih berkas logo yang benar.");
  try {
    const meta = await sharp(bytes).metadata();
    if (meta.format !== sniffed || !meta.width || !meta.height) throw new Error("format mismatch");
    if (meta.width * meta.height > 40_000_000) throw new Error("too many pixels");
    return await sharp(bytes)
      .rotate()
      .resize({ width: LOGO_SIZE, height: LOGO_SIZE, fit: "contain", background: { r: 0, g: 0, b: 0, alpha: 0 }, withoutEnlargement: false })
      .webp({ quality: 85 })
      .toBuffer();
  } catch {
    throw refuse("Gambar logo tidak bisa dibaca. Gunakan PNG, JPEG atau WebP.");
  }
}

/**
 * Writes a prepared logo (prepareLogo) to storage under a new key and returns the key. The
 * caller records the key in kim_groups.logo_key in its own transaction, then removes the
 * previous file (removeOldLogo), or this one when the transaction fails.
 */
export async function putLogoFile(storage: StorageDriver, kimId: string, content: Buffer): Promise<string> {
  const key = `kim/${kimId}/logo-${crypto.randomUUID()}.webp`;
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), "layar-logo-"));
  try {
    const temp = path.join(dir, "logo.webp");
    await fsp.writeFile(temp, content);
    await storage.putFile(key, temp, "image/webp");
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
  return key;
}

/** The logo of a form, checked and re-encoded, or null when the form carries none. */
export async function logoFromForm(file: File | null | undefined): Promise<Buffer | null> {
  if (!hasFile(file)) return null;
  return prepareLogo(Buffer.from(await file.arrayBuffer()));
}

/** Removes a replaced logo from storage; a failure only leaves an orphan file behind. */
export async function removeOldLogo(storage: StorageDriver, key: string | null): Promise<void> {
  if (!key) return;
  await storage.remove(key).catch((error) => console.error(error));
}

/**
 * True when the form carries a file. An empty file input arrives as an empty File whose name
 * depends on the browser and the parser (Chromium through Next's action parser: not ""), so
 * an empty file counts as none.
 */
export function hasFile(value: FormDataEntryValue | null | undefined): value is File {
  return typeof value === "object" && value !== null && "size" in value && value.size > 0;
}


/**
 * Runs a database write that records `logoKey` when a new logo came with the form: the file
 * is stored first, removed again if the write fails, and the logo it replaces is removed
 * once the write succeeded. Without a new logo the write runs with `undefined`.
 */
export async function withNewLogo<T>(
  storage: StorageDriver | undefined,
  kimId: string,
  logo: Buffer | null,
  previous: string | null,
  write: (logoKey: string | undefined) => Promise<T>,
): Promise<T> {
  if (!logo || !storage) return write(undefined);
  const key = await putLogoFile(storage, kimId, logo);
  let result: T;
  try {
    result = await write(key);
  } catch (error) {
    await removeOldLogo(storage, key);
    throw error;
  }
  await removeOldLogo(storage, previous);
  return result;
}
