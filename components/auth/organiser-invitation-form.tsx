"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { acceptOrganiserInvitationAction } from "@/lib/actions/organiser-account-actions";
import { initialFormState } from "@/lib/actions/form-state";
import { Field, FormMessage, SubmitButton } from "@/components/ui/form";

/** The invited organiser's password; a plain form post, so it works before (or without) JavaScript. */
export function OrganiserInvitationForm({ token }: { token: string }) {
  const t = useTranslations();
  const [state, action] = useActionState(acceptOrganiserInvitationAction, initialFormState);
  return (
    <form action={action} className="card space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <Field name="password" label={t("register.password")} type="password" autoComplete="new-password" hint={t("register.passwordHint")} state={state} required />
      <Field name="confirm" label={t("register.confirm")} type="password" autoComplete="new-password" state={state} required />
      <FormMessage state={state} />
      <SubmitButton label={t("panitia.accept.create")} pendingLabel={t("panitia.accept.creating")} />
    </form>
  );
}
