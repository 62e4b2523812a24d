import Link from "next/link";
import type { KimCounts } from "@/lib/kim/list-kims";

type Labels = { place: string; total: string; active: string; inactive: string };

export function KimCountTable({ rows, caption, labels }: { rows: KimCounts[]; caption: string; labels: Labels }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse bg-white text-left text-sm sm:text-base">
        <caption className="mb-2 text-left text-xl font-semibold">{caption}</caption>
        <thead>
          <tr className="border-b border-line">
            <th scope="col" className="p-2">{labels.place}</th>
            <th scope="col" className="p-2 text-right">{labels.total}</th>
            <th scope="col" className="p-2 text-right">{labels.active}</th>
            <th scope="col" className="p-2 text-right">{labels.inactive}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.code} className="border-b border-line last:border-0">
              <th scope="row" className="p-2 font-normal">
                <Link href={`/wilayah/${r.code}`}>{r.name}</Link>
              </th>
              <td className="p-2 text-right tabular-nums">{r.total}</td>
              <td className="p-2 text-right tabular-nums">{r.active}</td>
              <td className="p-2 text-right tabular-nums">{r.inactive}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
