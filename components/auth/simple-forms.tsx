"use client";

import { useActionState } from "react";
import { acceptInvitationAction, changePasswordAction, requestResetAction, resetPasswordAction } from "@/lib/actions/account-actions";
import { initialFormState } from "@/lib/actions/form-state";
import { Field, FormMessage, SubmitButton } from "@/components/ui/form";

export function RequestResetForm() {
  const [state, action] = useActionState(requestResetAction, initialFormState);
  return (
    <form action={action} className="card space-y-4" noValidate>
      <Field name="email" label="Email akun Anda" type="email" autoComplete="email" state={state} required />
      <FormMessage state={state} />
      <SubmitButton label="Kirim tautan atur ulang" />
    </form>
  );
}

function NewPasswordFields({ state }: { state: Parameters<typeof Field>[0]["state"] }) {
  return (
    <>
      <Field name="password" label="Kata sandi baru" type="password" autoComplete="new-password" hint="Minimal 10 karakter." state={state} required />
      <Field name="confirm" label="Ulangi kata sandi baru" type="password" autoComplete="new-password" state={state} required />
    </>
  );
}

export function ResetPasswordForm({ token }: { token: string }) {
  const [state, action] = useActionState(resetPasswordAction, initialFormState);
  return (
    <form action={action} className="card space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <NewPasswordFields state={state} />
      <FormMessage state={state} />
      <SubmitButton label="Simpan kata sandi" />
    </form>
  );
}

export function AcceptInvitationForm({ token }: { token: string }) {
  const [state, action] = useActionState(acceptInvitationAction, initialFormState);
  return (
    <form action={action} className="card space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <NewPasswordFields state={state} />
      <FormMessage state={state} />
      <SubmitButton label="Buat akun juri" />
    </form>
  );
}

export function ChangePasswordForm() {
  const [state, action] = useActionState(changePasswordAction, initialFormState);
  return (
    <form action={action} className="card space-y-4" noValidate>
      <Field name="current" label="Kata sandi saat ini" type="password" autoComplete="current-password" state={state} required />
      <NewPasswordFields state={state} />
      <FormMessage state={state} />
      <SubmitButton label="Ganti kata sandi" />
    </form>
  );
}
