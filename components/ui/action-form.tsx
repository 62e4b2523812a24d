"use client";

import { useActionState } from "react";
import { initialFormState, type FormState } from "@/lib/actions/form-state";
import { FormMessage, SubmitButton } from "./form";

export type FormAction = (prev: FormState, formData: FormData) => Promise<FormState>;

type Props = {
  action: FormAction;
  hidden: Record<string, string>;
  label: string;
  children?: (state: FormState) => React.ReactNode;
  /** Shown under the message, e.g. the list a refusal carries. */
  after?: (state: FormState) => React.ReactNode;
  id?: string;
};

/** A small server-action form: hidden values, optional fields, one button, its message. Works without JavaScript. */
export function ActionForm({ action, hidden, label, children, after, id }: Props) {
  const [state, formAction] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className="space-y-3" id={id}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children?.(state)}
      <SubmitButton label={label} />
      <FormMessage state={state} />
      {after?.(state)}
    </form>
  );
}
