/**
 * A non-secret, script-readable cookie that only says "this browser has a session cookie".
 * proxy.ts keeps it in step with next-auth's (httpOnly) session cookie; the header's account
 * island asks /api/auth/session only when it is there, so an anonymous visitor's page view
 * costs no extra request. It grants nothing: every page, action and route checks the session.
 */
export const sessionHintCookie = "layar_masuk";

export const sessionCookieNames = ["__Secure-next-auth.session-token", "next-auth.session-token"] as const;

/** True when the cookie names include next-auth's session cookie (whole, or split into .0, .1, ...). */
export function hasSessionCookie(names: Iterable<string>): boolean {
  for (const name of names) {
    if (sessionCookieNames.some((s) => name === s || name.startsWith(`${s}.`))) return true;
  }
  return false;
}
