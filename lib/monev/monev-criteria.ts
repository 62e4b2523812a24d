import { and, asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/authenticate";
import type { Db, DbLike } from "@/lib/db/client";
import { monevCriteria } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { criterionNameSchema, fieldProblems, formNumber, formText, texts } from "@/lib/editions/edition-schemas";
import { formRows, parseRows, type ParsedRow } from "@/lib/editions/form-rows";
import { monevClosed, organiserMonev } from "./monev-access";
import { monevHasScores } from "./monev-rounds";

/**
 * A Monev's criteria, edited like an edition's rubric (rows without JavaScript): name,
 * description, maximum score, weight. They lock once any sheet holds a score: a changed
 * maximum or weight would change what the given scores mean.
 */

export async function listMonevCriteria(db: DbLike, monevId: string) {
  const rows = await db.select().from(monevCriteria).where(eq(monevCriteria.monevId, monevId)).orderBy(asc(monevCriteria.position));
  return rows.map((c) => ({ ...c, weight: Number(c.weight) }));
}

const criterionRow = z.object({
  name: criterionNameSchema,
  description: formText(texts.criterionDescription),
  maxScore: formNumber({ message: "Tulis nilai tertinggi dengan angka." }, (n) => n.int({ message: "Nilai tertinggi berupa bilangan bulat." }).min(1, { message: "Nilai tertinggi antara 1 dan 1.000." }).max(1000, { message: "Nilai tertinggi antara 1 dan 1.000." })),
  weight: formNumber({ message: "Tulis bobot dengan angka." }, (n) => n.gt(0, { message: "Bobot harus lebih dari 0." }).max(999, { message: "Bobot paling besar 999." })),
});
type CriterionValues = z.output<typeof criterionRow>;

const locked = () => new AppError("conflict", { userMessage: "Kriteria terkunci karena sudah ada KIM yang dinilai." });
const blank = (row: Record<string, string>) => !row.name?.trim() && !row.description?.trim() && !row.weight?.trim();

export async function updateMonevCriteria(db: Db, actor: SessionUser, monevId: string, input: unknown): Promise<void> {
  const round = await organiserMonev(db, actor, monevId);
  if (round.status === "selesai") throw monevClosed();
  if (await monevHasScores(db, round.id)) throw locked();
  const rows = parseRows(formRows(input), criterionRow, blank, { message: "Nama kriteria ini sudah dipakai di baris lain." });
  const current = await listMonevCriteria(db, round.id);
  const known = new Set(current.map((c) => c.id));
  const errors: Record<string, string[]> = {};
  for (const row of rows) if (row.id && !known.has(row.id)) errors[`rows.${row.index}.name`] = ["Baris ini sudah tidak ada; muat ulang halaman."];
  if (Object.keys(errors).length) throw fieldProblems(errors);
  const removed = rows.filter((r) => r.remove && r.id).map((r) => r.id!);
  const kept = rows.filter((r): r is ParsedRow<CriterionValues> & { values: CriterionValues } => r.values !== null).sort((a, b) => a.position - b.position || a.index - b.index);
  await db.transaction(async (tx) => {
    // Checked again inside the transaction: a sheet may have been scored meanwhile.
    if (await monevHasScores(tx, round.id)) throw locked();
    if (removed.length) await tx.delete(monevCriteria).where(and(eq(monevCriteria.monevId, round.id), inArray(monevCriteria.id, removed)));
    for (const [position, row] of kept.entries()) {
      const values = { name: row.values.name, description: row.values.description, maxScore: row.values.maxScore, weight: String(row.values.weight), position };
      if (row.id) await tx.update(monevCriteria).set(values).where(and(eq(monevCriteria.id, row.id), eq(monevCriteria.monevId, round.id)));
      else await tx.insert(monevCriteria).values({ ...values, monevId: round.id });
    }
    const after = await listMonevCriteria(tx, round.id);
    const show = (list: typeof current) => list.map((c) => ({ name: c.name, maxScore: c.maxScore, weight: c.weight }));
    await recordAudit(tx, { actorId: actor.id, action: "monev.criteria", entityType: "monev", entityId: round.id, data: { before: show(current), after: show(after) } });
  });
}
