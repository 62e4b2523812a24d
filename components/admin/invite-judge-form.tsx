"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { inviteJudgeAction } from "@/lib/actions/organiser-actions";
import { initialFormState } from "@/lib/actions/form-state";
import { Field, FormMessage, SubmitButton } from "@/components/ui/form";
import { RegionPicker } from "@/components/regions/region-picker";

export function InviteJudgeForm({ editions }: { editions: { id: string; title: string }[] }) {
  const t = useTranslations("invite");
  const [state, action] = useActionState(inviteJudgeAction, initialFormState);
  const link = state.result?.link;
  return (
    <form action={action} className="card space-y-4" noValidate>
      <Field name="name" label={t("name")} autoComplete="off" state={state} required />
      <Field name="email" label={t("email")} type="email" autoComplete="off" state={state} required />
      <RegionPicker name="regencyCode" legend={t("regency")} depth={2} error={state.fieldErrors?.regencyCode?.[0]} />
      <Field name="editionId" label={t("edition")} state={state}>
        <select id="editionId" name="editionId" className="field" defaultValue="">
          <option value="">{t("noEdition")}</option>
          {editions.map((e) => (
            <option key={e.id} value={e.id}>
              {e.title}
            </option>
          ))}
        </select>
      </Field>
      <FormMessage state={state} />
      {link && (
        <div>
          <label htmlFor="invite-link" className="mb-1 block font-medium">
            {t("link")}
          </label>
          <input id="invite-link" readOnly value={link} className="field font-mono text-sm" onFocus={(e) => e.currentTarget.select()} />
          <a className="mt-2 inline-block" href={`https://wa.me/?text=${encodeURIComponent(t("whatsappText", { link }))}`} target="_blank" rel="noreferrer">
            {t("whatsapp")}
          </a>
        </div>
      )}
      <SubmitButton label={t("submit")} pendingLabel={t("submitting")} />
    </form>
  );
}
