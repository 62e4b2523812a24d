import { getTranslations } from "next-intl/server";

/**
 * A province's organiser picks the regency first (a GET form, no JavaScript needed), so the
 * desa list stays a few hundred entries instead of a province's thousands.
 */
export async function RegencyChooser({ action, regencies, chosen }: { action: string; regencies: { code: string; name: string }[]; chosen: string | null }) {
  const t = await getTranslations("kimRegistry.form");
  return (
    <form method="get" action={action} className="card flex flex-wrap items-end gap-3">
      <div className="min-w-0 flex-1">
        <label htmlFor="kabupaten" className="mb-1 block font-medium">
          {t("regency")}
        </label>
        <select id="kabupaten" name="kabupaten" defaultValue={chosen ?? ""} className="field">
          <option value="">{t("chooseRegency")}</option>
          {regencies.map((r) => (
            <option key={r.code} value={r.code}>
              {r.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="btn-quiet">
        {t("showVillages")}
      </button>
    </form>
  );
}

/** Which regency's desa to offer: the organiser's own, or the one chosen (or the KIM's) for a province. */
export function chosenRegency(scope: string, asked: string | string[] | undefined, fallback?: string | null): string | null {
  if (scope.includes(".")) return scope.split(".").slice(0, 2).join(".");
  const value = Array.isArray(asked) ? asked[0] : asked;
  if (value && /^\d{2}\.\d{2}$/.test(value) && value.startsWith(`${scope}.`)) return value;
  return fallback ?? null;
}
