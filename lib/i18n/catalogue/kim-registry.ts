/** English for the Indonesian messages of the KIM registry (directory, status, merge, profile changes) (see lib/i18n/error-catalogue.ts for the format). */
export const catalogue: Record<string, string> = {
  // lib/kim/kim-status.ts
  "Tuliskan alasan KIM tidak aktif.": "Write why the KIM is inactive.",
  "Tanggal status tidak valid.": "The status date is not valid.",
};
