"use client";

import { useTranslations } from "next-intl";
import { Check, Input, SectionForm, Select, TextArea } from "@/components/admin/edition-fields";
import type { FormState } from "@/lib/actions/form-state";
import { closeMonevAction, createMonevAction, monevCriteriaAction, monevSheetAction, monevStatusAction } from "@/lib/actions/monev-actions";

// The organiser's Monev forms; each posts on its own, with or without JavaScript.

export function CreateMonevForm({ year }: { year: number }) {
  const t = useTranslations("monev.create");
  return (
    <SectionForm action={createMonevAction} submit={t("submit")}>
      {(state) => (
        <>
          <div className="grid gap-3 sm:grid-cols-2">
            <Input name="year" label={t("year")} inputMode="numeric" state={state} stored={year} />
            <Input name="threshold" label={t("threshold")} hint={t("thresholdHint")} inputMode="decimal" state={state} stored="60" />
          </div>
          <Input name="title" label={t("title")} hint={t("titleHint")} state={state} />
        </>
      )}
    </SectionForm>
  );
}

export type MonevCriterionRow = { id: string; name: string; description: string; maxScore: string; weight: string };

/** After a refusal the form shows as many rows as were sent; otherwise the stored ones and two empty. */
function rowCount(state: FormState, stored: number): number {
  const sent = Object.keys(state.values ?? {})
    .map((k) => /^rows\.(\d+)\./.exec(k)?.[1])
    .filter(Boolean)
    .map(Number);
  return sent.length ? Math.max(...sent) + 1 : stored + 2;
}

export function MonevCriteriaForm({ monevId, rows }: { monevId: string; rows: MonevCriterionRow[] }) {
  const t = useTranslations("monev.criteria");
  return (
    <SectionForm action={monevCriteriaAction} submit={t("save")}>
      {(state) => (
        <>
          <input type="hidden" name="monevId" value={monevId} />
          {Array.from({ length: rowCount(state, rows.length) }, (_, i) => {
            const row = rows[i];
            const name = (field: string) => `rows.${i}.${field}`;
            const id = (field: string) => `crit-${i}-${field}`;
            return (
              <fieldset key={row?.id ?? `new-${i}`} className="space-y-3 rounded-md border border-line p-3">
                <legend className="px-1 font-medium">{row ? t("row", { number: i + 1, name: row.name }) : t("newRow", { number: i + 1 })}</legend>
                {row && <input type="hidden" name={name("id")} value={row.id} />}
                <div className="grid gap-3 sm:grid-cols-[1fr_6rem]">
                  <Input name={name("name")} id={id("name")} label={t("name")} state={state} stored={row?.name} />
                  <Input name={name("position")} id={id("position")} label={t("position")} type="number" inputMode="numeric" state={state} stored={i + 1} />
                </div>
                <Input name={name("description")} id={id("description")} label={t("description")} state={state} stored={row?.description} />
                <div className="grid grid-cols-2 gap-3">
                  <Input name={name("maxScore")} id={id("maxScore")} label={t("maxScore")} inputMode="numeric" state={state} stored={row?.maxScore ?? "100"} />
                  <Input name={name("weight")} id={id("weight")} label={t("weight")} inputMode="decimal" state={state} stored={row?.weight ?? (row ? "" : "")} />
                </div>
                {row && <Check name={name("delete")} id={id("delete")} label={t("delete")} state={state} stored={false} />}
              </fieldset>
            );
          })}
        </>
      )}
    </SectionForm>
  );
}

export function MonevStatusForm({ monevId, next }: { monevId: string; next: "berjalan" | "draf" }) {
  const t = useTranslations("monev.status");
  return (
    <SectionForm action={monevStatusAction} submit={next === "berjalan" ? t("start") : t("backToDraft")}>
      {() => (
        <>
          <input type="hidden" name="monevId" value={monevId} />
          <input type="hidden" name="status" value={next} />
        </>
      )}
    </SectionForm>
  );
}

export type SheetCriterion = { id: string; name: string; description: string | null; maxScore: number; weight: number; score: string };

export function MonevSheetForm({ monevId, kimId, criteria, notes, decision, reason, readOnly }: { monevId: string; kimId: string; criteria: SheetCriterion[]; notes: string; decision: string; reason: string; readOnly: boolean }) {
  const t = useTranslations("monev.sheet");
  if (readOnly) return null;
  return (
    <SectionForm action={monevSheetAction} submit={t("save")}>
      {(state) => (
        <>
          <input type="hidden" name="monevId" value={monevId} />
          <input type="hidden" name="kimId" value={kimId} />
          {criteria.map((c) => (
            <Input
              key={c.id}
              name={`score.${c.id}`}
              id={`score-${c.id}`}
              label={t("score", { name: c.name, max: c.maxScore })}
              hint={[c.description, t("weight", { weight: c.weight })].filter(Boolean).join(" · ")}
              inputMode="decimal"
              state={state}
              stored={c.score}
            />
          ))}
          <TextArea name="notes" label={t("notes")} state={state} stored={notes} />
          <Select
            name="decision"
            label={t("decision")}
            hint={t("decisionHint")}
            state={state}
            stored={decision}
            options={[
              { value: "", label: t("followProposal") },
              { value: "aktif", label: t("aktif") },
              { value: "tidak_aktif", label: t("tidak_aktif") },
            ]}
          />
          <TextArea name="reason" label={t("reason")} hint={t("reasonHint")} state={state} stored={reason} rows={2} />
        </>
      )}
    </SectionForm>
  );
}

export function CloseMonevForm({ monevId, today }: { monevId: string; today: string }) {
  const t = useTranslations("monev.close");
  return (
    <SectionForm action={closeMonevAction} submit={t("submit")}>
      {(state) => (
        <>
          <input type="hidden" name="monevId" value={monevId} />
          <Input name="fromDate" label={t("fromDate")} hint={t("fromDateHint")} type="date" state={state} stored={today} />
          <Check name="confirm" label={t("confirm")} state={state} stored={false} />
        </>
      )}
    </SectionForm>
  );
}
