import { eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/authenticate";
import type { Db } from "@/lib/db/client";
import { editions, type EditionIntake } from "@/lib/db/schema";
import { formNumber } from "@/lib/editions/edition-schemas";
import { AppError } from "@/lib/errors";
import { organiserEdition } from "@/lib/judging/assignment-plan";
import { MAX_QUOTA, editionIntake, intakeModes, quotaKinds } from "./rules";

/** The intake section of a provincial edition's settings (docs/decisions/0035). */
export const intakeFormSchema = z.object({
  mode: z.enum(intakeModes, "Pilih cara festival menerima film."),
  quotaKind: z.enum(quotaKinds, "Pilih jenis kuota."),
  quotaPerRegency: formNumber({ message: "Tulis kuota per kabupaten/kota dengan angka." }, (n) =>
    n.int({ message: "Kuota berupa bilangan bulat." }).min(1, { message: "Kuota paling sedikit 1 film." }).max(MAX_QUOTA, { message: `Kuota paling banyak ${MAX_QUOTA} film.` }),
  ),
});

/** Saves how a provincial edition takes films; until its results are sealed. Direct-only is stored as null. */
export async function updateIntake(db: Db, actor: SessionUser, slug: string, input: unknown): Promise<void> {
  const edition = await organiserEdition(db, actor, slug);
  if (edition.level !== "provinsi") throw new AppError("conflict", { userMessage: "Nominasi hanya untuk festival tingkat provinsi." });
  if (edition.status === "disegel" || edition.status === "diumumkan") throw new AppError("conflict", { userMessage: "Hasil sudah disegel: cara penerimaan film tidak bisa diubah lagi." });
  const values = intakeFormSchema.parse(input);
  const intake: EditionIntake | null = values.mode === "langsung" ? null : values;
  await db.update(editions).set({ intake }).where(eq(editions.id, edition.id));
  await recordAudit(db, { actorId: actor.id, action: "edition.update", entityType: "edition", entityId: edition.id, data: { section: "intake", before: editionIntake(edition.intake), after: editionIntake(intake) } });
}
