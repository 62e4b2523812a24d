import { z } from "zod";
import { AppError } from "@/lib/errors";
import { cleanLine, cleanText, plainText } from "@/lib/text/sanitise";
import { kindPlaceholders, messageKinds, type MessageKind, type MessageValues, type Template } from "./kinds";

const token = /\{([^{}\s]*)\}/g;

/** The placeholders a text uses, in order, once each ({nama} -> "nama"). */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(token)].map((m) => m[1]))];
}

/** The placeholders of `text` that `kind` does not fill. */
export function unknownPlaceholders(kind: MessageKind, text: string): string[] {
  const known = kindPlaceholders[kind] as readonly string[];
  return placeholdersIn(text).filter((p) => !known.includes(p));
}

/**
 * Fills the placeholders with plain text (mail is sent as text/plain; the preview and
 * WhatsApp text are escaped by React and encodeURIComponent). A value is one line in the
 * subject; a placeholder without a value is left empty.
 */
export function renderText(text: string, values: MessageValues, oneLine = false): string {
  return text.replace(token, (whole, name: string) => {
    const value = (values as Record<string, string | undefined>)[name];
    if (value === undefined) return "";
    return oneLine ? cleanLine(value).replace(/\s+/g, " ") : cleanText(value);
  });
}

export function renderTemplate(template: Template, values: MessageValues): Template {
  return { subject: renderText(template.subject, values, true).trim(), body: renderText(template.body, values).trim() };
}

export const templateInputSchema = z.object({
  kind: z.enum(messageKinds, "Jenis pesan tidak dikenal."),
  locale: z.enum(["id", "en"], "Pilih bahasa."),
  subject: plainText().trim().min(3, "Tulis judul email (minimal 3 karakter).").max(200, "Judul email paling panjang 200 karakter."),
  body: plainText().trim().min(10, "Tulis isi pesan (minimal 10 karakter).").max(5000, "Isi pesan paling panjang 5.000 karakter."),
});
export type TemplateInput = z.infer<typeof templateInputSchema>;

/**
 * Parses a template an organiser saves: lengths, one-line subject, and only the placeholders
 * its kind fills (a typo such as {nma} would otherwise be mailed as an empty gap).
 */
export function parseTemplate(input: unknown): TemplateInput {
  const data = templateInputSchema.parse(input);
  const subject = data.subject.replace(/\s*\n\s*/g, " ");
  const fieldErrors: Record<string, string[]> = {};
  const badSubject = unknownPlaceholders(data.kind, subject);
  const badBody = unknownPlaceholders(data.kind, data.body);
  const allowed = kindPlaceholders[data.kind].map((p) => `{${p}}`).join(", ");
  if (badSubject.length) fieldErrors["subject"] = [`Penanda tidak dikenal: ${badSubject.map((p) => `{${p}}`).join(", ")}. Yang bisa dipakai: ${allowed}.`];
  if (badBody.length) fieldErrors["body"] = [`Penanda tidak dikenal: ${badBody.map((p) => `{${p}}`).join(", ")}. Yang bisa dipakai: ${allowed}.`];
  if (Object.keys(fieldErrors).length) throw new AppError("invalid", { userMessage: "Periksa penanda di templat.", fieldErrors });
  return { ...data, subject };
}
