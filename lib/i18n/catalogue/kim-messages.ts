/** English for the Indonesian messages of messages (templates, queue, broadcast, reminders) (see lib/i18n/error-catalogue.ts for the format). */
export const catalogue: Record<string, string> = {
};
