"use client";

import { useTranslations } from "next-intl";
import { categoriesAction, rubricAction } from "@/lib/actions/edition-actions";
import type { FormState } from "@/lib/actions/form-state";
import { Check, Input, SectionForm } from "./edition-fields";

/**
 * Categories and rubric criteria edited as rows, without JavaScript: every existing row, two
 * empty ones to add, a position number to reorder and a "hapus" box to remove. Saving a row
 * set brings back fresh empty rows.
 */

const EMPTY_ROWS = 2;

export type CategoryRow = { id: string; name: string; description: string; juara: string; harapan: string; films: number };

/** After a refusal the form shows as many rows as were sent, with what was typed. */
function rowCount(state: FormState, stored: number): number {
  const sent = Object.keys(state.values ?? {})
    .map((k) => /^rows\.(\d+)\./.exec(k)?.[1])
    .filter(Boolean)
    .map(Number);
  return sent.length ? Math.max(...sent) + 1 : stored + EMPTY_ROWS;
}

function RowFrame({ legend, children }: { legend: string; children: React.ReactNode }) {
  return (
    <fieldset className="space-y-3 rounded-md border border-line p-3">
      <legend className="px-1 font-medium">{legend}</legend>
      {children}
    </fieldset>
  );
}

export function CategoriesForm({ edition, rows, defaults }: { edition: string; rows: CategoryRow[]; defaults: { juara: number; harapan: number } }) {
  const t = useTranslations("pengaturan.categories");
  return (
    <SectionForm action={categoriesAction} edition={edition} submit={t("save")}>
      {(state) =>
        Array.from({ length: rowCount(state, rows.length) }, (_, i) => {
          const row = rows[i];
          const name = (field: string) => `rows.${i}.${field}`;
          const id = (field: string) => `cat-${i}-${field}`;
          return (
            <RowFrame key={row?.id ?? `new-${i}`} legend={row ? t("row", { number: i + 1, name: row.name }) : t("newRow", { number: i + 1 })}>
              {row && <input type="hidden" name={name("id")} value={row.id} />}
              <div className="grid gap-3 sm:grid-cols-[1fr_6rem]">
                <Input name={name("name")} id={id("name")} label={t("name")} state={state} stored={row?.name} />
                <Input name={name("position")} id={id("position")} label={t("position")} type="number" inputMode="numeric" state={state} stored={i + 1} />
              </div>
              <Input name={name("description")} id={id("description")} label={t("description")} state={state} stored={row?.description} />
              <div className="grid grid-cols-2 gap-3">
                <Input name={name("juara")} id={id("juara")} label={t("juara")} hint={t("placementHint", { count: defaults.juara })} type="number" inputMode="numeric" min="0" max="3" state={state} stored={row?.juara} />
                <Input name={name("harapan")} id={id("harapan")} label={t("harapan")} hint={t("placementHint", { count: defaults.harapan })} type="number" inputMode="numeric" min="0" max="3" state={state} stored={row?.harapan} />
              </div>
              {row && (
                <>
                  {row.films > 0 && <p className="text-sm text-muted">{t("usedBy", { count: row.films })}</p>}
                  <Check name={name("delete")} id={id("delete")} label={t("delete")} state={state} stored={false} />
                </>
              )}
            </RowFrame>
          );
        })
      }
    </SectionForm>
  );
}

export type CriterionRow = { id: string; name: string; description: string; weight: string; minScore: string; maxScore: string };

export function RubricForm({ edition, rows }: { edition: string; rows: CriterionRow[] }) {
  const t = useTranslations("pengaturan.rubric");
  return (
    <SectionForm action={rubricAction} edition={edition} submit={t("save")}>
      {(state) =>
        Array.from({ length: rowCount(state, rows.length) }, (_, i) => {
          const row = rows[i];
          const name = (field: string) => `rows.${i}.${field}`;
          const id = (field: string) => `crit-${i}-${field}`;
          return (
            <RowFrame key={row?.id ?? `new-${i}`} legend={row ? t("row", { number: i + 1, name: row.name }) : t("newRow", { number: i + 1 })}>
              {row && <input type="hidden" name={name("id")} value={row.id} />}
              <div className="grid gap-3 sm:grid-cols-[1fr_6rem]">
                <Input name={name("name")} id={id("name")} label={t("name")} state={state} stored={row?.name} />
                <Input name={name("position")} id={id("position")} label={t("position")} type="number" inputMode="numeric" state={state} stored={i + 1} />
              </div>
              <Input name={name("description")} id={id("description")} label={t("description")} state={state} stored={row?.description} />
              <div className="grid grid-cols-3 gap-3">
                <Input name={name("weight")} id={id("weight")} label={t("weight")} inputMode="decimal" state={state} stored={row?.weight} />
                <Input name={name("minScore")} id={id("minScore")} label={t("minScore")} inputMode="decimal" state={state} stored={row?.minScore ?? (row ? "" : "0")} />
                <Input name={name("maxScore")} id={id("maxScore")} label={t("maxScore")} inputMode="decimal" state={state} stored={row?.maxScore ?? (row ? "" : "100")} />
              </div>
              {row && <Check name={name("delete")} id={id("delete")} label={t("delete")} state={state} stored={false} />}
            </RowFrame>
          );
        })
      }
    </SectionForm>
  );
}
