"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { disqualifyFilm, undoDisqualification } from "@/lib/films/disqualify-film";
import { formValues, runFormAction, type FormState } from "./form-state";

// The organiser's actions on the entries overview; the domain functions check the
// edition's region, the confirmation and the seal.

export async function disqualifyAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runFormAction(values, async () => {
    const result = await disqualifyFilm(getDb(), await requireActor(["organiser"]), values.slug ?? "", values);
    revalidatePath(`/admin/festival/${values.slug}`, "layout");
    return {
      ok: true,
      message: result.mailFailed ? "Film didiskualifikasi, tetapi email ke KIM gagal dikirim. Beri tahu KIM dengan cara lain." : "Film didiskualifikasi; KIM bisa membaca alasannya di dasbornya.",
    };
  });
}

export async function undoDisqualificationAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runFormAction(values, async () => {
    await undoDisqualification(getDb(), await requireActor(["organiser"]), values.slug ?? "", values);
    revalidatePath(`/admin/festival/${values.slug}`, "layout");
    return { ok: true, message: "Diskualifikasi dibatalkan; film kembali diikutkan." };
  });
}
