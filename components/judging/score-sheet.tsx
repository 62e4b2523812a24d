"use client";

import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";
import { submitSheetAction } from "@/lib/actions/judge-actions";
import { formatWib } from "@/lib/format/dates";
import { CriterionField } from "./criterion-field";
import { sendDraft, type SaveOrder } from "./send-draft";
import { clearLocal, parseScore, toInputValues, toServerValues, unsavedLocal, weightedTotal, weightShare, type Criterion, type InputValues } from "./sheet-values";
import { useAutosave, type SaveStatus } from "./use-autosave";

type Props = {
  assignmentId: string;
  criteria: Criterion[];
  values: Record<string, { score: number | null; comment: string }>;
  submittedAt: string | null;
  updatedAt: string | null;
  /** Null while scores may change; otherwise why they may not (locked, or judging closed). */
  closedReason: string | null;
  locked: boolean;
};

const timeFormat = (locale: string) => new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "id-ID", { timeZone: "Asia/Jakarta", hour: "2-digit", minute: "2-digit", hour12: false });

/**
 * The judge's score sheet: a score and a comment per criterion, a live weighted
 * total, autosave (device + server), and submission, after which it is read-only.
 */
export function ScoreSheet({ assignmentId, criteria, values: serverValues, submittedAt, updatedAt, closedReason, locked: lockedOnServer }: Props) {
  const t = useTranslations("judging.sheet");
  const tc = useTranslations("juriRoster.sheet");
  const locale = useLocale();
  const router = useRouter();
  const [values, setValues] = useState<InputValues>(() => toInputValues(criteria, serverValues));
  const [saveErrors, setSaveErrors] = useState<Record<string, string[]>>({});
  const [submitErrors, setSubmitErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string>();
  const [restored, setRestored] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  // Submitting locks the sheet for good, so the button first asks (inline, not window.confirm).
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLParagraphElement>(null);
  const submitRef = useRef<HTMLButtonElement>(null);
  const [lockedAt, setLockedAt] = useState<string | null>(lockedOnServer ? submittedAt : null);
  const locked = lockedOnServer || lockedAt !== null;
  const readOnly = locked || closedReason !== null || submitting;

  const save = useCallback((v: InputValues, order: SaveOrder) => sendDraft(assignmentId, toServerValues(criteria, v), order), [assignmentId, criteria]);
  const { status, saver } = useAutosave(assignmentId, save, lockedOnServer ? null : updatedAt, setSaveErrors);

  // Values typed on this device that never reached the server (a dropped
  // connection, a closed tab): put them back and save them.
  const checked = useRef(false);
  useEffect(() => {
    if (checked.current) return;
    checked.current = true;
    if (lockedOnServer || closedReason !== null) {
      clearLocal(assignmentId);
      return;
    }
    const local = unsavedLocal(assignmentId, criteria, updatedAt);
    if (!local) return;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- localStorage exists only in the browser, after hydration
    setValues(local);
    setRestored(true);
    saver.restore(local);
  }, [assignmentId, criteria, updatedAt, lockedOnServer, closedReason, saver]);

  // The first criterion to fix gets the focus once the inputs are enabled again.
  const focusAfterSubmit = useRef<string | null>(null);
  useEffect(() => {
    if (submitting || !focusAfterSubmit.current) return;
    document.getElementById(`nilai-${focusAfterSubmit.current}`)?.focus();
    focusAfterSubmit.current = null;
  }, [submitting]);

  function change(id: string, field: "score" | "comment", value: string) {
    const next = { ...values, [id]: { ...values[id], [field]: value } };
    setValues(next);
    setSubmitErrors((errors) => Object.fromEntries(Object.entries(errors).filter(([key]) => key !== id)));
    saver.change(next);
  }

  /** A sheet with an empty score or comment goes straight to the server, which refuses it and marks the criteria: nothing to confirm. */
  function askToSubmit() {
    const incomplete = criteria.some((c) => parseScore(values[c.id]?.score ?? "") === null || !(values[c.id]?.comment ?? "").trim());
    if (incomplete) {
      void submit();
      return;
    }
    setConfirming(true);
  }

  function cancelSubmit() {
    setConfirming(false);
    // The button comes back on the next render; give it the focus the question had.
    requestAnimationFrame(() => submitRef.current?.focus());
  }

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  async function submit() {
    setConfirming(false);
    setSubmitting(true);
    setMessage(undefined);
    saver.stop();
    try {
      const result = await submitSheetAction(assignmentId, toServerValues(criteria, values));
      if (result.ok) {
        clearLocal(assignmentId);
        setLockedAt(result.savedAt ?? new Date().toISOString());
        setSubmitErrors({});
        setSaveErrors({});
        router.refresh();
        return;
      }
      saver.resume();
      setSubmitErrors(result.fieldErrors ?? {});
      setMessage(result.message);
      focusAfterSubmit.current = criteria.find((c) => result.fieldErrors?.[c.id])?.id ?? null;
    } catch {
      saver.resume();
      setMessage(t("offline"));
    } finally {
      setSubmitting(false);
    }
  }

  const total = weightedTotal(criteria, values);
  const number = new Intl.NumberFormat(locale === "en" ? "en-GB" : "id-ID", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

  return (
    <div className="space-y-4">
      {locked ? (
        <div className="rounded-md border border-emerald-300 bg-emerald-50 p-3" role="status" data-testid="sheet-locked">
          <p className="font-semibold">{t("locked", { date: formatWib(lockedAt ?? submittedAt ? new Date((lockedAt ?? submittedAt)!) : null, locale) })}</p>
          <p className="text-sm">{t("lockedHint")}</p>
        </div>
      ) : closedReason !== null ? (
        <p className="rounded-md border border-amber-300 bg-amber-50 p-3" role="status" data-testid="sheet-closed">
          {t("closed", { reason: closedReason })}
        </p>
      ) : (
        <p className="text-sm text-muted">{t("rubricHint")}</p>
      )}
      {restored && !locked && <p className="text-sm">{t("restored")}</p>}

      {criteria.map((c) => (
        <CriterionField
          key={c.id}
          criterion={c}
          share={weightShare(criteria, c.weight)}
          score={values[c.id]?.score ?? ""}
          comment={values[c.id]?.comment ?? ""}
          error={(submitErrors[c.id] ?? saveErrors[c.id])?.[0]}
          readOnly={readOnly}
          onChange={(field, value) => change(c.id, field, value)}
        />
      ))}

      <div className="card space-y-1">
        <p className="font-medium">{t("total")}</p>
        <p className="text-3xl font-bold" data-testid="sheet-total">
          {total === null ? "—" : number.format(total)}
        </p>
        <p className="text-sm text-muted">{t("totalHint")}</p>
      </div>

      {!locked && closedReason === null && (
        <>
          <div className="space-y-1">
            <p id="kirim-hint" className="text-sm text-muted">
              {t("submitHint")}
            </p>
            <p role="alert" className="text-danger empty:hidden" data-testid="sheet-message">
              {message}
            </p>
          </div>
          {/* Kept in reach on a phone: whether the scores are saved, the button to send them, and its question. */}
          <div className="sticky bottom-0 -mx-4 space-y-2 border-t border-line bg-paper px-4 py-2">
            <div className="flex items-center gap-3">
              <p role="status" aria-live="polite" className="min-w-0 flex-1 text-sm" data-testid="save-status">
                {statusText(status, t, timeFormat(locale))}
              </p>
              {!confirming && (
                <button ref={submitRef} type="button" className="btn shrink-0" onClick={askToSubmit} disabled={submitting} aria-describedby="kirim-hint" data-testid="sheet-submit">
                  {submitting ? t("submitting") : t("submit")}
                </button>
              )}
            </div>
            {confirming && (
              <div
                role="group"
                aria-labelledby="kirim-tanya"
                aria-describedby="kirim-akibat"
                className="space-y-2 rounded-md border-2 border-accent bg-white p-3"
                data-testid="sheet-confirm"
                onKeyDown={(e) => {
                  if (e.key === "Escape") cancelSubmit();
                }}
              >
                <p id="kirim-tanya" ref={confirmRef} tabIndex={-1} className="font-semibold">
                  {tc("confirmQuestion")}
                </p>
                <p id="kirim-akibat" className="text-sm">
                  {tc("confirmText")}
                </p>
                <div className="flex flex-wrap gap-2">
                  <button type="button" className="btn" onClick={() => void submit()}>
                    {tc("confirmSend")}
                  </button>
                  <button type="button" className="btn-quiet" onClick={cancelSubmit}>
                    {tc("confirmCancel")}
                  </button>
                </div>
              </div>
            )}
          </div>
        </>
      )}
    </div>
  );
}

type T = (key: "savePending" | "saving" | "savedAt" | "saveFailed" | "saveRetrying" | "offline", values?: Record<string, string | number>) => string;

function statusText(status: SaveStatus, t: T, time: Intl.DateTimeFormat): string {
  switch (status.kind) {
    case "idle":
      return "";
    case "pending":
      return t("savePending");
    case "saving":
      return t("saving");
    case "saved":
      return t("savedAt", { time: time.format(new Date(status.at)) });
    case "refused":
      return t("saveFailed", { message: status.message });
    case "retrying":
      return t("saveRetrying", { seconds: status.seconds });
    case "offline":
      return t("offline");
  }
}
