"use client";

import { useState } from "react";

/**
 * Signs out as next-auth's own client does (its CSRF token, then the sign-out post), without
 * shipping next-auth/react to every page that has the header.
 */
export function SignOutButton({ label }: { label: string }) {
  const [busy, setBusy] = useState(false);
  const signOut = async () => {
    setBusy(true);
    try {
      const { csrfToken } = (await (await fetch("/api/auth/csrf", { credentials: "same-origin" })).json()) as { csrfToken: string };
      const body = new URLSearchParams({ csrfToken, callbackUrl: "/", json: "true" });
      await fetch("/api/auth/signout", { method: "POST", credentials: "same-origin", body });
      // A whole new page load: nothing of the signed-in session stays in the client router.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination
      window.location.href = "/";
    } catch {
      setBusy(false); // offline: still signed in, the button works again
    }
  };
  return (
    <button type="button" className="btn-quiet" disabled={busy} onClick={signOut}>
      {label}
    </button>
  );
}
