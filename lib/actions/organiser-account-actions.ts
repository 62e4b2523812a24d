"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { acceptOrganiserInvitation, inviteOrganiser, resendOrganiserInvitation, revokeOrganiserInvitation, type OrganiserInvitationResult } from "@/lib/auth/invite-organiser";
import { setOrganiserStatus } from "@/lib/auth/organiser-accounts";
import { requireActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { formValues, runFormAction, type FormState } from "./form-state";

// The organiser accounts page (/admin/panitia) and the invitation page (/undangan-panitia/<token>).
// Each action checks the session itself; the scope rule is in the domain functions' where clauses.

const PAGE = "/admin/panitia";

function sent(result: OrganiserInvitationResult): FormState {
  const how =
    result.mailed === "smtp"
      ? "Undangan dikirim lewat email."
      : result.mailed === "outbox"
        ? "SMTP belum diatur: email disimpan di outbox server."
        : "Email undangan tidak terkirim.";
  return { ok: true, message: `${how} Salin tautan di bawah atau bagikan lewat WhatsApp.`, result: { link: result.link, whatsapp: result.whatsapp } };
}

export async function inviteOrganiserAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runFormAction(values, async () => {
    const actor = await requireActor(["organiser"]);
    const result = await inviteOrganiser(getDb(), actor, values);
    revalidatePath(PAGE);
    return sent(result);
  });
}

export async function resendOrganiserInvitationAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runFormAction(values, async () => {
    const actor = await requireActor(["organiser"]);
    const result = await resendOrganiserInvitation(getDb(), actor, values);
    revalidatePath(PAGE);
    return sent(result);
  });
}

export async function revokeOrganiserInvitationAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runFormAction(values, async () => {
    const actor = await requireActor(["organiser"]);
    await revokeOrganiserInvitation(getDb(), actor, values);
    revalidatePath(PAGE);
    return { ok: true, message: "Undangan dicabut; tautannya tidak berlaku lagi." };
  });
}

export async function setOrganiserStatusAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runFormAction(values, async () => {
    const actor = await requireActor(["organiser"]);
    await setOrganiserStatus(getDb(), actor, values);
    revalidatePath(PAGE);
    return { ok: true, message: values.status === "disabled" ? "Akun dinonaktifkan; sesi masuknya berakhir." : "Akun diaktifkan kembali." };
  });
}

export async function acceptOrganiserInvitationAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  const state = await runFormAction(values, async () => {
    await acceptOrganiserInvitation(getDb(), values);
  });
  if (state.ok) redirect("/masuk?sandi=baru&kembali=/admin");
  return state;
}
