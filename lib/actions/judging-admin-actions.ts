"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/lib/db/client";
import { cancelFinalRound, startFinalRound } from "@/lib/judging/final-round";
import { addAssignmentByHand, confirmAssignment, removeAssignmentByHand, setJudgingClose } from "@/lib/judging/assignment-plan";
import { judgeDropsOut, remindJudges } from "@/lib/judging/progress";
import { unlockSheet } from "@/lib/judging/score-sheet";
import { decideScreening } from "@/lib/judging/screening";
import { editionFormAction, organiser } from "./edition-form-action";

// The organiser's judging actions. Each checks the session itself; the domain
// functions check the edition is in the organiser's region and the hard rules.

const action = editionFormAction;

export const confirmAssignmentAction = action(async (_v, slug) => {
  const r = await confirmAssignment(getDb(), await organiser(), slug);
  return `Penugasan disimpan: ${r.added} ditambah, ${r.removed} dilepas${r.unfilled.length ? `, ${r.unfilled.length} film masih kurang juri` : ""}.`;
});

export const addPairAction = action(async (values, slug) => {
  await addAssignmentByHand(getDb(), await organiser(), slug, values);
  return "Juri ditambahkan ke film.";
});

export const removePairAction = action(async (values, slug) => {
  await removeAssignmentByHand(getDb(), await organiser(), slug, values);
  return "Film dilepas dari juri.";
});

export const unlockSheetAction = action(async (values) => {
  await unlockSheet(getDb(), await organiser(), values);
  return "Lembar nilai dibuka; alasan dicatat di log audit.";
});

export const remindJudgesAction = action(async (_v, slug) => {
  const { reminded } = await remindJudges(getDb(), await organiser(), slug);
  return reminded ? `Pengingat dikirim ke ${reminded} juri.` : "Semua juri sudah mengirim nilainya.";
});

export const dropJudgeAction = action(async (values, slug) => {
  const r = await judgeDropsOut(getDb(), await organiser(), slug, values.judgeId ?? "");
  return `Juri dilepas dari festival; ${r.added} penugasan pengganti dibuat${r.unfilled.length ? `, ${r.unfilled.length} film masih kurang juri` : ""}.`;
});

export const setJudgingCloseAction = action(async (values, slug) => {
  await setJudgingClose(getDb(), await organiser(), slug, values);
  return "Waktu penutupan penilaian disimpan.";
});

export const screeningAction = action(async (values, slug) => {
  await decideScreening(getDb(), await organiser(), slug, values);
  revalidatePath(`/admin/festival/${slug}/film`);
  return values.eligible === "ya" ? "Film lolos kurasi." : "Film tidak lolos kurasi; alasan ditampilkan ke KIM.";
});




export const startFinalRoundAction = action(async (values, slug) => {
  const r = await startFinalRound(getDb(), await organiser(), slug, values);
  return `Babak final dimulai: ${r.nominees} nominasi, ${r.added} penugasan juri${r.unfilled.length ? `, ${r.unfilled.length} film masih kurang juri` : ""}.`;
});

export const cancelFinalRoundAction = action(async (values, slug) => {
  await cancelFinalRound(getDb(), await organiser(), slug, values);
  return "Babak final dibatalkan; babak penilaian dibuka kembali.";
});


