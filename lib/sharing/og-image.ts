import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp, { type OverlayOptions } from "sharp";
import type { StorageDriver } from "@/lib/storage";
import { ogKey, ogVersion } from "./og-facts";
import { ogHeight, ogOverlaySvg, ogWidth, posterFrame, type OgText } from "./og-text";

/**
 * Link-preview images (Open Graph, 1200×630 JPEG): the poster on the left, the text of
 * `og-text.ts` beside it. Made once per set of inputs and kept in storage under a key that
 * is a hash of those inputs (`og/film/{id}-{hash}.jpg`), so a new poster, title or placement
 * makes a new image and a repeated request only reads the stored one
 * (docs/decisions/0037-sharing.md).
 */

export type OgInputs = {
  kind: "film" | "edition";
  /** Film id or edition slug. */
  id: string;
  text: OgText;
  /** The current poster's version (lib/films/poster-sizes.ts: from its media id) and storage key, when there is one. */
  poster: { version: string; storageKey: string } | null;
};

/** The image's bytes: a dark card, the poster (whole, within its 2:3 frame) and the text. */
export async function renderOgImage(text: OgText, posterPath: string | null): Promise<Buffer> {
  const layers: OverlayOptions[] = [];
  if (posterPath) {
    const poster = await sharp(posterPath)
      .rotate()
      .resize({ width: posterFrame.width, height: posterFrame.height, fit: "contain", background: "#0f172a" })
      .toBuffer();
    layers.push({ input: poster, left: posterFrame.left, top: posterFrame.top });
  }
  layers.push({ input: Buffer.from(ogOverlaySvg(text, Boolean(posterPath))), left: 0, top: 0 });
  return sharp({ create: { width: ogWidth, height: ogHeight, channels: 3, background: "#0f172a" } })
    .composite(layers)
    .jpeg({ quality: 82, mozjpeg: true })
    .toBuffer();
}

const inFlight = new Map<string, Promise<{ key: string; made: boolean }>>();

/**
 * The stored image for these inputs, made first when missing. `made` tells whether this call
 * made it. Two requests in one process for a missing image make it once; two instances may
 * both make it and store the same picture.
 */
export function ensureOgImage(storage: StorageDriver, inputs: OgInputs): Promise<{ key: string; made: boolean }> {
  const key = ogKey(inputs.kind, inputs.id, ogVersion({ ...inputs, posterVersion: inputs.poster?.version ?? null }));
  let work = inFlight.get(key);
  if (!work) {
    work = (async () => {
      if ((await storage.size(key)) !== null) return { key, made: false };
      const poster = inputs.poster ? await storage.localCopy(inputs.poster.storageKey) : null;
      try {
        const bytes = await renderOgImage(inputs.text, poster?.path ?? null);
        const dir = await fsp.mkdtemp(path.join(os.tmpdir(), "layar-og-"));
        try {
          const file = path.join(dir, "og.jpg");
          await fsp.writeFile(file, bytes);
          await storage.putFile(key, file, "image/jpeg");
        } finally {
          await fsp.rm(dir, { recursive: true, force: true });
        }
        return { key, made: true };
      } finally {
        await poster?.release();
      }
    })().finally(() => inFlight.delete(key));
    inFlight.set(key, work);
  }
  return work;
}
