"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getLocale } from "next-intl/server";
import { getDb } from "@/lib/db/client";
import { createEdition } from "@/lib/editions/create-edition";
import { duplicateEdition } from "@/lib/editions/duplicate-edition";
import { importEdition } from "@/lib/editions/edition-format";
import { extendEditionDeadline, extendKimDeadline } from "@/lib/editions/extend-deadline";
import { changeEditionStatus } from "@/lib/editions/lifecycle";
import { updateRules, type RuleImpact } from "@/lib/editions/rule-impact";
import { updateCategories } from "@/lib/editions/update-categories";
import { updateDates, updateIdentity } from "@/lib/editions/update-edition";
import { updateRubric } from "@/lib/editions/update-rubric";
import { AppError } from "@/lib/errors";
import { toLocale } from "@/lib/i18n/locales";
import { translateMessage } from "@/lib/i18n/translate-message";
import { updateJudgingSettings } from "@/lib/judging/judging-settings";
import { editionFormAction, organiser, refreshPublicPages } from "./edition-form-action";
import { formValues, runFormAction, type FormState } from "./form-state";

// The organiser's edition set-up: create, duplicate, import, and the settings page's sections.
// Each action checks the session itself; the domain functions check the edition is in the
// organiser's region. The edition's current slug travels as "edition" (the identity form's
// "slug" is the new one).

const settingsPath = (slug: string) => `/admin/festival/${slug}/pengaturan`;

function refreshPages(slug: string) {
  revalidatePath(`/admin/festival/${slug}`, "layout");
  refreshPublicPages();
}

/** A section of the settings page: the edition's current slug travels as "edition". */
const section = (run: (values: Record<string, string>, slug: string) => Promise<string>) => editionFormAction(run, { slugField: "edition", refreshPublic: true });

/** Runs a step that creates an edition, then opens its settings (redirect outside runFormAction, which would catch it). */
async function thenOpen(state: FormState): Promise<FormState> {
  if (state.ok && state.result?.slug) redirect(settingsPath(state.result.slug));
  return state;
}

export async function createEditionAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return thenOpen(
    await runFormAction(values, async () => {
      const edition = await createEdition(getDb(), await organiser(), values);
      revalidatePath("/admin");
      return { ok: true, message: "Draf edisi dibuat.", result: { slug: edition.slug } };
    }),
  );
}

export async function duplicateEditionAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return thenOpen(
    await runFormAction(values, async () => {
      const edition = await duplicateEdition(getDb(), await organiser(), values);
      revalidatePath("/admin");
      return { ok: true, message: "Draf edisi dibuat dari edisi sebelumnya.", result: { slug: edition.slug } };
    }),
  );
}

/** Edition files are a few kilobytes; a large upload is not one. */
const MAX_FILE_BYTES = 1024 * 1024;

export async function importEditionAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  const file = formData.get("file");
  return thenOpen(
    await runFormAction(values, async () => {
      const actor = await organiser();
      if (!(file instanceof File) || file.size === 0) throw new AppError("invalid", { userMessage: "Pilih berkas JSON pengaturan edisi.", fieldErrors: { file: ["Pilih berkas JSON pengaturan edisi."] } });
      if (file.size > MAX_FILE_BYTES) throw new AppError("invalid", { userMessage: "Berkas terlalu besar untuk pengaturan edisi (paling besar 1 MB).", fieldErrors: { file: ["Berkas terlalu besar untuk pengaturan edisi (paling besar 1 MB)."] } });
      const edition = await importEdition(getDb(), await file.text(), actor);
      revalidatePath("/admin");
      return { ok: true, message: "Draf edisi dibuat dari berkas.", result: { slug: edition.slug } };
    }),
  );
}

export async function identityAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  const slug = values.edition ?? "";
  const state = await runFormAction(values, async () => {
    const saved = await updateIdentity(getDb(), await organiser(), slug, values);
    refreshPages(saved.slug);
    return { ok: true, message: "Identitas edisi disimpan.", result: { slug: saved.slug } };
  });
  // A new slug is a new address: open it there.
  if (state.ok && state.result?.slug && state.result.slug !== slug) redirect(settingsPath(state.result.slug));
  return state;
}

export const datesAction = section(async (values, slug) => {
  await updateDates(getDb(), await organiser(), slug, values);
  return "Tanggal disimpan.";
});

export const categoriesAction = section(async (values, slug) => {
  await updateCategories(getDb(), await organiser(), slug, values);
  return "Kategori disimpan.";
});

export const rubricAction = section(async (values, slug) => {
  await updateRubric(getDb(), await organiser(), slug, values);
  return "Rubrik disimpan.";
});

export const judgingAction = section(async (values, slug) => {
  await updateJudgingSettings(getDb(), await organiser(), slug, values);
  return "Pengaturan penjurian disimpan.";
});

export const statusAction = section(async (values, slug) => {
  const { to } = await changeEditionStatus(getDb(), await organiser(), slug, values);
  return to === "pendaftaran" ? "Pendaftaran film dibuka." : to === "penjurian" ? "Penjurian dimulai." : "Edisi kembali menjadi draf.";
});

export const extendEditionAction = section(async (values, slug) => {
  const { mailed } = await extendEditionDeadline(getDb(), await organiser(), slug, values);
  return `Batas pendaftaran diperpanjang; ${mailed} anggota KIM diberi tahu lewat email.`;
});

export const extendKimAction = section(async (values, slug) => {
  const { kimName, mailed } = await extendKimDeadline(getDb(), await organiser(), slug, values);
  return `Batas untuk ${kimName} diperpanjang; ${mailed} anggota KIM itu diberi tahu lewat email.`;
});

type RulesState = FormState & { impact?: RuleImpact };

/**
 * Rules: a tightening that affects entries answers with them first (and keeps what was typed);
 * the form then asks for "Saya mengerti" and the second post saves.
 */
export async function rulesAction(_prev: FormState, formData: FormData): Promise<RulesState> {
  const values = formValues(formData);
  const slug = values.edition ?? "";
  let impact: RuleImpact | undefined;
  const state: RulesState = await runFormAction(values, async () => {
    const result = await updateRules(getDb(), await organiser(), slug, values);
    if (!result.saved) {
      impact = result.impact;
      // The second post must tick "Saya mengerti" itself.
      const typed = { ...values };
      delete typed.confirm;
      return { message: `Perubahan ini memengaruhi ${result.impact.entries.length + result.impact.overLimit.length} pendaftaran. Periksa daftarnya, centang "Saya mengerti", lalu simpan lagi.`, values: typed };
    }
    refreshPages(slug);
    const changed = result.impact.entries.length;
    return { ok: true, message: changed ? `Aturan disimpan; ${changed} film berubah status (tercatat di log audit).` : "Aturan disimpan." };
  });
  if (!impact) return state;
  const locale = toLocale(await getLocale().catch(() => "id"));
  const entries = impact.entries.map((e) => ({ ...e, problems: e.problems.map((p) => translateMessage(p, locale)) }));
  return { ...state, impact: { ...impact, entries } };
}
