"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { decideJoinRequest } from "@/lib/kim/join-requests";
import { formValues, runFormAction, type FormState } from "./form-state";

/**
 * An active KIM member lets a new account join their KIM, or refuses it (lib/kim/join-requests.ts).
 * A decided request leaves the list, and its form with it, so the outcome is said on the
 * dashboard after a redirect (with or without JavaScript); a refusal stays on the form.
 */
export async function decideJoinRequestAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  const state = await runFormAction(values, async () => {
    const actor = await requireActor(["kim"]);
    await decideJoinRequest(getDb(), actor, values);
    revalidatePath("/kim");
  });
  if (state.ok) redirect(`/kim?permintaan=${values.decision === "approve" ? "disetujui" : "ditolak"}`);
  return state;
}
