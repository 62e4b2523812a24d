"use client";

import { useActionState } from "react";
import { registerKimAction } from "@/lib/actions/account-actions";
import { initialFormState } from "@/lib/actions/form-state";
import { Field, FormMessage, SubmitButton } from "@/components/ui/form";
import { RegionPicker } from "@/components/regions/region-picker";

export function RegisterForm() {
  const [state, action] = useActionState(registerKimAction, initialFormState);
  return (
    <form action={action} className="card space-y-4" noValidate>
      <Field name="kimName" label="Nama KIM" hint="Tulis seperti yang tercatat, mis. KIM Manteb." state={state} required />
      <RegionPicker name="villageCode" legend="Letak KIM" error={state.fieldErrors?.villageCode?.[0]} />
      <Field name="name" label="Nama Anda" autoComplete="name" state={state} required />
      <Field name="position" label="Jabatan di KIM" hint="Mis. Ketua, Sekretaris." state={state} required />
      <Field name="email" label="Email" type="email" autoComplete="email" state={state} required />
      <Field name="phone" label="Nomor HP/WhatsApp (boleh kosong)" type="tel" autoComplete="tel" state={state} />
      <Field name="password" label="Kata sandi" type="password" autoComplete="new-password" hint="Minimal 10 karakter." state={state} required />
      <Field name="confirm" label="Ulangi kata sandi" type="password" autoComplete="new-password" state={state} required />
      <FormMessage state={state} />
      <SubmitButton label="Kirim pendaftaran" pendingLabel="Mengirim…" />
    </form>
  );
}
