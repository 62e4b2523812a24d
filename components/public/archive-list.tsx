import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ArchiveItem } from "@/lib/public/search-archive";
import { editionYear } from "./edition-year";
import { FilmPoster } from "./film-poster";
import { PlacementBadge } from "./placement-badge";

/** One archive page: each placement with its film, KIM, regency and festival. */
export async function ArchiveList({ items }: { items: ArchiveItem[] }) {
  const t = await getTranslations();
  return (
    <ul className="space-y-3" data-testid="archive-results">
      {items.map((r, i) => (
        <li key={`${r.editionSlug}-${r.placement}-${r.kimSlug}-${r.filmId ?? i}`} className="card flex gap-3">
          <FilmPoster filmId={r.filmId} posterVersion={r.posterVersion} />
          <div className="min-w-0 space-y-1">
            <p className="flex flex-wrap items-center gap-2">
              <PlacementBadge placement={r.placement} />
              <span className="text-sm text-muted">
                {editionYear(r, t("publik.yearUnknown"))} · {t(`level.${r.level}`)}
              </span>
            </p>
            <h2 className="text-lg font-semibold leading-snug break-words">
              {r.filmId ? <Link href={`/film/${r.filmId}`}>{r.filmTitle}</Link> : <span className="text-muted">{t("publik.winner.titleUnknown")}</span>}
            </h2>
            <p className="text-sm break-words">
              <Link href={`/kim/${r.kimSlug}`}>{r.kimName}</Link> · <Link href={`/wilayah/${r.regencyCode}`}>{r.regencyName}</Link>
            </p>
            <p className="text-sm text-muted break-words">
              <Link href={`/festival/${r.editionSlug}`}>{r.editionTitle}</Link>
              {r.theme ? ` · ${t("publik.festival.theme", { theme: r.theme })}` : ""}
            </p>
            {r.filmId && !r.hasVideo && <p className="text-sm text-muted">{t("publik.film.noVideo")}</p>}
          </div>
        </li>
      ))}
    </ul>
  );
}
