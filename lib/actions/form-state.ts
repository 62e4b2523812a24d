import { getLocale } from "next-intl/server";
import { ZodError } from "zod";
import { AppError, isUnstorableText, unstorableText, zodFieldErrors } from "@/lib/errors";
import { defaultLocale, toLocale, type Locale } from "@/lib/i18n/locales";

/** What every form action returns to useActionState: a message and errors per field. */
export type FormState = { ok?: boolean; message?: string; fieldErrors?: Record<string, string[]>; values?: Record<string, string>; result?: Record<string, string> };

export const initialFormState: FormState = {};

/** Form fields as a plain object; files and passwords are not echoed back. */
export function formValues(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !key.startsWith("$")) out[key] = value;
  }
  return out;
}

const echo = (values: Record<string, string>) =>
  Object.fromEntries(Object.entries(values).filter(([k]) => !/password|confirm|current|token/i.test(k)));

/**
 * The reader's language: next-intl's, i.e. the NEXT_LOCALE cookie that proxy.ts passes on.
 * Indonesian outside a request (scripts, tests), where getLocale throws.
 */
async function formLocale(): Promise<Locale> {
  try {
    return toLocale(await getLocale());
  } catch {
    return defaultLocale;
  }
}

/**
 * The domain writes its messages in Indonesian; an English reader gets them in English. The
 * catalogue is loaded on demand: forms import this file into the browser for initialFormState.
 */
async function inReadersLanguage(state: FormState): Promise<FormState> {
  if (!state.message && !state.fieldErrors) return state;
  const locale = await formLocale();
  if (locale === defaultLocale) return state;
  const { translateFieldErrors, translateMessage } = await import("@/lib/i18n/translate-message");
  return { ...state, message: state.message && translateMessage(state.message, locale), fieldErrors: translateFieldErrors(state.fieldErrors, locale) };
}

/**
 * Runs an action body and turns failures into a FormState the form shows next to
 * its fields. Unknown errors are logged and answered with a generic message.
 */
export async function runFormAction(values: Record<string, string>, body: () => Promise<FormState | void>): Promise<FormState> {
  return inReadersLanguage(await settle(values, body));
}

async function settle(values: Record<string, string>, body: () => Promise<FormState | void>): Promise<FormState> {
  try {
    return (await body()) ?? { ok: true };
  } catch (error) {
    if (error instanceof ZodError) {
      return { message: "Periksa isian yang ditandai.", fieldErrors: zodFieldErrors(error), values: echo(values) };
    }
    if (error instanceof AppError) {
      return { message: error.userMessage, fieldErrors: error.fieldErrors, values: echo(values) };
    }
    if (isUnstorableText(error)) return { message: unstorableText().userMessage, values: echo(values) };
    console.error(error);
    return { message: "Terjadi kesalahan di server. Data Anda tidak berubah; silakan coba lagi.", values: echo(values) };
  }
}
