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
