"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { awardFavorit, saveFavoritPhase, voidVotes } from "@/lib/favorit/admin";
import { organiser, refreshPublicPages } from "./edition-form-action";
import { formValues, runFormAction, type FormState } from "./form-state";

// The organiser's favorit forms (/admin/festival/{slug}/favorit); lists (nominees, votes) come
// as repeated fields, so these read FormData themselves. Each checks the session first.

const ids = (formData: FormData, name: string) => formData.getAll(name).filter((v): v is string => typeof v === "string" && v !== "").flatMap((v) => v.split(","));

function favoritAction(run: (values: Record<string, string>, formData: FormData, slug: string) => Promise<string>) {
  return async (_prev: FormState, formData: FormData): Promise<FormState> => {
    const values = formValues(formData);
    const slug = values.slug ?? "";
    return runFormAction(values, async () => {
      const message = await run(values, formData, slug);
      revalidatePath(`/admin/festival/${slug}`, "layout");
      refreshPublicPages();
      return { ok: true, message };
    });
  };
}

export const saveFavoritPhaseAction = favoritAction(async (values, formData, slug) => {
  const actor = await organiser();
  const saved = await saveFavoritPhase(getDb(), actor, slug, { nominees: ids(formData, "nominees"), opensAt: values.opensAt ?? "", closesAt: values.closesAt ?? "" });
  return `Pemilihan Film Terfavorit tersimpan dengan ${saved.nominees} nominasi.`;
});

export const voidVotesAction = favoritAction(async (values, formData, slug) => {
  const actor = await organiser();
  const { count } = await voidVotes(getDb(), actor, slug, { voteIds: ids(formData, "voteIds"), reason: values.reason ?? "" });
  return `${count} suara dibatalkan.`;
});

export const awardFavoritAction = favoritAction(async (values, _formData, slug) => {
  const actor = await organiser();
  if (values.confirm !== "ya") throw new AppError("invalid", { userMessage: "Centang konfirmasi dulu.", fieldErrors: { confirm: ["Centang pernyataan ini untuk melanjutkan."] } });
  const { awards } = await awardFavorit(getDb(), actor, slug);
  return awards.length > 0 ? `Film Terfavorit ditetapkan: ${awards.length} penghargaan.` : "Tidak ada suara sah; tidak ada penghargaan.";
});
