"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { saveDocumentSettingsAction } from "@/lib/actions/document-actions";
import { initialFormState } from "@/lib/actions/form-state";
import { Field, FormMessage, SubmitButton } from "@/components/ui/form";

type Props = {
  slug: string;
  current: { signatoryName?: string; signatoryPosition?: string; signatoryNip?: string; beritaAcaraNumber?: string };
  logoPreview: string | null;
};

/** Signatory, Berita Acara number and letterhead logo; a plain multipart form that works without JavaScript. */
export function DocumentSettingsForm({ slug, current, logoPreview }: Props) {
  const t = useTranslations("dokumen.settings");
  const [state, action] = useActionState(saveDocumentSettingsAction, initialFormState);
  const logoError = state.fieldErrors?.logo?.[0];
  const nipError = state.fieldErrors?.signatoryNip?.[0];
  return (
    <form action={action} className="space-y-4" data-testid="document-settings">
      <input type="hidden" name="slug" value={slug} />
      <Field name="signatoryName" label={t("name")} hint={t("nameHint")} state={state} defaultValue={current.signatoryName ?? ""} autoComplete="off" />
      <Field name="signatoryPosition" label={t("position")} hint={t("positionHint")} state={state} defaultValue={current.signatoryPosition ?? ""} autoComplete="off" />
      <Field name="signatoryNip" label={t("nip")} hint={t("nipHint")} state={state}>
        <input
          id="signatoryNip"
          name="signatoryNip"
          inputMode="numeric"
          autoComplete="off"
          defaultValue={state.values?.signatoryNip ?? current.signatoryNip ?? ""}
          aria-invalid={nipError ? true : undefined}
          aria-describedby={`signatoryNip-hint${nipError ? " signatoryNip-error" : ""}`}
          className="field"
        />
      </Field>
      <Field name="beritaAcaraNumber" label={t("number")} hint={t("numberHint")} state={state} defaultValue={current.beritaAcaraNumber ?? ""} autoComplete="off" />

      <fieldset className="space-y-2">
        <legend className="font-medium">{t("logo")}</legend>
        {logoPreview ? (
          <div className="flex flex-wrap items-center gap-3">
            {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL of the stored logo, already small */}
            <img src={logoPreview} alt={t("logoCurrent")} className="max-h-24 max-w-48 rounded border border-line bg-white p-1" />
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="removeLogo" defaultChecked={state.values?.removeLogo === "on"} />
              {t("logoRemove")}
            </label>
          </div>
        ) : (
          <p className="text-sm text-muted">{t("logoNone")}</p>
        )}
        <label htmlFor="logo" className="block text-sm font-medium">
          {logoPreview ? t("logoReplace") : t("logoUpload")}
        </label>
        <p id="logo-hint" className="text-sm text-muted">
          {t("logoHint")}
        </p>
        <input id="logo" name="logo" type="file" accept="image/png,image/jpeg" className="block w-full text-sm" aria-invalid={logoError ? true : undefined} aria-describedby={`logo-hint${logoError ? " logo-error" : ""}`} />
        {logoError && (
          <p id="logo-error" className="text-sm text-danger">
            {logoError}
          </p>
        )}
      </fieldset>

      <SubmitButton label={t("save")} pendingLabel={t("saving")} />
      <FormMessage state={state} />
    </form>
  );
}
