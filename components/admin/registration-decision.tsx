"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { decideRegistrationAction } from "@/lib/actions/organiser-actions";
import { initialFormState } from "@/lib/actions/form-state";
import { Field, FormMessage, SubmitButton } from "@/components/ui/form";

/** Approve (unless the KIM's own members decide this request) or reject with a reason. */
export function RegistrationDecision({ registrationId, mayApprove = true }: { registrationId: string; mayApprove?: boolean }) {
  const t = useTranslations("registrations");
  const [approveState, approve] = useActionState(decideRegistrationAction, initialFormState);
  const [rejectState, reject] = useActionState(decideRegistrationAction, initialFormState);
  return (
    <div className="mt-3 grid gap-4 sm:grid-cols-2">
      {mayApprove ? (
        <form action={approve} className="space-y-2">
          <input type="hidden" name="registrationId" value={registrationId} />
          <input type="hidden" name="decision" value="approve" />
          <SubmitButton label={t("approve")} pendingLabel={t("approving")} />
          <FormMessage state={approveState} />
        </form>
      ) : (
        <div />
      )}
      <form action={reject} className="space-y-2" noValidate>
        <input type="hidden" name="registrationId" value={registrationId} />
        <input type="hidden" name="decision" value="reject" />
        <Field name="reason" id={`reason-${registrationId}`} label={t("reason")} hint={t("reasonHint")} state={rejectState} />
        <SubmitButton label={t("reject")} pendingLabel={t("rejecting")} />
        <FormMessage state={rejectState} />
      </form>
    </div>
  );
}
