"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import { resendOrganiserInvitationAction, revokeOrganiserInvitationAction, setOrganiserStatusAction } from "@/lib/actions/organiser-account-actions";
import { initialFormState } from "@/lib/actions/form-state";
import { Field, FormMessage, SubmitButton } from "@/components/ui/form";
import { InvitationLink } from "./organiser-invite-form";

// One small form per action, each with its own message, so every row works without JavaScript.

/** A secondary button for a row: quieter than the page's main action, disabled while it runs. */
function RowButton({ label, pendingLabel }: { label: string; pendingLabel: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className="btn-quiet" disabled={pending} aria-disabled={pending}>
      {pending ? pendingLabel : label}
    </button>
  );
}

export function InvitationActions({ invitationId }: { invitationId: string }) {
  const t = useTranslations("panitia.invitations");
  const [resendState, resend] = useActionState(resendOrganiserInvitationAction, initialFormState);
  const [revokeState, revoke] = useActionState(revokeOrganiserInvitationAction, initialFormState);
  const key = invitationId.slice(0, 12);
  return (
    <div className="mt-3 space-y-2">
      <div className="flex flex-wrap gap-2">
        <form action={resend}>
          <input type="hidden" name="invitationId" value={invitationId} />
          <RowButton label={t("resend")} pendingLabel={t("resending")} />
        </form>
        <form action={revoke}>
          <input type="hidden" name="invitationId" value={invitationId} />
          <RowButton label={t("revoke")} pendingLabel={t("revoking")} />
        </form>
      </div>
      <FormMessage state={resendState.message || !revokeState.message ? resendState : revokeState} />
      <InvitationLink state={resendState} id={`link-${key}`} />
    </div>
  );
}

/** Behind a disclosure (a native one: no JavaScript needed), so a long list stays short. */
export function DisableAccountForm({ userId }: { userId: string }) {
  const t = useTranslations("panitia.accounts");
  const [state, action] = useActionState(setOrganiserStatusAction, initialFormState);
  return (
    <details className="mt-3" open={Boolean(state.fieldErrors || (state.message && !state.ok))}>
      <summary className="btn-quiet cursor-pointer list-none">{t("disable")}</summary>
      <form action={action} className="mt-3 space-y-2" noValidate>
        <input type="hidden" name="userId" value={userId} />
        <input type="hidden" name="status" value="disabled" />
        <Field name="reason" id={`reason-${userId}`} label={t("disableReason")} hint={t("disableHint")} state={state} required />
        <SubmitButton label={t("disable")} pendingLabel={t("disabling")} />
        <FormMessage state={state} />
      </form>
    </details>
  );
}

export function EnableAccountForm({ userId }: { userId: string }) {
  const t = useTranslations("panitia.accounts");
  const [state, action] = useActionState(setOrganiserStatusAction, initialFormState);
  return (
    <form action={action} className="mt-3 space-y-2">
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="status" value="active" />
      <RowButton label={t("enable")} pendingLabel={t("enabling")} />
      <FormMessage state={state} />
    </form>
  );
}
