import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/authenticate";
import type { Db, DbLike } from "@/lib/db/client";
import { editions, judgeAssignments, judgingRounds, rubricCriteria, scoreSheets } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { formatWib } from "@/lib/format/dates";
import { organiserEdition } from "@/lib/judging/assignment-plan";
import { editionSettings } from "./defaults";
import { criterionNameSchema, fieldProblems, formNumber, formText, rules, texts } from "./edition-schemas";
import { formRows, parseRows, type ParsedRow } from "./form-rows";

/**
 * The rubric: criteria with a description, a weight and a score range. It locks once the first
 * score sheet of the edition exists (a judge has started scoring against it): changing a weight
 * or a range then would change what submitted scores mean.
 */

/** When judges started scoring this edition (its first score sheet), or null while none has. */
export async function rubricLockedAt(db: DbLike, editionId: string): Promise<Date | null> {
  const [row] = await db
    .select({ at: sql<string | Date | null>`min(least(${scoreSheets.updatedAt}, coalesce(${scoreSheets.submittedAt}, ${scoreSheets.updatedAt})))` })
    .from(scoreSheets)
    .innerJoin(judgeAssignments, eq(judgeAssignments.id, scoreSheets.assignmentId))
    .innerJoin(judgingRounds, eq(judgingRounds.id, judgeAssignments.roundId))
    .where(eq(judgingRounds.editionId, editionId));
  return row?.at ? new Date(row.at) : null;
}

const rubricLocked = (at: Date) => new AppError("conflict", { userMessage: `Rubrik terkunci karena juri sudah mulai menilai pada ${formatWib(at)}.` });

export const criterionRowSchema = z
  .object({
    name: criterionNameSchema,
    description: formText(texts.criterionDescription),
    weight: formNumber({ message: "Tulis bobot dengan angka." }, rules.weight),
    minScore: formNumber({ message: "Tulis nilai terendah dengan angka." }, rules.minScore),
    maxScore: formNumber({ message: "Tulis nilai tertinggi dengan angka." }, rules.maxScore),
  })
  .superRefine((row, ctx) => {
    if (row.minScore >= row.maxScore) ctx.addIssue({ code: "custom", path: ["maxScore"], message: "Nilai tertinggi harus lebih besar dari nilai terendah." });
  });

type CriterionRow = z.output<typeof criterionRowSchema>;
const blank = (row: Record<string, string>) => !row.name?.trim() && !row.description?.trim() && !row.weight?.trim();

export async function updateRubric(db: Db, actor: SessionUser, slug: string, input: unknown): Promise<void> {
  const edition = await organiserEdition(db, actor, slug);
  const lockedAt = await rubricLockedAt(db, edition.id);
  if (lockedAt) throw rubricLocked(lockedAt);
  const rows = parseRows(formRows(input), criterionRowSchema, blank, { message: "Nama kriteria ini sudah dipakai di baris lain." });
  const current = await db.select().from(rubricCriteria).where(eq(rubricCriteria.editionId, edition.id)).orderBy(asc(rubricCriteria.position));
  const known = new Set(current.map((c) => c.id));
  const errors: Record<string, string[]> = {};
  for (const row of rows) if (row.id && !known.has(row.id)) errors[`rows.${row.index}.name`] = ["Baris ini sudah tidak ada; muat ulang halaman."];
  if (Object.keys(errors).length) throw fieldProblems(errors);

  const removed = rows.filter((r) => r.remove && r.id).map((r) => r.id!);
  const kept = rows.filter((r): r is ParsedRow<CriterionRow> & { values: CriterionRow } => r.values !== null).sort((a, b) => a.position - b.position || a.index - b.index);
  await db.transaction(async (tx) => {
    // Checked again inside the transaction: a judge may have opened a sheet meanwhile.
    const lockedNow = await rubricLockedAt(tx, edition.id);
    if (lockedNow) throw rubricLocked(lockedNow);
    if (removed.length) await tx.delete(rubricCriteria).where(and(eq(rubricCriteria.editionId, edition.id), inArray(rubricCriteria.id, removed)));
    for (const [position, row] of kept.entries()) {
      const values = { ...row.values, position };
      if (row.id) await tx.update(rubricCriteria).set(values).where(and(eq(rubricCriteria.id, row.id), eq(rubricCriteria.editionId, edition.id)));
      else await tx.insert(rubricCriteria).values({ ...values, editionId: edition.id });
    }
    // A removed criterion no longer breaks ties.
    const settings = editionSettings(edition.settings);
    if (removed.length && settings.tieBreak?.some((id) => removed.includes(id))) {
      await tx.update(editions).set({ settings: { ...settings, tieBreak: settings.tieBreak.filter((id) => !removed.includes(id)) } }).where(eq(editions.id, edition.id));
    }
    const after = await tx.select().from(rubricCriteria).where(eq(rubricCriteria.editionId, edition.id)).orderBy(asc(rubricCriteria.position));
    const show = (list: typeof current) => list.map((c) => ({ name: c.name, description: c.description, weight: c.weight, minScore: c.minScore, maxScore: c.maxScore }));
    await recordAudit(tx, { actorId: actor.id, action: "edition.update", entityType: "edition", entityId: edition.id, data: { section: "rubric", before: show(current), after: show(after) } });
  });
}
