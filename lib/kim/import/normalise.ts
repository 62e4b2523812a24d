import { normaliseKimName } from "@/lib/kim/similar-name";

// How the lists offices keep spell the same thing differently: "Ds. Popongan", "POPONGAN",
// "Desa  Popongan,"; "tdk aktif", "Non Aktif". Pure functions, tested in tests/unit/kim/kim-import.test.ts.

const diacritics = /[\u0300-\u036f]/g;

/** Lower case, no accents, punctuation as spaces, one space between words. */
export function simplify(value: string): string {
  return value
    .normalize("NFKD")
    .replace(diacritics, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

// Words that say what kind of place follows, not which one. Only at the start.
const placePrefixes = /^(?:(?:desa|ds|kel|kelurahan|kec|kecamatan|kab|kabupaten|kota|dusun|dsn)\s+)+/;

/** A village or district name as the matcher compares it: "Ds. Popongan" and "popongan" are one. */
export function placeKey(value: string): string {
  return simplify(value).replace(placePrefixes, "").trim();
}

/**
 * A KIM's name as duplicates are found: the registry's own rule (normaliseKimName,
 * lib/kim/similar-name.ts: "KIM Manteb", "kim  manteb." and "Manteb" are one), or the plain
 * name when it holds nothing but those words.
 */
export function kimNameKey(value: string): string {
  return normaliseKimName(value) || simplify(value);
}

/** How many typing slips a name of this length may carry and still match: none for short names. */
export function allowedSlips(key: string): number {
  const length = key.replace(/ /g, "").length;
  return length < 5 ? 0 : length < 9 ? 1 : 2;
}

const activeWords = new Set(["aktif", "active", "ya", "y", "1", "aktip", "masih aktif"]);
const inactiveWords = new Set([
  "tidak aktif", "tdk aktif", "tak aktif", "t aktif", "non aktif", "nonaktif", "inactive", "not active", "tidak", "pasif",
  "vakum", "mati", "0", "tidak aktip", "tdk", "n", "no", "belum aktif", "tidak_aktif",
]);

/** aktif / tidak_aktif from what the list says; null for an empty cell, "unknown" for anything else. */
export function parseStatus(value: string): "aktif" | "tidak_aktif" | "unknown" | null {
  const key = simplify(value.replace(/_/g, " "));
  if (!key) return null;
  if (activeWords.has(key)) return "aktif";
  if (inactiveWords.has(key) || inactiveWords.has(key.replace(/ /g, ""))) return "tidak_aktif";
  return "unknown";
}

const regionCodePattern = /^(\d{2})\.?(\d{2})\.?(\d{2})(?:\.?(\d{4}))?$/;

/** A Kemendagri code in dotted form ("3313082001" -> "33.13.08.2001"), or null when the text is not one. */
export function regionCode(value: string): string | null {
  const match = regionCodePattern.exec(value.trim().replace(/\s+/g, ""));
  if (!match) return null;
  return match.slice(1).filter(Boolean).join(".");
}

/** Phone numbers as registration keeps them: digits only, a leading 0 put back where a sheet dropped it. */
export function cleanPhone(value: string): string | null {
  let digits = value.replace(/[^\d+]/g, "");
  if (!digits) return null;
  if (digits.startsWith("+")) digits = digits.slice(1);
  if (digits.includes("+")) return null;
  if (digits.startsWith("62")) digits = `0${digits.slice(2)}`;
  else if (digits.startsWith("8")) digits = `0${digits}`;
  return /^\d{8,20}$/.test(digits) ? digits : null;
}
