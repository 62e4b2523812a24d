/**
 * The namespaces of the message catalogue that client components read
 * (`useTranslations` in a "use client" file). Only these go into a page's HTML (the root
 * layout's NextIntlClientProvider): the rest of the catalogue is used on the server and
 * would be dead weight in every page (issue 13: 26 KB of the winners page).
 * tests/unit/client-messages.test.ts fails when a client component reads a namespace
 * missing here.
 */
export const clientNamespaces = [
  "dokumen",
  "entry",
  "favorit",
  "filmAdmin",
  "hasil",
  "invite",
  "judging",
  "juriRoster",
  "kimActivity",
  "kimImport",
  "kimJoin",
  "kimRegistry",
  "kirim",
  "messaging",
  "monev",
  "nominations",
  "panitia",
  "password",
  "pengaturan",
  "penjurian",
  "regionPicker",
  "register",
  "registrations",
  "uploader",
] as const;

/** The part of the catalogue client components need. */
export function clientMessages(messages: Record<string, unknown>): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const name of clientNamespaces) if (name in messages) picked[name] = messages[name];
  return picked;
}
