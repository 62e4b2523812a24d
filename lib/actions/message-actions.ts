"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { messageKinds, type MessageKind } from "@/lib/messages/kinds";
import { previewBroadcast, previewTemplate, resetTemplate, saveTemplate, savePreferences, sendBroadcast } from "@/lib/messages/admin";
import { toLocale } from "@/lib/i18n/locales";
import { formValues, runFormAction, type FormState } from "./form-state";

// The messages pages (/admin/pesan/templat, /admin/pesan/siaran) and /akun/pesan. Each action
// checks the session itself; the region rule is in lib/messages/admin.ts.

const kindOf = (value: string | undefined): MessageKind => ((messageKinds as readonly string[]).includes(value ?? "") ? (value as MessageKind) : "kim_approved");

/**
 * Pratinjau (rendered on the server with sample values) or Simpan, from one template form. The
 * preview comes back either way, also next to a refusal (an unknown placeholder is named in both).
 */
export async function templateAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  let result: Record<string, string> | undefined;
  const state = await runFormAction(values, async () => {
    const actor = await requireActor(["organiser"]);
    const preview = previewTemplate(kindOf(values.kind), toLocale(values.locale), { subject: values.subject ?? "", body: values.body ?? "" });
    result = { previewSubject: preview.subject, previewBody: preview.body, unknown: preview.unknown.map((p) => `{${p}}`).join(", ") };
    if (values.intent !== "save") return { ok: true, result, values };
    await saveTemplate(getDb(), actor, values);
    revalidatePath("/admin/pesan/templat");
    return { ok: true, message: "Templat disimpan.", result, values };
  });
  return result ? { ...state, result } : state;
}

/** Back to the province's or the default text; the page is shown again with the text now in use. */
export async function resetTemplateAction(formData: FormData): Promise<void> {
  const values = formValues(formData);
  const actor = await requireActor(["organiser"]);
  await resetTemplate(getDb(), actor, values);
  revalidatePath("/admin/pesan/templat");
  const kind = kindOf(values.kind);
  redirect(`/admin/pesan/templat?jenis=${kind}&bahasa=${toLocale(values.locale)}&dikembalikan=${Date.now()}`);
}

/** Pratinjau (how many, and the first message) or Kirim, from the broadcast form. */
export async function broadcastAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runFormAction(values, async (): Promise<FormState> => {
    const actor = await requireActor(["organiser"]);
    if (values.intent !== "send") {
      const preview = await previewBroadcast(getDb(), actor, values);
      return {
        ok: true,
        values,
        result: { step: "confirm", count: String(preview.count), previewSubject: preview.first?.subject ?? "", previewBody: preview.first?.body ?? "" },
      };
    }
    const sent = await sendBroadcast(getDb(), actor, values);
    revalidatePath("/admin/pesan");
    if (sent.queued === 0) return { ok: true, values, message: "Pesan ini sudah dikirim sebelumnya; tidak ada yang dikirim lagi.", result: { step: "sent", count: "0" } };
    return { ok: true, values, message: `Pesan masuk antrean untuk ${sent.queued} penerima.`, result: { step: "sent", count: String(sent.queued) } };
  });
}

export async function preferencesAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runFormAction(values, async () => {
    const actor = await requireActor(["organiser", "judge", "kim"]);
    await savePreferences(getDb(), actor, values);
    revalidatePath("/akun/pesan");
    return { ok: true, message: "Pilihan pesan disimpan.", values };
  });
}
