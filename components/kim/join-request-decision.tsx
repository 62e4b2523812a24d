"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { decideJoinRequestAction } from "@/lib/actions/kim-join-actions";
import { initialFormState } from "@/lib/actions/form-state";
import { Field, FormMessage, SubmitButton } from "@/components/ui/form";

/** Approve or refuse one request to join the member's KIM; both forms post without JavaScript. */
export function JoinRequestDecision({ registrationId }: { registrationId: string }) {
  const t = useTranslations("kimJoin");
  const [approveState, approve] = useActionState(decideJoinRequestAction, initialFormState);
  const [rejectState, reject] = useActionState(decideJoinRequestAction, initialFormState);
  return (
    <div className="mt-3 grid gap-4 sm:grid-cols-2">
      <form action={approve} className="space-y-2">
        <input type="hidden" name="registrationId" value={registrationId} />
        <input type="hidden" name="decision" value="approve" />
        <SubmitButton label={t("approve")} pendingLabel={t("approving")} />
        <FormMessage state={approveState} />
      </form>
      <form action={reject} className="space-y-2" noValidate>
        <input type="hidden" name="registrationId" value={registrationId} />
        <input type="hidden" name="decision" value="reject" />
        <Field name="reason" id={`join-reason-${registrationId}`} label={t("reason")} hint={t("reasonHint")} state={rejectState} />
        <SubmitButton label={t("reject")} pendingLabel={t("rejecting")} />
        <FormMessage state={rejectState} />
      </form>
    </div>
  );
}
