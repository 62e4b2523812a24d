"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { cancelImport, confirmImport } from "@/lib/kim/import/confirm-import";
import { createImportPreview } from "@/lib/kim/import/kim-import";
import { MAX_FILE_BYTES } from "@/lib/kim/import/read-sheet";
import { refreshPublicPages } from "./edition-form-action";
import { formValues, runFormAction, type FormState } from "./form-state";

// The KIM list import (/admin/kim/impor). Each action checks the session itself; the region
// rule is in the domain functions' where clauses (lib/kim/import/).

const batchPath = (id: string) => `/admin/kim/impor/${id}`;
const rowNumbers = (formData: FormData, name: string) => formData.getAll(name).map(Number).filter(Number.isInteger);

export async function previewKimImportAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  const file = formData.get("file");
  const state = await runFormAction(values, async () => {
    const actor = await requireActor(["organiser"]);
    if (!(file instanceof File) || file.size === 0) {
      throw new AppError("invalid", { userMessage: "Pilih berkas XLSX atau CSV berisi daftar KIM.", fieldErrors: { file: ["Pilih berkas XLSX atau CSV berisi daftar KIM."] } });
    }
    // Refused before its bytes are read into memory.
    if (file.size > MAX_FILE_BYTES) throw new AppError("invalid", { userMessage: "Berkas terlalu besar (paling besar 3 MB). Bagi daftarnya menjadi beberapa berkas.", fieldErrors: { file: ["Berkas terlalu besar (paling besar 3 MB). Bagi daftarnya menjadi beberapa berkas."] } });
    const { id } = await createImportPreview(getDb(), actor, { name: file.name, bytes: Buffer.from(await file.arrayBuffer()) });
    return { ok: true, result: { id } };
  });
  if (state.ok && state.result?.id) redirect(batchPath(state.result.id));
  return state;
}

export async function confirmKimImportAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  const id = values.batch ?? "";
  const state = await runFormAction(values, async () => {
    const actor = await requireActor(["organiser"]);
    try {
      await confirmImport(getDb(), actor, id, { add: rowNumbers(formData, "tambah"), update: rowNumbers(formData, "perbarui") });
    } catch (error) {
      // A second click (or tab) after the import: the batch page shows what the first one did.
      if (error instanceof AppError && error.code === "conflict") return { ok: true };
      throw error;
    }
    revalidatePath("/admin/kim");
    // The region pages list KIMs and are static: show the new ones now, not in a minute.
    refreshPublicPages();
    return { ok: true };
  });
  if (state.ok) redirect(batchPath(id));
  return state;
}

export async function cancelKimImportAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  const state = await runFormAction(values, async () => {
    const actor = await requireActor(["organiser"]);
    await cancelImport(getDb(), actor, values.batch ?? "");
    return { ok: true };
  });
  if (state.ok) redirect("/admin/kim/impor");
  return state;
}
