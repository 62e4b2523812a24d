"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { changePasswordAction, requestResetAction, resetPasswordAction } from "@/lib/actions/account-actions";
import { initialFormState, type FormState } from "@/lib/actions/form-state";
import { Field, FormMessage, SubmitButton } from "@/components/ui/form";

export function RequestResetForm() {
  const t = useTranslations("password");
  const [state, action] = useActionState(requestResetAction, initialFormState);
  return (
    <form action={action} className="card space-y-4" noValidate>
      <Field name="email" label={t("accountEmail")} type="email" autoComplete="email" state={state} required />
      <FormMessage state={state} />
      <SubmitButton label={t("sendLink")} />
    </form>
  );
}

/** `first`: an account's first password ("Kata sandi"), not a replacement ("Kata sandi baru"). */
function NewPasswordFields({ state, first = false }: { state: FormState; first?: boolean }) {
  const t = useTranslations();
  return (
    <>
      <Field name="password" label={t(first ? "register.password" : "password.new")} type="password" autoComplete="new-password" hint={t("register.passwordHint")} state={state} required />
      <Field name="confirm" label={t(first ? "register.confirm" : "password.newConfirm")} type="password" autoComplete="new-password" state={state} required />
    </>
  );
}

/** The password link's form: a forgotten password ("reset") or an account's first one ("setup"). */
export function ResetPasswordForm({ token, purpose = "reset" }: { token: string; purpose?: "reset" | "setup" }) {
  const t = useTranslations("password");
  const [state, action] = useActionState(resetPasswordAction, initialFormState);
  return (
    <form action={action} className="card space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <NewPasswordFields state={state} first={purpose === "setup"} />
      <FormMessage state={state} />
      <SubmitButton label={t("save")} />
    </form>
  );
}


export function ChangePasswordForm() {
  const t = useTranslations("password");
  const [state, action] = useActionState(changePasswordAction, initialFormState);
  return (
    <form action={action} className="card space-y-4" noValidate>
      <Field name="current" label={t("current")} type="password" autoComplete="current-password" state={state} required />
      <NewPasswordFields state={state} />
      <FormMessage state={state} />
      <SubmitButton label={t("change")} />
    </form>
  );
}
