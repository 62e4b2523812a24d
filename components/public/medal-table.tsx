import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { MedalRow } from "@/lib/public/region-medals";

/** Juara I, II, III and Harapan per regency; a narrow table that scrolls inside itself on a phone. */
export async function MedalTable({ rows, caption, testId }: { rows: MedalRow[]; caption: string; testId?: string }) {
  const t = await getTranslations("publik.medals");
  const columns = ["juara1", "juara2", "juara3", "harapan", "total"] as const;
  return (
    <div className="relative overflow-x-auto" data-testid={testId}>
      <table className="w-full border-collapse bg-white text-left text-sm sm:text-base">
        <caption className="mb-2 text-left font-semibold">{caption}</caption>
        <thead>
          <tr className="border-b border-line">
            <th scope="col" className="px-1 py-2 sm:p-2">
              {/* "Kabupaten/Kota" may wrap after the slash on a phone. */}
              {t("regency").replace("/", "/\u200b")}
            </th>
            {columns.map((c) => (
              <th key={c} scope="col" className="px-1 py-2 text-right sm:p-2">
                <span aria-hidden="true">{t(c)}</span>
                <span className="sr-only">{t(`${c}Long`)}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.code} className="border-b border-line last:border-0">
              <th scope="row" className="px-1 py-2 font-normal sm:p-2">
                <Link href={`/wilayah/${r.code}`}>{r.name}</Link>
              </th>
              {columns.map((c) => (
                <td key={c} className={`px-1 py-2 text-right tabular-nums sm:p-2 ${c === "total" ? "font-semibold" : ""}`}>
                  {r[c]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
