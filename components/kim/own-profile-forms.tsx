"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { requestKimChangeAction, updateOwnProfileAction } from "@/lib/actions/kim-registry-actions";
import { initialFormState } from "@/lib/actions/form-state";
import { Field, FormMessage, SubmitButton } from "@/components/ui/form";
import type { VillageGroup } from "@/lib/kim/village-options";
import { LogoField, SocialRows, VillageSelect } from "./kim-record-form";

/** Description, logo and social links: the KIM's members change them at once. */
export function OwnProfileForm({ description, social, logoUrl }: { description: string; social: { label: string; url: string }[]; logoUrl: string | null }) {
  const t = useTranslations("kimRegistry");
  const [state, action] = useActionState(updateOwnProfileAction, initialFormState);
  return (
    <form action={action} className="card space-y-4" noValidate data-testid="own-profile-form">
      <Field name="description" label={t("form.description")} hint={t("form.descriptionHint")} state={state}>
        <textarea
          id="description"
          name="description"
          rows={6}
          maxLength={2000}
          className="field"
          defaultValue={state.values?.description ?? description}
          aria-invalid={state.fieldErrors?.description ? true : undefined}
          aria-describedby={["description-hint", state.fieldErrors?.description ? "description-error" : ""].filter(Boolean).join(" ")}
        />
      </Field>
      <LogoField state={state} logoUrl={logoUrl} />
      <SocialRows state={state} initial={social} />
      <FormMessage state={state} />
      <SubmitButton label={t("profile.save")} pendingLabel={t("profile.saving")} />
    </form>
  );
}

/** A request to rename the KIM or move it to another desa of its regency (the organiser decides). */
export function ChangeRequestForm({ villages, disabled }: { villages: VillageGroup[]; disabled: boolean }) {
  const t = useTranslations("kimRegistry.profile");
  const [state, action] = useActionState(requestKimChangeAction, initialFormState);
  return (
    <form action={action} className="card space-y-4" noValidate data-testid="change-request-form">
      <fieldset disabled={disabled} className="space-y-4">
        <legend className="sr-only">{t("changeHeading")}</legend>
        <Field name="name" id="new-name" label={t("newName")} state={state} autoComplete="off" />
        <VillageSelect id="new-village" label={t("newVillage")} groups={villages} state={state} emptyLabel={t("sameVillage")} />
        <Field name="note" id="change-note" label={t("note")} state={state} autoComplete="off" />
        <FormMessage state={state} />
        {/* While a request waits there is nothing to send (a greyed button also fails contrast). */}
        {!disabled && <SubmitButton label={t("request")} pendingLabel={t("requesting")} />}
      </fieldset>
    </form>
  );
}
