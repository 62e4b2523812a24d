import { getTranslations } from "next-intl/server";
import type { KecamatanProgress } from "@/lib/films/list-edition-submissions";

type Progress = { rows: KecamatanProgress[]; total: { eligible: number; entered: number }; activeOnly: boolean };

const percent = (entered: number, eligible: number) => (eligible ? Math.round((entered / eligible) * 100) : 0);

async function ProgressTable({ rows, caption }: { rows: KecamatanProgress[]; caption: string }) {
  const t = await getTranslations("filmAdmin.progress");
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b border-line text-left">
          <th scope="col" className="py-1 pr-2 font-medium">
            {t("district")}
          </th>
          <th scope="col" className="py-1 pr-2 text-right font-medium">
            {t("entered")}
          </th>
          <th scope="col" className="w-2/5 py-1 font-medium">
            <span className="sr-only">{t("bar")}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.code} className="border-b border-line last:border-0">
            <th scope="row" className="py-1 pr-2 text-left font-normal break-words">
              {r.name}
            </th>
            <td className="py-1 pr-2 text-right whitespace-nowrap tabular-nums">{t("fraction", { entered: r.entered, eligible: r.eligible })}</td>
            <td className="py-1">
              {r.eligible > 0 ? (
                <progress className="block h-2 w-full" max={r.eligible} value={r.entered} aria-label={t("barLabel", { name: r.name, percent: percent(r.entered, r.eligible) })} />
              ) : (
                <span className="text-muted">{t("noKim")}</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** KIMs entered / KIMs eligible per kecamatan, and in total; a province edition groups its kecamatan by regency. */
export async function EntriesProgress({ progress, byRegency }: { progress: Progress; byRegency: boolean }) {
  const t = await getTranslations("filmAdmin.progress");
  const { total } = progress;
  const regencies = [...new Map(progress.rows.map((r) => [r.regencyCode, r.regencyName])).entries()];
  return (
    <section aria-labelledby="h-progress" className="card space-y-3" data-testid="kecamatan-progress">
      <h2 id="h-progress" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <p data-testid="progress-total">{t("total", { entered: total.entered, eligible: total.eligible, percent: percent(total.entered, total.eligible) })}</p>
      <progress className="block h-3 w-full" max={Math.max(1, total.eligible)} value={total.entered} aria-label={t("totalBar", { percent: percent(total.entered, total.eligible) })} />
      <p className="text-sm text-muted">{progress.activeOnly ? t("ruleActive") : t("ruleAll")}</p>
      <details>
        <summary className="min-h-11 cursor-pointer py-2 font-medium text-brand">{t("perDistrict")}</summary>
        {progress.rows.length === 0 ? (
          <p className="text-sm text-muted">{t("none")}</p>
        ) : byRegency ? (
          <div className="space-y-2">
            {regencies.map(([code, name]) => {
              const rows = progress.rows.filter((r) => r.regencyCode === code);
              const sum = rows.reduce((s, r) => ({ entered: s.entered + r.entered, eligible: s.eligible + r.eligible }), { entered: 0, eligible: 0 });
              return (
                <details key={code} className="rounded-md border border-line p-2">
                  <summary className="cursor-pointer">
                    {name} — {t("fraction", { entered: sum.entered, eligible: sum.eligible })}
                  </summary>
                  <ProgressTable rows={rows} caption={t("caption", { region: name })} />
                </details>
              );
            })}
          </div>
        ) : (
          <ProgressTable rows={progress.rows} caption={t("caption", { region: progress.rows[0]?.regencyName ?? "" })} />
        )}
      </details>
    </section>
  );
}
