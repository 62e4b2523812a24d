"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { decideKimChange, requestKimChange } from "@/lib/kim/change-requests";
import { createKimRecord, setKimStatus, updateKimRecord } from "@/lib/kim/manage-kim";
import { mergeKims } from "@/lib/kim/merge-kims";
import { updateOwnProfile } from "@/lib/kim/own-profile";
import { getStorage } from "@/lib/storage";
import { refreshPublicPages } from "./edition-form-action";
import { formValues, runFormAction, type FormState } from "./form-state";

// The KIM registry's forms (/admin/kim, /admin/kim/{id}, /kim/profil). Each action checks the
// session itself; who may touch which KIM is decided in lib/kim/ (the organiser's region in
// the where clause, a member's own KIM from the session, never from the form).

const logoOf = (formData: FormData) => {
  const value = formData.get("logo");
  return typeof value === "object" ? value : null;
};

export async function createKimAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  let id = "";
  const state = await runFormAction(values, async () => {
    const actor = await requireActor(["organiser"]);
    ({ id } = await createKimRecord(getDb(), actor, values, { storage: await getStorage(), logo: logoOf(formData) }));
    revalidatePath("/admin/kim");
    refreshPublicPages();
  });
  if (state.ok && id) redirect(`/admin/kim/${id}?disimpan=baru`);
  return state;
}

export async function updateKimAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runFormAction(values, async () => {
    const actor = await requireActor(["organiser"]);
    await updateKimRecord(getDb(), actor, values.kimId ?? "", values, { storage: await getStorage(), logo: logoOf(formData) });
    revalidatePath(`/admin/kim/${values.kimId}`);
    refreshPublicPages();
    return { ok: true, message: "Data KIM tersimpan." };
  });
}

export async function setKimStatusAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runFormAction(values, async () => {
    const actor = await requireActor(["organiser"]);
    await setKimStatus(getDb(), actor, values);
    revalidatePath(`/admin/kim/${values.kimId}`);
    refreshPublicPages();
    return { ok: true, message: values.status === "tidak_aktif" ? "KIM ditandai tidak aktif." : "KIM ditandai aktif." };
  });
}

export async function mergeKimsAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  const state = await runFormAction(values, async () => {
    const actor = await requireActor(["organiser"]);
    await mergeKims(getDb(), actor, values, await getStorage());
    revalidatePath("/admin/kim");
    refreshPublicPages();
  });
  if (state.ok) redirect(`/admin/kim/${values.keepId}?disimpan=gabung`);
  return state;
}

export async function decideKimChangeAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runFormAction(values, async () => {
    const actor = await requireActor(["organiser"]);
    const { kimId } = await decideKimChange(getDb(), actor, values);
    revalidatePath("/admin/kim");
    revalidatePath(`/admin/kim/${kimId}`);
    if (values.decision === "approve") refreshPublicPages();
    return { ok: true, message: values.decision === "approve" ? "Perubahan disetujui dan diterapkan." : "Permintaan ditolak; pengurus KIM membaca alasannya." };
  });
}

export async function updateOwnProfileAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runFormAction(values, async () => {
    const actor = await requireActor(["kim"]);
    await updateOwnProfile(getDb(), actor, values, { storage: await getStorage(), logo: logoOf(formData) });
    revalidatePath("/kim/profil");
    refreshPublicPages();
    return { ok: true, message: "Profil KIM tersimpan dan langsung tampil di halaman publik." };
  });
}

export async function requestKimChangeAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runFormAction(values, async () => {
    const actor = await requireActor(["kim"]);
    await requestKimChange(getDb(), actor, values);
    revalidatePath("/kim/profil");
    return { ok: true, message: "Permintaan terkirim; Diskominfo akan memutuskannya." };
  });
}
