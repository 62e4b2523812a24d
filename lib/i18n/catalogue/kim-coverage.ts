/** English for the Indonesian messages of KIM coverage (see lib/i18n/error-catalogue.ts for the format). */
export const catalogue: Record<string, string> = {
  // lib/kim/coverage.ts
  "Kode wilayah tidak valid. Contoh: 33 (provinsi), 33.13 (kabupaten), 33.13.08 (kecamatan).": "The region code is not valid. For example: 33 (province), 33.13 (regency), 33.13.08 (district).",
};
