"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { publishResults, sealResults, unsealResults } from "@/lib/results/edition-results";
import { excludeFilm, restoreFilm } from "@/lib/results/exclusions";
import { recordJuryDecision, revokeJuryDecision } from "@/lib/results/jury-decisions";
import { addSpecialAward, removeSpecialAward } from "@/lib/results/special-awards";
import { editionFormAction, organiser, refreshPublicPages } from "./edition-form-action";

// The organiser's actions on the results page (/admin/festival/{slug}/hasil). Each checks the
// session itself; the domain functions check the edition is in the organiser's region, its
// status, and the rules.

const action = editionFormAction;

const scheduleSchema = z.object({ when: z.string().min(1, "Isi tanggal dan jam pengumuman.") });

/**
 * Irreversible steps ask for a ticked box, checked here (after the session) so a form sent
 * without JavaScript, or without the box, changes nothing.
 */
function requireConfirmation(values: Record<string, string>, refusal: { userMessage: string }) {
  if (values.confirm !== "ya") throw new AppError("invalid", { ...refusal, fieldErrors: { confirm: ["Centang pernyataan ini untuk melanjutkan."] } });
}

export const sealAction = action(async (values, slug) => {
  const actor = await organiser();
  requireConfirmation(values, { userMessage: "Centang konfirmasi dulu: menyegel membekukan nilai dan menetapkan juara." });
  const { placed } = await sealResults(getDb(), actor, slug);
  return `Hasil disegel: ${placed} film mendapat juara.`;
});

export const unsealAction = action(async (values, slug) => {
  const actor = await organiser();
  requireConfirmation(values, { userMessage: "Centang konfirmasi dulu: membuka segel menghapus juara dan piagam yang sudah disiapkan." });
  await unsealResults(getDb(), actor, slug, values);
  return "Segel dibuka; alasan dicatat di log audit.";
});

export const publishNowAction = action(async (values, slug) => {
  const actor = await organiser();
  requireConfirmation(values, { userMessage: "Centang konfirmasi dulu: pengumuman langsung tampil di situs publik dan tidak bisa ditarik." });
  await publishResults(getDb(), actor, slug, { when: "" });
  refreshPublicPages();
  return "Hasil diumumkan.";
});

export const scheduleAction = action(async (values, slug) => {
  const actor = await organiser();
  // An empty time would publish now, which needs its own confirmation.
  const { when } = scheduleSchema.parse(values);
  await publishResults(getDb(), actor, slug, { when });
  refreshPublicPages();
  return "Pengumuman dijadwalkan.";
});

export const juryDecisionAction = action(async (values, slug) => {
  await recordJuryDecision(getDb(), await organiser(), slug, values);
  return "Keputusan juri dicatat dan diterapkan pada peringkat.";
});

export const revokeDecisionAction = action(async (values, slug) => {
  await revokeJuryDecision(getDb(), await organiser(), slug, values);
  return "Keputusan juri dicabut; alasan dicatat di log audit.";
});

export const excludeFilmAction = action(async (values, slug) => {
  await excludeFilm(getDb(), await organiser(), slug, values);
  revalidatePath(`/admin/festival/${slug}/film`);
  return "Film dikecualikan dari peringkat; alasan dicatat dan dapat dibaca KIM.";
});

export const restoreFilmAction = action(async (values, slug) => {
  await restoreFilm(getDb(), await organiser(), slug, values);
  revalidatePath(`/admin/festival/${slug}/film`);
  return "Film dikembalikan ke peringkat.";
});

export const addSpecialAwardAction = action(async (values, slug) => {
  const award = await addSpecialAward(getDb(), await organiser(), slug, values);
  // A published edition's film pages show their awards.
  refreshPublicPages();
  return `Penghargaan "${award.name}" diberikan.`;
});

export const removeSpecialAwardAction = action(async (values, slug) => {
  await removeSpecialAward(getDb(), await organiser(), slug, values);
  refreshPublicPages();
  return "Penghargaan dihapus; alasan dicatat di log audit.";
});
