"use server";

import { revalidatePath } from "next/cache";
import { inviteJudge } from "@/lib/auth/invite-judge";
import { decideRegistration } from "@/lib/auth/register-kim";
import { requireActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { formValues, runFormAction, type FormState } from "./form-state";

export async function decideRegistrationAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runFormAction(values, async () => {
    const actor = await requireActor(["organiser"]);
    await decideRegistration(getDb(), actor, values);
    revalidatePath("/admin/pendaftaran");
    return { ok: true, message: values.decision === "approve" ? "Pendaftaran disetujui." : "Pendaftaran ditolak; alasan dikirim ke KIM." };
  });
}

export async function inviteJudgeAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runFormAction(values, async () => {
    const actor = await requireActor(["organiser"]);
    const invitation = await inviteJudge(getDb(), actor, values);
    // The edition's judges roster lists its invitations.
    if (values.editionId) revalidatePath("/admin/festival", "layout");
    const sent = invitation.mail.delivered === "smtp" ? "Undangan dikirim lewat email." : "SMTP belum diatur: email disimpan di outbox server.";
    return { ok: true, message: `${sent} Salin tautan di bawah untuk WhatsApp.`, result: { link: invitation.link } };
  });
}
