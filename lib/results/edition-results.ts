import crypto from "node:crypto";
import { and, eq, getTableColumns, inArray, isNotNull, isNull, lte, notInArray, sql } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db, DbLike } from "@/lib/db/client";
import { categories, editions, films, judgeAssignments, judgingRounds, juryDecisions, kimGroups, placements, roundShortlist, rubricCriteria, scoreSheets, scores, users } from "@/lib/db/schema";
import type { SessionUser } from "@/lib/auth/authenticate";
import { issueCertificates, removeCertificates } from "@/lib/documents/issue-certificates";
import { editionSettings } from "@/lib/editions/defaults";
import { AppError } from "@/lib/errors";
import { organiserEdition } from "@/lib/judging/assignment-plan";
import { activeRound } from "@/lib/judging/rounds";
import { forgetSharedReads } from "@/lib/public/shared-read";
import { notifyKimsOfResults } from "./notify-kims";
import { rankFilms, type RankResult } from "./rank";
import { filmLabel, rankedStatuses } from "./ranked";
import { sealChecklist } from "./seal-checklist";
import { plainText } from "@/lib/text/sanitise";
import { groupBy } from "@/lib/group-by";

type Edition = typeof editions.$inferSelect;

/**
 * The ranking of an edition from its submitted sheets, with what organisers need to read it:
 * the edition's tie-break criteria, per-category placements and the jury decisions recorded
 * in the active round are applied, and the messages name films, judges and criteria.
 */
export async function computeEditionResults(db: DbLike, edition: Edition) {
  const round = await activeRound(db, edition.id);
  const settings = editionSettings(edition.settings);
  const [criteria, categoryRows, filmRows, roundSheets, decisionRows] = await Promise.all([
    db.select().from(rubricCriteria).where(eq(rubricCriteria.editionId, edition.id)).orderBy(rubricCriteria.position),
    db.select().from(categories).where(eq(categories.editionId, edition.id)).orderBy(categories.position),
    db
      .select({ id: films.id, code: films.code, title: films.title, status: films.status, category: films.categoryId, categoryName: categories.name, kimId: films.kimId, kimName: kimGroups.name })
      .from(films)
      .innerJoin(kimGroups, eq(kimGroups.id, films.kimId))
      .leftJoin(categories, eq(categories.id, films.categoryId))
      // A final round ranks its nominees only.
      .leftJoin(roundShortlist, and(eq(roundShortlist.roundId, round.id), eq(roundShortlist.filmId, films.id)))
      .where(and(eq(films.editionId, edition.id), inArray(films.status, [...rankedStatuses]), round.kind === "final" ? isNotNull(roundShortlist.filmId) : undefined))
      .orderBy(films.code),
    db
      .select({ sheetId: scoreSheets.id, judgeId: judgeAssignments.judgeId, judgeName: users.name, filmId: judgeAssignments.filmId })
      .from(scoreSheets)
      .innerJoin(judgeAssignments, eq(judgeAssignments.id, scoreSheets.assignmentId))
      .innerJoin(users, eq(users.id, judgeAssignments.judgeId))
      .where(and(eq(judgeAssignments.roundId, round.id), isNull(judgeAssignments.removedAt), eq(scoreSheets.status, "submitted"))),
    // Decisions are recorded for one round's ties: a final round starts without any.
    db.select().from(juryDecisions).where(and(eq(juryDecisions.editionId, edition.id), eq(juryDecisions.roundId, round.id), isNull(juryDecisions.revokedAt))).orderBy(juryDecisions.createdAt),
  ]);
  const ranked = new Set(filmRows.map((f) => f.id));
  // Sheets of a film no longer ranked (excluded, or not a nominee) are not part of the ranking.
  const sheetRows = roundSheets.filter((s) => ranked.has(s.filmId));
  // The round's submitted scores through a join, not a list of thousands of sheet ids (a 4,000-film
  // edition has ~12,000 sheets); a sheet of a film no longer ranked is read and not looked up.
  const values = sheetRows.length
    ? await db
        .select(getTableColumns(scores))
        .from(scores)
        .innerJoin(scoreSheets, eq(scoreSheets.id, scores.sheetId))
        .innerJoin(judgeAssignments, eq(judgeAssignments.id, scoreSheets.assignmentId))
        .where(and(eq(judgeAssignments.roundId, round.id), isNull(judgeAssignments.removedAt), eq(scoreSheets.status, "submitted")))
    : [];
  const valuesBySheet = groupBy(values, (v) => v.sheetId);
  // A decision speaks only of films still ranked: an excluded film drops out of it.
  const applied = decisionRows.map((d) => ({ row: d, filmIds: d.filmIds.filter((id) => ranked.has(id)), order: d.order.filter((id) => ranked.has(id)) }));
  // The jury: every judge with a submitted sheet in the round, also on a film since excluded.
  const judgeNames = new Map(roundSheets.map((s) => [s.judgeId, s.judgeName]));
  const ranking: RankResult = rankFilms({
    criteria: criteria.map((c) => ({ id: c.id, weight: c.weight, min: c.minScore, max: c.maxScore })),
    films: filmRows.map((f) => ({ id: f.id, category: f.category ?? undefined })),
    sheets: sheetRows.map((s) => ({
      judgeId: s.judgeId,
      filmId: s.filmId,
      scores: Object.fromEntries((valuesBySheet.get(s.sheetId) ?? []).filter((v) => v.score !== null).map((v) => [v.criterionId, v.score as number])),
    })),
    method: settings.rankingMethod,
    placements: settings.placements,
    placementsByCategory: Object.fromEntries(categoryRows.map((c) => [c.id, { juara: c.juara, harapan: c.harapan }])),
    tieBreak: settings.tieBreak,
    decisions: applied.filter((d) => d.filmIds.length >= 2).map((d) => ({ filmIds: d.filmIds, order: d.order, reason: d.row.reason })),
    names: {
      films: Object.fromEntries(filmRows.map((f) => [f.id, filmLabel(f)])),
      judges: Object.fromEntries(judgeNames),
      criteria: Object.fromEntries(criteria.map((c) => [c.id, c.name])),
      categories: Object.fromEntries(categoryRows.map((c) => [c.id, c.name])),
    },
  });
  const outcomeOf = (d: (typeof applied)[number]) =>
    d.filmIds.length < 2 ? ("unused" as const) : (ranking.decisions.find((o) => sameList([...d.filmIds].sort(), o.filmIds) && sameList(d.order, o.order))?.outcome ?? "unused");
  const decisions = applied.map((d) => ({ ...d.row, outcome: outcomeOf(d) }));
  const judges = [...judgeNames.entries()].map(([id, name]) => ({ id, name }));
  return { round, settings, criteria, categories: categoryRows, films: filmRows, judges, ranking, decisions };
}

export type EditionResults = Awaited<ReturnType<typeof computeEditionResults>>;

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Seals the results: the numbers and placements are frozen; scores can no longer change.
 * Refused, with the list, while anything on the checklist (seal-checklist.ts) is open. The
 * checks, the writes and the status change are one transaction, so a second click or a sheet
 * sent meanwhile cannot slip between them.
 */
export async function sealResults(db: Db, actor: SessionUser, slug: string) {
  const edition = await organiserEdition(db, actor, slug);
  if (edition.status !== "penjurian") throw new AppError("conflict", { userMessage: "Hanya festival yang sedang dinilai yang bisa disegel." });
  const now = new Date();
  return db.transaction(async (tx) => {
    const results = await computeEditionResults(tx, edition);
    const open = await sealChecklist(tx, edition, results);
    if (open.length) {
      // The list goes separately so that each item is translated on its own (names can hold anything).
      throw new AppError("conflict", {
        userMessage: "Hasil belum bisa disegel. Selesaikan dulu daftar ini:",
        message: `Hasil belum bisa disegel: ${open.map((item) => item.problem).join(" ")}`,
        fieldErrors: { checklist: open.map((item) => item.problem) },
      });
    }
    const [sealed] = await tx
      .update(editions)
      .set({ status: "disegel", sealedAt: now, sealedBy: actor.id })
      .where(and(eq(editions.id, edition.id), eq(editions.status, "penjurian")))
      .returning({ id: editions.id });
    if (!sealed) throw new AppError("conflict", { userMessage: "Hanya festival yang sedang dinilai yang bisa disegel." });
    const placed = results.ranking.films.filter((f) => f.placement);
    await tx.delete(placements).where(eq(placements.editionId, edition.id));
    if (placed.length) {
      const byId = new Map(results.films.map((f) => [f.id, f]));
      await tx.insert(placements).values(
        placed.map((f) => ({
          editionId: edition.id,
          filmId: f.filmId,
          kimId: byId.get(f.filmId)!.kimId,
          categoryId: byId.get(f.filmId)!.category,
          placement: f.placement!,
          rank: f.rank,
          score: Math.round(f.score * 100) / 100,
          certificateCode: crypto.randomBytes(6).toString("hex").toUpperCase(),
        })),
      );
      await tx.update(films).set({ status: "juara" }).where(inArray(films.id, placed.map((f) => f.filmId)));
    }
    // Every other scored film (in a final round, the films that were not nominated too) is "dinilai".
    const placedIds = placed.map((f) => f.filmId);
    await tx
      .update(films)
      .set({ status: "dinilai" })
      .where(and(eq(films.editionId, edition.id), inArray(films.status, [...rankedStatuses]), placedIds.length ? notInArray(films.id, placedIds) : undefined));
    await tx.update(judgingRounds).set({ closedAt: now }).where(eq(judgingRounds.id, results.round.id));
    await issueCertificates(tx, edition.id);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "results.seal",
      entityType: "edition",
      entityId: edition.id,
      data: {
        ranking: results.ranking.films.map((f) => ({ filmId: f.filmId, rank: f.rank, score: f.score, placement: f.placement ?? null })),
        decisions: results.decisions.filter((d) => d.outcome === "used").map((d) => d.id),
      },
    });
    return { placed: placed.length };
  });
}

export const unsealSchema = z.object({ reason: plainText().trim().min(10, "Tulis alasan membuka segel (minimal 10 karakter).").max(500) });

/** Opens sealed (not yet published) results again, with a reason in the audit log. */
export async function unsealResults(db: Db, actor: SessionUser, slug: string, input: unknown) {
  const edition = await organiserEdition(db, actor, slug);
  const { reason } = unsealSchema.parse(input);
  if (edition.status !== "disegel") throw new AppError("conflict", { userMessage: "Hanya hasil yang disegel dan belum diumumkan yang bisa dibuka." });
  const round = await activeRound(db, edition.id);
  await db.transaction(async (tx) => {
    await tx.delete(placements).where(eq(placements.editionId, edition.id));
    await tx.update(films).set({ status: "dinilai" }).where(and(eq(films.editionId, edition.id), eq(films.status, "juara")));
    await tx.update(judgingRounds).set({ closedAt: null }).where(eq(judgingRounds.id, round.id));
    await removeCertificates(tx, edition.id);
    await tx.update(editions).set({ status: "penjurian", sealedAt: null, sealedBy: null, scheduledPublishAt: null }).where(eq(editions.id, edition.id));
    await recordAudit(tx, { actorId: actor.id, action: "results.unseal", entityType: "edition", entityId: edition.id, data: { reason } });
  });
}

export const publishSchema = z.object({
  when: z.union([z.literal(""), z.iso.datetime({ local: true, message: "Isi tanggal dan jam pengumuman." })]).optional(),
});

/** Publishes sealed results now, or schedules them (WIB); nothing is public before that moment. */
export async function publishResults(db: Db, actor: SessionUser, slug: string, input: unknown, now = new Date()) {
  const edition = await organiserEdition(db, actor, slug);
  const { when } = publishSchema.parse(input);
  if (edition.status !== "disegel") throw new AppError("conflict", { userMessage: "Segel hasil dulu sebelum mengumumkan." });
  const at = when ? new Date(`${when.slice(0, 16)}:00+07:00`) : null;
  if (at && at <= now) throw new AppError("invalid", { userMessage: "Waktu pengumuman terjadwal harus di masa depan.", fieldErrors: { when: ["Pilih waktu setelah sekarang."] } });
  if (at) {
    await db.update(editions).set({ scheduledPublishAt: at }).where(eq(editions.id, edition.id));
  } else {
    await db.update(editions).set({ status: "diumumkan", publishedAt: now, scheduledPublishAt: null }).where(eq(editions.id, edition.id));
  }
  await recordAudit(db, { actorId: actor.id, action: at ? "results.schedule" : "results.publish", entityType: "edition", entityId: edition.id, data: { at: (at ?? now).toISOString() } });
  if (!at) await notifyKimsOfResults(db, edition.id);
  forgetSharedReads(); // the archive, the feed and the sitemap read it again (lib/public/shared-read.ts)
  return { scheduled: at };
}

/** Turns scheduled publications that are due into published ones; cheap and idempotent. */
export async function publishDueEditions(db: Db, now = new Date()): Promise<string[]> {
  const due = await db
    .update(editions)
    .set({ status: "diumumkan", publishedAt: sql`${editions.scheduledPublishAt}` })
    .where(and(eq(editions.status, "disegel"), lte(editions.scheduledPublishAt, now)))
    .returning({ id: editions.id });
  for (const edition of due) await notifyKimsOfResults(db, edition.id);
  if (due.length > 0) forgetSharedReads(); // the RSS feed and the archive's choices name them now
  return due.map((d) => d.id);
}
