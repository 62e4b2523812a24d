"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { closeMonev } from "@/lib/monev/close-monev";
import { updateMonevCriteria } from "@/lib/monev/monev-criteria";
import { createMonevRound, setMonevStatus } from "@/lib/monev/monev-rounds";
import { saveMonevSheet } from "@/lib/monev/monev-sheets";
import { refreshPublicPages } from "./edition-form-action";
import { formValues, runFormAction, type FormState } from "./form-state";

// The organiser's Monev pages (/admin/monev, /admin/monev/{id}, /admin/monev/{id}/kim/{kimId}).
// Each action checks the session itself; the region scope is in lib/monev's where clauses.

const organiser = () => requireActor(["organiser"]);
const page = (id: string) => `/admin/monev/${id}`;

export async function createMonevAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  let target: string | null = null;
  const state = await runFormAction(values, async () => {
    const round = await createMonevRound(getDb(), await organiser(), values);
    revalidatePath("/admin/monev");
    target = page(round.id);
  });
  if (target) redirect(target);
  return state;
}

export async function monevCriteriaAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runFormAction(values, async () => {
    await updateMonevCriteria(getDb(), await organiser(), values.monevId ?? "", values);
    revalidatePath(page(values.monevId ?? ""), "layout");
    return { ok: true, message: "Kriteria tersimpan." };
  });
}

export async function monevStatusAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runFormAction(values, async () => {
    const next = values.status === "draf" ? "draf" : "berjalan";
    await setMonevStatus(getDb(), await organiser(), values.monevId ?? "", next);
    revalidatePath(page(values.monevId ?? ""), "layout");
    revalidatePath("/admin/monev");
    return { ok: true, message: next === "berjalan" ? "Monev dimulai: nilai KIM sekarang bisa diisi." : "Monev kembali ke draf." };
  });
}

export async function monevSheetAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runFormAction(values, async () => {
    const { total } = await saveMonevSheet(getDb(), await organiser(), values.monevId ?? "", values.kimId ?? "", values);
    revalidatePath(page(values.monevId ?? ""), "layout");
    return { ok: true, message: total === null ? "Nilai tersimpan; isi semua kriteria untuk mendapat total." : `Nilai tersimpan. Total ${total.toFixed(2)}.` };
  });
}

export async function closeMonevAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runFormAction(values, async () => {
    const result = await closeMonev(getDb(), await organiser(), values.monevId ?? "", values);
    revalidatePath(page(values.monevId ?? ""), "layout");
    revalidatePath("/admin/monev");
    revalidatePath("/admin/kim", "layout");
    refreshPublicPages();
    return { ok: true, message: `Monev selesai: status ${result.decided} KIM dicatat berlaku ${result.fromDate}.` };
  });
}
