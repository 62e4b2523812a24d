import { getTranslations } from "next-intl/server";
import { weightedTotal, type OtherSheet } from "@/lib/judging/other-judges";
import { formatScore } from "@/lib/results/rank";

type Criterion = { id: string; name: string; weight: number; maxScore: number };

/** Other judges' sheets on the same film, numbered, shown once the round is closed (the caller decides). */
export async function OtherJudges({ sheets, criteria }: { sheets: OtherSheet[]; criteria: Criterion[] }) {
  const t = await getTranslations("judging.sheet");
  return (
    <section aria-labelledby="h-others" className="card space-y-3" data-testid="other-judges">
      <h2 id="h-others" className="text-lg font-semibold">
        {t("others")}
      </h2>
      <p className="text-sm text-muted">{t("othersHint")}</p>
      {sheets.length === 0 && <p>{t("othersNone")}</p>}
      {sheets.map((sheet) => {
        const total = weightedTotal(criteria, sheet.values);
        return (
          <div key={sheet.judge} className="space-y-1">
            <h3 className="font-medium">
              {t("otherJudge", { number: sheet.judge })}
              {total !== null && <span className="ml-2 text-sm font-normal">· {t("otherTotal", { total: formatScore(total) })}</span>}
            </h3>
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm">
                <thead>
                  <tr>
                    <th scope="col" className="pr-2">{t("criterion")}</th>
                    <th scope="col" className="pr-2">{t("otherScore")}</th>
                    <th scope="col">{t("otherComment")}</th>
                  </tr>
                </thead>
                <tbody>
                  {criteria.map((c) => (
                    <tr key={c.id} className="border-t border-line align-top">
                      <td className="pr-2">{c.name}</td>
                      <td className="pr-2">{sheet.values[c.id]?.score ?? "—"}</td>
                      <td className="break-words">{sheet.values[c.id]?.comment || "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        );
      })}
    </section>
  );
}
