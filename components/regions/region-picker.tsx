"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";

type Option = { code: string; name: string };
const levels = ["province", "regency", "district", "village"] as const;

async function children(code: string | null): Promise<Option[]> {
  const res = await fetch(code ? `/api/v1/regions/${code}` : "/api/v1/regions");
  if (!res.ok) return [];
  return ((await res.json()) as { children: Option[] }).children;
}

/**
 * Province -> regency -> district -> village, loaded level by level from the
 * public regions API. Submits the chosen level's code under `name`.
 */
export function RegionPicker({ name, legend, depth = 4, error, initial = [] }: { name: string; legend: string; depth?: 2 | 4; error?: string; initial?: string[] }) {
  const t = useTranslations("regionPicker");
  const [chosen, setChosen] = useState<string[]>(initial);
  const [options, setOptions] = useState<Option[][]>([]);

  useEffect(() => {
    let live = true;
    (async () => {
      const lists: Option[][] = [await children(null)];
      for (let i = 0; i < chosen.length && i < depth - 1; i++) lists.push(await children(chosen[i]));
      if (live) setOptions(lists);
    })();
    return () => {
      live = false;
    };
  }, [chosen, depth]);

  const value = chosen.length === depth ? chosen[depth - 1] : "";
  return (
    <fieldset className="space-y-2" aria-describedby={error ? `${name}-error` : undefined}>
      <legend className="mb-1 font-medium">{legend}</legend>
      <input type="hidden" name={name} value={value} />
      {levels.slice(0, depth).map((level, i) => (
        <div key={level}>
          <label htmlFor={`${name}-${level}`} className="mb-1 block text-sm font-medium">
            {t(level)}
          </label>
          <select
            id={`${name}-${level}`}
            className="field"
            value={chosen[i] ?? ""}
            disabled={!options[i]}
            onChange={(e) => setChosen([...chosen.slice(0, i), e.target.value].filter(Boolean))}
          >
            <option value="">{t("choose", { level: t(level).toLowerCase() })}</option>
            {(options[i] ?? []).map((o) => (
              <option key={o.code} value={o.code}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
      ))}
      {error && (
        <p id={`${name}-error`} className="text-sm text-danger">
          {error}
        </p>
      )}
    </fieldset>
  );
}
