"use client";

import { useFormStatus } from "react-dom";
import type { FormState } from "@/lib/actions/form-state";

type FieldProps = {
  name: string;
  /** The element id, when one form appears several times on a page (defaults to `name`). */
  id?: string;
  label: string;
  state: FormState;
  type?: string;
  autoComplete?: string;
  required?: boolean;
  hint?: string;
  defaultValue?: string;
  children?: React.ReactNode; // a custom control (select...) instead of an input
};

/** A labelled input whose error is read out with it (aria-describedby). */
export function Field({ name, id = name, label, state, type = "text", autoComplete, required, hint, defaultValue, children }: FieldProps) {
  const error = state.fieldErrors?.[name]?.[0];
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label htmlFor={id} className="mb-1 block font-medium">
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="mb-1 text-sm text-muted">
          {hint}
        </p>
      )}
      {children ?? (
        <input
          id={id}
          name={name}
          type={type}
          autoComplete={autoComplete}
          required={required}
          defaultValue={state.values?.[name] ?? defaultValue}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          className="field"
        />
      )}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-danger">
          {error}
        </p>
      )}
    </div>
  );
}

export function FormMessage({ state }: { state: FormState }) {
  return (
    <p role="status" aria-live="polite" className={`min-h-6 ${state.ok ? "text-emerald-800" : "text-danger"}`}>
      {state.message}
    </p>
  );
}

/** Disabled while the action runs, so a double click sends once. */
export function SubmitButton({ label, pendingLabel }: { label: string; pendingLabel?: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className="btn w-full sm:w-auto" disabled={pending} aria-disabled={pending}>
      {pending ? (pendingLabel ?? `${label}…`) : label}
    </button>
  );
}
