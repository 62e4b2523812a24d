"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { FormState } from "@/lib/actions/form-state";

type Column = { field: string; label: (n: number) => string; type?: string; autoComplete?: string };

/**
 * Rows of paired inputs (board members, social links) named `prefix.i.field`, with add and
 * remove buttons. Without JavaScript the rows given plus one blank row are sent as they are;
 * blank rows are ignored by the server (lib/kim/registry-schemas.ts, formRows).
 */
export function RowFields({ prefix, legend, hint, columns, initial, max, addLabel, state }: {
  prefix: string;
  legend: string;
  hint?: string;
  columns: Column[];
  initial: Record<string, string>[];
  max: number;
  addLabel: string;
  state: FormState;
}) {
  const t = useTranslations("kimRegistry.form");
  // After a refused submit, the rows the person typed (state.values) come back.
  const echoed = rowsFromValues(state.values, prefix, columns.map((c) => c.field));
  const [rows, setRows] = useState<Record<string, string>[]>(() => {
    const start = echoed.length ? echoed : initial;
    return start.length < max ? [...start, blank(columns)] : start;
  });
  const listError = state.fieldErrors?.[prefix]?.[0];
  return (
    <fieldset className="space-y-3" aria-describedby={[hint ? `${prefix}-hint` : "", listError ? `${prefix}-error` : ""].filter(Boolean).join(" ") || undefined}>
      <legend className="mb-1 font-medium">{legend}</legend>
      {hint && (
        <p id={`${prefix}-hint`} className="text-sm text-muted">
          {hint}
        </p>
      )}
      {rows.map((row, i) => (
        <div key={i} className="grid gap-2 rounded border border-line p-2 sm:grid-cols-[1fr_1fr_auto]" data-testid={`${prefix}-row`}>
          {columns.map((c) => {
            const name = `${prefix}.${i}.${c.field}`;
            const error = state.fieldErrors?.[name]?.[0];
            return (
              <div key={c.field}>
                <label htmlFor={name} className="mb-1 block text-sm font-medium">
                  {c.label(i + 1)}
                </label>
                <input
                  id={name}
                  name={name}
                  type={c.type ?? "text"}
                  autoComplete={c.autoComplete ?? "off"}
                  value={row[c.field] ?? ""}
                  onChange={(e) => setRows(rows.map((r, j) => (j === i ? { ...r, [c.field]: e.target.value } : r)))}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `${name}-error` : undefined}
                  className="field"
                />
                {error && (
                  <p id={`${name}-error`} className="mt-1 text-sm text-danger">
                    {error}
                  </p>
                )}
              </div>
            );
          })}
          <div className="self-end">
            <button type="button" className="btn-quiet" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
              {t("removeRow", { n: i + 1 })}
            </button>
          </div>
        </div>
      ))}
      {rows.length < max && (
        <button type="button" className="btn-quiet" onClick={() => setRows([...rows, blank(columns)])}>
          {addLabel}
        </button>
      )}
      {listError && (
        <p id={`${prefix}-error`} className="text-sm text-danger">
          {listError}
        </p>
      )}
    </fieldset>
  );
}

const blank = (columns: Column[]) => Object.fromEntries(columns.map((c) => [c.field, ""]));

function rowsFromValues(values: Record<string, string> | undefined, prefix: string, fields: string[]): Record<string, string>[] {
  if (!values) return [];
  const byIndex = new Map<number, Record<string, string>>();
  for (const [key, value] of Object.entries(values)) {
    const m = new RegExp(`^${prefix}\\.(\\d+)\\.(\\w+)$`).exec(key);
    if (!m || !fields.includes(m[2])) continue;
    const row = byIndex.get(Number(m[1])) ?? {};
    row[m[2]] = value;
    byIndex.set(Number(m[1]), row);
  }
  return [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, r]) => r).filter((r) => Object.values(r).some((v) => v.trim()));
}
