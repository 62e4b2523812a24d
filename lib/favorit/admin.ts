import crypto from "node:crypto";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { and, asc, count, eq, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/authenticate";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db, DbLike } from "@/lib/db/client";
import { categories, favoritNominees, favoritPhases, favoritVotes, films, specialAwards } from "@/lib/db/schema";
import { fromWibInput } from "@/lib/editions/edition-schemas";
import { AppError } from "@/lib/errors";
import { organiserEdition } from "@/lib/judging/assignment-plan";
import { plainText } from "@/lib/text/sanitise";
import { fraudReport, type FraudOptions } from "./fraud-report";
import { categoryKey, hasClosed, listNominees } from "./phase";

// The organiser's side of the favorit vote (docs/decisions/0036): nominees and window, the
// fraud report, voiding votes, and turning the result into the special award once.

/** Entries that can be nominated: complete, not disqualified or withdrawn, with the KIM's consent to publish. */
export const nominableStatuses = ["diunggah", "lolos_kurasi", "dinilai", "juara"] as const;

export async function nominableFilms(db: DbLike, editionId: string) {
  return db
    .select({ id: films.id, code: films.code, title: films.title, categoryId: films.categoryId, categoryName: categories.name })
    .from(films)
    .leftJoin(categories, eq(categories.id, films.categoryId))
    .where(and(eq(films.editionId, editionId), inArray(films.status, [...nominableStatuses]), eq(films.publicationConsent, true)))
    .orderBy(asc(categories.position), asc(films.code));
}

const wibPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

export const phaseSchema = z
  .object({
    nominees: z.array(z.uuid()).min(2, "Pilih minimal dua nominasi."),
    opensAt: z.union([z.literal("").transform(() => null), z.string().regex(wibPattern, "Isi waktu pembukaan (tanggal dan jam WIB).").transform(fromWibInput)]).optional(),
    closesAt: z.string().regex(wibPattern, "Isi waktu penutupan (tanggal dan jam WIB).").transform(fromWibInput),
  })
  .refine((v) => !v.opensAt || v.closesAt > v.opensAt, { path: ["closesAt"], message: "Penutupan harus setelah pembukaan." });

/**
 * Saves the nominees and the window. Opens at once without an opening time. Nominees change
 * only before the phase opens (after that people have voted for them); the closing time may
 * move until the result is awarded.
 */
export async function saveFavoritPhase(db: Db, actor: SessionUser, slug: string, input: unknown, now = new Date()) {
  const edition = await organiserEdition(db, actor, slug);
  if (!["pendaftaran", "penjurian", "disegel", "diumumkan"].includes(edition.status)) {
    throw new AppError("conflict", { userMessage: "Pemilihan Film Terfavorit dibuka setelah pendaftaran dibuka." });
  }
  const { nominees, opensAt: wantedOpen, closesAt } = phaseSchema.parse(input);
  const [existing] = await db.select().from(favoritPhases).where(eq(favoritPhases.editionId, edition.id));
  if (existing?.awardedAt) throw new AppError("conflict", { userMessage: "Hasil Film Terfavorit sudah ditetapkan; pemilihan tidak dapat diubah." });
  const started = existing && existing.opensAt <= now;
  const opensAt = started ? existing.opensAt : (wantedOpen ?? now);
  if (closesAt <= opensAt || closesAt <= now) throw new AppError("invalid", { userMessage: "Penutupan harus setelah pembukaan dan di masa depan.", fieldErrors: { closesAt: ["Pilih waktu setelah pembukaan."] } });
  const allowed = await nominableFilms(db, edition.id);
  const picked = allowed.filter((f) => nominees.includes(f.id));
  if (picked.length !== new Set(nominees).size) {
    throw new AppError("invalid", { userMessage: "Hanya film lengkap yang tidak didiskualifikasi dan boleh dipublikasikan yang dapat dinominasikan.", fieldErrors: { nominees: ["Pilih dari daftar."] } });
  }
  return db.transaction(async (tx) => {
    if (started) {
      const current = await tx.select({ id: favoritNominees.filmId }).from(favoritNominees).where(eq(favoritNominees.editionId, edition.id));
      const same = current.length === picked.length && current.every((c) => nominees.includes(c.id));
      if (!same) throw new AppError("conflict", { userMessage: "Nominasi tidak dapat diubah setelah pemilihan dibuka. Hanya waktu penutupan yang dapat diubah." });
    } else {
      await tx.delete(favoritNominees).where(eq(favoritNominees.editionId, edition.id));
      await tx.insert(favoritNominees).values(picked.map((f, i) => ({ editionId: edition.id, filmId: f.id, categoryId: f.categoryId, position: i })));
    }
    await tx
      .insert(favoritPhases)
      .values({ editionId: edition.id, opensAt, closesAt, createdBy: actor.id })
      .onConflictDoUpdate({ target: favoritPhases.editionId, set: { opensAt, closesAt, updatedAt: now } });
    await recordAudit(tx, { actorId: actor.id, action: "favorit.phase", entityType: "edition", entityId: edition.id, editionId: edition.id, data: { nominees: picked.map((f) => f.code), opensAt, closesAt } });
    return { opensAt, closesAt, nominees: picked.length };
  });
}

/** What the organiser's favorit page shows: phase, nominees, nominable films, the fraud report; counts per film only once closed. */
export async function favoritAdminView(db: Db, actor: SessionUser, slug: string, now = new Date(), options: FraudOptions = {}) {
  const edition = await organiserEdition(db, actor, slug);
  const [phase] = await db.select().from(favoritPhases).where(eq(favoritPhases.editionId, edition.id));
  const [nominees, nominable] = await Promise.all([listNominees(db, edition.id), nominableFilms(db, edition.id)]);
  const votes = phase
    ? await db
        .select({ id: favoritVotes.id, votedAt: favoritVotes.votedAt, network: favoritVotes.network, emailDomain: favoritVotes.emailDomain, voidedAt: favoritVotes.voidedAt })
        .from(favoritVotes)
        .where(eq(favoritVotes.editionId, edition.id))
    : [];
  const report = fraudReport(
    votes.map((v) => ({ id: v.id, votedAt: v.votedAt, network: v.network, emailDomain: v.emailDomain, voided: v.voidedAt !== null })),
    options,
  );
  const results = phase && hasClosed(phase, now) ? await voteCounts(db, edition.id) : null;
  const recent = [...votes].sort((a, b) => b.votedAt.getTime() - a.votedAt.getTime()).slice(0, 50);
  return { edition, phase: phase ?? null, nominees, nominable, report, results, recent };
}

export type VoteCount = { filmId: string; code: string; title: string; categoryId: string | null; categoryName: string | null; votes: number };

/** Valid votes per nominee (voided ones left out), and the voided count. */
export async function voteCounts(db: DbLike, editionId: string): Promise<{ films: VoteCount[]; valid: number; voided: number }> {
  const nominees = await listNominees(db, editionId);
  const rows = await db
    .select({ filmId: favoritVotes.filmId, key: favoritVotes.categoryKey, voided: sql<boolean>`${favoritVotes.voidedAt} is not null`, n: count() })
    .from(favoritVotes)
    .where(eq(favoritVotes.editionId, editionId))
    .groupBy(favoritVotes.filmId, favoritVotes.categoryKey, sql`${favoritVotes.voidedAt} is not null`);
  const votesOf = (filmId: string, key: string) => rows.filter((r) => r.filmId === filmId && r.key === key && !r.voided).reduce((s, r) => s + Number(r.n), 0);
  const list = nominees.map((n) => ({ filmId: n.filmId, code: n.code, title: n.title, categoryId: n.categoryId, categoryName: n.categoryName, votes: votesOf(n.filmId, categoryKey(n.categoryId)) }));
  const valid = rows.filter((r) => !r.voided).reduce((s, r) => s + Number(r.n), 0);
  const voided = rows.filter((r) => r.voided).reduce((s, r) => s + Number(r.n), 0);
  return { films: list, valid, voided };
}

export const voidSchema = z.object({
  voteIds: z.array(z.uuid()).min(1, "Pilih suara yang dibatalkan."),
  reason: plainText().trim().min(5, "Tulis alasan pembatalan (minimal 5 karakter).").max(300, "Alasan paling panjang 300 karakter."),
});

/** Voids votes (one, or a burst's) with a reason; audited with the count. Voided votes are not counted. */
export async function voidVotes(db: Db, actor: SessionUser, slug: string, input: unknown, now = new Date()) {
  const edition = await organiserEdition(db, actor, slug);
  const { voteIds, reason } = voidSchema.parse(input);
  const [phase] = await db.select().from(favoritPhases).where(eq(favoritPhases.editionId, edition.id));
  if (phase?.awardedAt) throw new AppError("conflict", { userMessage: "Hasil Film Terfavorit sudah ditetapkan; suara tidak dapat dibatalkan lagi." });
  return db.transaction(async (tx) => {
    const voided = await tx
      .update(favoritVotes)
      .set({ voidedAt: now, voidedBy: actor.id, voidReason: reason })
      .where(and(eq(favoritVotes.editionId, edition.id), inArray(favoritVotes.id, [...new Set(voteIds)]), isNull(favoritVotes.voidedAt)))
      .returning({ id: favoritVotes.id, network: favoritVotes.network });
    if (voided.length === 0) throw new AppError("conflict", { userMessage: "Suara itu sudah dibatalkan atau tidak ada." });
    const networks = [...new Set(voided.map((v) => v.network ?? "unknown"))];
    await recordAudit(tx, { actorId: actor.id, action: "favorit.void", entityType: "edition", entityId: edition.id, editionId: edition.id, data: { count: voided.length, reason, networks } });
    return { count: voided.length };
  });
}

/** The award's name: "Film Terfavorit", or "Film Terfavorit — {category}" when the edition has categories. */
export const awardName = (categoryName: string | null) => (categoryName ? `Film Terfavorit — ${categoryName}` : "Film Terfavorit");

/**
 * After the window closes: the nominee with the most valid votes in each category becomes the
 * special award, once (favorit_phases.awarded_at). A tie goes to the film that reached its
 * count first (its last counted vote is the earlier one). A category without votes gets none.
 */
export async function awardFavorit(db: Db, actor: SessionUser, slug: string, now = new Date()) {
  const edition = await organiserEdition(db, actor, slug);
  const [phase] = await db.select().from(favoritPhases).where(eq(favoritPhases.editionId, edition.id));
  if (!phase) throw new AppError("not_found", { userMessage: "Festival ini tidak mengadakan pemilihan Film Terfavorit." });
  if (!hasClosed(phase, now)) throw new AppError("conflict", { userMessage: "Pemilihan belum ditutup; hasil ditetapkan setelah penutupan." });
  return awardOnce(db, actor, edition.id, now).catch((error: unknown) => {
    // The unique index on the award's name: the organiser already gave "Film Terfavorit" by hand.
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", { userMessage: "Penghargaan bernama Film Terfavorit sudah dicatat di halaman Hasil. Hapus dulu bila hasil pemilihan yang ingin dipakai." });
    }
    throw error;
  });
}

async function awardOnce(db: Db, actor: SessionUser, editionId: string, now: Date) {
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(favoritPhases)
      .set({ awardedAt: now, updatedAt: now })
      .where(and(eq(favoritPhases.editionId, editionId), isNull(favoritPhases.awardedAt)))
      .returning({ editionId: favoritPhases.editionId });
    if (!claimed) throw new AppError("conflict", { userMessage: "Hasil Film Terfavorit sudah ditetapkan." });
    const { films: counts } = await voteCounts(tx, editionId);
    const lastVote = await tx
      .select({ filmId: favoritVotes.filmId, key: favoritVotes.categoryKey, last: sql<string>`max(${favoritVotes.votedAt})` })
      .from(favoritVotes)
      .where(and(eq(favoritVotes.editionId, editionId), isNull(favoritVotes.voidedAt)))
      .groupBy(favoritVotes.filmId, favoritVotes.categoryKey);
    const reached = (c: VoteCount) => new Date(lastVote.find((l) => l.filmId === c.filmId && l.key === categoryKey(c.categoryId))?.last ?? 0).getTime();
    const winners: { filmId: string; name: string; votes: number }[] = [];
    for (const key of [...new Set(counts.map((c) => categoryKey(c.categoryId)))]) {
      const group = counts.filter((c) => categoryKey(c.categoryId) === key && c.votes > 0);
      group.sort((a, b) => b.votes - a.votes || reached(a) - reached(b));
      if (group[0]) winners.push({ filmId: group[0].filmId, name: awardName(group[0].categoryName), votes: group[0].votes });
    }
    for (const winner of winners) {
      await tx.insert(specialAwards).values({
        editionId,
        filmId: winner.filmId,
        name: winner.name,
        note: `Pilihan publik: ${winner.votes} suara sah.`,
        certificateCode: crypto.randomBytes(6).toString("hex").toUpperCase(),
      });
    }
    await recordAudit(tx, { actorId: actor.id, action: "favorit.award", entityType: "edition", entityId: editionId, editionId, data: { awards: winners } });
    return { awards: winners };
  });
}
