"use client";

import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef, startTransition } from "react";
import { templateAction } from "@/lib/actions/message-actions";
import { initialFormState, type FormState } from "@/lib/actions/form-state";
import { FormMessage } from "@/components/ui/form";

type Props = { kind: string; locale: "id" | "en"; subject: string; body: string; preview: { subject: string; body: string } };

function fieldError(state: FormState, name: string) {
  return state.fieldErrors?.[name]?.[0];
}

/**
 * One template (kind and language): subject and body, a preview rendered on the server with
 * sample values (Pratinjau, and again a moment after typing stops) and Simpan. Works without
 * JavaScript (the two buttons).
 */
export function TemplateForm({ kind, locale, subject, body, preview }: Props) {
  const t = useTranslations("messaging.templates");
  const [state, action] = useActionState(templateAction, initialFormState);
  const form = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  // A moment after typing stops, the preview is rendered again on the server.
  const schedulePreview = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (!form.current) return;
      const data = new FormData(form.current);
      data.set("intent", "preview");
      startTransition(() => action(data));
    }, 700);
  };

  const shown = state.result ? { subject: state.result.previewSubject ?? "", body: state.result.previewBody ?? "" } : preview;
  const unknown = state.result?.unknown;
  const subjectError = fieldError(state, "subject");
  const bodyError = fieldError(state, "body");
  const id = (name: string) => `${name}-${kind}-${locale}`;
  return (
    <div className="space-y-4">
      <form ref={form} action={action} className="card space-y-4" noValidate data-testid="template-form">
        <input type="hidden" name="kind" value={kind} />
        <input type="hidden" name="locale" value={locale} />
        <div>
          <label htmlFor={id("subject")} className="mb-1 block font-medium">
            {t("subject")}
          </label>
          <input
            id={id("subject")}
            name="subject"
            className="field"
            defaultValue={state.values?.subject ?? subject}
            onChange={schedulePreview}
            aria-invalid={subjectError ? true : undefined}
            aria-describedby={subjectError ? `${id("subject")}-error` : undefined}
          />
          {subjectError && (
            <p id={`${id("subject")}-error`} className="mt-1 text-sm text-danger">
              {subjectError}
            </p>
          )}
        </div>
        <div>
          <label htmlFor={id("body")} className="mb-1 block font-medium">
            {t("body")}
          </label>
          <textarea
            id={id("body")}
            name="body"
            rows={9}
            className="field"
            defaultValue={state.values?.body ?? body}
            onChange={schedulePreview}
            aria-invalid={bodyError ? true : undefined}
            aria-describedby={bodyError ? `${id("body")}-error` : undefined}
          />
          {bodyError && (
            <p id={`${id("body")}-error`} className="mt-1 text-sm text-danger">
              {bodyError}
            </p>
          )}
        </div>
        <div className="flex flex-wrap gap-3">
          <button type="submit" name="intent" value="preview" className="btn-quiet">
            {t("preview")}
          </button>
          <button type="submit" name="intent" value="save" className="btn">
            {t("save")}
          </button>
        </div>
        <FormMessage state={state} />
      </form>
      <section aria-labelledby={id("preview")} className="card space-y-2" data-testid="template-preview">
        <h3 id={id("preview")} className="font-semibold">
          {t("previewHeading")}
        </h3>
        {unknown && <p className="text-sm text-danger">{t("unknown", { list: unknown })}</p>}
        <p>
          <span className="font-medium">{t("previewSubject")}:</span> <span data-testid="preview-subject">{shown.subject}</span>
        </p>
        <p className="whitespace-pre-wrap break-words text-sm" data-testid="preview-body">
          {shown.body}
        </p>
      </section>
    </div>
  );
}
