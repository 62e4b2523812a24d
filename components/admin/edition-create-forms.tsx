"use client";

import { useTranslations } from "next-intl";
import { createEditionAction, duplicateEditionAction, importEditionAction } from "@/lib/actions/edition-actions";
import type { FormState } from "@/lib/actions/form-state";
import { Input, SectionForm, Select, TextArea } from "./edition-fields";

type Region = { code: string; name: string; level: "kabupaten" | "provinsi" };

/** The four dates of an edition, typed in WIB (datetime-local). */
export function DateInputs({ state, prefix, stored }: { state: FormState; prefix: string; stored?: Record<string, string> }) {
  const t = useTranslations("pengaturan.dates");
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      {(["submissionOpensAt", "submissionClosesAt", "judgingClosesAt", "announceAt"] as const).map((name) => (
        <Input key={name} name={name} id={`${prefix}-${name}`} label={t(name)} type="datetime-local" state={state} stored={stored?.[name] ?? ""} />
      ))}
    </div>
  );
}

export function CreateEditionForm({ regions, year }: { regions: Region[]; year: number }) {
  const t = useTranslations("pengaturan.create");
  const tl = useTranslations("pengaturan.level");
  return (
    <SectionForm action={createEditionAction} submit={t("submit")}>
      {(state) => (
        <>
          <Input name="title" id="create-title" label={t("title")} hint={t("titleHint")} state={state} />
          <Input name="slug" id="create-slug" label={t("slug")} hint={t("slugHint")} state={state} />
          <Select
            name="regionCode"
            id="create-region"
            label={t("region")}
            hint={t("regionHint")}
            state={state}
            stored={regions.length === 1 ? regions[0].code : ""}
            options={[...(regions.length === 1 ? [] : [{ value: "", label: t("chooseRegion") }]), ...regions.map((r) => ({ value: r.code, label: r.level === "provinsi" ? `${r.name} (${tl(r.level)})` : r.name }))]}
          />
          <div className="grid gap-3 sm:grid-cols-2">
            <Input name="year" id="create-year" label={t("year")} type="number" inputMode="numeric" state={state} stored={year} />
            <Input name="theme" id="create-theme" label={t("theme")} state={state} />
          </div>
          <TextArea name="description" id="create-description" label={t("description")} state={state} />
          <fieldset className="space-y-2">
            <legend className="font-medium">{t("dates")}</legend>
            <p className="text-sm text-muted">{t("datesHint")}</p>
            <DateInputs state={state} prefix="create" />
          </fieldset>
        </>
      )}
    </SectionForm>
  );
}

export function DuplicateEditionForm({ editions, year }: { editions: { slug: string; title: string }[]; year: number }) {
  const t = useTranslations("pengaturan.duplicate");
  const tc = useTranslations("pengaturan.create");
  return (
    <SectionForm action={duplicateEditionAction} submit={t("submit")}>
      {(state) => (
        <>
          <Select
            name="sourceSlug"
            id="dup-source"
            label={t("source")}
            state={state}
            options={[{ value: "", label: t("chooseSource") }, ...editions.map((e) => ({ value: e.slug, label: e.title }))]}
          />
          <Input name="title" id="dup-title" label={tc("title")} state={state} />
          <Input name="slug" id="dup-slug" label={tc("slug")} hint={tc("slugHint")} state={state} />
          <Input name="year" id="dup-year" label={tc("year")} type="number" inputMode="numeric" state={state} stored={year} />
          <fieldset className="space-y-2">
            <legend className="font-medium">{t("dates")}</legend>
            <DateInputs state={state} prefix="dup" />
          </fieldset>
        </>
      )}
    </SectionForm>
  );
}

/** A new draft from an edition file; the file's slug and title name it. */
export function ImportEditionForm({ id = "import" }: { id?: string }) {
  const t = useTranslations("pengaturan.import");
  return (
    <SectionForm action={importEditionAction} submit={t("submit")}>
      {(state) => {
        const errors = state.fieldErrors?.file ?? [];
        return (
          <div>
            <label htmlFor={`${id}-file`} className="mb-1 block font-medium">
              {t("file")}
            </label>
            <p id={`${id}-file-hint`} className="mb-1 text-sm text-muted">
              {t("fileHint")}
            </p>
            <input
              id={`${id}-file`}
              name="file"
              type="file"
              accept="application/json,.json"
              className="field"
              aria-invalid={errors.length ? true : undefined}
              aria-describedby={`${id}-file-hint${errors.length ? ` ${id}-file-error` : ""}`}
            />
            {errors.length > 0 && (
              <ul id={`${id}-file-error`} className="mt-1 list-disc space-y-1 pl-5 text-sm text-danger">
                {errors.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            )}
          </div>
        );
      }}
    </SectionForm>
  );
}
