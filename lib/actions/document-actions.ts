"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { saveDocumentSettings } from "@/lib/documents/document-settings";
import { getStorage } from "@/lib/storage";
import { formValues, runFormAction, type FormState } from "./form-state";

// The organiser's document settings: the session is checked here, the edition's region,
// the fields and the logo file in saveDocumentSettings.

export async function saveDocumentSettingsAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  const slug = values.slug ?? "";
  return runFormAction(values, async () => {
    const actor = await requireActor(["organiser"]);
    const logo = formData.get("logo");
    await saveDocumentSettings(getDb(), await getStorage(), actor, slug, { values, logo: logo instanceof File ? logo : null, removeLogo: values.removeLogo === "on" });
    revalidatePath(`/admin/festival/${slug}/dokumen`);
    return { ok: true, message: "Pengaturan dokumen tersimpan." };
  });
}
