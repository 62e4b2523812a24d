import { getTranslations } from "next-intl/server";
import { placementKey, podiumIndex, type PlacementName } from "@/lib/public/placements";

// Juara I-III stand out; Harapan places read quieter. Colours pass WCAG AA on white.
const styles = ["bg-amber-100 text-amber-900", "bg-slate-200 text-slate-900", "bg-orange-100 text-orange-900"];

export async function PlacementBadge({ placement }: { placement: PlacementName }) {
  const t = await getTranslations("publik.placement");
  const style = styles[podiumIndex(placement)] ?? "bg-teal-50 text-teal-900";
  return <span className={`badge ${style}`}>{t(placementKey(placement))}</span>;
}
