import { getTranslations } from "next-intl/server";
import { ExcludeFilmForm, RestoreFilmForm, SealForm } from "@/components/admin/results-forms";
import { groupBy } from "@/lib/group-by";
import { translateMessage } from "@/lib/i18n/translate-message";
import type { listExcludedFilms } from "@/lib/results/exclusions";
import type { SealItem } from "@/lib/results/seal-checklist";

/** Films listed with their open items; the rest are counted. */
const CHECKLIST_FILMS = 50;

/**
 * "Sebelum disegel": what sealResults would refuse, in the same words, grouped by film so each
 * film gets one "leave out of the ranking" form; the seal form once nothing is left.
 */
export async function SealChecklist({ slug, items, locale }: { slug: string; items: SealItem[]; locale: string }) {
  const t = await getTranslations("hasil.checklist");
  const byFilm = groupBy(
    items.filter((item) => item.filmId),
    (item) => item.filmId!,
  );
  const rest = items.filter((item) => !item.filmId);
  // An edition of thousands of films can have thousands open: the first ones, and how many more.
  const shown = [...byFilm].slice(0, CHECKLIST_FILMS);
  return (
    <section aria-labelledby="h-checklist" className={`card space-y-3 ${items.length ? "border-amber-300 bg-amber-50" : ""}`} data-testid="seal-checklist">
      <h2 id="h-checklist" className="text-lg font-semibold">
        {t("title")}
      </h2>
      {items.length === 0 ? (
        <>
          <p>{t("ready")}</p>
          <SealForm slug={slug} />
        </>
      ) : (
        <>
          <p>
            {t("intro")} <a href={`/admin/festival/${slug}/penjurian`}>{t("judgingLink")}</a>
          </p>
          <ul className="space-y-2">
            {shown.map(([filmId, own]) => (
              <li key={filmId} className="rounded-md border border-amber-200 bg-white p-3">
                <ul className="list-disc space-y-1 pl-5">
                  {own.map((item) => (
                    <li key={item.problem}>{translateMessage(item.problem, locale)}</li>
                  ))}
                </ul>
                <details className="mt-2">
                  <summary className="cursor-pointer text-sm">{t("exclude")}</summary>
                  <ExcludeFilmForm slug={slug} filmId={filmId} />
                </details>
              </li>
            ))}
            {rest.map((item) => (
              <li key={item.problem} className="rounded-md border border-amber-200 bg-white p-3">
                {translateMessage(item.problem, locale)}
              </li>
            ))}
          </ul>
          {byFilm.size > shown.length && <p data-testid="checklist-more">{t("moreFilms", { count: byFilm.size - shown.length })}</p>}
          <p className="text-sm text-muted">{t("sealLater")}</p>
        </>
      )}
    </section>
  );
}

type Excluded = Awaited<ReturnType<typeof listExcludedFilms>>;

export async function ExcludedFilms({ slug, films, editable }: { slug: string; films: Excluded; editable: boolean }) {
  const t = await getTranslations("hasil.excluded");
  if (films.length === 0) return null;
  return (
    <section aria-labelledby="h-excluded" className="card space-y-2" data-testid="excluded-films">
      <h2 id="h-excluded" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <ul className="divide-y divide-line">
        {films.map((f) => (
          <li key={f.id} className="space-y-1 py-2">
            <p className="font-medium">{t("line", { code: f.code, title: f.title, kim: f.kimName })}</p>
            <p className="text-sm">{t("reason", { reason: f.reason ?? "" })}</p>
            {editable && <RestoreFilmForm slug={slug} filmId={f.id} />}
          </li>
        ))}
      </ul>
    </section>
  );
}
