"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { addKimActivityPhoto, createKimActivity, deleteKimActivity, removeKimActivityPhoto, updateKimActivity } from "@/lib/kim/activities";
import { getStorage } from "@/lib/storage";
import { refreshPublicPages } from "./edition-form-action";
import { formValues, runFormAction, type FormState } from "./form-state";

// The activity pages of a KIM member (/kim/kegiatan) and of an organiser (/admin/kim/{id}/kegiatan).
// Each action checks the session itself; who may touch which KIM is in lib/kim/activities.ts's where clauses.

const listPath = (role: string, kimId: string) => (role === "organiser" ? `/admin/kim/${kimId}/kegiatan` : "/kim/kegiatan");
const photoOf = (formData: FormData) => {
  const file = formData.get("photo");
  return file instanceof File && file.size > 0 ? file : null;
};

export async function createActivityAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  let target: string | null = null;
  const state = await runFormAction(values, async () => {
    const actor = await requireActor(["kim", "organiser"]);
    const kimId = actor.role === "kim" ? (actor.kimId ?? "") : (values.kimId ?? "");
    const activity = await createKimActivity(getDb(), await getStorage(), actor, kimId, values, photoOf(formData));
    revalidatePath(listPath(actor.role, kimId));
    refreshPublicPages();
    target = `${listPath(actor.role, kimId)}/${activity.id}?tersimpan=1`;
  });
  if (target) redirect(target);
  return state;
}

export async function updateActivityAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runFormAction(values, async () => {
    const actor = await requireActor(["kim", "organiser"]);
    const kim = await updateKimActivity(getDb(), actor, values.activityId ?? "", values);
    revalidatePath(listPath(actor.role, kim.id), "layout");
    refreshPublicPages();
    return { ok: true, message: "Kegiatan tersimpan." };
  });
}

export async function deleteActivityAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  let target: string | null = null;
  const state = await runFormAction(values, async () => {
    const actor = await requireActor(["kim", "organiser"]);
    if (values.confirm !== "on") return { message: "Centang kotak konfirmasi dulu.", fieldErrors: { confirm: ["Centang kotak konfirmasi dulu."] } };
    const kim = await deleteKimActivity(getDb(), await getStorage(), actor, values.activityId ?? "");
    revalidatePath(listPath(actor.role, kim.id), "layout");
    refreshPublicPages();
    target = `${listPath(actor.role, kim.id)}?dihapus=1`;
  });
  if (target) redirect(target);
  return state;
}

export async function addActivityPhotoAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runFormAction(values, async () => {
    const actor = await requireActor(["kim", "organiser"]);
    const kim = await addKimActivityPhoto(getDb(), await getStorage(), actor, values.activityId ?? "", photoOf(formData), values.keepLocation === "on");
    revalidatePath(listPath(actor.role, kim.id), "layout");
    refreshPublicPages();
    return { ok: true, message: "Foto tersimpan." };
  });
}

export async function removeActivityPhotoAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runFormAction(values, async () => {
    const actor = await requireActor(["kim", "organiser"]);
    const { kim } = await removeKimActivityPhoto(getDb(), await getStorage(), actor, values.photoId ?? "");
    revalidatePath(listPath(actor.role, kim.id), "layout");
    refreshPublicPages();
    return { ok: true, message: "Foto dihapus." };
  });
}
