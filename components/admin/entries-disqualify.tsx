"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/components/ui/form";
import { initialFormState, type FormState } from "@/lib/actions/form-state";
import { disqualifyAction, undoDisqualificationAction } from "@/lib/actions/overview-actions";

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

/** A reason the KIM reads; typed text is kept when the server refuses. */
function ReasonField({ id, label, hint, state }: { id: string; label: string; hint: string; state: FormState }) {
  const error = state.fieldErrors?.reason?.[0];
  return (
    <div>
      <label htmlFor={id} className="mb-1 block font-medium">
        {label}
      </label>
      <p id={`${id}-hint`} className="mb-1 text-sm text-muted">
        {hint}
      </p>
      <textarea
        id={id}
        name="reason"
        rows={3}
        maxLength={1000}
        className="field"
        defaultValue={state.values?.reason ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={[`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(" ")}
      />
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-danger">
          {error}
        </p>
      )}
    </div>
  );
}

function FilmForm({ action, slug, filmId, children }: { action: Action; slug: string; filmId: string; children: (state: FormState) => React.ReactNode }) {
  const [state, formAction] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className="mt-2 space-y-3">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="filmId" value={filmId} />
      {children(state)}
      <FormMessage state={state} />
    </form>
  );
}

/** Disqualify with a reason and a confirmation the server checks (works without JavaScript). */
export function DisqualifyForm({ slug, filmId }: { slug: string; filmId: string }) {
  const t = useTranslations("filmAdmin.disqualify");
  const id = `dq-${filmId}`;
  return (
    <FilmForm action={disqualifyAction} slug={slug} filmId={filmId}>
      {(state) => {
        const error = state.fieldErrors?.confirm?.[0];
        return (
          <>
            <ReasonField id={`${id}-reason`} label={t("reason")} hint={t("reasonHint")} state={state} />
            <div>
              <label className="flex items-start gap-2">
                <input
                  type="checkbox"
                  name="confirm"
                  value="ya"
                  required
                  className="mt-1 h-5 w-5 shrink-0"
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `${id}-confirm-error` : undefined}
                />
                <span>{t("confirm")}</span>
              </label>
              {error && (
                <p id={`${id}-confirm-error`} className="mt-1 text-sm text-danger">
                  {error}
                </p>
              )}
            </div>
            <SubmitButton label={t("submit")} />
          </>
        );
      }}
    </FilmForm>
  );
}

export function UndoDisqualificationForm({ slug, filmId }: { slug: string; filmId: string }) {
  const t = useTranslations("filmAdmin.undo");
  return (
    <FilmForm action={undoDisqualificationAction} slug={slug} filmId={filmId}>
      {(state) => (
        <>
          <ReasonField id={`undo-${filmId}-reason`} label={t("reason")} hint={t("reasonHint")} state={state} />
          <SubmitButton label={t("submit")} />
        </>
      )}
    </FilmForm>
  );
}
