"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Field, FormMessage, SubmitButton } from "@/components/ui/form";
import { acceptInvitationAction } from "@/lib/actions/account-actions";
import { initialFormState } from "@/lib/actions/form-state";

/**
 * Accepting a judge invitation. A new judge sets a password ("Buat akun juri"); a judge who
 * already has an account only joins the edition ("Terima undangan"), and no password is asked.
 */
export function AcceptInvitationForm({ token, existingJudge }: { token: string; existingJudge: boolean }) {
  const t = useTranslations("juriRoster.invitationPage");
  const tp = useTranslations();
  const [state, action] = useActionState(acceptInvitationAction, initialFormState);
  return (
    <form action={action} className="card space-y-4" noValidate data-testid="accept-invitation">
      <input type="hidden" name="token" value={token} />
      {existingJudge ? (
        <p>{t("existing")}</p>
      ) : (
        <>
          <Field name="password" label={tp("password.new")} type="password" autoComplete="new-password" hint={tp("register.passwordHint")} state={state} required />
          <Field name="confirm" label={tp("password.newConfirm")} type="password" autoComplete="new-password" state={state} required />
        </>
      )}
      <FormMessage state={state} />
      <SubmitButton label={existingJudge ? t("accept") : t("create")} pendingLabel={existingJudge ? t("accepting") : t("creating")} />
    </form>
  );
}
