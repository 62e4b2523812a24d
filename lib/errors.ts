import { ZodError } from "zod";

export type ErrorCode = "bad_request" | "unauthenticated" | "forbidden" | "not_found" | "conflict" | "rate_limited" | "invalid";

const statusByCode: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  invalid: 422,
};

/** The one error type: an internal message for logs, a user message in Indonesian for people. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly userMessage: string;
  readonly fieldErrors?: Record<string, string[]>;

  constructor(code: ErrorCode, options: { userMessage: string; message?: string; fieldErrors?: Record<string, string[]> }) {
    super(options.message ?? options.userMessage);
    this.code = code;
    this.userMessage = options.userMessage;
    this.fieldErrors = options.fieldErrors;
  }

  get status(): number {
    return statusByCode[this.code];
  }
}

export const notFound = () => new AppError("not_found", { userMessage: "Data tidak ditemukan." });
export const forbidden = () => new AppError("forbidden", { userMessage: "Anda tidak berhak melakukan ini." });

/**
 * The database refused text it cannot store: a NUL byte (PostgreSQL 22021, "invalid byte
 * sequence"; 22P05 for "\u0000" inside JSON). Names, titles and free text are cleaned on
 * input (lib/text/sanitise.ts); this catches any other field, so the person gets a 422 and
 * a sentence instead of a 500. Drivers and Drizzle wrap the error: the whole cause chain is read.
 */
export function isUnstorableText(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (code === "22021" || code === "22P05") return true;
  }
  return false;
}

export const unstorableText = () => new AppError("invalid", { userMessage: "Isian berisi karakter yang tidak diizinkan (mis. karakter NUL). Hapus karakter itu lalu kirim lagi." });

/** Field errors keyed by input name, first message of each, as forms show them. */
export function zodFieldErrors(error: ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

type ErrorBody = { error: string; fieldErrors?: Record<string, string[]> };
type Translate = (indonesian: string) => string;

/**
 * Maps any thrown value to what a JSON route answers: never a stack or internal text. The
 * messages are written in Indonesian; jsonRoute passes `translate` for an English reader
 * (lib/i18n/translate-message.ts, not imported here: forms bundle this file for the browser).
 */
export function toErrorResponse(error: unknown, translate?: Translate, language = "id"): Response {
  const answer = ({ error, fieldErrors }: ErrorBody, status: number) =>
    Response.json(
      translate
        ? { error: translate(error), fieldErrors: fieldErrors && Object.fromEntries(Object.entries(fieldErrors).map(([k, v]) => [k, v.map(translate)])) }
        : { error, fieldErrors },
      { status, headers: { "Content-Language": language } },
    );
  if (error instanceof ZodError) return answer({ error: "Masukan tidak valid.", fieldErrors: zodFieldErrors(error) }, 422);
  if (error instanceof AppError) return answer({ error: error.userMessage, fieldErrors: error.fieldErrors }, error.status);
  if (isUnstorableText(error)) return answer({ error: unstorableText().userMessage }, 422);
  console.error(error);
  return answer({ error: "Terjadi kesalahan di server. Silakan coba lagi." }, 500);
}
