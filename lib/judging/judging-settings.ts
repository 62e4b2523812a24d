import { eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { editions, type EditionSettings } from "@/lib/db/schema";
import type { SessionUser } from "@/lib/auth/authenticate";
import { AppError } from "@/lib/errors";
import { defaultSettings } from "@/lib/editions/defaults";
import { organiserEdition } from "./assignment-plan";

// A checkbox sends "on" when ticked and nothing when not.
const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

export const judgingSettingsSchema = z.object({
  judgesPerFilm: z.coerce.number({ message: "Isi jumlah juri per film." }).int("Jumlah juri harus bilangan bulat.").min(1, "Minimal 1 juri per film.").max(15, "Paling banyak 15 juri per film."),
  assignmentMode: z.enum(["k", "all"], { message: "Pilih cara penugasan." }),
  rankingMethod: z.enum(["mean", "zscore"], { message: "Pilih metode peringkat." }),
  showOtherJudgesScores: checkbox,
  showJuryCommentsToKim: checkbox,
});

/**
 * The judging options of an edition. How films are assigned and ranked can change
 * until the results are sealed; who may read scores and comments can change any
 * time (it only ever applies once a round is closed or results are published).
 */
export async function updateJudgingSettings(db: Db, actor: SessionUser, slug: string, input: unknown) {
  const edition = await organiserEdition(db, actor, slug);
  const values = judgingSettingsSchema.parse(input);
  const current: EditionSettings = { ...defaultSettings, ...edition.settings };
  const sealed = edition.status === "disegel" || edition.status === "diumumkan";
  const changesJudging = values.judgesPerFilm !== current.judgesPerFilm || values.assignmentMode !== current.assignmentMode || values.rankingMethod !== current.rankingMethod;
  if (sealed && changesJudging) {
    throw new AppError("conflict", { userMessage: "Hasil sudah disegel: cara penugasan dan metode peringkat tidak bisa diubah lagi." });
  }
  const settings: EditionSettings = { ...current, ...values };
  await db.update(editions).set({ settings }).where(eq(editions.id, edition.id));
  await recordAudit(db, { actorId: actor.id, action: "edition.judging_settings", entityType: "edition", entityId: edition.id, data: { before: current, after: settings } });
  return settings;
}
