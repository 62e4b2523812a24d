import crypto from "node:crypto";
import { and, eq, inArray, isNotNull, isNull, lte, notInArray, sql } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db, DbLike } from "@/lib/db/client";
import { categories, editions, films, judgeAssignments, judgingRounds, kimGroups, placements, roundShortlist, rubricCriteria, scoreSheets, scores, users } from "@/lib/db/schema";
import type { SessionUser } from "@/lib/auth/authenticate";
import { AppError } from "@/lib/errors";
import { organiserEdition } from "@/lib/judging/assignment-plan";
import { activeRound } from "@/lib/judging/rounds";
import { notifyKimsOfResults } from "./notify-kims";
import { rankFilms, type RankResult } from "./rank";

type Edition = typeof editions.$inferSelect;

/** Film statuses that take part in the ranking. */
const rankedStatuses = ["diunggah", "lolos_kurasi", "dinilai", "juara"] as const;

/** The ranking of an edition from its submitted sheets, with what organisers need to read it. */
export async function computeEditionResults(db: DbLike, edition: Edition) {
  const round = await activeRound(db, edition.id);
  const [criteria, filmRows, sheetRows] = await Promise.all([
    db.select().from(rubricCriteria).where(eq(rubricCriteria.editionId, edition.id)).orderBy(rubricCriteria.position),
    db
      .select({ id: films.id, code: films.code, title: films.title, category: films.categoryId, categoryName: categories.name, kimId: films.kimId, kimName: kimGroups.name })
      .from(films)
      .innerJoin(kimGroups, eq(kimGroups.id, films.kimId))
      .leftJoin(categories, eq(categories.id, films.categoryId))
      // A final round ranks its nominees only.
      .leftJoin(roundShortlist, and(eq(roundShortlist.roundId, round.id), eq(roundShortlist.filmId, films.id)))
      .where(and(eq(films.editionId, edition.id), inArray(films.status, [...rankedStatuses]), round.kind === "final" ? isNotNull(roundShortlist.filmId) : undefined)),
    db
      .select({ sheetId: scoreSheets.id, judgeId: judgeAssignments.judgeId, judgeName: users.name, filmId: judgeAssignments.filmId })
      .from(scoreSheets)
      .innerJoin(judgeAssignments, eq(judgeAssignments.id, scoreSheets.assignmentId))
      .innerJoin(users, eq(users.id, judgeAssignments.judgeId))
      .where(and(eq(judgeAssignments.roundId, round.id), isNull(judgeAssignments.removedAt), eq(scoreSheets.status, "submitted"))),
  ]);
  const values = sheetRows.length ? await db.select().from(scores).where(inArray(scores.sheetId, sheetRows.map((s) => s.sheetId))) : [];
  const settings = edition.settings;
  const ranking: RankResult = rankFilms({
    criteria: criteria.map((c) => ({ id: c.id, weight: c.weight, min: c.minScore, max: c.maxScore })),
    films: filmRows.map((f) => ({ id: f.id, category: f.category ?? undefined })),
    sheets: sheetRows.map((s) => ({
      judgeId: s.judgeId,
      filmId: s.filmId,
      scores: Object.fromEntries(values.filter((v) => v.sheetId === s.sheetId && v.score !== null).map((v) => [v.criterionId, v.score as number])),
    })),
    method: settings?.rankingMethod ?? "mean",
    placements: settings?.placements,
  });
  const judges = [...new Map(sheetRows.map((s) => [s.judgeId, s.judgeName])).entries()].map(([id, name]) => ({ id, name }));
  return { round, criteria, films: filmRows, judges, ranking };
}

/** Seals the results: the numbers and placements are frozen; scores can no longer change. */
export async function sealResults(db: Db, actor: SessionUser, slug: string) {
  const edition = await organiserEdition(db, actor, slug);
  if (edition.status !== "penjurian") throw new AppError("conflict", { userMessage: "Hanya festival yang sedang dinilai yang bisa disegel." });
  const results = await computeEditionResults(db, edition);
  if (!results.ranking.publishable) {
    throw new AppError("conflict", { userMessage: `Hasil belum bisa disegel: ${results.ranking.problems.join(" ")}` });
  }
  const placed = results.ranking.films.filter((f) => f.placement);
  const now = new Date();
  await db.transaction(async (tx) => {
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
    await tx.update(editions).set({ status: "disegel", sealedAt: now, sealedBy: actor.id }).where(eq(editions.id, edition.id));
    await recordAudit(tx, {
      actorId: actor.id,
      action: "results.seal",
      entityType: "edition",
      entityId: edition.id,
      data: { ranking: results.ranking.films.map((f) => ({ filmId: f.filmId, rank: f.rank, score: f.score, placement: f.placement ?? null })) },
    });
  });
  return { placed: placed.length };
}

export const unsealSchema = z.object({ reason: z.string().trim().min(10, "Tulis alasan membuka segel (minimal 10 karakter).").max(500) });

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
  return due.map((d) => d.id);
}
