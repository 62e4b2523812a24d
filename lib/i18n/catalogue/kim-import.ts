/** English for the Indonesian messages of the KIM list import (XLSX/CSV) (see lib/i18n/error-catalogue.ts for the format). */
export const catalogue: Record<string, string> = {
};
