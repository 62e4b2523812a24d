import { and, count, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { deadlineExtensions, editions, films, kimGroups, placements } from "@/lib/db/schema";
import { resultsArePublic } from "@/lib/editions/list-editions";
import { editionRules } from "@/lib/editions/defaults";
import { effectiveClose, entriesOpen } from "@/lib/editions/submission-window";
import type { SessionUser } from "@/lib/auth/authenticate";
import { forbidden } from "@/lib/errors";
import { kimMayEnter } from "./entry-eligibility";

/** A film status as the KIM sees it: the stored ones, and "judged" once results are out for a film without a placement. */
export type KimFilmStatus = (typeof films.$inferSelect)["status"] | "dinilai_selesai";

// Outcomes the ranking decides: until results are public every one reads "being judged".
const rankingOutcomes = new Set(["dinilai", "juara", "dikecualikan"]);

/**
 * What a KIM may know about its film's status. Until results are public, a judged film
 * (placed, not placed, or left out of the ranking) shows the same neutral "being judged",
 * without a reason; afterwards a film without a placement reads "judged", a placed one its
 * placement, one left out of the ranking that status with the organiser's reason. A
 * disqualification (and every status before judging) shows at once, with its reason.
 */
export function kimVisibleStatus(film: { status: (typeof films.$inferSelect)["status"]; statusReason: string | null }, published: boolean): { status: KimFilmStatus; statusReason: string | null } {
  const own = { status: film.status, statusReason: film.statusReason };
  if (!rankingOutcomes.has(film.status)) return own;
  if (!published) return { status: "dinilai", statusReason: null };
  if (film.status === "dinilai") return { status: "dinilai_selesai", statusReason: null };
  return own;
}

/** The KIM's own entries; a KIM member sees only their KIM's films. */
export async function listKimFilms(db: Db, actor: SessionUser) {
  if (actor.role !== "kim" || !actor.kimId || actor.status !== "active") throw forbidden();
  const rows = await db
    .select({
      id: films.id,
      title: films.title,
      status: films.status,
      statusReason: films.statusReason,
      editionTitle: editions.title,
      editionSlug: editions.slug,
      editionStatus: editions.status,
      scheduledPublishAt: editions.scheduledPublishAt,
      placement: placements.placement,
      certificateCode: placements.certificateCode,
    })
    .from(films)
    .innerJoin(editions, eq(editions.id, films.editionId))
    .leftJoin(placements, eq(placements.filmId, films.id))
    .where(eq(films.kimId, actor.kimId))
    .orderBy(desc(films.createdAt));
  // Until results are published a KIM sees "being judged", never an outcome.
  return rows.map(({ scheduledPublishAt, editionStatus, placement, certificateCode, ...r }) => {
    const published = resultsArePublic({ status: editionStatus, scheduledPublishAt });
    return {
      ...r,
      ...kimVisibleStatus(r, published),
      editionStatus,
      placement: published ? placement : null,
      certificateCode: published ? certificateCode : null,
    };
  });
}

type KimForEntry = { id: string; regencyCode: string; status: string };

/**
 * Editions a KIM may enter right now: its regency's or its province's, open for entries (until
 * the KIM's own close when it has an extension), and for active KIMs only when the edition
 * says so (lib/films/entry-eligibility.ts). `closesAt` is the KIM's own close. With only a
 * regency code (no KIM), the region rule alone applies.
 */
export async function listOpenEditions(db: Db, kim: KimForEntry | string, now = new Date()) {
  const who: KimForEntry = typeof kim === "string" ? { id: "", regencyCode: kim, status: "aktif" } : kim;
  const province = who.regencyCode.split(".")[0];
  const rows = await db
    .select({
      id: editions.id,
      slug: editions.slug,
      title: editions.title,
      status: editions.status,
      regionCode: editions.regionCode,
      rules: editions.rules,
      intake: editions.intake,
      submissionOpensAt: editions.submissionOpensAt,
      submissionClosesAt: editions.submissionClosesAt,
      extendedUntil: deadlineExtensions.closesAt,
    })
    .from(editions)
    .leftJoin(deadlineExtensions, and(eq(deadlineExtensions.editionId, editions.id), who.id ? eq(deadlineExtensions.kimId, who.id) : sql`false`))
    .where(and(eq(editions.status, "pendaftaran"), inArray(editions.regionCode, [who.regencyCode, province])));
  const open = rows.filter((e) => kimMayEnter(e, who).ok && entriesOpen(e, now, e.extendedUntil).open);
  const used = who.id && open.length ? await entriesPerEdition(db, who.id, open.map((e) => e.id)) : new Map<string, number>();
  return open
    .map((e) => ({
      slug: e.slug,
      title: e.title,
      regionCode: e.regionCode,
      submissionClosesAt: effectiveClose(e, e.extendedUntil),
      extended: !!e.extendedUntil && effectiveClose(e, e.extendedUntil) !== e.submissionClosesAt,
      filmsPerKim: editionRules(e.rules).filmsPerKim,
      used: used.get(e.id) ?? 0,
    }))
    .sort((a, b) => (a.submissionClosesAt?.getTime() ?? 0) - (b.submissionClosesAt?.getTime() ?? 0));
}

async function entriesPerEdition(db: Db, kimId: string, editionIds: string[]) {
  const rows = await db
    .select({ editionId: films.editionId, n: count() })
    .from(films)
    .where(and(eq(films.kimId, kimId), inArray(films.editionId, editionIds), ne(films.status, "ditarik")))
    .groupBy(films.editionId);
  return new Map(rows.map((r) => [r.editionId, r.n]));
}

export type EntryChance =
  | { may: true; used: number; limit: number; closesAt: Date | null }
  | { may: false; why: "not_found" | "not_eligible" | "closed" | "limit"; reason: string; used: number; limit: number; closesAt: Date | null };

/**
 * Whether the signed-in KIM may start an entry in the edition `slug` now, and why not: the
 * same rules createDraftFilm applies (region, active-only, the KIM's own close, films per
 * KIM), for the page that asks for the confirmation before it.
 */
export async function kimEntryChance(db: Db, actor: SessionUser, slug: string, now = new Date()): Promise<EntryChance> {
  if (actor.role !== "kim" || !actor.kimId || actor.status !== "active") throw forbidden();
  const [row] = await db
    .select({ edition: editions, kim: { regencyCode: kimGroups.regencyCode, status: kimGroups.status }, extendedUntil: deadlineExtensions.closesAt })
    .from(editions)
    .innerJoin(kimGroups, eq(kimGroups.id, actor.kimId))
    .leftJoin(deadlineExtensions, and(eq(deadlineExtensions.editionId, editions.id), eq(deadlineExtensions.kimId, actor.kimId)))
    .where(and(eq(editions.slug, slug), ne(editions.status, "draf")));
  if (!row) return { may: false, why: "not_found", reason: "Festival tidak ditemukan atau tidak terbuka untuk KIM Anda.", used: 0, limit: 0, closesAt: null };
  const { edition, kim, extendedUntil } = row;
  const limit = editionRules(edition.rules).filmsPerKim;
  const closesAt = effectiveClose(edition, extendedUntil);
  const used = (await entriesPerEdition(db, actor.kimId, [edition.id])).get(edition.id) ?? 0;
  const base = { used, limit, closesAt };
  const eligible = kimMayEnter(edition, kim);
  if (!eligible.ok) return { may: false, why: "not_eligible", reason: eligible.reason, ...base };
  const open = entriesOpen(edition, now, extendedUntil);
  if (!open.open) return { may: false, why: "closed", reason: open.reason, ...base };
  if (used >= limit) return { may: false, why: "limit", reason: `Batas ${limit} film per KIM untuk festival ini sudah tercapai. Tarik film lain dulu bila ingin mengganti.`, ...base };
  return { may: true, ...base };
}
