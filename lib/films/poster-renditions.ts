import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp, { type Sharp } from "sharp";
import type { StorageDriver } from "@/lib/storage";
import { posterFormats, posterMimeTypes, posterSizeKey, posterSizes, renditionBox, type PosterFormat, type PosterWidth } from "./poster-sizes";

type Poster = { id: string; storageKey: string };

// Posters are small and each size is made once: libvips' operation cache (50 MB by default)
// would only hold memory in a server that otherwise stays near its idle size.
sharp.cache(false);

const encoders: Record<PosterFormat, (image: Sharp) => Sharp> = {
  // effort 4 of 9: a 360 px AVIF in well under a second on one core.
  avif: (image) => image.avif({ quality: 50, effort: 4 }),
  webp: (image) => image.webp({ quality: 78 }),
  jpeg: (image) => image.jpeg({ quality: 80, mozjpeg: true }),
};

/** One size of a poster's bytes: resized (cropped to 2:3 for the thumbnail frames), never enlarged, without metadata. */
export async function renderPosterSize(source: Buffer | string, width: PosterWidth, format: PosterFormat): Promise<Buffer> {
  const box = renditionBox(width);
  const image = sharp(source).rotate().resize({ width: box.width, height: box.height, fit: box.fit, position: "centre", withoutEnlargement: true });
  return encoders[format](image).toBuffer();
}

const inFlight = new Map<string, Promise<number>>();

/**
 * Makes one size of a poster and stores it next to the poster, unless it is there already.
 * Returns its size in bytes. Two requests for the same missing size in this process make
 * it once; two instances may both make it, and write the same bytes.
 */
export function ensurePosterSize(storage: StorageDriver, poster: Poster, width: PosterWidth, format: PosterFormat): Promise<number> {
  const key = posterSizeKey(poster.storageKey, poster.id, width, format);
  let work = inFlight.get(key);
  if (!work) {
    work = (async () => {
      const existing = await storage.size(key);
      if (existing !== null) return existing;
      const original = await storage.localCopy(poster.storageKey);
      try {
        const bytes = await renderPosterSize(original.path, width, format);
        await storeBytes(storage, key, bytes, posterMimeTypes[format]);
        return bytes.length;
      } finally {
        await original.release();
      }
    })().finally(() => inFlight.delete(key));
    inFlight.set(key, work);
  }
  return work;
}

/** Every size of a poster (at upload): one copy of the original, each size made once. */
export async function generatePosterSizes(storage: StorageDriver, poster: Poster): Promise<void> {
  const original = await storage.localCopy(poster.storageKey);
  try {
    const source = await fsp.readFile(original.path);
    for (const size of posterSizes) {
      for (const format of posterFormats) {
        const key = posterSizeKey(poster.storageKey, poster.id, size.width, format);
        if ((await storage.size(key)) !== null) continue;
        await storeBytes(storage, key, await renderPosterSize(source, size.width, format), posterMimeTypes[format]);
      }
    }
  } finally {
    await original.release();
  }
}

async function storeBytes(storage: StorageDriver, key: string, bytes: Buffer, contentType: string): Promise<void> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), "layar-poster-"));
  try {
    const file = path.join(dir, "size");
    await fsp.writeFile(file, bytes);
    await storage.putFile(key, file, contentType);
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
}
