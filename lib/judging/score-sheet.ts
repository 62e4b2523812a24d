import { notifySheetReopened } from "@/lib/messages/events";
import { notifySafely } from "@/lib/messages/queue";
import { and, asc, desc, eq, isNull, ne } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { preparedStatement } from "@/lib/db/prepared";
import type { Db, DbLike } from "@/lib/db/client";
import { editions, filmMedia, films, judgeAssignments, judgingRounds, rubricCriteria, scoreSheets, scores } from "@/lib/db/schema";
import type { SessionUser } from "@/lib/auth/authenticate";
import { organiserCovers } from "@/lib/auth/scope";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { posterVersion } from "@/lib/films/poster-sizes";
import { recordConflict } from "./assignment-plan";
import { groupSheets } from "./other-judges";
import { scoringOpen } from "./rounds";
import { plainText } from "@/lib/text/sanitise";

// Everything a judge reads goes through these functions, and none of them selects a
// column that could name the KIM: no kim_groups join, no crew, no region, no file
// name. The film is its neutral code, title, synopsis and language.

function requireJudge(actor: SessionUser) {
  if (actor.role !== "judge" || actor.status !== "active") throw forbidden();
}

/** Only a judge asks for a sheet, and only by an id that can be one. */
function checkJudgeAndId(actor: SessionUser, assignmentId: string) {
  requireJudge(actor);
  if (!/^[0-9a-f-]{36}$/i.test(assignmentId)) throw notFound();
}

/** The judge's own active assignment (the condition every read of a sheet uses; writeTarget below writes it in SQL). */
function ownAssignmentWhere(actor: SessionUser, assignmentId: string) {
  checkJudgeAndId(actor, assignmentId);
  return and(eq(judgeAssignments.id, assignmentId), eq(judgeAssignments.judgeId, actor.id), isNull(judgeAssignments.removedAt));
}

/** The judge's own active assignment; anyone else's is "not found". */
async function ownAssignment(db: DbLike, actor: SessionUser, assignmentId: string) {
  const where = ownAssignmentWhere(actor, assignmentId);
  const [row] = await db
    .select({ assignment: judgeAssignments, round: judgingRounds, edition: editions })
    .from(judgeAssignments)
    .innerJoin(judgingRounds, eq(judgingRounds.id, judgeAssignments.roundId))
    .innerJoin(editions, eq(editions.id, judgingRounds.editionId))
    .where(where);
  if (!row) throw notFound();
  return row;
}

/** A judge's queue in one edition: film codes and the state of each sheet. */
export async function judgeQueue(db: Db, actor: SessionUser, editionSlug: string) {
  requireJudge(actor);
  const rows = await db
    .select({
      assignmentId: judgeAssignments.id,
      filmId: films.id,
      code: films.code,
      title: films.title,
      sheetStatus: scoreSheets.status,
      editionTitle: editions.title,
      judgingClosesAt: editions.judgingClosesAt,
      roundKind: judgingRounds.kind,
      roundClosedAt: judgingRounds.closedAt,
    })
    .from(judgeAssignments)
    .innerJoin(judgingRounds, eq(judgingRounds.id, judgeAssignments.roundId))
    .innerJoin(editions, eq(editions.id, judgingRounds.editionId))
    .innerJoin(films, eq(films.id, judgeAssignments.filmId))
    .leftJoin(scoreSheets, eq(scoreSheets.assignmentId, judgeAssignments.id))
    .where(and(eq(editions.slug, editionSlug), eq(judgeAssignments.judgeId, actor.id), isNull(judgeAssignments.removedAt)))
    // The final round (when there is one) first: it is the one still being scored.
    .orderBy(desc(judgingRounds.kind), asc(films.code));
  return rows.map((r) => ({ ...r, sheetStatus: r.sheetStatus ?? ("empty" as const) }));
}

/** The score sheet: the film as judges may see it, the rubric, and the judge's own draft or submission. */
export async function getScoreSheet(db: Db, actor: SessionUser, assignmentId: string, now = new Date()) {
  const { assignment, round, edition } = await ownAssignment(db, actor, assignmentId);
  const [film] = await db
    .select({ id: films.id, code: films.code, title: films.title, synopsis: films.synopsis, language: films.language, declaredDurationSeconds: films.declaredDurationSeconds })
    .from(films)
    .where(eq(films.id, assignment.filmId));
  const [criteria, [sheet], media] = await Promise.all([
    db.select({ id: rubricCriteria.id, name: rubricCriteria.name, description: rubricCriteria.description, weight: rubricCriteria.weight, minScore: rubricCriteria.minScore, maxScore: rubricCriteria.maxScore }).from(rubricCriteria).where(eq(rubricCriteria.editionId, edition.id)).orderBy(asc(rubricCriteria.position)),
    db.select().from(scoreSheets).where(eq(scoreSheets.assignmentId, assignment.id)),
    db.select({ id: filmMedia.id, kind: filmMedia.kind }).from(filmMedia).where(and(eq(filmMedia.filmId, film.id), eq(filmMedia.isCurrent, true), eq(filmMedia.status, "ok"))),
  ]);
  const values = sheet ? await db.select().from(scores).where(eq(scores.sheetId, sheet.id)) : [];
  return {
    assignmentId: assignment.id,
    film,
    editionTitle: edition.title,
    roundKind: round.kind,
    judgingClosesAt: round.closesAt ?? edition.judgingClosesAt,
    open: scoringOpen(edition, round, now),
    hasVideo: media.some((m) => m.kind === "judge_video"),
    hasPoster: media.some((m) => m.kind === "poster"),
    posterVersion: ((id) => (id ? posterVersion(id) : null))(media.find((m) => m.kind === "poster")?.id),
    hasSubtitles: media.some((m) => m.kind === "subtitle"),
    criteria,
    status: sheet?.status ?? ("draft" as const),
    submittedAt: sheet?.submittedAt ?? null,
    updatedAt: sheet?.updatedAt ?? null,
    values: Object.fromEntries(values.map((v) => [v.criterionId, { score: v.score, comment: v.comment ?? "" }])),
  };
}

const entrySchema = z.object({
  score: z.union([z.number(), z.null()]).optional(),
  // PostgreSQL cannot store half a surrogate pair (plainText already drops NUL and other controls):
  // it is replaced, else the autosave would fail on every retry.
  comment: plainText()
    .max(2000, "Komentar paling panjang 2.000 karakter.")
    .transform((text) => text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd"))
    .optional(),
});
export const sheetInputSchema = z.object({
  assignmentId: z.uuid(),
  values: z.record(z.uuid(), entrySchema),
});

type Criterion = { id: string; name: string; minScore: number; maxScore: number };

/** Range and completeness, with messages per criterion in Indonesian. */
function checkValues(criteria: Criterion[], values: z.infer<typeof sheetInputSchema>["values"], complete: boolean): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const known = new Set(criteria.map((c) => c.id));
  for (const id of Object.keys(values)) if (!known.has(id)) errors[id] = ["Kriteria ini bukan bagian dari rubrik festival."];
  for (const c of criteria) {
    const v = values[c.id];
    const score = v?.score;
    if (score !== undefined && score !== null && (!Number.isFinite(score) || score < c.minScore || score > c.maxScore)) {
      errors[c.id] = [`Nilai ${c.name} harus antara ${c.minScore} dan ${c.maxScore}.`];
    } else if (complete && (score === undefined || score === null)) {
      errors[c.id] = [`Beri nilai untuk ${c.name}.`];
    } else if (complete && !v?.comment?.trim()) {
      errors[c.id] = [`Tulis komentar untuk ${c.name}.`];
    }
  }
  return errors;
}

/**
 * An autosave names its sender, the sheet open in one browser tab (a random id), and
 * the save's place in that tab's order. Optional: a caller without them (a script, an
 * older page) is stored in order of arrival.
 */
export const draftInputSchema = sheetInputSchema.extend({
  writer: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional(),
  seq: z.number().int().min(0).max(2_147_483_647).optional(),
});

export type DraftSaved = { sheetId: string; savedAt: Date; stale: boolean };

type WriteTarget = { id: string; status: string; judging_closes_at: Date | string | null; closed_at: Date | string | null; closes_at: Date | string | null; criteria: Criterion[] };

// The judge's own active assignment (as ownAssignmentWhere), its round's and edition's
// window, and the rubric's ranges, in one statement planned once per connection.
const writeTarget = preparedStatement<WriteTarget>(
  "layar_sheet_write_target_v1",
  ["uuid", "uuid"],
  `select ja.id, e.status, e.judging_closes_at, jr.closed_at, jr.closes_at,
    (select coalesce(json_agg(json_build_object('id', c.id, 'name', c.name, 'minScore', c.min_score, 'maxScore', c.max_score)), '[]'::json)
      from rubric_criteria c where c.edition_id = e.id) as criteria
  from judge_assignments ja
  inner join judging_rounds jr on jr.id = ja.round_id
  inner join editions e on e.id = jr.edition_id
  where ja.id = $1 and ja.judge_id = $2 and ja.removed_at is null`,
);

const toDate = (value: Date | string | null): Date | null => (value === null ? null : value instanceof Date ? value : new Date(value));

/**
 * Ownership, the judging window and the ranges: the checks every write to a sheet makes
 * first, from one query (an autosave is frequent: the assignment, its round and edition,
 * and the rubric's ranges together).
 */
async function checkedWrite(db: Db, actor: SessionUser, data: z.infer<typeof sheetInputSchema>, now: Date, submit: boolean) {
  checkJudgeAndId(actor, data.assignmentId);
  const [row] = await writeTarget(db, [data.assignmentId, actor.id]);
  if (!row) throw notFound();
  const open = scoringOpen(
    { status: row.status as typeof editions.$inferSelect.status, judgingClosesAt: toDate(row.judging_closes_at) },
    { closedAt: toDate(row.closed_at), closesAt: toDate(row.closes_at) },
    now,
  );
  if (!open.open) throw new AppError("forbidden", { userMessage: open.reason });
  const criteria = row.criteria.map((c) => ({ ...c, minScore: Number(c.minScore), maxScore: Number(c.maxScore) }));
  const errors = checkValues(criteria, data.values, submit);
  if (Object.keys(errors).length) {
    throw new AppError("invalid", { userMessage: submit ? "Lembar nilai belum lengkap. Periksa kriteria yang ditandai." : "Ada nilai di luar rentang. Periksa kriteria yang ditandai.", fieldErrors: errors });
  }
  return { id: row.id };
}

// The draft's write: see saveDraft.
const writeDraft = preparedStatement<{ id: string }>(
  "layar_sheet_write_draft_v1",
  ["uuid", "timestamptz", "text", "integer", "jsonb"],
  `with sheet as (
    insert into score_sheets (assignment_id, updated_at, draft_writer, draft_seq)
    values ($1, $2, $3, $4)
    on conflict (assignment_id) do update
      set updated_at = excluded.updated_at, draft_writer = excluded.draft_writer, draft_seq = excluded.draft_seq
      where score_sheets.status = 'draft'
        and (excluded.draft_writer is null or score_sheets.draft_writer is distinct from excluded.draft_writer or score_sheets.draft_seq < excluded.draft_seq)
    returning id
  ), written as (
    insert into scores (sheet_id, criterion_id, score, comment)
    select sheet.id, v.c, v.s, v.m from sheet, jsonb_to_recordset($5) as v(c uuid, s numeric, m text)
    on conflict (sheet_id, criterion_id) do update set score = excluded.score, comment = excluded.comment
    returning 1
  )
  select id, (select count(*) from written) as written from sheet`,
);

const sheetLocked = () => new AppError("conflict", { userMessage: "Lembar nilai ini sudah dikirim dan terkunci. Minta panitia membukanya bila perlu diubah." });

/**
 * Autosave: any subset of criteria, blanks allowed, each score within its range.
 *
 * The write is one statement, not a transaction of several: the sheet row is created or
 * updated (which locks it) only while the sheet is a draft and the save is not older than
 * the one stored from the same tab, and the scores are written only when it was. On the
 * embedded database a transaction holds the whole database for every other request until
 * it commits, across each of its statements' round trips; 200 judges saving at once queued
 * behind one another's transactions for seconds (docs/decisions/0023-autosave-under-load.md).
 * A save that arrives after a newer one from its tab is answered `stale` and changes nothing.
 */
export async function saveDraft(db: Db, actor: SessionUser, input: unknown, now = new Date()): Promise<DraftSaved> {
  const data = draftInputSchema.parse(input);
  const assignment = await checkedWrite(db, actor, data, now, false);
  const entries = Object.entries(data.values).map(([c, v]) => ({ c, s: v.score ?? null, m: v.comment ?? null }));
  const writer = data.writer ?? null;
  const seq = writer === null ? null : (data.seq ?? 0);
  const [stored] = await writeDraft(db, [assignment.id, now.toISOString(), writer, seq, JSON.stringify(entries)]);
  if (stored) return { sheetId: stored.id, savedAt: now, stale: false };
  // Not stored: the sheet was submitted, or a newer save from the same tab is already there.
  const [sheet] = await db.select({ id: scoreSheets.id, status: scoreSheets.status, updatedAt: scoreSheets.updatedAt }).from(scoreSheets).where(eq(scoreSheets.assignmentId, assignment.id));
  if (!sheet || sheet.status === "submitted") throw sheetLocked();
  return { sheetId: sheet.id, savedAt: sheet.updatedAt, stale: true };
}

/** Submit: every criterion scored and commented; the sheet then locks. */
export async function submitSheet(db: Db, actor: SessionUser, input: unknown, now = new Date()) {
  const data = sheetInputSchema.parse(input);
  const assignment = await checkedWrite(db, actor, data, now, true);
  return db.transaction(async (tx) => {
    await tx.insert(scoreSheets).values({ assignmentId: assignment.id }).onConflictDoNothing();
    // Lock the sheet row: a draft save racing a submit must not reopen or overwrite it.
    const [sheet] = await tx.select().from(scoreSheets).where(eq(scoreSheets.assignmentId, assignment.id)).for("update");
    if (sheet.status === "submitted") throw sheetLocked();
    for (const [criterionId, v] of Object.entries(data.values)) {
      const row = { score: v.score ?? null, comment: v.comment ?? null };
      await tx.insert(scores).values({ sheetId: sheet.id, criterionId, ...row }).onConflictDoUpdate({ target: [scores.sheetId, scores.criterionId], set: row });
    }
    await tx.update(scoreSheets).set({ status: "submitted", submittedAt: now, updatedAt: now }).where(eq(scoreSheets.id, sheet.id));
    await recordAudit(tx, { actorId: actor.id, action: "sheet.submit", entityType: "score_sheet", entityId: sheet.id });
    return { sheetId: sheet.id, savedAt: now };
  });
}

export const conflictSchema = z.object({ assignmentId: z.uuid(), reason: plainText().trim().min(5, "Tulis alasan konflik (minimal 5 karakter).").max(500) });

/**
 * A judge declares a conflict with a film they were shown: the film leaves their
 * queue at once (their draft is discarded from the results) and another judge is
 * assigned where the rules allow.
 */
export async function declareConflict(db: Db, actor: SessionUser, input: unknown) {
  const { assignmentId, reason } = conflictSchema.parse(input);
  const { assignment, edition } = await ownAssignment(db, actor, assignmentId);
  const [sheet] = await db.select({ status: scoreSheets.status }).from(scoreSheets).where(eq(scoreSheets.assignmentId, assignment.id));
  if (sheet?.status === "submitted") throw new AppError("conflict", { userMessage: "Lembar nilai sudah dikirim. Hubungi panitia untuk menyatakan konflik." });
  // The same record and the same consequences as a conflict the organiser enters (lib/judging/organiser-conflicts.ts).
  const { refill } = await recordConflict(db, edition, { filmId: assignment.filmId, judgeId: actor.id, reason, declaredBy: null, roundId: assignment.roundId }, actor.id, "konflik kepentingan");
  return refill ?? { added: 0, removed: 0, unfilled: [] };
}

export const unlockSchema = z.object({ sheetId: z.uuid(), reason: plainText().trim().min(5, "Tulis alasan membuka lembar nilai (minimal 5 karakter).").max(500) });

/** An organiser of the edition's region reopens a submitted sheet; the reason goes to the audit log. */
export async function unlockSheet(db: Db, actor: SessionUser, input: unknown) {
  if (actor.role !== "organiser" || actor.status !== "active") throw forbidden();
  const { sheetId, reason } = unlockSchema.parse(input);
  const [row] = await db
    .select({ sheet: scoreSheets, edition: editions })
    .from(scoreSheets)
    .innerJoin(judgeAssignments, eq(judgeAssignments.id, scoreSheets.assignmentId))
    .innerJoin(judgingRounds, eq(judgingRounds.id, judgeAssignments.roundId))
    .innerJoin(editions, eq(editions.id, judgingRounds.editionId))
    .where(eq(scoreSheets.id, sheetId));
  if (!row || !organiserCovers(actor, row.edition.regionCode)) throw notFound();
  if (row.edition.sealedAt) throw new AppError("conflict", { userMessage: "Hasil sudah disegel. Buka segel dulu (dengan alasan) sebelum mengubah nilai." });
  if (row.sheet.status !== "submitted") throw new AppError("conflict", { userMessage: "Lembar nilai ini belum dikirim." });
  const now = new Date();
  await db.update(scoreSheets).set({ status: "draft", unlockedAt: now, unlockedBy: actor.id, unlockReason: reason, updatedAt: now }).where(eq(scoreSheets.id, sheetId));
  await recordAudit(db, { actorId: actor.id, action: "sheet.unlock", entityType: "score_sheet", entityId: sheetId, data: { reason } });
  await notifySafely("sheet reopened", () => notifySheetReopened(db, sheetId, { reason, at: now, by: actor.id }));
}

/** Other judges' submitted sheets on this film in this round: only once the round is closed and the edition allows it. */
export async function otherJudgesSheets(db: Db, actor: SessionUser, assignmentId: string) {
  const { assignment, round, edition } = await ownAssignment(db, actor, assignmentId);
  if (!round.closedAt || !edition.settings?.showOtherJudgesScores) return null;
  const rows = await db
    .select({ sheetId: scoreSheets.id, criterionId: scores.criterionId, score: scores.score, comment: scores.comment })
    .from(scoreSheets)
    .innerJoin(judgeAssignments, eq(judgeAssignments.id, scoreSheets.assignmentId))
    .innerJoin(scores, eq(scores.sheetId, scoreSheets.id))
    .where(
      and(
        eq(judgeAssignments.roundId, round.id),
        eq(judgeAssignments.filmId, assignment.filmId),
        ne(judgeAssignments.judgeId, actor.id),
        isNull(judgeAssignments.removedAt),
        eq(scoreSheets.status, "submitted"),
      ),
    )
    .orderBy(asc(scoreSheets.id));
  return groupSheets(rows);
}
