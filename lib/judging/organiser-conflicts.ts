import { and, asc, eq, isNotNull } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/authenticate";
import type { Db, DbLike } from "@/lib/db/client";
import { conflictDeclarations, editionJudges, editions, films, kimGroups, users } from "@/lib/db/schema";
import { AppError, notFound } from "@/lib/errors";
import { organiserEdition, recordConflict } from "./assignment-plan";
import { plainText } from "@/lib/text/sanitise";

// Conflicts of interest the organiser enters (a judge's relative made the film, a judge
// trained the KIM...). They are the same record as a judge's own declaration, with
// declared_by set, and recordConflict gives them the same hard consequences: the assignment
// never pairs them, and an existing pair is closed. The organiser may take back a conflict
// an organiser entered, never one a judge declared.

const sealed = (status: (typeof editions.$inferSelect)["status"]) => status === "disegel" || status === "diumumkan";

/** The edition's conflicts with who entered them; film codes and titles with the KIM (organisers only). */
export async function listEditionConflicts(db: DbLike, editionId: string) {
  const judge = alias(users, "judge");
  const declarer = alias(users, "declarer");
  return db
    .select({
      id: conflictDeclarations.id,
      reason: conflictDeclarations.reason,
      createdAt: conflictDeclarations.createdAt,
      declaredBy: conflictDeclarations.declaredBy,
      declarerName: declarer.name,
      judgeId: conflictDeclarations.judgeId,
      judgeName: judge.name,
      filmId: films.id,
      filmCode: films.code,
      filmTitle: films.title,
      kimName: kimGroups.name,
    })
    .from(conflictDeclarations)
    .innerJoin(films, eq(films.id, conflictDeclarations.filmId))
    .innerJoin(kimGroups, eq(kimGroups.id, films.kimId))
    .innerJoin(judge, eq(judge.id, conflictDeclarations.judgeId))
    .leftJoin(declarer, eq(declarer.id, conflictDeclarations.declaredBy))
    .where(eq(films.editionId, editionId))
    .orderBy(asc(judge.name), asc(films.code));
}

export const organiserConflictSchema = z.object({
  judgeId: z.uuid("Pilih juri."),
  filmId: z.uuid("Pilih film."),
  reason: plainText().trim().min(5, "Tulis alasan konflik (minimal 5 karakter).").max(500, "Alasan paling panjang 500 karakter."),
});

/**
 * The organiser records that a judge of the edition must not score a film of the edition.
 * An active assignment of the pair is closed with the reason (a sheet already sent no longer
 * counts) and another judge takes the film while judging is on.
 */
export async function addOrganiserConflict(db: Db, actor: SessionUser, slug: string, input: unknown, now = new Date()) {
  const edition = await organiserEdition(db, actor, slug);
  const data = organiserConflictSchema.parse(input);
  if (sealed(edition.status)) throw new AppError("conflict", { userMessage: "Hasil sudah disegel. Buka segel dulu (dengan alasan) sebelum mengubah konflik kepentingan." });
  const [[film], [member], [existing]] = await Promise.all([
    db.select({ id: films.id }).from(films).where(and(eq(films.id, data.filmId), eq(films.editionId, edition.id))),
    db.select({ userId: editionJudges.userId }).from(editionJudges).where(and(eq(editionJudges.editionId, edition.id), eq(editionJudges.userId, data.judgeId))),
    db.select({ id: conflictDeclarations.id }).from(conflictDeclarations).where(and(eq(conflictDeclarations.filmId, data.filmId), eq(conflictDeclarations.judgeId, data.judgeId))),
  ]);
  if (!member) throw new AppError("invalid", { userMessage: "Periksa juri dan film yang dipilih.", fieldErrors: { judgeId: ["Pilih juri dari festival ini."] } });
  if (!film) throw new AppError("invalid", { userMessage: "Periksa juri dan film yang dipilih.", fieldErrors: { filmId: ["Pilih film dari festival ini."] } });
  const duplicate = new AppError("conflict", { userMessage: "Konflik antara juri ini dan film ini sudah tercatat." });
  if (existing) throw duplicate;
  const result = await recordConflict(db, edition, { ...data, declaredBy: actor.id }, actor.id, `konflik kepentingan (dicatat panitia): ${data.reason}`, now);
  if (!result.recorded) throw duplicate;
  return { released: result.released, added: result.refill?.added ?? 0, unfilled: result.refill?.unfilled ?? [] };
}

export const removeConflictSchema = z.object({ conflictId: z.uuid("Konflik tidak dikenal.") });

/**
 * Takes back a conflict an organiser entered (audited with what it said). A judge's own
 * declaration stays: only the judge knows it, and it protected their scoring. The pair is
 * not assigned again here; the next saved assignment may pair them.
 */
export async function removeOrganiserConflict(db: Db, actor: SessionUser, slug: string, input: unknown) {
  const edition = await organiserEdition(db, actor, slug);
  const { conflictId } = removeConflictSchema.parse(input);
  const [row] = await db
    .select({ conflict: conflictDeclarations })
    .from(conflictDeclarations)
    .innerJoin(films, eq(films.id, conflictDeclarations.filmId))
    .where(and(eq(conflictDeclarations.id, conflictId), eq(films.editionId, edition.id)));
  if (!row) throw notFound();
  if (row.conflict.declaredBy === null) {
    throw new AppError("forbidden", { userMessage: "Konflik yang dinyatakan juri sendiri tidak bisa dihapus panitia." });
  }
  if (sealed(edition.status)) throw new AppError("conflict", { userMessage: "Hasil sudah disegel. Buka segel dulu (dengan alasan) sebelum mengubah konflik kepentingan." });
  const [removed] = await db
    .delete(conflictDeclarations)
    .where(and(eq(conflictDeclarations.id, conflictId), isNotNull(conflictDeclarations.declaredBy)))
    .returning();
  if (!removed) throw notFound();
  await recordAudit(db, {
    actorId: actor.id,
    action: "conflict.remove",
    entityType: "film",
    entityId: removed.filmId,
    editionId: edition.id,
    data: { judgeId: removed.judgeId, reason: removed.reason, declaredBy: removed.declaredBy },
  });
}
