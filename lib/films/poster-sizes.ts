import { z } from "zod";

/**
 * The sizes a poster is served in (docs/decisions/0027-poster-sizes-and-demo-memory.md).
 * Every place that shows a poster shows it in a fixed frame, and each frame gets the width
 * it is displayed at (1x) and twice that (2x), so no image is ever more than twice its
 * displayed size:
 *
 * - 2:3 frames filled with `object-cover` (cropped here the same way, from the centre):
 *   48×72 (the KIM profile's awards), 64×96 (winners, archive, region pages), 160×240
 *   (the film page's poster when there is no video).
 * - the whole poster, its own shape, within `w`×1.5`w`: 180/360 for the previews of the KIM's
 *   entry page and the judge's sheet, 360 for the `<video poster>` attribute (one URL; the
 *   player's 16:9 box shows a portrait poster about 120 px wide on a 360 px phone and 380 px
 *   on a desktop).
 *
 * Each in AVIF, WebP and JPEG (the `<img>` fallback), never upscaled.
 */
export const posterSizes = [
  { width: 48, crop: true },
  { width: 64, crop: true },
  { width: 96, crop: true },
  { width: 128, crop: true },
  { width: 160, crop: true },
  { width: 180, crop: false },
  { width: 320, crop: true },
  { width: 360, crop: false },
] as const;

export type PosterWidth = (typeof posterSizes)[number]["width"];
export const posterFormats = ["avif", "webp", "jpeg"] as const;
export type PosterFormat = (typeof posterFormats)[number];

export const posterMimeTypes: Record<PosterFormat, string> = { avif: "image/avif", webp: "image/webp", jpeg: "image/jpeg" };
const extensions: Record<PosterFormat, string> = { avif: "avif", webp: "webp", jpeg: "jpg" };

const widths = posterSizes.map((s) => s.width) as number[];

/** The poster's version in a URL: the start of its media id, so a replaced poster gets new URLs. */
export const posterVersion = (mediaId: string) => mediaId.replace(/-/g, "").slice(0, 8).toLowerCase();

/**
 * The query of a size request (`?w=128&f=webp&v=1a2b3c4d`): only the listed widths and
 * formats. No `w` and no `f` means the stored poster itself.
 */
export const posterSizeQuery = z.object({
  w: z.coerce
    .number()
    .int()
    .refine((w) => widths.includes(w)),
  f: z.enum(posterFormats),
  v: z
    .string()
    .regex(/^[0-9a-f]{8}$/)
    .optional(),
});
export type PosterSizeRequest = { width: PosterWidth; format: PosterFormat; version?: string };

/** null for the original poster, a size, or "invalid" (answered with 400). */
export function parsePosterSizeQuery(params: URLSearchParams): PosterSizeRequest | null | "invalid" {
  if (!params.has("w") && !params.has("f")) return null;
  const parsed = posterSizeQuery.safeParse({ w: params.get("w") ?? undefined, f: params.get("f") ?? undefined, v: params.get("v") ?? undefined });
  if (!parsed.success) return "invalid";
  return { width: parsed.data.w as PosterWidth, format: parsed.data.f, version: parsed.data.v };
}

export const posterSize = (width: PosterWidth) => posterSizes.find((s) => s.width === width)!;

/** Where a size is stored: next to the poster, named by the poster's media id (a replaced poster never serves stale sizes). */
export function posterSizeKey(posterKey: string, mediaId: string, width: PosterWidth, format: PosterFormat): string {
  const dir = posterKey.includes("/") ? posterKey.slice(0, posterKey.lastIndexOf("/") + 1) : "";
  return `${dir}poster-${mediaId}-w${width}.${extensions[format]}`;
}

/** Every stored size of one poster (for removal). */
export const allPosterSizeKeys = (posterKey: string, mediaId: string) => posterSizes.flatMap((s) => posterFormats.map((f) => posterSizeKey(posterKey, mediaId, s.width, f)));

/** The pixel size of a size rendition from the poster's own: never larger than the poster. */
export function renditionBox(width: PosterWidth): { width: number; height: number; fit: "cover" | "inside" } {
  const size = posterSize(width);
  return { width, height: Math.round(width * 1.5), fit: size.crop ? "cover" : "inside" };
}

/**
 * The widths for a frame shown `displayWidth` CSS pixels wide: the smallest listed width
 * of that kind at least the displayed size for 1x and at least twice it for 2x (the largest
 * there is when none is), never one more than twice the displayed size at its density.
 */
export function chooseWidths(displayWidth: number, crop: boolean): { x1: PosterWidth; x2: PosterWidth } {
  const candidates = posterSizes.filter((s) => s.crop === crop).map((s) => s.width);
  const atLeast = (target: number) => candidates.find((w) => w >= target && w <= 2 * target) ?? candidates.filter((w) => w <= 2 * target).at(-1) ?? candidates[0];
  return { x1: atLeast(displayWidth), x2: atLeast(2 * displayWidth) };
}

/** A size's URL. */
export function posterUrl(filmId: string, version: string, width: PosterWidth, format: PosterFormat): string {
  return `/api/films/${filmId}/poster?w=${width}&f=${format}&v=${version}`;
}

/** `url 1x, url 2x` for a frame of that width, in one format. */
export function posterSrcSet(filmId: string, version: string, displayWidth: number, crop: boolean, format: PosterFormat): string {
  const { x1, x2 } = chooseWidths(displayWidth, crop);
  return `${posterUrl(filmId, version, x1, format)} 1x, ${posterUrl(filmId, version, x2, format)} 2x`;
}
