"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { createDraftAction, createForKimAction, saveDetailsAction, uploadPosterAction, uploadSubtitleAction, withdrawAction } from "@/lib/actions/entry-actions";
import { initialFormState } from "@/lib/actions/form-state";
import { Field, FormMessage, SubmitButton } from "@/components/ui/form";

/**
 * Creates a draft entry once the KIM ticked that it uses one of its film slots (the server
 * checks the tick too; without JavaScript the form posts the same way).
 */
export function SendFilmForm({ editionSlug, limit }: { editionSlug: string; limit: number }) {
  const t = useTranslations("kirim.send");
  const [state, action] = useActionState(createDraftAction, initialFormState);
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="editionSlug" value={editionSlug} />
      <Checkbox name="confirmSlot" label={t("confirm", { limit })} checked={state.values?.confirmSlot === "on"} error={state.fieldErrors?.confirmSlot?.[0]} required />
      <FormMessage state={state} />
      <SubmitButton label={t("submit")} pendingLabel={t("creating")} />
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
            {/* React resets a form after its action; a select then returns to the option selected
                when it was first rendered (a changed defaultValue does not move it). Keyed by the
                value it should show, it is rendered anew with the saved (or just typed) category. */}
            <select
              key={v("categoryId")}
              id="categoryId"
              name="categoryId"
              className="field"
              defaultValue={v("categoryId")}
              aria-invalid={state.fieldErrors?.categoryId ? true : undefined}
              aria-describedby={state.fieldErrors?.categoryId ? "categoryId-error" : undefined}
            >
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

export function Checkbox({ name, label, checked, error, required }: { name: string; label: string; checked: boolean; error?: string; required?: boolean }) {
  return (
    <div>
      <label className="flex items-start gap-2">
        <input
          type="checkbox"
          name={name}
          defaultChecked={checked}
          required={required}
          className="mt-1 h-5 w-5 shrink-0"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${name}-error` : undefined}
        />
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

type KimChoice = { id: string; name: string; districtName: string; status: string; used: number };

/**
 * The organiser's "enter a film for a KIM" form: one KIM of the edition (radio buttons, the
 * search above narrows them) and the ticked confirmation that it uses one of that KIM's slots.
 */
export function EntryForKimForm({ editionSlug, kims, limit }: { editionSlug: string; kims: KimChoice[]; limit: number }) {
  const t = useTranslations("kirim.admin");
  const [state, action] = useActionState(createForKimAction, initialFormState);
  const kimError = state.fieldErrors?.kimId?.[0];
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="editionSlug" value={editionSlug} />
      <fieldset className="space-y-2" aria-describedby={kimError ? "kimId-error" : undefined}>
        <legend className="font-medium">{t("chooseKim")}</legend>
        <ul className="space-y-1" data-testid="kim-choices">
          {kims.map((k) => {
            const full = k.used >= limit;
            return (
              <li key={k.id}>
                <label className={`flex items-start gap-2 rounded border border-line p-2 ${full ? "text-muted" : ""}`}>
                  <input type="radio" name="kimId" value={k.id} defaultChecked={state.values?.kimId === k.id} disabled={full} className="mt-1 h-5 w-5 shrink-0" />
                  <span className="min-w-0 break-words">
                    <span className="font-medium">{k.name}</span>
                    {k.status !== "aktif" && <span className="badge ml-2 bg-stone-100 text-stone-800">{t("inactive")}</span>}
                    <span className="block text-sm">
                      {t("kimLine", { district: k.districtName, used: k.used, limit })}
                      {full && ` · ${t("full")}`}
                    </span>
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
        {kimError && (
          <p id="kimId-error" className="text-sm text-danger">
            {kimError}
          </p>
        )}
      </fieldset>
      <Checkbox name="confirmSlot" label={t("confirm", { limit })} checked={state.values?.confirmSlot === "on"} error={state.fieldErrors?.confirmSlot?.[0]} required />
      <FormMessage state={state} />
      <SubmitButton label={t("create")} pendingLabel={t("creating")} />
    </form>
  );
}
