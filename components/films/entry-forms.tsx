"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { createDraftAction, saveDetailsAction, uploadPosterAction, uploadSubtitleAction, withdrawAction } from "@/lib/actions/entry-actions";
import { initialFormState } from "@/lib/actions/form-state";
import { Field, FormMessage, SubmitButton } from "@/components/ui/form";

export function NewEntryButton({ editionSlug }: { editionSlug: string }) {
  const t = useTranslations("entry");
  const [state, action] = useActionState(createDraftAction, initialFormState);
  return (
    <form action={action} className="inline-block">
      <input type="hidden" name="editionSlug" value={editionSlug} />
      <SubmitButton label={t("newEntry")} pendingLabel={t("creating")} />
      <FormMessage state={state} />
    </form>
  );
}

type Details = {
  filmId: string;
  title: string;
  synopsis: string;
  categoryId: string;
  language: string;
  declaredDurationSeconds: string;
  crew: { name: string; role: string }[];
  originalityDeclared: boolean;
  publicationConsent: boolean;
};

export function EntryDetailsForm({ details, categories, maxDuration, disabled }: { details: Details; categories: { id: string; name: string }[]; maxDuration: string; disabled: boolean }) {
  const t = useTranslations("entry");
  const [state, action] = useActionState(saveDetailsAction, initialFormState);
  // Saved rows come from the server (fresh after each save); empty rows are added here.
  const [extraRows, setExtraRows] = useState(details.crew.length ? 0 : 1);
  const crew = [...details.crew, ...Array.from({ length: extraRows }, () => ({ name: "", role: "" }))];
  const v = (name: keyof Details) => state.values?.[name] ?? String(details[name] ?? "");
  return (
    <form action={action} className="space-y-4" noValidate>
      <fieldset disabled={disabled} className="space-y-4">
        <input type="hidden" name="filmId" value={details.filmId} />
        <Field name="title" label={t("filmTitle")} state={state} defaultValue={v("title")} required />
        <Field name="synopsis" label={t("synopsis")} hint={t("synopsisHint")} state={state}>
          <textarea id="synopsis" name="synopsis" rows={5} className="field" defaultValue={v("synopsis")} aria-describedby="synopsis-hint" aria-invalid={state.fieldErrors?.synopsis ? true : undefined} />
        </Field>
        {categories.length > 0 && (
          <Field name="categoryId" label={t("category")} state={state}>
            <select id="categoryId" name="categoryId" className="field" defaultValue={v("categoryId")}>
              <option value="">{t("noCategory")}</option>
              {categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field name="language" label={t("language")} hint={t("languageHint")} state={state} defaultValue={v("language")} required />
        <Field name="declaredDurationSeconds" label={t("duration")} hint={t("durationHint", { max: maxDuration })} type="number" state={state} defaultValue={v("declaredDurationSeconds")} required />
        <fieldset className="space-y-2">
          <legend className="font-medium">{t("crew")}</legend>
          {crew.map((member, i) => (
            <div key={`${i}-${member.name}-${member.role}`} className="grid grid-cols-2 gap-2">
              <label className="text-sm">
                {t("crewName")} {i + 1}
                <input name="crewName" className="field" defaultValue={member.name} autoComplete="off" />
              </label>
              <label className="text-sm">
                {t("crewRole")} {i + 1}
                <input name="crewRole" className="field" defaultValue={member.role} placeholder={i === 0 ? "Sutradara" : undefined} autoComplete="off" />
              </label>
            </div>
          ))}
          {state.fieldErrors && Object.keys(state.fieldErrors).some((k) => k.startsWith("crew")) && (
            <p className="text-sm text-danger">{Object.entries(state.fieldErrors).find(([k]) => k.startsWith("crew"))?.[1][0]}</p>
          )}
          <button type="button" className="btn-quiet" onClick={() => setExtraRows(extraRows + 1)}>
            {t("addCrew")}
          </button>
        </fieldset>
        <Checkbox name="originalityDeclared" label={t("originality")} checked={state.values ? state.values.originalityDeclared === "on" : details.originalityDeclared} error={state.fieldErrors?.originalityDeclared?.[0]} />
        <Checkbox name="publicationConsent" label={t("consent")} checked={state.values ? state.values.publicationConsent === "on" : details.publicationConsent} error={state.fieldErrors?.publicationConsent?.[0]} />
        <FormMessage state={state} />
        <SubmitButton label={t("save")} pendingLabel={t("saving")} />
      </fieldset>
    </form>
  );
}

function Checkbox({ name, label, checked, error }: { name: string; label: string; checked: boolean; error?: string }) {
  return (
    <div>
      <label className="flex items-start gap-2">
        <input type="checkbox" name={name} defaultChecked={checked} className="mt-1 h-5 w-5" aria-describedby={error ? `${name}-error` : undefined} />
        <span>{label}</span>
      </label>
      {error && (
        <p id={`${name}-error`} className="mt-1 text-sm text-danger">
          {error}
        </p>
      )}
    </div>
  );
}

export function EntryFileForm({ filmId, kind, accept, disabled }: { filmId: string; kind: "poster" | "subtitle"; accept: string; disabled: boolean }) {
  const t = useTranslations("entry");
  const [state, action] = useActionState(kind === "poster" ? uploadPosterAction : uploadSubtitleAction, initialFormState);
  const error = state.fieldErrors?.[kind]?.[0];
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="filmId" value={filmId} />
      <label htmlFor={`${kind}-file`} className="block font-medium">
        {t(kind === "poster" ? "posterUpload" : "subtitleUpload")}
      </label>
      <p id={`${kind}-hint`} className="text-sm text-muted">
        {t(kind === "poster" ? "posterHint" : "subtitleHint")}
      </p>
      <input id={`${kind}-file`} name={kind} type="file" accept={accept} disabled={disabled} className="block w-full text-sm" aria-describedby={`${kind}-hint${error ? ` ${kind}-error` : ""}`} />
      {error && (
        <p id={`${kind}-error`} className="text-sm text-danger">
          {error}
        </p>
      )}
      <FormMessage state={error ? { ...state, message: undefined } : state} />
      {!disabled && <SubmitButton label={t(kind === "poster" ? "posterUpload" : "subtitleUpload")} />}
    </form>
  );
}

export function WithdrawForm({ filmId }: { filmId: string }) {
  const t = useTranslations("entry");
  const [state, action] = useActionState(withdrawAction, initialFormState);
  return (
    <form action={action} className="space-y-2" onSubmit={(e) => { if (!window.confirm(t("withdrawHint"))) e.preventDefault(); }}>
      <input type="hidden" name="filmId" value={filmId} />
      <p className="text-sm text-muted">{t("withdrawHint")}</p>
      <SubmitButton label={t("withdraw")} pendingLabel={t("withdrawing")} />
      <FormMessage state={state} />
    </form>
  );
}
