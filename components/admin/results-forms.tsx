"use client";

import { useTranslations } from "next-intl";
import {
  addSpecialAwardAction,
  excludeFilmAction,
  juryDecisionAction,
  publishNowAction,
  removeSpecialAwardAction,
  restoreFilmAction,
  revokeDecisionAction,
  scheduleAction,
  sealAction,
  unsealAction,
} from "@/lib/actions/results-actions";
import type { FormState } from "@/lib/actions/form-state";
import { ActionForm } from "@/components/ui/action-form";
import { Field } from "@/components/ui/form";

// The forms of the results page. Every one is a server action that works without JavaScript;
// the irreversible ones (seal, unseal, publish now) carry a box the server checks.

/** The required "I understand" box: what will happen, in words, before it happens. */
function ConfirmBox({ id, label, state }: { id: string; label: string; state: FormState }) {
  const error = state.fieldErrors?.confirm?.[0];
  return (
    <div>
      <label htmlFor={id} className="flex items-start gap-2">
        <input
          id={id}
          type="checkbox"
          name="confirm"
          value="ya"
          required
          defaultChecked={state.values?.confirm === "ya"}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className="mt-1 h-5 w-5 shrink-0"
        />
        <span>{label}</span>
      </label>
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-danger">
          {error}
        </p>
      )}
    </div>
  );
}

/** A labelled textarea whose error and hint are read out with it. */
function TextArea({ name, id, label, hint, state }: { name: string; id: string; label: string; hint?: string; state: FormState }) {
  const error = state.fieldErrors?.[name]?.[0];
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <Field name={name} id={id} label={label} hint={hint} state={state}>
      <textarea id={id} name={name} rows={3} className="field" defaultValue={state.values?.[name] ?? ""} aria-invalid={error ? true : undefined} aria-describedby={describedBy} />
    </Field>
  );
}

/** A refused seal's list ("Sebelum disegel" as it was at that moment), below its message. */
function Checklist({ state }: { state: FormState }) {
  const items = state.fieldErrors?.checklist;
  if (!items?.length) return null;
  return (
    <ul className="list-disc space-y-1 pl-5 text-danger" data-testid="seal-refused">
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}

export function SealForm({ slug }: { slug: string }) {
  const t = useTranslations("hasil");
  return (
    <ActionForm action={sealAction} hidden={{ slug }} label={t("seal")} after={(state) => <Checklist state={state} />}>
      {(state) => <ConfirmBox id="seal-confirm" label={t("sealConfirm")} state={state} />}
    </ActionForm>
  );
}

export function UnsealForm({ slug }: { slug: string }) {
  const t = useTranslations("hasil");
  return (
    <ActionForm action={unsealAction} hidden={{ slug }} label={t("unseal")}>
      {(state) => (
        <>
          <TextArea name="reason" id="unseal-reason" label={t("unsealReason")} state={state} />
          <ConfirmBox id="unseal-confirm" label={t("unsealConfirm")} state={state} />
        </>
      )}
    </ActionForm>
  );
}

export function PublishForms({ slug }: { slug: string }) {
  const t = useTranslations("hasil");
  return (
    <div className="grid gap-6 sm:grid-cols-2">
      <ActionForm action={publishNowAction} hidden={{ slug }} label={t("publishNow")}>
        {(state) => <ConfirmBox id="publish-confirm" label={t("publishNowConfirm")} state={state} />}
      </ActionForm>
      <ActionForm action={scheduleAction} hidden={{ slug }} label={t("schedule")}>
        {(state) => <Field name="when" id="publish-when" label={t("scheduleAt")} type="datetime-local" state={state} />}
      </ActionForm>
    </div>
  );
}

type Choice = { value: string; label: string };

/** The jury's order for one tie: a place per film, the reason, and who decided. */
export function JuryDecisionForm({ slug, formId, films, places }: { slug: string; formId: string; films: { id: string; label: string }[]; places: Choice[] }) {
  const t = useTranslations("hasil.ties");
  return (
    <ActionForm action={juryDecisionAction} hidden={{ slug, filmIds: films.map((f) => f.id).join(",") }} label={t("save")}>
      {(state) => (
        <div className="space-y-3">
          {films.map((film) => {
            const name = `position_${film.id}`;
            const id = `${formId}-${film.id}`;
            const error = state.fieldErrors?.[name]?.[0];
            return (
              <Field key={film.id} name={name} id={id} label={film.label} state={state}>
                <select id={id} name={name} className="field" defaultValue={state.values?.[name] ?? ""} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
                  <option value="">{t("choosePlace")}</option>
                  {places.map((p) => (
                    <option key={p.value} value={p.value}>
                      {p.label}
                    </option>
                  ))}
                </select>
              </Field>
            );
          })}
          <TextArea name="reason" id={`${formId}-reason`} label={t("reason")} hint={t("reasonHint")} state={state} />
          <Field name="decidedBy" id={`${formId}-by`} label={t("decidedBy")} hint={t("decidedByHint")} state={state} />
        </div>
      )}
    </ActionForm>
  );
}

export function RevokeDecisionForm({ slug, decisionId }: { slug: string; decisionId: string }) {
  const t = useTranslations("hasil.decisions");
  return (
    <ActionForm action={revokeDecisionAction} hidden={{ slug, decisionId }} label={t("revoke")}>
      {(state) => <TextArea name="reason" id={`revoke-${decisionId}`} label={t("revokeReason")} state={state} />}
    </ActionForm>
  );
}

export function ExcludeFilmForm({ slug, filmId }: { slug: string; filmId: string }) {
  const t = useTranslations("hasil.checklist");
  return (
    <ActionForm action={excludeFilmAction} hidden={{ slug, filmId }} label={t("exclude")}>
      {(state) => <TextArea name="reason" id={`exclude-${filmId}`} label={t("excludeReason")} hint={t("excludeHint")} state={state} />}
    </ActionForm>
  );
}

export function RestoreFilmForm({ slug, filmId }: { slug: string; filmId: string }) {
  const t = useTranslations("hasil.excluded");
  return <ActionForm action={restoreFilmAction} hidden={{ slug, filmId }} label={t("restore")} />;
}

export function SpecialAwardForm({ slug, films, suggestions }: { slug: string; films: { id: string; label: string }[]; suggestions: string[] }) {
  const t = useTranslations("hasil");
  return (
    <ActionForm action={addSpecialAwardAction} hidden={{ slug }} label={t("awardAdd")}>
      {(state) => (
        <div className="grid gap-2 sm:grid-cols-2">
          <Field name="name" id="award-name" label={t("awardName")} hint={t("awardNameHint")} state={state}>
            <>
              <input id="award-name" name="name" list="award-names" className="field" defaultValue={state.values?.name ?? ""} aria-describedby={state.fieldErrors?.name ? "award-name-hint award-name-error" : "award-name-hint"} />
              <datalist id="award-names">
                {suggestions.map((s) => (
                  <option key={s} value={s} />
                ))}
              </datalist>
            </>
          </Field>
          <Field name="filmId" id="award-film" label={t("awardFilm")} state={state}>
            <select id="award-film" name="filmId" className="field" defaultValue={state.values?.filmId ?? ""} aria-describedby={state.fieldErrors?.filmId ? "award-film-error" : undefined}>
              <option value="">{t("awardChooseFilm")}</option>
              {films.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.label}
                </option>
              ))}
            </select>
          </Field>
          <div className="sm:col-span-2">
            <Field name="note" id="award-note" label={t("awardNote")} hint={t("awardNoteHint")} state={state} />
          </div>
        </div>
      )}
    </ActionForm>
  );
}

export function RemoveSpecialAwardForm({ slug, awardId }: { slug: string; awardId: string }) {
  const t = useTranslations("hasil");
  return (
    <ActionForm action={removeSpecialAwardAction} hidden={{ slug, awardId }} label={t("awardRemove")}>
      {(state) => <TextArea name="reason" id={`award-remove-${awardId}`} label={t("awardRemoveReason")} state={state} />}
    </ActionForm>
  );
}
