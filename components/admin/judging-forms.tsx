"use client";

import { useTranslations } from "next-intl";
import {
  addPairAction,
  cancelFinalRoundAction,
  confirmAssignmentAction,
  dropJudgeAction,
  remindJudgesAction,
  removePairAction,
  screeningAction,
  setJudgingCloseAction,
  startFinalRoundAction,
  unlockSheetAction,
} from "@/lib/actions/judging-admin-actions";
import { ActionForm } from "@/components/ui/action-form";
import { Field } from "@/components/ui/form";

// The organiser's judging forms (penjurian page, kurasi on the entries page).

export function ConfirmAssignmentForm({ slug }: { slug: string }) {
  const t = useTranslations("penjurian");
  return <ActionForm action={confirmAssignmentAction} hidden={{ slug }} label={t("confirm")} />;
}

export function RemindForm({ slug }: { slug: string }) {
  const t = useTranslations("penjurian");
  return <ActionForm action={remindJudgesAction} hidden={{ slug }} label={t("remind")} />;
}

export function DropJudgeForm({ slug, judgeId }: { slug: string; judgeId: string }) {
  const t = useTranslations("penjurian");
  return <ActionForm action={dropJudgeAction} hidden={{ slug, judgeId }} label={t("drop")} />;
}

export function AddPairForm({ slug, films, judges }: { slug: string; films: { id: string; label: string }[]; judges: { id: string; label: string }[] }) {
  const t = useTranslations("penjurian");
  return (
    <ActionForm action={addPairAction} hidden={{ slug }} label={t("addPair")}>
      {(state) => (
        <div className="grid gap-2 sm:grid-cols-2">
          <Field name="filmId" label={t("film")} state={state}>
            <select id="filmId" name="filmId" className="field" defaultValue="">
              <option value="">{t("chooseFilm")}</option>
              {films.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.label}
                </option>
              ))}
            </select>
          </Field>
          <Field name="judgeId" label={t("judge")} state={state}>
            <select id="judgeId" name="judgeId" className="field" defaultValue="">
              <option value="">{t("chooseJudge")}</option>
              {judges.map((j) => (
                <option key={j.id} value={j.id}>
                  {j.label}
                </option>
              ))}
            </select>
          </Field>
        </div>
      )}
    </ActionForm>
  );
}

export function RemovePairForm({ slug, assignmentId }: { slug: string; assignmentId: string }) {
  const t = useTranslations("penjurian");
  return (
    <ActionForm action={removePairAction} hidden={{ slug, assignmentId }} label={t("removePair")}>
      {(state) => <Field name="reason" id={`reason-${assignmentId}`} label={t("reason")} state={state} />}
    </ActionForm>
  );
}

export function UnlockForm({ slug, sheetId }: { slug: string; sheetId: string }) {
  const t = useTranslations("penjurian");
  return (
    <ActionForm action={unlockSheetAction} hidden={{ slug, sheetId }} label={t("unlock")}>
      {(state) => <Field name="reason" id={`unlock-${sheetId}`} label={t("unlockReason")} state={state} />}
    </ActionForm>
  );
}

export function JudgingCloseForm({ slug, current }: { slug: string; current: string }) {
  const t = useTranslations("penjurian");
  return (
    <ActionForm action={setJudgingCloseAction} hidden={{ slug }} label={t("saveClose")}>
      {(state) => <Field name="judgingClosesAt" label={t("closeLabel")} hint={t("closeHint")} type="datetime-local" defaultValue={current} state={state} />}
    </ActionForm>
  );
}

export function ScreeningForm({ slug, filmId }: { slug: string; filmId: string }) {
  const t = useTranslations("penjurian");
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <ActionForm action={screeningAction} hidden={{ slug, filmId, eligible: "ya" }} label={t("eligible")} />
      <ActionForm action={screeningAction} hidden={{ slug, filmId, eligible: "tidak" }} label={t("notEligible")}>
        {(state) => <Field name="reason" id={`screening-${filmId}`} label={t("screeningReason")} state={state} />}
      </ActionForm>
    </div>
  );
}

export function StartFinalRoundForm({ slug }: { slug: string }) {
  const t = useTranslations("penjurian");
  return (
    <ActionForm action={startFinalRoundAction} hidden={{ slug }} label={t("finalStart")}>
      {(state) => <Field name="shortlistSize" label={t("finalSize")} hint={t("finalSizeHint")} type="number" defaultValue="10" state={state} />}
    </ActionForm>
  );
}

export function CancelFinalRoundForm({ slug }: { slug: string }) {
  const t = useTranslations("penjurian");
  return (
    <ActionForm action={cancelFinalRoundAction} hidden={{ slug }} label={t("finalCancel")}>
      {(state) => <Field name="reason" id="final-cancel-reason" label={t("finalCancelReason")} state={state} />}
    </ActionForm>
  );
}

