import { and, count, desc, eq, like, ne, or, type SQL } from "drizzle-orm";
import type { DbLike } from "@/lib/db/client";
import { categories, deadlineExtensions, editions, filmMedia, films, kimGroups, rubricCriteria } from "@/lib/db/schema";
import type { SessionUser } from "@/lib/auth/authenticate";
import { entriesOpen, organiserMayEnter } from "@/lib/editions/submission-window";
import { resultsArePublic } from "@/lib/editions/list-editions";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { kimVisibleStatus } from "./list-kim-films";

export function requireActiveKim(actor: SessionUser): asserts actor is SessionUser & { kimId: string } {
  if (actor.role !== "kim" || actor.status !== "active" || !actor.kimId) throw forbidden();
}

/** Editions an organiser runs: its region or inside it (the where-clause form of organiserCovers). */
export function editionInScope(actor: SessionUser): SQL {
  if (actor.role !== "organiser" || actor.status !== "active" || !actor.regionCode) throw forbidden();
  return and(or(eq(editions.regionCode, actor.regionCode), like(editions.regionCode, `${actor.regionCode}.%`)), eq(editions.isHistorical, false))!;
}

/**
 * Who may reach an entry, as a where clause: the KIM's own members, or an organiser whose
 * region holds the edition (entering a film for a KIM). Anyone else gets "not found".
 */
function entryAccess(actor: SessionUser): SQL {
  if (actor.role === "organiser") return editionInScope(actor);
  requireActiveKim(actor);
  return eq(films.kimId, actor.kimId);
}

/**
 * A film the actor may work on, with its edition, its KIM and the KIM's own deadline (an
 * extension); another KIM's film, or a film outside an organiser's region, is not found.
 * `onBehalf`: an organiser acting for the KIM (every audit entry then names the KIM).
 */
export async function getEntryFilm(db: DbLike, actor: SessionUser, filmId: string) {
  const access = entryAccess(actor);
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(filmId)) throw notFound();
  const [row] = await db
    .select({ film: films, edition: editions, kim: { id: kimGroups.id, name: kimGroups.name, regencyCode: kimGroups.regencyCode, status: kimGroups.status }, extendedUntil: deadlineExtensions.closesAt })
    .from(films)
    .innerJoin(editions, eq(editions.id, films.editionId))
    .innerJoin(kimGroups, eq(kimGroups.id, films.kimId))
    .leftJoin(deadlineExtensions, and(eq(deadlineExtensions.editionId, films.editionId), eq(deadlineExtensions.kimId, films.kimId)))
    .where(and(eq(films.id, filmId), access));
  if (!row) throw notFound();
  return { ...row, onBehalf: actor.role === "organiser" };
}

/** A film of the actor's own KIM, with its edition; another KIM's film is simply not found. */
export async function getKimFilm(db: DbLike, actor: SessionUser, filmId: string) {
  requireActiveKim(actor);
  return getEntryFilm(db, actor, filmId);
}

export type EntryFilm = Awaited<ReturnType<typeof getEntryFilm>>;

/** Whether the entry may be changed now: the KIM until its (own) close; an organiser while the edition takes entries. */
export function entryWindow(entry: Pick<EntryFilm, "edition" | "extendedUntil" | "onBehalf">, now: Date) {
  return entry.onBehalf ? organiserMayEnter(entry.edition) : entriesOpen(entry.edition, now, entry.extendedUntil);
}

const editableStatuses = new Set(["draf", "diunggah", "diperiksa", "ditolak_sistem"]);

/** Why an entry cannot be changed: withdrawn, or already past entry (e.g. disqualified); null when it can. */
export function notEditable(status: string): { reason: string } | null {
  if (status === "ditarik") return { reason: "Film yang sudah ditarik tidak bisa diubah." };
  return editableStatuses.has(status) ? null : { reason: "Film ini sudah diproses panitia dan tidak bisa diubah lagi." };
}

/** The audit data of an action on an entry: an organiser's names the KIM it acted for. */
export const onBehalfData = (entry: Pick<EntryFilm, "kim" | "onBehalf">, extra: Record<string, unknown> = {}): Record<string, unknown> | undefined =>
  entry.onBehalf ? { kimId: entry.kim.id, kimName: entry.kim.name, onBehalfOfKim: true, ...extra } : Object.keys(extra).length ? extra : undefined;

/** Everything an entry page shows: the film, its edition's categories and rubric, and its current media. */
export async function getEntry(db: DbLike, actor: SessionUser, filmId: string) {
  const entry = await getEntryFilm(db, actor, filmId);
  const { film, edition } = entry;
  const [cats, rubric, media] = await Promise.all([
    db.select({ id: categories.id, name: categories.name, description: categories.description }).from(categories).where(eq(categories.editionId, edition.id)).orderBy(categories.position),
    db
      .select({ name: rubricCriteria.name, description: rubricCriteria.description, weight: rubricCriteria.weight, minScore: rubricCriteria.minScore, maxScore: rubricCriteria.maxScore })
      .from(rubricCriteria)
      .where(eq(rubricCriteria.editionId, edition.id))
      .orderBy(rubricCriteria.position),
    db.select().from(filmMedia).where(eq(filmMedia.filmId, film.id)).orderBy(desc(filmMedia.createdAt)),
  ]);
  const latest = (kind: string) => media.find((m) => m.kind === kind && m.isCurrent) ?? null;
  // The newest video attempt, accepted or not, so the KIM sees what the check said.
  const lastVideoAttempt = media.find((m) => m.kind === "video") ?? null;
  return { ...entry, categories: cats, rubric, video: latest("video"), poster: latest("poster"), subtitle: latest("subtitle"), lastVideoAttempt };
}

/**
 * The KIM's own entry page (another KIM's film is not found), with the status the KIM may see
 * (`shown`): until results are public every judged film reads the same (kimVisibleStatus).
 */
export async function getKimEntry(db: DbLike, actor: SessionUser, filmId: string) {
  requireActiveKim(actor);
  const entry = await getEntry(db, actor, filmId);
  return { ...entry, shown: kimVisibleStatus(entry.film, resultsArePublic(entry.edition)) };
}

/** Entries of one KIM in one edition that count against the edition's limit (withdrawn ones do not). */
export async function countActiveEntries(db: DbLike, kimId: string, editionId: string): Promise<number> {
  const [{ n }] = await db
    .select({ n: count() })
    .from(films)
    .where(and(eq(films.kimId, kimId), eq(films.editionId, editionId), ne(films.status, "ditarik")));
  return n;
}

/** The facts about a KIM that decide where it may enter. */
export async function kimFacts(db: DbLike, kimId: string) {
  const [kim] = await db.select({ id: kimGroups.id, name: kimGroups.name, regencyCode: kimGroups.regencyCode, status: kimGroups.status }).from(kimGroups).where(eq(kimGroups.id, kimId));
  if (!kim) throw new AppError("not_found", { userMessage: "KIM tidak ditemukan." });
  return kim;
}

/** The KIM's own later deadline in an edition, if the organiser gave it one. */
export async function kimExtension(db: DbLike, editionId: string, kimId: string): Promise<Date | null> {
  const [row] = await db
    .select({ closesAt: deadlineExtensions.closesAt })
    .from(deadlineExtensions)
    .where(and(eq(deadlineExtensions.editionId, editionId), eq(deadlineExtensions.kimId, kimId)));
  return row?.closesAt ?? null;
}
