"use client";

import { useActionState } from "react";
import { initialFormState, type FormState } from "@/lib/actions/form-state";
import { FormMessage, SubmitButton } from "@/components/ui/form";

/**
 * The pieces every section of the edition settings shares: a form that posts on its own (with
 * or without JavaScript), labelled controls whose error is read out with them, and what the
 * organiser typed kept after a refusal.
 */

export type Action<S extends FormState = FormState> = (prev: S, formData: FormData) => Promise<S>;

export function SectionForm<S extends FormState>({
  action,
  edition,
  submit,
  children,
}: {
  action: Action<S>;
  edition?: string;
  submit: string;
  children: (state: S) => React.ReactNode;
}) {
  // A section's state may carry more than a FormState (the rules' impact list): S says what.
  const [plain, formAction] = useActionState(action as unknown as Action, initialFormState);
  const state = plain as S;
  // A function action posts multipart/form-data, files included (React sets it, also without JavaScript).
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {edition !== undefined && <input type="hidden" name="edition" value={edition} />}
      {children(state)}
      <FormMessage state={state} />
      <SubmitButton label={submit} />
    </form>
  );
}

type Common = { name: string; id?: string; label: string; state: FormState; hint?: string; className?: string };

const errorOf = (state: FormState, name: string) => state.fieldErrors?.[name]?.[0];
const describedBy = (id: string, hint?: string, error?: string) => [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
/** What the organiser typed after a refusal, else the stored value. */
export const typed = (state: FormState, name: string, stored: string | number | null | undefined) => state.values?.[name] ?? (stored === null || stored === undefined ? "" : String(stored));

function Frame({ id, label, hint, error, className, children }: { id: string; label: string; hint?: string; error?: string; className?: string; children: React.ReactNode }) {
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1 block font-medium">
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="mb-1 text-sm text-muted">
          {hint}
        </p>
      )}
      {children}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-danger">
          {error}
        </p>
      )}
    </div>
  );
}

export function Input({ name, id = name, label, state, hint, className, stored, type = "text", readOnly, inputMode, step, min, max }: Common & { stored?: string | number | null; type?: string; readOnly?: boolean; inputMode?: "numeric" | "decimal"; step?: string; min?: string; max?: string }) {
  const error = errorOf(state, name);
  return (
    <Frame id={id} label={label} hint={hint} error={error} className={className}>
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={typed(state, name, stored)}
        readOnly={readOnly}
        inputMode={inputMode}
        step={step}
        min={min}
        max={max}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        className={`field ${readOnly ? "bg-gray-100" : ""}`}
      />
    </Frame>
  );
}

export function TextArea({ name, id = name, label, state, hint, className, stored, rows = 3 }: Common & { stored?: string | null; rows?: number }) {
  const error = errorOf(state, name);
  return (
    <Frame id={id} label={label} hint={hint} error={error} className={className}>
      <textarea id={id} name={name} rows={rows} defaultValue={typed(state, name, stored)} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} className="field" />
    </Frame>
  );
}

export function Select({ name, id = name, label, state, hint, className, stored, options, disabled }: Common & { stored?: string | number | null; options: { value: string; label: string }[]; disabled?: boolean }) {
  const error = errorOf(state, name);
  return (
    <Frame id={id} label={label} hint={hint} error={error} className={className}>
      <select
        id={id}
        name={name}
        defaultValue={typed(state, name, stored)}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        className={`field ${disabled ? "bg-gray-100" : ""}`}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

/** A checkbox: ticked as stored, or as typed after a refusal (an unticked box sends nothing). */
export function Check({ name, id = name, label, state, stored, required }: Omit<Common, "hint" | "className"> & { stored: boolean; required?: boolean }) {
  const error = errorOf(state, name);
  return (
    <div>
      <label htmlFor={id} className="flex items-start gap-2">
        <input
          id={id}
          type="checkbox"
          name={name}
          defaultChecked={state.values ? state.values[name] === "on" : stored}
          required={required}
          className="mt-1 h-5 w-5 shrink-0"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
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

/** A group of checkboxes or fields with one legend and one error (e.g. "choose at least one format"). */
export function Group({ name, legend, state, hint, children }: { name: string; legend: string; state: FormState; hint?: string; children: React.ReactNode }) {
  const error = errorOf(state, name);
  const id = `${name}-group`;
  return (
    <fieldset className="space-y-2" aria-describedby={describedBy(id, hint, error)}>
      <legend className="font-medium">{legend}</legend>
      {hint && (
        <p id={`${id}-hint`} className="text-sm text-muted">
          {hint}
        </p>
      )}
      {children}
      {error && (
        <p id={`${id}-error`} className="text-sm text-danger">
          {error}
        </p>
      )}
    </fieldset>
  );
}
