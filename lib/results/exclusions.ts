import { and, asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db, DbLike } from "@/lib/db/client";
import { films, kimGroups, roundShortlist, screeningDecisions } from "@/lib/db/schema";
import type { SessionUser } from "@/lib/auth/authenticate";
import { AppError, notFound } from "@/lib/errors";
import { organiserEdition } from "@/lib/judging/assignment-plan";
import { activeRound } from "@/lib/judging/rounds";
import { rankedStatuses } from "./ranked";
import { plainText } from "@/lib/text/sanitise";

/**
 * Leaving a film out of the ranking at results time, instead of waiting for a sheet that will
 * not come (a judge who cannot be reached, a film nobody may judge): status `dikecualikan`,
 * the reason in statusReason (its KIM reads it, and the results mail says "tidak diperingkat"),
 * audited. Undone by restoring the status it had before judging: `lolos_kurasi` when it passed
 * a screening, else `diunggah`. Both only while the edition is being judged.
 */

export const excludeSchema = z.object({
  filmId: z.uuid("Pilih film."),
  reason: plainText().trim().min(10, "Tulis alasan film ini tidak diperingkat (minimal 10 karakter); KIM akan membacanya.").max(1000, "Alasan paling panjang 1.000 karakter."),
});

export const restoreSchema = z.object({ filmId: z.uuid("Pilih film.") });

async function judgingEdition(db: Db, actor: SessionUser, slug: string) {
  const edition = await organiserEdition(db, actor, slug);
  if (edition.status !== "penjurian") throw new AppError("conflict", { userMessage: "Film hanya bisa dikecualikan atau dikembalikan selama penjurian, sebelum hasil disegel." });
  return edition;
}

export async function excludeFilm(db: Db, actor: SessionUser, slug: string, input: unknown) {
  const edition = await judgingEdition(db, actor, slug);
  const { filmId, reason } = excludeSchema.parse(input);
  await db.transaction(async (tx) => {
    const round = await activeRound(tx, edition.id);
    // In a final round only its nominees are ranked.
    if (round.kind === "final") {
      const [nominee] = await tx.select().from(roundShortlist).where(and(eq(roundShortlist.roundId, round.id), eq(roundShortlist.filmId, filmId)));
      if (!nominee) throw new AppError("conflict", { userMessage: "Film ini tidak ikut diperingkat di babak ini." });
    }
    const [film] = await tx
      .update(films)
      .set({ status: "dikecualikan", statusReason: reason, updatedAt: new Date() })
      .where(and(eq(films.id, filmId), eq(films.editionId, edition.id), inArray(films.status, [...rankedStatuses])))
      .returning({ id: films.id, status: films.status });
    if (!film) {
      const [exists] = await tx.select({ id: films.id }).from(films).where(and(eq(films.id, filmId), eq(films.editionId, edition.id)));
      if (!exists) throw notFound();
      throw new AppError("conflict", { userMessage: "Film ini tidak ikut diperingkat di babak ini." });
    }
    await recordAudit(tx, { actorId: actor.id, action: "results.exclude", entityType: "film", entityId: filmId, editionId: edition.id, data: { reason } });
  });
}

export async function restoreFilm(db: Db, actor: SessionUser, slug: string, input: unknown) {
  const edition = await judgingEdition(db, actor, slug);
  const { filmId } = restoreSchema.parse(input);
  await db.transaction(async (tx) => {
    const [screened] = await tx.select({ eligible: screeningDecisions.eligible }).from(screeningDecisions).where(eq(screeningDecisions.filmId, filmId));
    const status = screened?.eligible ? "lolos_kurasi" : "diunggah";
    const [film] = await tx
      .update(films)
      .set({ status, statusReason: null, updatedAt: new Date() })
      .where(and(eq(films.id, filmId), eq(films.editionId, edition.id), eq(films.status, "dikecualikan")))
      .returning({ id: films.id });
    if (!film) throw notFound();
    await recordAudit(tx, { actorId: actor.id, action: "results.exclude_undo", entityType: "film", entityId: filmId, editionId: edition.id, data: { status } });
  });
}

/** The edition's excluded films with their reasons, for the results page. The caller checks access. */
export async function listExcludedFilms(db: DbLike, editionId: string) {
  return db
    .select({ id: films.id, code: films.code, title: films.title, kimName: kimGroups.name, reason: films.statusReason })
    .from(films)
    .innerJoin(kimGroups, eq(kimGroups.id, films.kimId))
    .where(and(eq(films.editionId, editionId), eq(films.status, "dikecualikan")))
    .orderBy(asc(films.code));
}
