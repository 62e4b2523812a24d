// For tests that mock next/headers: the cookie store of a real session (a user_sessions row
// made as at sign-in, and next-auth's cookie naming it), made once per user and kept until
// forgotten, so requireActor reads it as on every real request. The app's modules are imported
// when first needed: this file is loaded by the next/headers mock, before they may load.
const made = new Map<string, string>();

export async function sessionCookieStore(userId: string | null): Promise<{ getAll: () => { name: string; value: string }[] }> {
  if (userId && !made.has(userId)) {
    const { startSession } = await import("@/lib/auth/session");
    const { encode } = await import("next-auth/jwt");
    const { authSecret } = await import("@/lib/auth/secret");
    const { getDb } = await import("@/lib/db/client");
    const { sid } = await startSession(getDb(), userId);
    made.set(userId, await encode({ token: { uid: userId, sid }, secret: authSecret() }));
  }
  const value = userId ? made.get(userId) : undefined;
  return { getAll: () => (value ? [{ name: "next-auth.session-token", value }] : []) };
}

/** The next request of this user starts a new session (after its sessions were ended). */
export function forgetSessionCookie(userId: string): void {
  made.delete(userId);
}
