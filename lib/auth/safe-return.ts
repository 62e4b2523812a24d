/** Only same-site paths may be returned to after sign-in ("//evil.example" and "https://..." are not). */
export function safeReturnPath(value: string | null | undefined, fallback = "/dasbor"): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value;
}
