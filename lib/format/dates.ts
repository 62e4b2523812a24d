/** The WIB calendar day (UTC+7, no daylight saving) of a moment, as YYYY-MM-DD; offsetDays moves it. */
export function wibDay(at: Date, offsetDays = 0): string {
  return new Date(at.getTime() + 7 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/** Dates and deadlines are always shown in WIB (Asia/Jakarta, UTC+7), whatever the server's zone. */
export function formatWib(date: Date | null | undefined, locale = "id"): string {
  if (!date) return "—";
  const text = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "id-ID", {
    timeZone: "Asia/Jakarta",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  }).format(date);
  return `${text} WIB`;
}

export function formatDateWib(date: Date | null | undefined, locale = "id"): string {
  if (!date) return "—";
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "id-ID", { timeZone: "Asia/Jakarta", day: "numeric", month: "long", year: "numeric" }).format(date);
}
