"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { inviteOrganiserAction } from "@/lib/actions/organiser-account-actions";
import { initialFormState, type FormState } from "@/lib/actions/form-state";
import { Field, FormMessage, SubmitButton } from "@/components/ui/form";

export type RegionChoice = { code: string; name: string };

/** The link just made, to copy or send on WhatsApp (after an invitation or a resend). */
export function InvitationLink({ state, id }: { state: FormState; id: string }) {
  const t = useTranslations("panitia.invite");
  const link = state.result?.link;
  if (!link) return null;
  return (
    <div className="space-y-2">
      <label htmlFor={id} className="block font-medium">
        {t("link")}
      </label>
      <input id={id} readOnly value={link} className="field font-mono text-sm" onFocus={(e) => e.currentTarget.select()} />
      {state.result?.whatsapp && (
        <a className="btn-quiet" href={state.result.whatsapp} target="_blank" rel="noreferrer">
          {t("whatsapp")}
        </a>
      )}
    </div>
  );
}

export function OrganiserInviteForm({ regions }: { regions: RegionChoice[] }) {
  const t = useTranslations("panitia.invite");
  const [state, action] = useActionState(inviteOrganiserAction, initialFormState);
  const regionError = state.fieldErrors?.regionCode?.[0];
  return (
    <form action={action} className="card space-y-4" noValidate>
      <Field name="name" label={t("name")} autoComplete="off" state={state} required />
      <Field name="email" label={t("email")} type="email" autoComplete="off" state={state} required />
      <Field name="phone" label={t("phone")} type="tel" autoComplete="off" hint={t("phoneHint")} state={state} />
      <Field name="regionCode" label={t("region")} hint={t("regionHint")} state={state}>
        <select
          id="regionCode"
          name="regionCode"
          className="field"
          defaultValue={state.values?.regionCode ?? regions[0]?.code}
          key={state.values?.regionCode ?? "initial"}
          aria-invalid={regionError ? true : undefined}
          aria-describedby={["regionCode-hint", regionError ? "regionCode-error" : ""].filter(Boolean).join(" ")}
        >
          {regions.map((r) => (
            <option key={r.code} value={r.code}>
              {r.name}
            </option>
          ))}
        </select>
      </Field>
      <FormMessage state={state} />
      <InvitationLink state={state} id="invite-link" />
      <SubmitButton label={t("submit")} pendingLabel={t("submitting")} />
    </form>
  );
}
