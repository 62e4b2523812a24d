import { and, asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/authenticate";
import type { Db } from "@/lib/db/client";
import { categories, films } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { organiserEdition } from "@/lib/judging/assignment-plan";
import { categoryNameSchema, fieldProblems, formNumber, formText, rules, texts } from "./edition-schemas";
import { formRows, parseRows, type ParsedRow } from "./form-rows";
import { isSealed } from "./update-edition";

/**
 * An edition's categories with their own placements (blank: the edition's default). A category
 * that films were entered in stays: the organiser moves those films first (they are named).
 */

const placementOrDefault = z.preprocess((v) => (v === "" ? undefined : v), formNumber({ message: "Tulis jumlah dengan angka." }, rules.placements).optional()).transform((v) => v ?? null);

export const categoryRowSchema = z.object({
  name: categoryNameSchema,
  description: formText(texts.categoryDescription),
  juara: placementOrDefault,
  harapan: placementOrDefault,
});

type CategoryRow = z.output<typeof categoryRowSchema>;
const blank = (row: Record<string, string>) => !row.name?.trim() && !row.description?.trim();

export async function updateCategories(db: Db, actor: SessionUser, slug: string, input: unknown): Promise<void> {
  const edition = await organiserEdition(db, actor, slug);
  if (isSealed(edition)) throw new AppError("conflict", { userMessage: "Hasil sudah disegel: kategori tidak bisa diubah lagi." });
  // Two rows may not share a name: the name is what films and documents show.
  const rows = parseRows(formRows(input), categoryRowSchema, blank, { message: "Nama kategori ini sudah dipakai di baris lain." });
  const current = await db.select().from(categories).where(eq(categories.editionId, edition.id)).orderBy(asc(categories.position));
  const known = new Set(current.map((c) => c.id));
  const errors: Record<string, string[]> = {};
  for (const row of rows) if (row.id && !known.has(row.id)) errors[`rows.${row.index}.name`] = ["Baris ini sudah tidak ada; muat ulang halaman."];
  const removed = rows.filter((r) => r.remove && r.id);
  if (removed.length) {
    const used = await db
      .select({ categoryId: films.categoryId, code: films.code, title: films.title })
      .from(films)
      .where(and(eq(films.editionId, edition.id), inArray(films.categoryId, removed.map((r) => r.id!))))
      .orderBy(films.code);
    for (const row of removed) {
      const list = used.filter((f) => f.categoryId === row.id).map((f) => `${f.code} (${f.title})`);
      if (list.length) errors[`rows.${row.index}.delete`] = [`Kategori ini masih dipakai film ${list.join(", ")}. Pindahkan film itu ke kategori lain dulu.`];
    }
  }
  if (Object.keys(errors).length) throw fieldProblems(errors);

  const kept = rows.filter((r): r is ParsedRow<CategoryRow> & { values: CategoryRow } => r.values !== null).sort((a, b) => a.position - b.position || a.index - b.index);
  await db.transaction(async (tx) => {
    if (removed.length) await tx.delete(categories).where(and(eq(categories.editionId, edition.id), inArray(categories.id, removed.map((r) => r.id!))));
    for (const [position, row] of kept.entries()) {
      const values = { ...row.values, position };
      if (row.id) await tx.update(categories).set(values).where(and(eq(categories.id, row.id), eq(categories.editionId, edition.id)));
      else await tx.insert(categories).values({ ...values, editionId: edition.id });
    }
    const after = await tx.select().from(categories).where(eq(categories.editionId, edition.id)).orderBy(asc(categories.position));
    const show = (list: typeof current) => list.map((c) => ({ name: c.name, description: c.description, juara: c.juara, harapan: c.harapan }));
    await recordAudit(tx, { actorId: actor.id, action: "edition.update", entityType: "edition", entityId: edition.id, data: { section: "categories", before: show(current), after: show(after) } });
  });
}
