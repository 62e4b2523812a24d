import { and, asc, desc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/authenticate";
import { invitationStatus, reissueInvitation, revokeInvitation } from "@/lib/auth/invite-judge";
import type { Db } from "@/lib/db/client";
import { categories, editionJudges, films, judgeAssignments, judgeInvitations, kimGroups, scoreSheets, users } from "@/lib/db/schema";
import { AppError, notFound } from "@/lib/errors";
import { regionNames } from "@/lib/regions/region-name";
import { organiserEdition } from "./assignment-plan";
import { listEditionConflicts } from "./organiser-conflicts";
import { activeRound } from "./rounds";

// The judges roster of one edition, for its organisers: who judges (edition_judges), who was
// invited and where each invitation stands, each judge's categories and cap, and the
// conflicts on record. Every function starts from organiserEdition(), so an organiser of
// another region gets "not found" and a judge or KIM "forbidden".

/** Everything the roster page shows. Organisers may see KIM names; nothing here reaches a judge. */
export async function editionRoster(db: Db, actor: SessionUser, slug: string, now = new Date()) {
  const edition = await organiserEdition(db, actor, slug);
  const round = await activeRound(db, edition.id);
  const [categoryRows, judgeRows, invitationRows, filmRows, conflicts] = await Promise.all([
    db.select({ id: categories.id, name: categories.name }).from(categories).where(eq(categories.editionId, edition.id)).orderBy(asc(categories.position), asc(categories.name)),
    db
      .select({
        judgeId: users.id,
        name: users.name,
        email: users.email,
        regionCode: users.regionCode,
        accountStatus: users.status,
        joinedAt: editionJudges.joinedAt,
        leftAt: editionJudges.leftAt,
        categories: editionJudges.categories,
        cap: editionJudges.cap,
        assigned: sql<number>`count(${judgeAssignments.id})::int`,
        submitted: sql<number>`count(${scoreSheets.id}) filter (where ${scoreSheets.status} = 'submitted')::int`,
      })
      .from(editionJudges)
      .innerJoin(users, eq(users.id, editionJudges.userId))
      .leftJoin(judgeAssignments, and(eq(judgeAssignments.judgeId, users.id), eq(judgeAssignments.roundId, round.id), isNull(judgeAssignments.removedAt)))
      .leftJoin(scoreSheets, eq(scoreSheets.assignmentId, judgeAssignments.id))
      .where(eq(editionJudges.editionId, edition.id))
      .groupBy(users.id, editionJudges.editionId, editionJudges.userId)
      .orderBy(asc(users.name)),
    db.select().from(judgeInvitations).where(eq(judgeInvitations.editionId, edition.id)).orderBy(desc(judgeInvitations.createdAt)),
    db
      .select({ id: films.id, code: films.code, title: films.title, kimName: kimGroups.name })
      .from(films)
      .innerJoin(kimGroups, eq(kimGroups.id, films.kimId))
      .where(and(eq(films.editionId, edition.id), ne(films.status, "ditarik")))
      .orderBy(asc(films.code)),
    listEditionConflicts(db, edition.id),
  ]);
  const names = await regionNames(db, [...judgeRows.map((j) => j.regionCode), ...invitationRows.map((i) => i.regencyCode)]);
  const regionOf = (code: string | null) => (code ? (names.get(code) ?? code) : "—");
  return {
    edition,
    categories: categoryRows,
    judges: judgeRows.map((j) => ({ ...j, regionName: regionOf(j.regionCode), categories: j.categories ?? [] })),
    invitations: invitationRows.map((i) => ({
      id: i.tokenHash,
      name: i.name,
      email: i.email,
      regionName: regionOf(i.regencyCode),
      sentAt: i.createdAt,
      expiresAt: i.expiresAt,
      acceptedAt: i.acceptedAt,
      revokedAt: i.revokedAt,
      status: invitationStatus(i, now),
    })),
    films: filmRows,
    conflicts,
  };
}

/** Resend: a new link, valid 14 days, mailed again; the old link stops working. */
export async function resendEditionInvitation(db: Db, actor: SessionUser, slug: string, input: unknown, now = new Date()) {
  const edition = await organiserEdition(db, actor, slug);
  return reissueInvitation(db, actor, edition.id, input, now);
}

/** Revoke: an open invitation of this edition stops working at once. */
export async function revokeEditionInvitation(db: Db, actor: SessionUser, slug: string, input: unknown, now = new Date()) {
  const edition = await organiserEdition(db, actor, slug);
  await revokeInvitation(db, actor, edition.id, input, now);
}

export const judgeTermsSchema = z.object({
  judgeId: z.uuid("Pilih juri."),
  // Category ids of the edition; none means every category.
  categories: z.array(z.string()).max(100).default([]),
  cap: z.preprocess(
    (v) => (v === null || v === undefined ? "" : String(v)),
    z
      .string()
      .trim()
      .regex(/^\d{0,4}$/, "Batas film berupa bilangan bulat 1 sampai 1.000, atau kosongkan bila tanpa batas.")
      .transform((v) => (v === "" ? null : Number(v)))
      .refine((v) => v === null || (v >= 1 && v <= 1000), "Batas film berupa bilangan bulat 1 sampai 1.000, atau kosongkan bila tanpa batas."),
  ),
});

/**
 * Which categories a judge scores and how many films at most. assignJudges honours both;
 * pairs already saved that no longer fit are released by the next "Simpan penugasan".
 * Sheets a judge already submitted stay valid, so the terms may not exclude them.
 */
export async function setJudgeTerms(db: Db, actor: SessionUser, slug: string, input: unknown) {
  const edition = await organiserEdition(db, actor, slug);
  const data = judgeTermsSchema.parse(input);
  const chosen = [...new Set(data.categories)];
  const wellFormed = chosen.every((id) => z.uuid().safeParse(id).success);
  const known = chosen.length && wellFormed
    ? await db.select({ id: categories.id, name: categories.name }).from(categories).where(and(eq(categories.editionId, edition.id), inArray(categories.id, chosen)))
    : [];
  if (!wellFormed || known.length !== chosen.length) {
    throw new AppError("invalid", { userMessage: "Periksa kategori dan batas film.", fieldErrors: { categories: ["Kategori tidak dikenal di festival ini."] } });
  }
  const [member] = await db.select().from(editionJudges).where(and(eq(editionJudges.editionId, edition.id), eq(editionJudges.userId, data.judgeId)));
  if (!member) throw notFound();

  const round = await activeRound(db, edition.id);
  const submitted = await db
    .select({ categoryId: films.categoryId, categoryName: categories.name })
    .from(judgeAssignments)
    .innerJoin(scoreSheets, and(eq(scoreSheets.assignmentId, judgeAssignments.id), eq(scoreSheets.status, "submitted")))
    .innerJoin(films, eq(films.id, judgeAssignments.filmId))
    .leftJoin(categories, eq(categories.id, films.categoryId))
    .where(and(eq(judgeAssignments.roundId, round.id), eq(judgeAssignments.judgeId, data.judgeId), isNull(judgeAssignments.removedAt)));
  if (data.cap !== null && data.cap < submitted.length) {
    throw new AppError("invalid", { userMessage: "Periksa kategori dan batas film.", fieldErrors: { cap: [`Juri ini sudah mengirim ${submitted.length} lembar nilai; batas tidak bisa di bawah itu.`] } });
  }
  const excluded = chosen.length ? submitted.find((s) => !s.categoryId || !chosen.includes(s.categoryId)) : undefined;
  if (excluded) {
    throw new AppError("invalid", {
      userMessage: "Periksa kategori dan batas film.",
      fieldErrors: {
        categories: [
          excluded.categoryName
            ? `Juri ini sudah mengirim nilai untuk film kategori ${excluded.categoryName}; kategori itu harus tetap dipilih.`
            : "Juri ini sudah mengirim nilai untuk film tanpa kategori; biarkan semua kategori kosong.",
        ],
      },
    });
  }

  const terms = { categories: chosen.length ? chosen : null, cap: data.cap };
  await db.update(editionJudges).set(terms).where(and(eq(editionJudges.editionId, edition.id), eq(editionJudges.userId, data.judgeId)));
  await recordAudit(db, {
    actorId: actor.id,
    action: "judge.terms",
    entityType: "user",
    entityId: data.judgeId,
    editionId: edition.id,
    data: { ...terms, previous: { categories: member.categories, cap: member.cap } },
  });
  return terms;
}
