import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/lib/db/client";
import { embedViewsOfKim } from "@/lib/sharing/embed-views";

/** The KIM dashboard's table of embed views per film: all time and the last 30 days (lib/sharing/embed-views.ts). */
export async function EmbedViews({ actor }: { actor: { kimId: string | null } }) {
  const [t, locale, rows] = await Promise.all([getTranslations("sharing.views"), getLocale(), embedViewsOfKim(getDb(), actor)]);
  const number = new Intl.NumberFormat(locale === "en" ? "en-GB" : "id-ID");
  return (
    <section aria-labelledby="h-embed-views" className="card" data-testid="embed-views">
      <h2 id="h-embed-views" className="mb-1 text-lg font-semibold">
        {t("heading")}
      </h2>
      <p className="mb-3 text-sm text-muted">{t("intro")}</p>
      {rows.length === 0 ? (
        <p className="text-muted">{t("none")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-line">
                <th scope="col" className="py-2 pr-3">
                  {t("film")}
                </th>
                <th scope="col" className="py-2 pr-3 text-right">
                  {t("last30")}
                </th>
                <th scope="col" className="py-2 text-right">
                  {t("total")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.filmId} className="border-b border-line last:border-0">
                  <th scope="row" className="py-2 pr-3 font-normal break-words">
                    <Link href={`/film/${r.filmId}`}>{r.title}</Link>
                  </th>
                  <td className="py-2 pr-3 text-right tabular-nums" data-testid="embed-views-30">
                    {number.format(r.last30)}
                  </td>
                  <td className="py-2 text-right tabular-nums" data-testid="embed-views-total">
                    {number.format(r.total)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
