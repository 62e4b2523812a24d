"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Input, SectionForm, Select } from "@/components/admin/edition-fields";
import { FormMessage, SubmitButton } from "@/components/ui/form";
import { answerNominationAction, intakeAction, nominateAction, returnNominationAction, withdrawNominationAction } from "@/lib/actions/nomination-actions";
import { initialFormState } from "@/lib/actions/form-state";

// The forms of nominations (docs/decisions/0035); each posts with or without JavaScript.

export type IntakeValues = { mode: string; quotaKind: string; quotaPerRegency: string };

/** Settings → intake of a provincial edition: direct entries, nominations or both, and the quota. */
export function IntakeForm({ edition, values }: { edition: string; values: IntakeValues }) {
  const t = useTranslations("nominations.intake");
  return (
    <SectionForm action={intakeAction} edition={edition} submit={t("save")}>
      {(state) => (
        <>
          <Select
            name="mode"
            id="intake-mode"
            label={t("mode")}
            state={state}
            stored={values.mode}
            options={(["langsung", "nominasi", "keduanya"] as const).map((v) => ({ value: v, label: t(`mode_${v}`) }))}
          />
          <div className="grid gap-3 sm:grid-cols-2">
            <Select
              name="quotaKind"
              id="intake-kind"
              label={t("quotaKind")}
              hint={t("quotaKindHint")}
              state={state}
              stored={values.quotaKind}
              options={(["peringkat", "pilihan"] as const).map((v) => ({ value: v, label: t(`kind_${v}`) }))}
            />
            <Input name="quotaPerRegency" id="intake-quota" label={t("quotaPerRegency")} type="number" inputMode="numeric" min="1" max="20" state={state} stored={values.quotaPerRegency} />
          </div>
        </>
      )}
    </SectionForm>
  );
}

export type NominateFilm = { id: string; title: string; kimName: string; placement: string | null; problems: string[]; nominated: string | null };

/** The regency's films for one provincial edition: tick those to send; a film a rule refuses says why and cannot be ticked. */
export function NominateForm({ edition, target, films, quota }: { edition: string; target: string; films: NominateFilm[]; quota: string }) {
  const t = useTranslations("nominations.send");
  const [state, formAction] = useActionState(nominateAction, initialFormState);
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="edition" value={edition} />
      <input type="hidden" name="target" value={target} />
      <fieldset className="space-y-2">
        <legend className="font-medium">{t("legend", { quota })}</legend>
        <ul className="divide-y divide-line">
          {films.map((f) => {
            const id = `film-${target}-${f.id}`;
            const blocked = f.problems.length > 0 || f.nominated !== null;
            return (
              <li key={f.id} className="py-2">
                <div className="flex items-start gap-2">
                  <input type="checkbox" name="film" value={f.id} id={id} disabled={blocked} className="mt-1 size-5 shrink-0" aria-describedby={blocked ? `${id}-why` : undefined} />
                  <label htmlFor={id} className="min-w-0">
                    <span className="font-medium break-words">{f.title}</span>
                    <span className="block text-sm text-muted">
                      {f.kimName}
                      {f.placement ? ` · ${f.placement}` : ""}
                    </span>
                  </label>
                </div>
                {blocked && (
                  <p id={`${id}-why`} className="mt-1 text-sm text-danger" data-testid="nominate-refusal">
                    {f.nominated ? t("already", { status: f.nominated }) : f.problems.join(" ")}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      </fieldset>
      <SubmitButton label={t("submit")} />
      <FormMessage state={state} />
    </form>
  );
}

/** The KIM's answer: confirm, or decline with an optional reason. */
export function AnswerForm({ token, nominationId }: { token?: string; nominationId?: string }) {
  const t = useTranslations("nominations.answer");
  const [state, formAction] = useActionState(answerNominationAction, initialFormState);
  const key = token ?? nominationId ?? "x";
  if (state.ok) {
    return (
      <p role="status" className="text-emerald-800" data-testid="nomination-answered">
        {state.message}
      </p>
    );
  }
  return (
    <form action={formAction} className="space-y-3">
      {token && <input type="hidden" name="token" value={token} />}
      {nominationId && <input type="hidden" name="nominationId" value={nominationId} />}
      <div>
        <label htmlFor={`reason-${key}`} className="mb-1 block font-medium">
          {t("reason")}
        </label>
        <textarea id={`reason-${key}`} name="reason" rows={2} maxLength={500} className="w-full" />
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="submit" name="answer" value="konfirmasi" className="btn">
          {t("confirm")}
        </button>
        <button type="submit" name="answer" value="tolak" className="btn-quiet">
          {t("decline")}
        </button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}

/** The province returns one nomination with a reason. */
/** The regency withdraws a nomination its KIM has not answered yet. */
export function WithdrawForm({ edition, nominationId }: { edition: string; nominationId: string }) {
  const t = useTranslations("nominations.page");
  const [state, formAction] = useActionState(withdrawNominationAction, initialFormState);
  return (
    <form action={formAction} className="mt-1">
      <input type="hidden" name="edition" value={edition} />
      <input type="hidden" name="nominationId" value={nominationId} />
      <SubmitButton label={t("withdraw")} />
      <FormMessage state={state} />
    </form>
  );
}

export function ReturnForm({ edition, nominationId }: { edition: string; nominationId: string }) {
  const t = useTranslations("nominations.incoming");
  const [state, formAction] = useActionState(returnNominationAction, initialFormState);
  const id = `return-${nominationId}`;
  const error = state.fieldErrors?.reason?.[0];
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="edition" value={edition} />
      <input type="hidden" name="nominationId" value={nominationId} />
      <label htmlFor={id} className="block text-sm font-medium">
        {t("returnReason")}
      </label>
      <textarea id={id} name="reason" rows={2} maxLength={500} className="w-full" aria-describedby={error ? `${id}-error` : undefined} aria-invalid={error ? true : undefined} />
      {error && (
        <p id={`${id}-error`} className="text-sm text-danger">
          {error}
        </p>
      )}
      <SubmitButton label={t("return")} />
      <FormMessage state={state} />
    </form>
  );
}
