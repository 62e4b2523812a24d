import { and, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db, DbLike } from "@/lib/db/client";
import { conflictDeclarations, editionJudges, editions, films, judgeAssignments, judgingRounds, kimGroups, regions, roundShortlist, screeningDecisions, users } from "@/lib/db/schema";
import type { SessionUser } from "@/lib/auth/authenticate";
import { organiserCovers } from "@/lib/auth/scope";
import { editionSettings } from "@/lib/editions/defaults";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { assignJudges, type AssignInput, type AssignResult } from "./assign";
import { activeRound } from "./rounds";
import { plainText } from "@/lib/text/sanitise";

/** Film statuses that take part in the scoring round. */
const judgeable = ["diunggah", "lolos_kurasi", "dinilai"] as const;

export async function organiserEdition(db: DbLike, actor: SessionUser, slug: string) {
  if (actor.role !== "organiser" || actor.status !== "active") throw forbidden();
  const [edition] = await db.select().from(editions).where(eq(editions.slug, slug));
  if (!edition || !organiserCovers(actor, edition.regionCode) || edition.isHistorical) throw notFound();
  return edition;
}

type Round = Pick<typeof judgingRounds.$inferSelect, "id" | "kind">;

/** The films a round scores: the nominees in a final round; else the uploaded (or, with screening, eligible) films. */
async function roundFilms(db: DbLike, edition: typeof editions.$inferSelect, round: Round) {
  if (round.kind === "final") {
    return db
      .select({ id: films.id, regency: kimGroups.regencyCode, category: films.categoryId })
      .from(roundShortlist)
      .innerJoin(films, eq(films.id, roundShortlist.filmId))
      .innerJoin(kimGroups, eq(kimGroups.id, films.kimId))
      .where(eq(roundShortlist.roundId, round.id));
  }
  const screening = editionSettings(edition.settings).screeningRound;
  const filmRows = await db
    .select({ id: films.id, regency: kimGroups.regencyCode, category: films.categoryId, status: films.status, eligible: screeningDecisions.eligible })
    .from(films)
    .innerJoin(kimGroups, eq(kimGroups.id, films.kimId))
    .leftJoin(screeningDecisions, eq(screeningDecisions.filmId, films.id))
    .where(and(eq(films.editionId, edition.id), inArray(films.status, [...judgeable])));
  // With a screening round, only films marked eligible are scored.
  return filmRows.filter((f) => !screening || f.eligible === true);
}

/**
 * Everything assignJudges needs, read from the database for one round. A final
 * round is scored by every eligible judge ("all"): the whole jury sees every nominee.
 */
export async function loadAssignInput(db: DbLike, edition: typeof editions.$inferSelect, round: Round): Promise<AssignInput> {
  const eligibleFilms = await roundFilms(db, edition, round);
  const roundId = round.id;
  const judgeRows = await db
    .select({ id: users.id, regency: users.regionCode, categories: editionJudges.categories, cap: editionJudges.cap })
    .from(editionJudges)
    .innerJoin(users, eq(users.id, editionJudges.userId))
    .where(and(eq(editionJudges.editionId, edition.id), isNull(editionJudges.leftAt), eq(users.status, "active")));
  // The edition's conflicts and the round's assignments, kept for the eligible films: read by
  // edition and round, not with a list of thousands of film ids.
  const eligible = new Set(eligibleFilms.map((f) => f.id));
  const [conflictRows, existingRows] = eligible.size
    ? await Promise.all([
        db
          .select({ judgeId: conflictDeclarations.judgeId, filmId: conflictDeclarations.filmId })
          .from(conflictDeclarations)
          .innerJoin(films, eq(films.id, conflictDeclarations.filmId))
          .where(eq(films.editionId, edition.id)),
        db
          .select({ judgeId: judgeAssignments.judgeId, filmId: judgeAssignments.filmId })
          .from(judgeAssignments)
          .where(and(eq(judgeAssignments.roundId, roundId), isNull(judgeAssignments.removedAt))),
      ])
    : [[], []];
  const conflicts = conflictRows.filter((c) => eligible.has(c.filmId));
  const existing = existingRows.filter((a) => eligible.has(a.filmId));
  const settings = editionSettings(edition.settings);
  return {
    films: eligibleFilms.map((f) => ({ id: f.id, regency: f.regency, category: f.category ?? undefined })),
    judges: judgeRows.map((j) => ({ id: j.id, regency: j.regency ?? "", categories: j.categories ?? undefined, cap: j.cap ?? undefined })),
    conflicts,
    existing,
    perFilm: settings.judgesPerFilm,
    mode: round.kind === "final" ? "all" : settings.assignmentMode,
    seed: 0,
  };
}

/** Replaces region codes in assignJudges' reasons with names an organiser reads. */
async function nameRegions(db: DbLike, result: AssignResult): Promise<AssignResult> {
  const codes = [...new Set(result.unfilled.flatMap((u) => u.reason.match(/\b\d{2}\.\d{2}\b/g) ?? []))];
  if (codes.length === 0) return result;
  const names = new Map((await db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, codes))).map((r) => [r.code, r.name]));
  return { ...result, unfilled: result.unfilled.map((u) => ({ ...u, reason: u.reason.replace(/\b\d{2}\.\d{2}\b/g, (c) => names.get(c) ?? c) })) };
}

/** The organiser's preview: the full proposed set, what it adds and removes, and what cannot be filled. */
export async function previewAssignment(db: Db, actor: SessionUser, slug: string) {
  const edition = await organiserEdition(db, actor, slug);
  const round = await activeRound(db, edition.id);
  const input = await loadAssignInput(db, edition, round);
  const result = await nameRegions(db, assignJudges(input));
  const key = (p: { judgeId: string; filmId: string }) => `${p.judgeId}:${p.filmId}`;
  const existing = new Set(input.existing.map(key));
  const proposed = new Set(result.assignments.map(key));
  return {
    edition,
    round,
    input,
    result,
    added: result.assignments.filter((p) => !existing.has(key(p))),
    removed: input.existing.filter((p) => !proposed.has(key(p))),
  };
}

/**
 * Saves the assignment: new pairs are inserted, pairs that became ineligible (a
 * conflict, a judge who left) are closed with a reason, kept pairs stay untouched.
 * Used by the organiser's "confirm" and, without an organiser, to refill gaps.
 */
export async function applyAssignment(db: Db, edition: typeof editions.$inferSelect, actorId: string | null, reason: string) {
  const round = await activeRound(db, edition.id);
  return db.transaction(async (tx) => {
    const input = await loadAssignInput(tx, edition, round);
    const result = assignJudges(input);
    const key = (p: { judgeId: string; filmId: string }) => `${p.judgeId}:${p.filmId}`;
    const existing = new Set(input.existing.map(key));
    const proposed = new Set(result.assignments.map(key));
    const added = result.assignments.filter((p) => !existing.has(key(p)));
    const removed = input.existing.filter((p) => !proposed.has(key(p)));
    if (added.length) await tx.insert(judgeAssignments).values(added.map((p) => ({ roundId: round.id, filmId: p.filmId, judgeId: p.judgeId, createdBy: actorId })));
    for (const p of removed) {
      await tx
        .update(judgeAssignments)
        .set({ removedAt: new Date(), removedReason: reason })
        .where(and(eq(judgeAssignments.roundId, round.id), eq(judgeAssignments.filmId, p.filmId), eq(judgeAssignments.judgeId, p.judgeId), isNull(judgeAssignments.removedAt)));
    }
    await tx.update(judgingRounds).set({ confirmedAt: new Date() }).where(eq(judgingRounds.id, round.id));
    await recordAudit(tx, { actorId, action: "assignment.apply", entityType: "edition", entityId: edition.id, data: { added: added.length, removed: removed.length, unfilled: result.unfilled.length, reason } });
    return { added: added.length, removed: removed.length, unfilled: result.unfilled };
  });
}

type Edition = typeof editions.$inferSelect;

/**
 * Assignments are saved only while the edition is being judged (docs/decisions/0012): during
 * registration films are still arriving, so a saved assignment would be unbalanced by every
 * later entry and judges would start scoring before the field is known. The preview works
 * at any time.
 */
export function assignmentRefusal(edition: Pick<Edition, "status">): { message: string } | null {
  if (edition.status === "penjurian") return null;
  if (edition.status === "draf" || edition.status === "pendaftaran") {
    return { message: "Penugasan juri baru bisa disimpan setelah pendaftaran film ditutup dan masa penilaian dimulai. Sampai saat itu hanya pratinjau." };
  }
  return { message: "Penugasan hanya bisa diubah sebelum hasil disegel." };
}

function requireAssignmentOpen(edition: Edition) {
  const refusal = assignmentRefusal(edition);
  if (refusal) throw new AppError("conflict", { userMessage: refusal.message });
}

export async function confirmAssignment(db: Db, actor: SessionUser, slug: string) {
  const edition = await organiserEdition(db, actor, slug);
  requireAssignmentOpen(edition);
  return applyAssignment(db, edition, actor.id, "penugasan ulang oleh panitia");
}

/**
 * After pairs were released (a conflict, a judge who left), other judges fill the gaps, as
 * long as judging is on. Nothing released, nothing to fill: the organiser's saved (or not yet
 * saved) assignment is left as it is.
 */
export async function refillAssignment(db: Db, edition: Edition, actorId: string | null, reason: string, released: number) {
  if (released === 0 || assignmentRefusal(edition)) return { added: 0, removed: 0, unfilled: [] as AssignResult["unfilled"] };
  return applyAssignment(db, edition, actorId, reason);
}

export type ConflictInput = { filmId: string; judgeId: string; reason: string; declaredBy: string | null; roundId?: string };

/**
 * A conflict of interest forbids a pair for good, whoever entered it (the judge, or the
 * organiser: declaredBy). It is recorded, the pair's active assignment in the round is
 * closed (with `removedReason`), and another judge takes the film where the rules allow.
 * `recorded` is false, and nothing changed, when the pair already had a conflict on record.
 */
export async function recordConflict(db: Db, edition: Edition, conflict: ConflictInput, actorId: string, removedReason: string, now = new Date()) {
  const roundId = conflict.roundId ?? (await activeRound(db, edition.id)).id;
  const recorded = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(conflictDeclarations)
      .values({ filmId: conflict.filmId, judgeId: conflict.judgeId, reason: conflict.reason, declaredBy: conflict.declaredBy, createdAt: now })
      .onConflictDoNothing()
      .returning({ id: conflictDeclarations.id });
    const closed = await tx
      .update(judgeAssignments)
      .set({ removedAt: now, removedReason })
      .where(and(eq(judgeAssignments.roundId, roundId), eq(judgeAssignments.filmId, conflict.filmId), eq(judgeAssignments.judgeId, conflict.judgeId), isNull(judgeAssignments.removedAt)))
      .returning({ id: judgeAssignments.id });
    if (!row && closed.length === 0) return null;
    await recordAudit(tx, {
      actorId,
      action: "conflict.declare",
      entityType: "film",
      entityId: conflict.filmId,
      editionId: edition.id,
      data: { reason: conflict.reason, judgeId: conflict.judgeId, byOrganiser: conflict.declaredBy !== null, assignmentClosed: closed.length > 0 },
    });
    return { released: closed.length };
  });
  if (!recorded) return { recorded: false, released: 0, refill: null };
  return { recorded: true, released: recorded.released, refill: await refillAssignment(db, edition, conflict.declaredBy, "pengganti juri yang punya konflik kepentingan", recorded.released) };
}

export const manualPairSchema = z.object({ filmId: z.uuid("Pilih film."), judgeId: z.uuid("Pilih juri.") });

/**
 * The organiser adds one pair by hand. The hard rules are the same as the
 * automatic assignment's: never a judge from the film's regency, never a declared
 * conflict, only the judge's categories, never over the judge's cap.
 */
export async function addAssignmentByHand(db: Db, actor: SessionUser, slug: string, input: unknown) {
  const edition = await organiserEdition(db, actor, slug);
  const { filmId, judgeId } = manualPairSchema.parse(input);
  requireAssignmentOpen(edition);
  const round = await activeRound(db, edition.id);
  const assignInput = await loadAssignInput(db, edition, round);
  const film = assignInput.films.find((f) => f.id === filmId);
  const judge = assignInput.judges.find((j) => j.id === judgeId);
  if (!film || !judge) throw new AppError("invalid", { userMessage: "Film atau juri tidak ada dalam penjurian festival ini." });
  const refuse = (userMessage: string) => new AppError("conflict", { userMessage });
  if (judge.regency === film.regency) throw refuse("Juri ini berasal dari kabupaten/kota yang sama dengan film. Aturan ini tidak bisa dilonggarkan.");
  if (assignInput.conflicts.some((c) => c.filmId === filmId && c.judgeId === judgeId)) {
    const [conflict] = await db.select({ declaredBy: conflictDeclarations.declaredBy }).from(conflictDeclarations).where(and(eq(conflictDeclarations.filmId, filmId), eq(conflictDeclarations.judgeId, judgeId)));
    throw refuse(conflict?.declaredBy ? "Panitia mencatat konflik kepentingan antara juri ini dan film ini." : "Juri ini sudah menyatakan konflik kepentingan dengan film ini.");
  }
  if (judge.categories?.length && (!film.category || !judge.categories.includes(film.category))) throw refuse("Film ini di luar kategori yang dinilai juri ini.");
  if (assignInput.existing.some((p) => p.filmId === filmId && p.judgeId === judgeId)) throw refuse("Juri ini sudah ditugaskan ke film ini.");
  const load = assignInput.existing.filter((p) => p.judgeId === judgeId).length;
  if (judge.cap !== undefined && load >= judge.cap) throw refuse(`Juri ini sudah mencapai batas ${judge.cap} film.`);
  await db.insert(judgeAssignments).values({ roundId: round.id, filmId, judgeId, createdBy: actor.id });
  await recordAudit(db, { actorId: actor.id, action: "assignment.add", entityType: "film", entityId: filmId, editionId: edition.id, data: { judgeId } });
}

export const removePairSchema = z.object({ assignmentId: z.uuid(), reason: plainText().trim().min(5, "Tulis alasan (minimal 5 karakter).").max(300) });

/** The organiser takes a film away from a judge (e.g. one who dropped out), with a reason. */
export async function removeAssignmentByHand(db: Db, actor: SessionUser, slug: string, input: unknown) {
  const edition = await organiserEdition(db, actor, slug);
  const { assignmentId, reason } = removePairSchema.parse(input);
  const round = await activeRound(db, edition.id);
  const [removed] = await db
    .update(judgeAssignments)
    .set({ removedAt: new Date(), removedReason: reason })
    .where(and(eq(judgeAssignments.id, assignmentId), eq(judgeAssignments.roundId, round.id), isNull(judgeAssignments.removedAt)))
    .returning();
  if (!removed) throw notFound();
  await recordAudit(db, { actorId: actor.id, action: "assignment.remove", entityType: "film", entityId: removed.filmId, editionId: edition.id, data: { judgeId: removed.judgeId, reason } });
}

export const extendSchema = z.object({ judgingClosesAt: z.iso.datetime({ local: true, message: "Isi tanggal dan jam penutupan." }) });

/**
 * Starts judging (entries closed, status to "penjurian") or moves the judging close.
 * The date comes from a datetime-local input and is read as WIB.
 */
export async function setJudgingClose(db: Db, actor: SessionUser, slug: string, input: unknown, now = new Date()) {
  const edition = await organiserEdition(db, actor, slug);
  const { judgingClosesAt } = extendSchema.parse(input);
  const closes = new Date(`${judgingClosesAt.slice(0, 16)}:00+07:00`);
  if (closes <= now) throw new AppError("invalid", { userMessage: "Penutupan penilaian harus di masa depan.", fieldErrors: { judgingClosesAt: ["Pilih waktu setelah sekarang."] } });
  if (edition.status === "disegel" || edition.status === "diumumkan") throw new AppError("conflict", { userMessage: "Hasil sudah disegel atau diumumkan." });
  if (edition.status === "pendaftaran" && edition.submissionClosesAt && now < edition.submissionClosesAt) {
    throw new AppError("conflict", { userMessage: "Pendaftaran film belum ditutup; penilaian dimulai setelah itu." });
  }
  await db.update(editions).set({ judgingClosesAt: closes, status: "penjurian" }).where(eq(editions.id, edition.id));
  await recordAudit(db, { actorId: actor.id, action: "judging.close_set", entityType: "edition", entityId: edition.id, data: { judgingClosesAt: closes.toISOString(), previous: edition.judgingClosesAt?.toISOString() ?? null } });
}
