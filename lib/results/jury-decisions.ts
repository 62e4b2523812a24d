import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db, DbLike } from "@/lib/db/client";
import { films, juryDecisions, users } from "@/lib/db/schema";
import type { SessionUser } from "@/lib/auth/authenticate";
import { AppError, notFound } from "@/lib/errors";
import { organiserEdition } from "@/lib/judging/assignment-plan";
import { computeEditionResults } from "./edition-results";
import { filmLabel } from "./ranked";
import { nameText, plainText } from "@/lib/text/sanitise";

/**
 * The jury's decision on films the ranking leaves tied (after the tie-break criteria): their
 * order, why, and who decided. The organiser records it on the results page for a tie that is
 * open now, in the active round; rankFilms then applies it (computeEditionResults). A decision
 * is revoked with a reason, never deleted, and the Berita Acara prints the ones in force.
 * Both only while the edition is being judged: after the seal the placements are fixed.
 */

const uuidList = z
  .string()
  .transform((value) => value.split(",").map((id) => id.trim()).filter(Boolean))
  .pipe(z.array(z.uuid("Film tidak dikenal.")).min(2, "Keputusan juri menyangkut minimal dua film.").max(50));

export const juryDecisionSchema = z.object({
  filmIds: uuidList,
  reason: plainText().trim().min(10, "Tulis alasan keputusan juri (minimal 10 karakter).").max(2000, "Alasan paling panjang 2.000 karakter."),
  decidedBy: nameText().trim().min(3, "Tulis siapa yang memutuskan, mis. \"Dewan juri: nama-nama juri\".").max(300, "Paling panjang 300 karakter."),
});

export const revokeDecisionSchema = z.object({
  decisionId: z.uuid(),
  reason: plainText().trim().min(10, "Tulis alasan mencabut keputusan (minimal 10 karakter).").max(1000, "Alasan paling panjang 1.000 karakter."),
});

/** The form's field for a film's place in the decided order. */
export const positionField = (filmId: string) => `position_${filmId}`;

async function judgingEdition(db: Db, actor: SessionUser, slug: string) {
  const edition = await organiserEdition(db, actor, slug);
  if (edition.status !== "penjurian") throw new AppError("conflict", { userMessage: "Keputusan juri hanya bisa dicatat atau dicabut selama penjurian, sebelum hasil disegel." });
  return edition;
}

/**
 * The order chosen on the form: each tied film gets a place 1..n, no place twice. Errors are
 * per film, next to its select.
 */
function readOrder(filmIds: string[], input: Record<string, unknown>): string[] {
  const place = new Map<string, number>();
  const errors: Record<string, string[]> = {};
  for (const id of filmIds) {
    const raw = input[positionField(id)];
    const value = typeof raw === "string" && /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!(value >= 1 && value <= filmIds.length)) errors[positionField(id)] = ["Pilih urutan film ini."];
    else if ([...place.values()].includes(value)) errors[positionField(id)] = ["Urutan ini sudah dipakai film lain."];
    else place.set(id, value);
  }
  if (Object.keys(errors).length) throw new AppError("invalid", { userMessage: "Setiap film yang seri harus mendapat urutan sendiri.", fieldErrors: errors });
  return [...filmIds].sort((a, b) => place.get(a)! - place.get(b)!);
}

/** Records the jury's order for a tie that is open now; audited. */
export async function recordJuryDecision(db: Db, actor: SessionUser, slug: string, input: Record<string, unknown>) {
  const edition = await judgingEdition(db, actor, slug);
  const { filmIds, reason, decidedBy } = juryDecisionSchema.parse(input);
  const order = readOrder(filmIds, input);
  return db.transaction(async (tx) => {
    const results = await computeEditionResults(tx, edition);
    const wanted = [...new Set(filmIds)].sort();
    const tie = results.ranking.ties.find((t) => t.filmIds.length === wanted.length && t.filmIds.every((id, i) => id === wanted[i]));
    if (!tie) throw new AppError("conflict", { userMessage: "Film-film ini tidak sedang seri. Muat ulang halaman untuk melihat seri yang tersisa." });
    const [decision] = await tx
      .insert(juryDecisions)
      .values({ editionId: edition.id, roundId: results.round.id, filmIds: wanted, order, reason, decidedBy, recordedBy: actor.id })
      .returning();
    await recordAudit(tx, {
      actorId: actor.id,
      action: "results.jury_decision",
      entityType: "jury_decision",
      entityId: decision.id,
      editionId: edition.id,
      data: { filmIds: wanted, order, reason, decidedBy, position: tie.position, score: tie.score, ...(tie.category && { categoryId: tie.category }) },
    });
    return decision;
  });
}

/** Revokes a decision with a reason: the row stays, the ranking no longer applies it; audited. */
export async function revokeJuryDecision(db: Db, actor: SessionUser, slug: string, input: unknown) {
  const edition = await judgingEdition(db, actor, slug);
  const { decisionId, reason } = revokeDecisionSchema.parse(input);
  await db.transaction(async (tx) => {
    const [revoked] = await tx
      .update(juryDecisions)
      .set({ revokedAt: new Date(), revokedBy: actor.id, revokeReason: reason })
      .where(and(eq(juryDecisions.id, decisionId), eq(juryDecisions.editionId, edition.id), isNull(juryDecisions.revokedAt)))
      .returning();
    if (!revoked) throw notFound();
    await recordAudit(tx, {
      actorId: actor.id,
      action: "results.jury_decision_revoke",
      entityType: "jury_decision",
      entityId: revoked.id,
      editionId: edition.id,
      data: { filmIds: revoked.filmIds, order: revoked.order, reason },
    });
  });
}

/**
 * An edition's decisions, newest first, revoked ones included, with the films named in their
 * decided order and who recorded and revoked them: for the results page and the Berita Acara
 * (which prints those with revokedAt null). The caller checks access.
 */
export async function listJuryDecisions(db: DbLike, editionId: string) {
  const rows = await db.select().from(juryDecisions).where(eq(juryDecisions.editionId, editionId)).orderBy(asc(juryDecisions.createdAt));
  const filmIds = [...new Set(rows.flatMap((r) => r.filmIds))];
  const people = [...new Set(rows.flatMap((r) => [r.recordedBy, r.revokedBy]).filter((id): id is string => !!id))];
  const [filmRows, userRows] = await Promise.all([
    filmIds.length ? db.select({ id: films.id, code: films.code, title: films.title }).from(films).where(and(eq(films.editionId, editionId), inArray(films.id, filmIds))) : [],
    people.length ? db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, people)) : [],
  ]);
  const film = new Map(filmRows.map((f) => [f.id, f]));
  const name = new Map(userRows.map((u) => [u.id, u.name]));
  return rows.reverse().map((r) => ({
    ...r,
    films: r.order.map((id) => ({ id, code: film.get(id)?.code ?? "", title: film.get(id)?.title ?? "", label: film.get(id) ? filmLabel(film.get(id)!) : id })),
    recordedByName: name.get(r.recordedBy) ?? "",
    revokedByName: r.revokedBy ? (name.get(r.revokedBy) ?? "") : null,
  }));
}

export type JuryDecisionView = Awaited<ReturnType<typeof listJuryDecisions>>[number];
