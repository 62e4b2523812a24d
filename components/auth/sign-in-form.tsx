"use client";

import { signIn } from "next-auth/react";
import { useState, useSyncExternalStore } from "react";

const noSubscription = () => () => {};

type Labels = { email: string; password: string; submit: string; submitting: string; failed: string };

export function SignInForm({ returnTo, initialError, labels }: { returnTo: string; initialError?: string; labels: Labels }) {
  const [error, setError] = useState(initialError);
  const [pending, setPending] = useState(false);
  // Until the script runs, a submit would post the password as a plain form; wait for it.
  const ready = useSyncExternalStore(noSubscription, () => true, () => false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return; // a double click signs in once
    setPending(true);
    setError(undefined);
    const form = new FormData(event.currentTarget);
    const result = await signIn("credentials", { email: form.get("email"), password: form.get("password"), redirect: false });
    if (result?.ok && !result.error) {
      window.location.assign(returnTo);
      return;
    }
    setError(result?.error && result.error !== "CredentialsSignin" ? result.error : labels.failed);
    setPending(false);
  }

  return (
    <form onSubmit={onSubmit} method="post" className="card space-y-4" noValidate>
      <div>
        <label htmlFor="email" className="mb-1 block font-medium">
          {labels.email}
        </label>
        <input id="email" name="email" type="email" autoComplete="username" required className="field" aria-describedby={error ? "signin-error" : undefined} />
      </div>
      <div>
        <label htmlFor="password" className="mb-1 block font-medium">
          {labels.password}
        </label>
        <input id="password" name="password" type="password" autoComplete="current-password" required className="field" />
      </div>
      <p id="signin-error" role="alert" aria-live="assertive" className="min-h-6 text-danger">
        {error}
      </p>
      <button type="submit" className="btn w-full" disabled={!ready || pending}>
        {pending ? labels.submitting : labels.submit}
      </button>
    </form>
  );
}
