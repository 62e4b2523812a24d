import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Winner } from "@/lib/public/list-winners";
import { FilmPoster } from "./film-poster";
import { PlacementBadge } from "./placement-badge";

type Row = Omit<Winner, "editionId">;

/** A festival's winners in podium order (per category when there are several). */
export async function WinnerList({ winners }: { winners: Row[] }) {
  const [t, tn] = await Promise.all([getTranslations("publik"), getTranslations("nominations.public")]);
  const showCategory = new Set(winners.map((w) => w.category)).size > 1;
  return (
    <ol className="space-y-3" data-testid="winners">
      {winners.map((w, i) => (
        <li key={`${w.placement}-${w.kimSlug}-${w.filmId ?? i}`} className="card flex gap-3">
          <FilmPoster filmId={w.filmId} posterVersion={w.posterVersion} />
          <div className="min-w-0 space-y-1">
            <p className="flex flex-wrap items-center gap-2">
              <PlacementBadge placement={w.placement} />
              {showCategory && w.category && <span className="text-sm text-muted">{t("festival.category", { name: w.category })}</span>}
            </p>
            <h3 className="text-lg font-semibold leading-snug break-words">
              {w.filmId ? <Link href={`/film/${w.filmId}`}>{w.filmTitle}</Link> : <span className="text-muted">{t("winner.titleUnknown")}</span>}
            </h3>
            <p className="text-sm break-words">
              <Link href={`/kim/${w.kimSlug}`}>{w.kimName}</Link> · <Link href={`/wilayah/${w.regencyCode}`}>{w.regencyName}</Link>
            </p>
            {w.promotedFrom && (
              <p className="text-sm text-muted break-words" data-testid="promoted-from">
                {w.promotedFrom.placement ? tn("fromPlaced", { edition: w.promotedFrom.editionTitle, placement: w.promotedFrom.placement }) : tn("from", { edition: w.promotedFrom.editionTitle })}
              </p>
            )}
            {w.filmId && !w.hasVideo && <p className="text-sm text-muted">{t("film.noVideo")}</p>}
            {!w.filmId && w.note && <p className="text-sm text-muted">{w.note}</p>}
          </div>
        </li>
      ))}
    </ol>
  );
}
