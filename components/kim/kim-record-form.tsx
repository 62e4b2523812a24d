"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { createKimAction, updateKimAction } from "@/lib/actions/kim-registry-actions";
import { initialFormState, type FormState } from "@/lib/actions/form-state";
import { Field, FormMessage, SubmitButton } from "@/components/ui/form";
import type { VillageGroup } from "@/lib/kim/village-options";
import { RowFields } from "./row-fields";

export type KimRecordValues = Record<string, string>;

/** The desa choice: one <select> with a group per kecamatan (works without JavaScript). */
export function VillageSelect({ id = "villageCode", name = "villageCode", label, hint, groups, state, defaultValue, emptyLabel }: {
  id?: string;
  name?: string;
  label: string;
  hint?: string;
  groups: VillageGroup[];
  state: FormState;
  defaultValue?: string;
  emptyLabel: string;
}) {
  const error = state.fieldErrors?.[name]?.[0];
  return (
    <Field name={name} id={id} label={label} hint={hint} state={state}>
      <select
        id={id}
        name={name}
        className="field"
        defaultValue={state.values?.[name] ?? defaultValue ?? ""}
        key={state.values?.[name] ?? "initial"}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined}
      >
        <option value="">{emptyLabel}</option>
        {groups.map((g) => (
          <optgroup key={g.districtCode} label={g.districtName}>
            {g.villages.map((v) => (
              <option key={v.code} value={v.code}>
                {v.name}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </Field>
  );
}

/** A logo file input; the current logo is shown above it. */
export function LogoField({ state, logoUrl }: { state: FormState; logoUrl?: string | null }) {
  const t = useTranslations("kimRegistry.form");
  return (
    <div className="space-y-2">
      {logoUrl && (
        // eslint-disable-next-line @next/next/no-img-element -- a small WebP served by our own route
        <img src={logoUrl} alt={t("logoCurrent")} width={96} height={96} className="h-24 w-24 rounded border border-line object-contain" />
      )}
      <Field name="logo" label={t("logo")} hint={t("logoHint")} state={state}>
        <input
          id="logo"
          name="logo"
          type="file"
          accept="image/png,image/jpeg,image/webp"
          className="field"
          aria-describedby={["logo-hint", state.fieldErrors?.logo ? "logo-error" : ""].filter(Boolean).join(" ")}
          aria-invalid={state.fieldErrors?.logo ? true : undefined}
        />
      </Field>
    </div>
  );
}

export function SocialRows({ state, initial }: { state: FormState; initial: { label: string; url: string }[] }) {
  const t = useTranslations("kimRegistry.form");
  return (
    <RowFields
      prefix="social"
      legend={t("social")}
      hint={t("socialHint")}
      columns={[
        { field: "label", label: (n) => t("socialLabel", { n }) },
        { field: "url", label: (n) => t("socialUrl", { n }), type: "url" },
      ]}
      initial={initial}
      max={8}
      addLabel={t("addSocial")}
      state={state}
    />
  );
}

/** Add (no kimId) or edit a KIM's record. Saving a new KIM opens its page. */
export function KimRecordForm({ kimId, values, board, social, villages, logoUrl }: {
  kimId?: string;
  values: KimRecordValues;
  board: { name: string; position: string }[];
  social: { label: string; url: string }[];
  villages: VillageGroup[];
  logoUrl?: string | null;
}) {
  const t = useTranslations("kimRegistry.form");
  const [state, action] = useActionState(kimId ? updateKimAction : createKimAction, initialFormState);
  const field = (name: string, props: { type?: string; hint?: string; required?: boolean; autoComplete?: string } = {}) => (
    <Field name={name} label={t(name as "name")} state={state} defaultValue={values[name] ?? ""} autoComplete={props.autoComplete ?? "off"} {...props} />
  );
  return (
    <form action={action} className="space-y-6" noValidate data-testid="kim-record-form">
      {kimId && <input type="hidden" name="kimId" value={kimId} />}
      <fieldset className="card space-y-4">
        <legend className="px-1 text-lg font-semibold">{t("details")}</legend>
        {field("name", { required: true })}
        <VillageSelect label={t("village")} hint={t("villageHint")} groups={villages} state={state} defaultValue={values.villageCode} emptyLabel={t("chooseVillage")} />
        <Field name="address" label={t("address")} state={state}>
          <textarea id="address" name="address" rows={2} className="field" defaultValue={state.values?.address ?? values.address ?? ""} aria-invalid={state.fieldErrors?.address ? true : undefined} aria-describedby={state.fieldErrors?.address ? "address-error" : undefined} />
        </Field>
        {field("foundedOn", { type: "date" })}
      </fieldset>
      <fieldset className="card space-y-4">
        <legend className="px-1 text-lg font-semibold">{t("contact")}</legend>
        {field("contactName")}
        {field("contactPhone", { type: "tel", hint: t("contactPhoneHint") })}
        {field("contactEmail", { type: "email" })}
      </fieldset>
      <fieldset className="card space-y-4">
        <legend className="px-1 text-lg font-semibold">{t("legal")}</legend>
        {field("skNumber")}
        {field("skDate", { type: "date" })}
        <RowFields
          prefix="board"
          legend={t("board")}
          columns={[
            { field: "name", label: (n) => t("boardName", { n }) },
            { field: "position", label: (n) => t("boardPosition", { n }) },
          ]}
          initial={board}
          max={30}
          addLabel={t("addBoard")}
          state={state}
        />
      </fieldset>
      <fieldset className="card space-y-4">
        <legend className="px-1 text-lg font-semibold">{t("public")}</legend>
        <Field name="description" label={t("description")} hint={t("descriptionHint")} state={state}>
          <textarea id="description" name="description" rows={5} maxLength={2000} className="field" defaultValue={state.values?.description ?? values.description ?? ""} aria-describedby={["description-hint", state.fieldErrors?.description ? "description-error" : ""].filter(Boolean).join(" ")} />
        </Field>
        <LogoField state={state} logoUrl={logoUrl} />
        <SocialRows state={state} initial={social} />
      </fieldset>
      <FormMessage state={state} />
      <SubmitButton label={kimId ? t("save") : t("create")} pendingLabel={kimId ? t("saving") : t("creating")} />
    </form>
  );
}
