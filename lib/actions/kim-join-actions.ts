"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { decideJoinRequest } from "@/lib/kim/join-requests";
import { formValues, runFormAction, type FormState } from "./form-state";

/** An active KIM member lets a new account join their KIM, or refuses it (lib/kim/join-requests.ts). */
export async function decideJoinRequestAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runFormAction(values, async () => {
    const actor = await requireActor(["kim"]);
    const { name } = await decideJoinRequest(getDb(), actor, values);
    revalidatePath("/kim");
    return { ok: true, message: values.decision === "approve" ? `${name} sekarang anggota KIM Anda.` : `Permintaan bergabung dari ${name} ditolak.` };
  });
}
