/**
 * A poster thumbnail, or a plain frame when there is none. The film's title is
 * always written next to it, so the image itself is decorative (alt="").
 */
export function FilmPoster({ filmId, hasPoster, className = "h-24 w-16" }: { filmId: string | null; hasPoster: boolean; className?: string }) {
  if (!filmId || !hasPoster) return <div aria-hidden="true" className={`${className} shrink-0 rounded border border-line bg-gray-100`} />;
  return (
    // eslint-disable-next-line @next/next/no-img-element -- served by the access-checked media route, not a static asset
    <img src={`/api/films/${filmId}/poster`} alt="" loading="lazy" decoding="async" className={`${className} shrink-0 rounded border border-line bg-gray-100 object-cover`} />
  );
}
