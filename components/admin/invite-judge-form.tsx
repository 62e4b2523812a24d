"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { inviteJudgeAction } from "@/lib/actions/organiser-actions";
import { initialFormState } from "@/lib/actions/form-state";
import { Field, FormMessage, SubmitButton } from "@/components/ui/form";
import { RegionPicker } from "@/components/regions/region-picker";
import { InvitationLink } from "./judge-roster-link";

type Props =
  /** /admin/juri: the organiser picks the edition (or none). */
  | { editions: { id: string; title: string }[]; edition?: undefined }
  /** An edition's judges roster: the edition is fixed. */
  | { edition: { id: string; title: string }; editions?: undefined };

export function InviteJudgeForm({ editions, edition }: Props) {
  const t = useTranslations("invite");
  const [state, action] = useActionState(inviteJudgeAction, initialFormState);
  const link = state.result?.link;
  return (
    <form action={action} className="card space-y-4" noValidate>
      <Field name="name" label={t("name")} autoComplete="off" state={state} required />
      <Field name="email" label={t("email")} type="email" autoComplete="off" state={state} required />
      <RegionPicker name="regencyCode" legend={t("regency")} depth={2} error={state.fieldErrors?.regencyCode?.[0]} />
      {edition ? (
        <input type="hidden" name="editionId" value={edition.id} />
      ) : (
        <Field name="editionId" label={t("edition")} state={state}>
          <select id="editionId" name="editionId" className="field" defaultValue={state.values?.editionId ?? ""}>
            <option value="">{t("noEdition")}</option>
            {editions.map((e) => (
              <option key={e.id} value={e.id}>
                {e.title}
              </option>
            ))}
          </select>
        </Field>
      )}
      <FormMessage state={state} />
      {link && <InvitationLink link={link} id="invite-link" />}
      <SubmitButton label={t("submit")} pendingLabel={t("submitting")} />
    </form>
  );
}
