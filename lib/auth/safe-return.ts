// A base that no real request has: only what parses to this origin is a path on our site.
const base = "http://layar.invalid";

/**
 * The path to return to after sign-in, or `fallback`. The value is parsed as a URL against
 * the site's origin, exactly as the browser will resolve it (tabs and newlines removed,
 * backslashes read as slashes, dot segments folded), and accepted only when it stays on
 * that origin: "/\t/evil.example", "/\\evil.example", "//evil.example", "/.//evil.example"
 * and "https://evil.example" all fall back. The path returned is the parsed one.
 */
export function safeReturnPath(value: string | null | undefined, fallback = "/dasbor"): string {
  if (!value || value.length > 2000 || !value.startsWith("/")) return fallback;
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base || url.username || url.password) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // A path that starts with two slashes (or a slash and a backslash) would be read as
  // another host by whoever resolves it next.
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return fallback;
  return path;
}
