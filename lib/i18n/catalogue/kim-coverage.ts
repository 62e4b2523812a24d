/** English for the Indonesian messages of KIM coverage (see lib/i18n/error-catalogue.ts for the format). */
export const catalogue: Record<string, string> = {
};
