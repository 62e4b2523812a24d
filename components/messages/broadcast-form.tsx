"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { useFormStatus } from "react-dom";
import { broadcastAction } from "@/lib/actions/message-actions";
import { initialFormState, type FormState } from "@/lib/actions/form-state";
import { FormMessage } from "@/components/ui/form";

type Props = { token: string; editions: { id: string; title: string }[] };

function IntentButton({ intent, label, pendingLabel, quiet }: { intent: string; label: string; pendingLabel?: string; quiet?: boolean }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" name="intent" value={intent} className={quiet ? "btn-quiet" : "btn w-full sm:w-auto"} disabled={pending} aria-disabled={pending}>
      {pending && pendingLabel ? pendingLabel : label}
    </button>
  );
}

const err = (state: FormState, name: string) => state.fieldErrors?.[name]?.[0];

/**
 * A broadcast: subject, message and recipients; Pratinjau shows how many receive it and the
 * first message rendered; Kirim sends. The form's token (made when the page was shown) keys
 * every message, so a double click or a resent form sends once.
 */
export function BroadcastForm({ token: shownWith, editions }: Props) {
  const t = useTranslations("messaging.broadcast");
  // The token of the first showing stays for this form's life: the action's refresh renders the
  // page (and a new token) again, and the answer of "Kirim" must stay on screen.
  const [token] = useState(shownWith);
  const [state, action] = useActionState(broadcastAction, initialFormState);
  const step = state.result?.step;
  const count = Number(state.result?.count ?? 0);
  const described = (name: string, hint?: boolean) => [hint ? `${name}-hint` : "", err(state, name) ? `${name}-error` : ""].filter(Boolean).join(" ") || undefined;
  const error = (name: string) =>
    err(state, name) && (
      <p id={`${name}-error`} className="mt-1 text-sm text-danger">
        {err(state, name)}
      </p>
    );
  return (
    <form action={action} className="card space-y-4" noValidate data-testid="broadcast-form">
      <input type="hidden" name="token" value={token} />
      <div>
        <label htmlFor="subject" className="mb-1 block font-medium">
          {t("subject")}
        </label>
        <input id="subject" name="subject" className="field" defaultValue={state.values?.subject ?? ""} aria-invalid={err(state, "subject") ? true : undefined} aria-describedby={described("subject")} />
        {error("subject")}
      </div>
      <div>
        <label htmlFor="body" className="mb-1 block font-medium">
          {t("body")}
        </label>
        <p id="body-hint" className="mb-1 text-sm text-muted">
          {t("bodyHint", { nama: "{nama}", kim: "{kim}" })}
        </p>
        <textarea id="body" name="body" rows={8} className="field" defaultValue={state.values?.body ?? ""} aria-invalid={err(state, "body") ? true : undefined} aria-describedby={described("body", true)} />
        {error("body")}
      </div>
      <div>
        <label htmlFor="audience" className="mb-1 block font-medium">
          {t("audience")}
        </label>
        <select id="audience" name="audience" className="field" defaultValue={state.values?.audience ?? "wilayah"} aria-invalid={err(state, "audience") ? true : undefined} aria-describedby={described("audience")}>
          <option value="wilayah">{t("everyKim")}</option>
          {editions.map((e) => (
            <option key={e.id} value={e.id}>
              {t("editionKims", { title: e.title })}
            </option>
          ))}
        </select>
        {error("audience")}
      </div>
      {step !== "sent" && <IntentButton intent="preview" label={t("preview")} quiet={step === "confirm"} />}
      {step === "confirm" && (
        <section aria-labelledby="confirm-heading" className="space-y-2 rounded border border-amber-300 bg-amber-50 p-3" data-testid="broadcast-preview">
          <h2 id="confirm-heading" className="font-semibold">
            {t("confirmHeading")}
          </h2>
          <p data-testid="broadcast-count">{t("count", { count })}</p>
          {count > 0 && (
            <>
              <p className="text-sm text-muted">{t("first")}</p>
              <p className="font-medium">{state.result?.previewSubject}</p>
              <p className="whitespace-pre-wrap break-words text-sm">{state.result?.previewBody}</p>
              <IntentButton intent="send" label={t("send")} pendingLabel={t("sending")} />
            </>
          )}
        </section>
      )}
      <FormMessage state={state} />
      {step === "sent" && (
        <p className="flex flex-wrap gap-4">
          <Link href="/admin/pesan">{t("seeList")}</Link>
          {/* A full load on purpose: a new broadcast needs the new token a fresh page brings. */}
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
          <a href="/admin/pesan/siaran">{t("another")}</a>
        </p>
      )}
    </form>
  );
}
