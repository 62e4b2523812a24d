import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/authenticate";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { organiserEdition } from "@/lib/judging/assignment-plan";
import { assertSlugFree, chooseSlug, insertOrSlugTaken, requireOrganiser } from "./create-edition";
import { createFromFile, editionToFile } from "./edition-format";
import { checkDateOrder, formNumber, formWibDate, invalid, rules, titleSchema } from "./edition-schemas";

/**
 * "Duplikat dari edisi sebelumnya": next year's festival starts as a draft holding every
 * setting of an earlier one (rules, judging, categories with their placements, rubric,
 * tie-break order, document settings) with a new title, slug, year and dates. It goes through
 * the edition file (edition-format.ts), so a duplicate and an export → import are the same copy.
 * The letterhead logo is a stored file and is not copied: upload it again on the documents page.
 */

export const duplicateEditionSchema = z
  .object({
    sourceSlug: z.string({ message: "Pilih edisi sumber." }).trim().min(1, { message: "Pilih edisi sumber." }),
    title: titleSchema,
    slug: z.string().optional(),
    year: formNumber({ message: "Tulis tahun dengan angka." }, rules.year),
    submissionOpensAt: formWibDate,
    submissionClosesAt: formWibDate,
    judgingClosesAt: formWibDate,
    announceAt: formWibDate,
  })
  .superRefine((values, ctx) => checkDateOrder(values, ctx));

export async function duplicateEdition(db: Db, actor: SessionUser, input: unknown): Promise<{ id: string; slug: string }> {
  requireOrganiser(actor);
  const values = duplicateEditionSchema.parse(input);
  const source = await organiserEdition(db, actor, values.sourceSlug).catch((error: unknown) => {
    if (error instanceof AppError) throw invalid("sourceSlug", "Pilih edisi sumber dari daftar.");
    throw error;
  });
  const slug = chooseSlug(values.slug, values.title);
  await assertSlugFree(db, slug);
  const { submissionOpensAt, submissionClosesAt, judgingClosesAt, announceAt } = values;
  const file = { ...(await editionToFile(db, source)), slug, title: values.title, year: values.year, dates: { submissionOpensAt, submissionClosesAt, judgingClosesAt, announceAt } };
  const edition = await insertOrSlugTaken(slug, () => createFromFile(db, file, actor.id));
  await recordAudit(db, { actorId: actor.id, action: "edition.duplicate", entityType: "edition", entityId: edition.id, data: { from: source.id, fromSlug: source.slug, slug, title: values.title } });
  return { id: edition.id, slug: edition.slug };
}
