import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { PublicPlacement } from "@/lib/public/public-placements";
import { editionYear } from "./edition-year";
import { FilmPoster } from "./film-poster";
import { PlacementBadge } from "./placement-badge";

type Award = Omit<PublicPlacement, "kimName" | "kimSlug" | "regencyCode" | "regencyName"> & Partial<Pick<PublicPlacement, "kimName" | "kimSlug" | "regencyCode" | "regencyName">>;

/**
 * Placements grouped by year, newest first, the year the source does not give
 * last. `headingLevel` keeps the outline right wherever the list is placed.
 */
export async function AwardHistory({ groups, showKim = false, compact = false, headingLevel = 3, idPrefix }: { groups: { year: number | null; items: Award[] }[]; showKim?: boolean; compact?: boolean; headingLevel?: 2 | 3; idPrefix: string }) {
  const [t, tn] = await Promise.all([getTranslations("publik"), getTranslations("nominations.public")]);
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <div className="space-y-5">
      {groups.map((g) => {
        const id = `${idPrefix}-${g.year ?? "tanpa"}`;
        return (
          <section key={id} aria-labelledby={id}>
            <Heading id={id} className="mb-2 text-lg font-semibold">
              {editionYear(g, t("yearUnknown"))}
            </Heading>
            <ul className={compact ? "card space-y-2 p-3" : "space-y-2"}>
              {g.items.map((a, i) => (
                <li key={`${a.edition.slug}-${a.placement}-${a.filmId ?? i}-${a.kimSlug ?? ""}`} className={compact ? "border-b border-line pb-2 last:border-0" : "card flex gap-3 p-3"}>
                  {!compact && <FilmPoster filmId={a.filmId} posterVersion={a.posterVersion} size={48} />}
                  <div className="min-w-0 space-y-1">
                    <p className="flex flex-wrap items-center gap-2">
                      <PlacementBadge placement={a.placement} />
                      <span className="font-semibold break-words">
                        {a.filmId ? <Link href={`/film/${a.filmId}`}>{a.filmTitle}</Link> : <span className="text-muted">{t("winner.titleUnknown")}</span>}
                      </span>
                    </p>
                    {showKim && a.kimSlug && (
                      <p className="text-sm break-words">
                        <Link href={`/kim/${a.kimSlug}`}>{a.kimName}</Link> · {a.regencyName}
                      </p>
                    )}
                    <p className="text-sm text-muted break-words">
                      <Link href={`/festival/${a.edition.slug}`}>{a.edition.title}</Link>
                      {a.edition.year === null && a.edition.periodNote ? ` (${a.edition.periodNote})` : ""}
                    </p>
                    {a.promotedFrom && (
                      <p className="text-sm text-muted break-words" data-testid="promoted-from">
                        {a.promotedFrom.placement ? tn("fromPlaced", { edition: a.promotedFrom.editionTitle, placement: a.promotedFrom.placement }) : tn("from", { edition: a.promotedFrom.editionTitle })}
                      </p>
                    )}
                    {!compact && a.filmId && !a.hasVideo && <p className="text-sm text-muted">{t("film.noVideo")}</p>}
                  </div>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
