import { posterSrcSet, posterUrl, chooseWidths } from "@/lib/films/poster-sizes";

/**
 * A poster in a fixed frame, `width`×`height` CSS pixels: AVIF and WebP sources and a
 * JPEG `<img>`, each at 1x and 2x of the frame (lib/films/poster-sizes.ts), so a phone
 * never fetches more than twice the pixels it shows. A server component, no script.
 * `crop` frames are 2:3 and filled (`object-cover`); otherwise the whole poster shows,
 * its own shape, at most `height` tall. Lazy unless `priority` (the film page's one
 * poster above the fold, likely its largest paint).
 */
export function PosterPicture({
  filmId,
  version,
  width,
  height,
  crop = true,
  alt,
  className = "",
  priority = false,
}: {
  filmId: string;
  version: string;
  width: number;
  height: number;
  crop?: boolean;
  alt: string;
  className?: string;
  priority?: boolean;
}) {
  const { x1 } = chooseWidths(width, crop);
  return (
    <picture className="contents">
      <source type="image/avif" srcSet={posterSrcSet(filmId, version, width, crop, "avif")} />
      <source type="image/webp" srcSet={posterSrcSet(filmId, version, width, crop, "webp")} />
      <img
        src={posterUrl(filmId, version, x1, "jpeg")}
        srcSet={posterSrcSet(filmId, version, width, crop, "jpeg")}
        width={width}
        height={height}
        alt={alt}
        loading={priority ? "eager" : "lazy"}
        fetchPriority={priority ? "high" : undefined}
        decoding="async"
        className={className}
      />
    </picture>
  );
}

/**
 * A poster thumbnail, or a plain frame when there is none. The film's title is
 * always written next to it, so the image itself is decorative (alt="").
 * `size` is the frame's width in CSS pixels (2:3): 64 (h-24 w-16) or 48 (h-18 w-12).
 */
export function FilmPoster({ filmId, posterVersion, size = 64 }: { filmId: string | null; posterVersion: string | null; size?: 48 | 64 }) {
  const frame = size === 48 ? "h-18 w-12" : "h-24 w-16";
  if (!filmId || !posterVersion) return <div aria-hidden="true" className={`${frame} shrink-0 rounded border border-line bg-gray-100`} />;
  return (
    <PosterPicture filmId={filmId} version={posterVersion} width={size} height={size * 1.5} alt="" className={`${frame} shrink-0 rounded border border-line bg-gray-100 object-cover`} />
  );
}
