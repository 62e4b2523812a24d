import { eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { editions, rubricCriteria, type EditionSettings } from "@/lib/db/schema";
import type { SessionUser } from "@/lib/auth/authenticate";
import { AppError } from "@/lib/errors";
import { editionSettings } from "@/lib/editions/defaults";
import { fieldProblems, formCheckbox, formNumber, rules } from "@/lib/editions/edition-schemas";
import { organiserEdition } from "./assignment-plan";

const optionalNumber = (schema: ReturnType<typeof formNumber>) => schema.optional();

export const judgingSettingsSchema = z.object({
  judgesPerFilm: formNumber({ message: "Isi jumlah juri per film." }, rules.judgesPerFilm),
  assignmentMode: z.enum(["k", "all"], { message: "Pilih cara penugasan." }),
  rankingMethod: z.enum(["mean", "zscore"], { message: "Pilih metode peringkat." }),
  showOtherJudgesScores: formCheckbox,
  showJuryCommentsToKim: formCheckbox,
  // The settings page sends these too; the penjurian page's short form does not (then they stay).
  juara: optionalNumber(formNumber({ message: "Tulis jumlah Juara dengan angka." }, rules.placements)),
  harapan: optionalNumber(formNumber({ message: "Tulis jumlah Juara Harapan dengan angka." }, rules.placements)),
  screeningRound: z.enum(["ya", "tidak"], { message: "Pilih apakah kurasi wajib." }).optional(),
  "tieBreak.0": z.string().optional(),
  "tieBreak.1": z.string().optional(),
  "tieBreak.2": z.string().optional(),
});

/**
 * The judging options of an edition (the settings page's Penjurian section, and the short form
 * on the penjurian page). How films are assigned, ranked and placed, and the tie-break order,
 * can change until the results are sealed; who may read scores and comments can change any time
 * (it only ever applies once a round is closed or results are published).
 */
export async function updateJudgingSettings(db: Db, actor: SessionUser, slug: string, input: unknown) {
  const edition = await organiserEdition(db, actor, slug);
  const values = judgingSettingsSchema.parse(input);
  const current = editionSettings(edition.settings);
  const tieBreak = await readTieBreak(db, edition.id, values, current.tieBreak ?? []);
  const settings: EditionSettings = {
    ...current,
    judgesPerFilm: values.judgesPerFilm,
    assignmentMode: values.assignmentMode,
    rankingMethod: values.rankingMethod,
    showOtherJudgesScores: values.showOtherJudgesScores,
    showJuryCommentsToKim: values.showJuryCommentsToKim,
    placements: { juara: values.juara ?? current.placements.juara, harapan: values.harapan ?? current.placements.harapan },
    screeningRound: values.screeningRound === undefined ? current.screeningRound : values.screeningRound === "ya",
    tieBreak,
  };
  const sealed = edition.status === "disegel" || edition.status === "diumumkan";
  const changesJudging = settings.judgesPerFilm !== current.judgesPerFilm || settings.assignmentMode !== current.assignmentMode || settings.rankingMethod !== current.rankingMethod;
  if (sealed && changesJudging) {
    throw new AppError("conflict", { userMessage: "Hasil sudah disegel: cara penugasan dan metode peringkat tidak bisa diubah lagi." });
  }
  const changesResults =
    settings.placements.juara !== current.placements.juara ||
    settings.placements.harapan !== current.placements.harapan ||
    settings.screeningRound !== current.screeningRound ||
    settings.tieBreak!.join() !== (current.tieBreak ?? []).join();
  if (sealed && changesResults) {
    throw new AppError("conflict", { userMessage: "Hasil sudah disegel: jumlah juara, kurasi, dan penentu seri tidak bisa diubah lagi." });
  }
  await db.update(editions).set({ settings }).where(eq(editions.id, edition.id));
  await recordAudit(db, { actorId: actor.id, action: "edition.update", entityType: "edition", entityId: edition.id, data: { section: "judging", before: current, after: settings } });
  return settings;
}

/** The tie-break order from up to three ordered selects: criteria of this edition, each once. */
async function readTieBreak(db: Db, editionId: string, values: z.output<typeof judgingSettingsSchema>, current: string[]): Promise<string[]> {
  const picked = [values["tieBreak.0"], values["tieBreak.1"], values["tieBreak.2"]];
  if (picked.every((v) => v === undefined)) return current;
  const criteria = new Set((await db.select({ id: rubricCriteria.id }).from(rubricCriteria).where(eq(rubricCriteria.editionId, editionId))).map((c) => c.id));
  const errors: Record<string, string[]> = {};
  const order: string[] = [];
  picked.forEach((id, i) => {
    if (!id) return;
    if (!criteria.has(id)) errors[`tieBreak.${i}`] = ["Pilih kriteria dari daftar."];
    else if (order.includes(id)) errors[`tieBreak.${i}`] = ["Kriteria ini sudah dipilih di urutan sebelumnya."];
    else order.push(id);
  });
  if (Object.keys(errors).length) throw fieldProblems(errors);
  return order;
}
