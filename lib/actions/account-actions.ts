"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { acceptInvitation } from "@/lib/auth/invite-judge";
import { registerKim } from "@/lib/auth/register-kim";
import { changePassword, requestPasswordReset, resetPassword } from "@/lib/auth/reset-password";
import { clientAddressFromHeaders } from "@/lib/auth/client-address";
import { getActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { formValues, runFormAction, type FormState } from "./form-state";

// Public account actions. Each validates its own input (zod, in lib/auth) and
// checks who is asking where it matters; none trusts the page that called it.

export async function registerKimAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  const ip = clientAddressFromHeaders(await headers(), env().TRUSTED_PROXY_HOPS);
  const state = await runFormAction(values, async () => {
    // A used email ends here too, with the same redirect: its owner is mailed instead.
    await registerKim(getDb(), values, { ip });
  });
  if (state.ok) redirect("/masuk?terdaftar=1");
  return state;
}

export async function requestResetAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runFormAction(values, async () => {
    await requestPasswordReset(getDb(), values, new Date(), clientAddressFromHeaders(await headers(), env().TRUSTED_PROXY_HOPS));
    // The same answer whether or not the email has an account.
    return { ok: true, message: "Jika email itu terdaftar, tautan atur ulang sudah dikirim. Periksa kotak masuk Anda." };
  });
}

export async function resetPasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  const state = await runFormAction(values, async () => {
    await resetPassword(getDb(), values);
  });
  if (state.ok) redirect("/masuk?sandi=baru");
  return state;
}

export async function acceptInvitationAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  const state = await runFormAction(values, async () => {
    await acceptInvitation(getDb(), values);
  });
  if (state.ok) redirect("/masuk?kembali=/juri");
  return state;
}

export async function changePasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  const state = await runFormAction(values, async () => {
    const actor = await getActor();
    if (!actor) throw new AppError("unauthenticated", { userMessage: "Silakan masuk terlebih dahulu." });
    await changePassword(getDb(), actor.id, values);
  });
  // Every session, this one included, ends with the old password.
  if (state.ok) redirect("/masuk?sandi=baru");
  return state;
}
