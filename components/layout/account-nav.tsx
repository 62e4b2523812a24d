"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { homePathFor, type Role } from "@/lib/auth/scope";
import { sessionHintCookie } from "./session-hint";

type Labels = { register: string; signIn: string; dashboard: string; account: string; signOut: string };

const roles: readonly Role[] = ["organiser", "judge", "kim"];

/** The role in next-auth's session answer, read by hand: zod would be 30 KB for one field. */
function roleOf(body: unknown): Role | null {
  const role = (body as { user?: { role?: unknown } } | null)?.user?.role;
  return roles.includes(role as Role) ? (role as Role) : null;
}

/**
 * The session-dependent part of the header, as an island: the server HTML (cached, the same for
 * everyone) shows the signed-out links, which is also what a visitor without JavaScript needs.
 * In the browser, only when the session hint cookie is there, it asks next-auth who is signed
 * in and shows their links instead.
 */
export function AccountNav({ labels }: { labels: Labels }) {
  const [role, setRole] = useState<Role | null>(null);
  useEffect(() => {
    if (!document.cookie.split(/;\s*/).some((c) => c.startsWith(`${sessionHintCookie}=`))) return;
    const controller = new AbortController();
    fetch("/api/auth/session", { signal: controller.signal, credentials: "same-origin" })
      .then((response) => (response.ok ? response.json() : null))
      .then((body: unknown) => setRole(roleOf(body)))
      .catch(() => undefined); // aborted or offline: the signed-out links stay
    return () => controller.abort();
  }, []);

  if (role) {
    return (
      <>
        <Link href={homePathFor(role)}>{labels.dashboard}</Link>
        <Link href="/akun/sandi">{labels.account}</Link>
        <SignOutButton label={labels.signOut} />
      </>
    );
  }
  return (
    <>
      <Link href="/daftar">{labels.register}</Link>
      <Link href="/masuk" className="btn">
        {labels.signIn}
      </Link>
    </>
  );
}
