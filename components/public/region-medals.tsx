import { getTranslations } from "next-intl/server";
import type { RegionMedals } from "@/lib/public/region-medals";
import { AwardHistory } from "./award-history";
import { editionYear } from "./edition-year";
import { MedalTable } from "./medal-table";

/**
 * The medals section of /wilayah/{code}: for a province, medal tables of its own
 * festivals across its regencies (all years, then each year); for a regency,
 * district or village, its KIMs' placements year by year.
 */
export async function RegionMedalsSection({ medals }: { medals: RegionMedals }) {
  const t = await getTranslations("publik");
  return (
    <section aria-labelledby="h-medali" className="space-y-4" data-testid="region-medals">
      <h2 id="h-medali" className="text-xl font-semibold">
        {t("medals.title")}
      </h2>
      {medals.provincial ? (
        medals.provincial.table.length === 0 ? (
          <p className="text-muted">{t("medals.none")}</p>
        ) : (
          <>
            <p className="text-muted">{t("medals.provincialNote")}</p>
            <MedalTable rows={medals.provincial.table} caption={t("medals.tableAll")} testId="medal-table" />
            {medals.provincial.byYear.map((g) => (
              <MedalTable key={g.year ?? "tanpa"} rows={g.rows} caption={t("medals.tableYear", { year: editionYear(g, t("yearUnknown")) })} />
            ))}
          </>
        )
      ) : medals.total === 0 ? (
        <p className="text-muted">{t("medals.none")}</p>
      ) : (
        <AwardHistory groups={medals.byYear} showKim compact idPrefix="medali" />
      )}
    </section>
  );
}
