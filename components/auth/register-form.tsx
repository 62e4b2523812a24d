"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { registerKimAction } from "@/lib/actions/account-actions";
import { initialFormState } from "@/lib/actions/form-state";
import { Field, FormMessage, SubmitButton } from "@/components/ui/form";
import { RegionPicker } from "@/components/regions/region-picker";

export function RegisterForm() {
  const t = useTranslations("register");
  const [state, action] = useActionState(registerKimAction, initialFormState);
  return (
    <form action={action} className="card space-y-4" noValidate>
      <Field name="kimName" label={t("kimName")} hint={t("kimNameHint")} state={state} required />
      <RegionPicker name="villageCode" legend={t("where")} error={state.fieldErrors?.villageCode?.[0]} />
      <Field name="name" label={t("name")} autoComplete="name" state={state} required />
      <Field name="position" label={t("position")} hint={t("positionHint")} state={state} required />
      <Field name="email" label={t("email")} type="email" autoComplete="email" state={state} required />
      <Field name="phone" label={t("phone")} type="tel" autoComplete="tel" state={state} />
      <Field name="password" label={t("password")} type="password" autoComplete="new-password" hint={t("passwordHint")} state={state} required />
      <Field name="confirm" label={t("confirm")} type="password" autoComplete="new-password" state={state} required />
      <FormMessage state={state} />
      <SubmitButton label={t("submit")} pendingLabel={t("submitting")} />
    </form>
  );
}
