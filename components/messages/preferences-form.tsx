"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { preferencesAction } from "@/lib/actions/message-actions";
import { initialFormState } from "@/lib/actions/form-state";
import { FormMessage, SubmitButton } from "@/components/ui/form";

/** The language of a person's mail and whether deadline reminders come (users.locale, users.reminders_off). */
export function PreferencesForm({ locale, remindersOff }: { locale: "id" | "en"; remindersOff: boolean }) {
  const t = useTranslations("messaging.preferences");
  const tl = useTranslations("messaging.templates.language");
  const [state, action] = useActionState(preferencesAction, initialFormState);
  const error = state.fieldErrors?.locale?.[0];
  return (
    <form action={action} className="card space-y-4" noValidate>
      <div>
        <label htmlFor="locale" className="mb-1 block font-medium">
          {t("language")}
        </label>
        <select id="locale" name="locale" className="field" defaultValue={state.values?.locale ?? locale} aria-invalid={error ? true : undefined} aria-describedby={error ? "locale-error" : undefined}>
          <option value="id">{tl("id")}</option>
          <option value="en">{tl("en")}</option>
        </select>
        {error && (
          <p id="locale-error" className="mt-1 text-sm text-danger">
            {error}
          </p>
        )}
      </div>
      <div className="flex items-start gap-2">
        <input
          id="reminders"
          name="reminders"
          type="checkbox"
          className="mt-1 h-5 w-5"
          defaultChecked={state.values ? state.values.reminders === "on" : !remindersOff}
          aria-describedby="reminders-hint"
        />
        <div>
          <label htmlFor="reminders" className="font-medium">
            {t("reminders")}
          </label>
          <p id="reminders-hint" className="text-sm text-muted">
            {t("remindersHint")}
          </p>
        </div>
      </div>
      <FormMessage state={state} />
      <SubmitButton label={t("save")} pendingLabel={t("saving")} />
    </form>
  );
}
