"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import { Field, FormMessage, SubmitButton } from "@/components/ui/form";
import { initialFormState, type FormState } from "@/lib/actions/form-state";
import { addConflictAction, judgeTermsAction, removeConflictAction, resendInvitationAction, revokeInvitationAction } from "@/lib/actions/roster-actions";
import { InvitationLink } from "./judge-roster-link";

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

/** One roster form: hidden values, its fields, a button, its message (works without JavaScript). */
type RosterFormProps = {
  action: Action;
  hidden: Record<string, string>;
  label: string;
  quiet?: boolean;
  disclosure?: { summary: string; note?: string };
  /** False hides the last answer (a resent link that was revoked since). */
  showAnswer?: boolean;
  children?: (state: FormState) => React.ReactNode;
};

function RosterForm({ action, hidden, label, quiet, disclosure, showAnswer = true, children }: RosterFormProps) {
  const [state, formAction] = useActionState(action, initialFormState);
  const form = (
    <form action={formAction} className="space-y-2" noValidate>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children?.(state)}
      {quiet ? <QuietSubmit label={label} /> : <SubmitButton label={label} />}
      <FormMessage state={showAnswer ? state : initialFormState} />
      {showAnswer && state.result?.link && <InvitationLink link={state.result.link} id={`link-${hidden.invitation ?? "new"}`} />}
    </form>
  );
  if (!disclosure) return form;
  // Behind a disclosure; it stays open on the answer, also when the page was reloaded without JavaScript.
  return (
    <details open={state.message ? true : undefined}>
      <summary className="min-h-11 cursor-pointer py-2">{disclosure.summary}</summary>
      {disclosure.note && <p className="mb-2 text-sm text-muted">{disclosure.note}</p>}
      {form}
    </details>
  );
}

/** A secondary button, disabled while its action runs (a double click must not send twice). */
function QuietSubmit({ label }: { label: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className="btn-quiet w-full sm:w-auto" disabled={pending} aria-disabled={pending}>
      {pending ? `${label}…` : label}
    </button>
  );
}

export function ResendInvitationForm({ slug, invitation, open }: { slug: string; invitation: string; open: boolean }) {
  const t = useTranslations("juriRoster.invitations");
  return <RosterForm action={resendInvitationAction} hidden={{ slug, invitation }} label={t("resend")} quiet showAnswer={open} />;
}

export function RevokeInvitationForm({ slug, invitation }: { slug: string; invitation: string }) {
  const t = useTranslations("juriRoster.invitations");
  return <RosterForm action={revokeInvitationAction} hidden={{ slug, invitation }} label={t("revoke")} quiet />;
}

type Option = { id: string; label: string };

export function JudgeTermsForm({ slug, judgeId, name, categories, chosen, cap }: { slug: string; judgeId: string; name: string; categories: Option[]; chosen: string[]; cap: number | null }) {
  const t = useTranslations("juriRoster.judges");
  return (
    <RosterForm action={judgeTermsAction} hidden={{ slug, judgeId }} label={t("termsSave")} disclosure={{ summary: t("termsTitle", { name }), note: t("termsNote") }}>
      {(state) => {
        // After a refused save, show what was sent (the action joins the ticked ids with commas).
        const posted = state.values ? (state.values.categories ?? "").split(",") : null;
        const error = state.fieldErrors?.categories?.[0];
        const errorId = `categories-${judgeId}-error`;
        return (
          <div className="space-y-3">
            {categories.length === 0 ? (
              <p className="text-sm text-muted">{t("noCategories")}</p>
            ) : (
              <fieldset aria-describedby={[`categories-${judgeId}-hint`, error ? errorId : ""].filter(Boolean).join(" ")}>
                <legend className="mb-1 font-medium">{t("termsLegend")}</legend>
                <p id={`categories-${judgeId}-hint`} className="mb-1 text-sm text-muted">
                  {t("termsHint")}
                </p>
                <ul className="space-y-1">
                  {categories.map((c) => (
                    <li key={c.id}>
                      <label className="flex min-h-11 items-center gap-2">
                        <input type="checkbox" name="categories" value={c.id} defaultChecked={(posted ?? chosen).includes(c.id)} className="h-5 w-5" />
                        <span>{c.label}</span>
                      </label>
                    </li>
                  ))}
                </ul>
                {error && (
                  <p id={errorId} className="mt-1 text-sm text-danger">
                    {error}
                  </p>
                )}
              </fieldset>
            )}
            <Field name="cap" id={`cap-${judgeId}`} label={t("capLabel")} hint={t("capHint")} type="number" defaultValue={cap === null ? "" : String(cap)} state={state} />
          </div>
        );
      }}
    </RosterForm>
  );
}

export function AddConflictForm({ slug, judges, films }: { slug: string; judges: Option[]; films: Option[] }) {
  const t = useTranslations("juriRoster.conflicts");
  return (
    <RosterForm action={addConflictAction} hidden={{ slug }} label={t("add")} disclosure={{ summary: t("addTitle"), note: t("addHint") }}>
      {(state) => {
        const reasonError = state.fieldErrors?.reason?.[0];
        return (
          <div className="space-y-3">
            <Field name="judgeId" id="conflict-judge" label={t("judge")} state={state}>
              <Select id="conflict-judge" name="judgeId" options={judges} placeholder={t("chooseJudge")} state={state} />
            </Field>
            <Field name="filmId" id="conflict-film" label={t("film")} state={state}>
              <Select id="conflict-film" name="filmId" options={films} placeholder={t("chooseFilm")} state={state} />
            </Field>
            <Field name="reason" id="conflict-reason" label={t("reason")} state={state}>
              <textarea
                id="conflict-reason"
                name="reason"
                rows={3}
                maxLength={500}
                className="field"
                defaultValue={state.values?.reason ?? ""}
                aria-invalid={reasonError ? true : undefined}
                aria-describedby={reasonError ? "conflict-reason-error" : undefined}
              />
            </Field>
          </div>
        );
      }}
    </RosterForm>
  );
}

function Select({ id, name, options, placeholder, state }: { id: string; name: string; options: Option[]; placeholder: string; state: FormState }) {
  const error = state.fieldErrors?.[name]?.[0];
  return (
    <select id={id} name={name} className="field" defaultValue={state.values?.[name] ?? ""} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
      <option value="">{placeholder}</option>
      {options.map((o) => (
        <option key={o.id} value={o.id}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

export function RemoveConflictForm({ slug, conflictId }: { slug: string; conflictId: string }) {
  const t = useTranslations("juriRoster.conflicts");
  return <RosterForm action={removeConflictAction} hidden={{ slug, conflictId }} label={t("remove")} quiet />;
}
