import { z } from "zod";

/**
 * Text people type into Layar, cleaned before zod checks its length and before it reaches the
 * database (which refuses NUL) or another reader's screen. Removed everywhere: control
 * characters (C0 and C1, NUL included) and Unicode format characters (category Cf): the
 * bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069, which make "KIM Maju"
 * display as something else), the zero-width space, joiners and word joiner, the byte order
 * mark, soft hyphens, invisible operators and tag characters. None of them is visible, so a
 * name that differs from another only by one of them looks the same to every reader.
 * Then NFC, so that one name typed two ways is stored one way.
 */
const invisible = /[\p{Cc}\p{Cf}]/gu;
const lineBreaks = /\r\n?|[\u2028\u2029\u0085]/g;

/** A name or title: one line, invisible characters removed, runs of white space made one space. */
export function cleanLine(value: string): string {
  return value.replace(/[\t\n\r\u2028\u2029\u0085]/g, " ").replace(invisible, "").normalize("NFC").replace(/\s+/g, " ");
}

/** Free text (a synopsis, a reason, a comment): line breaks and tabs kept, other invisible characters removed. */
export function cleanText(value: string): string {
  return value
    .replace(lineBreaks, "\n")
    .replace(invisible, (c) => (c === "\n" || c === "\t" ? c : ""))
    .normalize("NFC");
}

/** A zod string for a name or title: cleaned (cleanLine) first; chain trim/min/max as usual. */
export const nameText = (params?: Parameters<typeof z.string>[0]) => z.string(params).overwrite(cleanLine);

/** A zod string for free text: cleaned (cleanText) first; chain trim/min/max as usual. */
export const plainText = (params?: Parameters<typeof z.string>[0]) => z.string(params).overwrite(cleanText);

/** True when a URL's path or query holds a NUL byte (raw or percent-encoded), which no route accepts. */
export function hasNulByte(url: string): boolean {
  return url.includes("\0") || /%00/i.test(url);
}
