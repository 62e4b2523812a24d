"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { decideKimChangeAction, mergeKimsAction, setKimStatusAction } from "@/lib/actions/kim-registry-actions";
import { initialFormState } from "@/lib/actions/form-state";
import { Field, FormMessage, SubmitButton } from "@/components/ui/form";

/** Mark a KIM aktif / tidak aktif from a day on, with a reason. */
export function KimStatusForm({ kimId, status, today, labels }: { kimId: string; status: "aktif" | "tidak_aktif"; today: string; labels: Record<"aktif" | "tidak_aktif", string> }) {
  const t = useTranslations("kimRegistry.detail");
  const [state, action] = useActionState(setKimStatusAction, initialFormState);
  const next = status === "aktif" ? "tidak_aktif" : "aktif";
  const statusError = state.fieldErrors?.status?.[0];
  return (
    <form action={action} className="card space-y-3" noValidate data-testid="kim-status-form">
      <input type="hidden" name="kimId" value={kimId} />
      <Field name="status" label={t("newStatus")} state={state}>
        <select id="status" name="status" className="field" defaultValue={state.values?.status ?? next} key={state.values?.status ?? next} aria-invalid={statusError ? true : undefined} aria-describedby={statusError ? "status-error" : undefined}>
          <option value="aktif">{labels.aktif}</option>
          <option value="tidak_aktif">{labels.tidak_aktif}</option>
        </select>
      </Field>
      <Field name="fromDate" label={t("fromDate")} type="date" state={state} defaultValue={today} required />
      <Field name="reason" label={t("reason")} hint={t("reasonHint")} state={state}>
        <textarea
          id="reason"
          name="reason"
          rows={2}
          maxLength={500}
          className="field"
          defaultValue={state.values?.reason ?? ""}
          aria-invalid={state.fieldErrors?.reason ? true : undefined}
          aria-describedby={["reason-hint", state.fieldErrors?.reason ? "reason-error" : ""].filter(Boolean).join(" ")}
        />
      </Field>
      <FormMessage state={state} />
      <SubmitButton label={t("saveStatus")} />
    </form>
  );
}

/** The merge itself, after the preview: a confirmation box the server checks too. */
export function KimMergeForm({ keepId, duplicateId, keepName, duplicateName }: { keepId: string; duplicateId: string; keepName: string; duplicateName: string }) {
  const t = useTranslations("kimRegistry.merge");
  const [state, action] = useActionState(mergeKimsAction, initialFormState);
  const error = state.fieldErrors?.confirm?.[0];
  return (
    <form action={action} className="space-y-3" noValidate data-testid="kim-merge-form">
      <input type="hidden" name="keepId" value={keepId} />
      <input type="hidden" name="duplicateId" value={duplicateId} />
      <div className="flex items-start gap-2">
        <input id="confirm" name="confirm" type="checkbox" value="ya" className="mt-1 h-5 w-5" aria-invalid={error ? true : undefined} aria-describedby={error ? "confirm-error" : undefined} />
        <label htmlFor="confirm">{t("confirm", { duplicate: duplicateName, keep: keepName })}</label>
      </div>
      {error && (
        <p id="confirm-error" className="text-sm text-danger">
          {error}
        </p>
      )}
      <FormMessage state={state} />
      <SubmitButton label={t("submit")} pendingLabel={t("submitting")} />
    </form>
  );
}

/** Approve or reject one change request (reject behind a native disclosure, with its reason). */
export function ChangeDecision({ requestId }: { requestId: string }) {
  const t = useTranslations("kimRegistry.requests");
  const [approveState, approve] = useActionState(decideKimChangeAction, initialFormState);
  const [rejectState, reject] = useActionState(decideKimChangeAction, initialFormState);
  const key = requestId.slice(0, 8);
  return (
    <div className="mt-2 space-y-2">
      <form action={approve}>
        <input type="hidden" name="requestId" value={requestId} />
        <input type="hidden" name="decision" value="approve" />
        <SubmitButton label={t("approve")} />
        <FormMessage state={approveState} />
      </form>
      <details open={Boolean(rejectState.fieldErrors || (rejectState.message && !rejectState.ok))}>
        <summary className="btn-quiet cursor-pointer list-none">{t("reject")}</summary>
        <form action={reject} className="mt-2 space-y-2" noValidate>
          <input type="hidden" name="requestId" value={requestId} />
          <input type="hidden" name="decision" value="reject" />
          <Field name="reason" id={`reject-${key}`} label={t("rejectReason")} hint={t("rejectHint")} state={rejectState} required />
          <SubmitButton label={t("reject")} />
          <FormMessage state={rejectState} />
        </form>
      </details>
    </div>
  );
}
