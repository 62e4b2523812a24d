"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Field, FormMessage, SubmitButton } from "@/components/ui/form";
import { declareConflictAction } from "@/lib/actions/judge-actions";
import { initialFormState } from "@/lib/actions/form-state";

/** The judge declares a conflict of interest; the action then returns them to their queue. */
export function ConflictForm({ assignmentId, editionSlug }: { assignmentId: string; editionSlug: string }) {
  const t = useTranslations("judging.conflict");
  const [state, action] = useActionState(declareConflictAction, initialFormState);
  const error = state.fieldErrors?.reason?.[0];
  return (
    <form
      action={action}
      className="space-y-3"
      noValidate
      onSubmit={(e) => {
        if (!window.confirm(t("confirm"))) e.preventDefault();
      }}
    >
      <input type="hidden" name="assignmentId" value={assignmentId} />
      <input type="hidden" name="editionSlug" value={editionSlug} />
      <Field name="reason" id="konflik-alasan" label={t("reason")} state={state}>
        <textarea
          id="konflik-alasan"
          name="reason"
          rows={3}
          maxLength={500}
          className="field"
          defaultValue={state.values?.reason}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "konflik-alasan-error" : undefined}
        />
      </Field>
      <FormMessage state={error ? { ...state, message: undefined } : state} />
      <SubmitButton label={t("submit")} pendingLabel={t("submitting")} />
    </form>
  );
}
