import { getTranslations } from "next-intl/server";
import type { listKims } from "@/lib/kim/list-kims";

type Kim = Awaited<ReturnType<typeof listKims>>[number];

/** A list rather than a wide table, so it reads on a 360 px phone. */
export async function KimTable({ kims }: { kims: Kim[] }) {
  const t = await getTranslations();
  return (
    <ul className="divide-y divide-line rounded-lg border border-line bg-white" data-testid="kim-list">
      {kims.map((k) => (
        <li key={k.slug} className="flex flex-wrap items-baseline justify-between gap-2 p-3">
          <div>
            <p className="font-medium">{k.name}</p>
            <p className="text-sm text-muted">
              {k.villageName ?? t("region.villageUnknown")}, {k.districtName}
            </p>
            {k.status === "tidak_aktif" && k.inactiveReason && <p className="text-sm text-muted">{k.inactiveReason}</p>}
          </div>
          <span className={`badge ${k.status === "aktif" ? "bg-emerald-100 text-emerald-900" : "bg-gray-200 text-gray-800"}`}>{t(`status.${k.status}`)}</span>
        </li>
      ))}
    </ul>
  );
}
