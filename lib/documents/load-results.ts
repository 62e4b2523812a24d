import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { DbLike } from "@/lib/db/client";
import { categories, certificates, type EditionDocuments, editions, favoritPhases, films, judgeAssignments, kimGroups, placements, regions, scoreSheets, scores, users } from "@/lib/db/schema";
import { computeEditionResults } from "@/lib/results/edition-results";
import { listSpecialAwards } from "@/lib/results/special-awards";
import { voteCounts } from "@/lib/favorit/admin";
import { editionSettings } from "@/lib/editions/defaults";

type Edition = typeof editions.$inferSelect;

export type DocumentEdition = Pick<Edition, "id" | "slug" | "title" | "year" | "level" | "regionCode" | "theme" | "status" | "sealedAt" | "publishedAt" | "scheduledPublishAt" | "announceAt"> & {
  regionName: string;
  method: "mean" | "zscore";
  /** Who signs, the Berita Acara number, the logo's key (its bytes are in PlacementData.logo). */
  documents: EditionDocuments;
};

export type DocumentFilm = {
  id: string;
  code: string;
  title: string;
  kimName: string;
  categoryName: string | null;
  judgeTotals: Record<string, number>; // judgeId -> weighted total, 0-100
  rawMean: number;
  score: number;
  rank: number | null;
  placement: string | null; // as frozen in placements when the results were sealed
  flagged?: string;
};

export type DocumentPlacement = {
  placement: string;
  rank: number | null;
  score: number | null;
  certificateCode: string | null;
  kimId: string;
  kimName: string;
  filmId: string | null;
  filmCode: string | null;
  filmTitle: string | null;
  categoryName: string | null;
};

/** A special award (Film Favorit, ...): outside the ranking, with its own piagam code. */
export type DocumentSpecialAward = { name: string; note: string | null; certificateCode: string | null; kimId: string; kimName: string; filmId: string; filmCode: string; filmTitle: string };

/** A participation certificate (piagam peserta): one per judged film. */
export type DocumentParticipant = { certificateCode: string; kimId: string; kimName: string; filmId: string; filmCode: string; filmTitle: string; categoryName: string | null };

/** A judge's certificate: one per judge with a submitted sheet in the round the results come from. */
export type DocumentJuror = { certificateCode: string; userId: string; name: string };

/** The letterhead logo as stored (PNG or JPEG), read through the storage driver by the caller. */
export type DocumentLogo = { bytes: Uint8Array; mimeType: string };

export type PlacementData = {
  edition: DocumentEdition;
  placements: DocumentPlacement[];
  specialAwards: DocumentSpecialAward[];
  participants: DocumentParticipant[];
  jurors: DocumentJuror[];
  logo: DocumentLogo | null;
};

/** A recorded jury decision on tied films, as the Berita Acara prints it. */
export type DocumentJuryDecision = { films: { code: string; title: string }[]; reason: string; decidedBy: string; at: Date };

/** A film the organiser left out of the ranking, with the recorded reason. */
export type DocumentExclusion = { code: string; title: string; kimName: string; reason: string | null };

export type DocumentData = PlacementData & {
  criteria: { id: string; name: string; weight: number; minScore: number; maxScore: number }[];
  judges: { id: string; name: string }[]; // judges with at least one submitted sheet: the jury
  films: DocumentFilm[]; // ranking order: category, rank, flagged last
  scores: { filmId: string; judgeId: string; criterionId: string; score: number | null; comment: string | null }[];
  juryDecisions: DocumentJuryDecision[];
  excluded: DocumentExclusion[];
  /** The public's favorit vote once its window closed: valid votes per nominee, voided count (docs/decisions/0036). */
  favorit?: DocumentFavorit | null;
};

export type DocumentFavorit = { films: { code: string; title: string; categoryName: string | null; votes: number }[]; valid: number; voided: number };

const podium = ["Juara I", "Juara II", "Juara III", "Juara Harapan I", "Juara Harapan II", "Juara Harapan III"];

/**
 * The edition, its frozen placements (podium order, by category), special awards and issued
 * certificates: all the piagam need. The caller checks access and, when the edition has a
 * logo, passes its bytes (document-settings.ts readLogo).
 */
export async function loadPlacementData(db: DbLike, edition: Edition, logo: DocumentLogo | null = null): Promise<PlacementData> {
  const [[region], placed, special, participants, jurors] = await Promise.all([
    db.select({ name: regions.name }).from(regions).where(eq(regions.code, edition.regionCode)),
    db
      .select({
        placement: placements.placement,
        rank: placements.rank,
        score: placements.score,
        certificateCode: placements.certificateCode,
        kimId: placements.kimId,
        kimName: kimGroups.name,
        filmId: placements.filmId,
        filmCode: films.code,
        filmTitle: films.title,
        categoryName: categories.name,
      })
      .from(placements)
      .innerJoin(kimGroups, eq(kimGroups.id, placements.kimId))
      .leftJoin(films, eq(films.id, placements.filmId))
      .leftJoin(categories, eq(categories.id, placements.categoryId))
      .where(eq(placements.editionId, edition.id)),
    listSpecialAwards(db, edition.id),
    db
      .select({ certificateCode: certificates.code, kimId: kimGroups.id, kimName: kimGroups.name, filmId: films.id, filmCode: films.code, filmTitle: films.title, categoryName: categories.name })
      .from(certificates)
      .innerJoin(films, eq(films.id, certificates.filmId))
      .innerJoin(kimGroups, eq(kimGroups.id, films.kimId))
      .leftJoin(categories, eq(categories.id, films.categoryId))
      .where(and(eq(certificates.editionId, edition.id), eq(certificates.kind, "peserta")))
      .orderBy(asc(films.code)),
    db
      .select({ certificateCode: certificates.code, userId: users.id, name: users.name })
      .from(certificates)
      .innerJoin(users, eq(users.id, certificates.userId))
      .where(and(eq(certificates.editionId, edition.id), eq(certificates.kind, "juri"))),
  ]);
  jurors.sort((a, b) => a.name.localeCompare(b.name, "id") || a.userId.localeCompare(b.userId));
  placed.sort((a, b) => (a.categoryName ?? "").localeCompare(b.categoryName ?? "", "id") || podium.indexOf(a.placement) - podium.indexOf(b.placement));
  return {
    edition: {
      id: edition.id,
      slug: edition.slug,
      title: edition.title,
      year: edition.year,
      level: edition.level,
      regionCode: edition.regionCode,
      regionName: region?.name ?? edition.regionCode,
      theme: edition.theme,
      status: edition.status,
      sealedAt: edition.sealedAt,
      publishedAt: edition.publishedAt,
      scheduledPublishAt: edition.scheduledPublishAt,
      announceAt: edition.announceAt,
      method: editionSettings(edition.settings).rankingMethod,
      documents: edition.documents ?? {},
    },
    placements: placed,
    specialAwards: special.map((a) => ({ name: a.name, note: a.note, certificateCode: a.certificateCode, kimId: a.kimId, kimName: a.kimName, filmId: a.filmId, filmCode: a.filmCode, filmTitle: a.filmTitle })),
    participants,
    jurors,
    logo,
  };
}

/** Everything the rekap and the berita acara need for one edition. The caller checks access. */
export async function loadDocumentData(db: DbLike, edition: Edition, logo: DocumentLogo | null = null): Promise<DocumentData> {
  const results = await computeEditionResults(db, edition);
  const ranked = new Set(results.films.map((f) => f.id));
  const [placementData, roundValues, excluded] = await Promise.all([
    loadPlacementData(db, edition, logo),
    ranked.size
      ? db
          .select({ filmId: judgeAssignments.filmId, judgeId: judgeAssignments.judgeId, criterionId: scores.criterionId, score: scores.score, comment: scores.comment })
          .from(scores)
          .innerJoin(scoreSheets, eq(scoreSheets.id, scores.sheetId))
          .innerJoin(judgeAssignments, eq(judgeAssignments.id, scoreSheets.assignmentId))
          .where(and(eq(judgeAssignments.roundId, results.round.id), isNull(judgeAssignments.removedAt), eq(scoreSheets.status, "submitted")))
      : Promise.resolve([]),
    db
      .select({ code: films.code, title: films.title, kimName: kimGroups.name, reason: films.statusReason })
      .from(films)
      .innerJoin(kimGroups, eq(kimGroups.id, films.kimId))
      .where(and(eq(films.editionId, edition.id), eq(films.status, "dikecualikan")))
      .orderBy(asc(films.code)),
  ]);
  // The scores of ranked films only (the round's query reads them all, by round, not by a list of ids).
  const values = roundValues.filter((v) => ranked.has(v.filmId));
  // Only the decisions that broke a tie of the ranking as it stands are minuted: not the
  // revoked ones, not those of another round, not those whose films were no longer tied.
  const decisions = results.decisions
    .filter((d) => d.outcome === "used")
    .map((d) => ({ filmIds: d.filmIds, order: d.order, reason: d.reason, decidedBy: d.decidedBy, at: d.createdAt }));
  const juryDecisionData = await decidedFilms(db, decisions);
  const placementOf = new Map(placementData.placements.filter((p) => p.filmId).map((p) => [p.filmId!, p.placement]));
  const byId = new Map(results.films.map((f) => [f.id, f]));
  const criteria = results.criteria.map((c) => ({ id: c.id, name: c.name, weight: c.weight, minScore: c.minScore, maxScore: c.maxScore }));
  const judges = [...results.judges].sort((a, b) => a.name.localeCompare(b.name, "id") || a.id.localeCompare(b.id));
  const rankedFilms: DocumentFilm[] = results.ranking.films.map((r) => {
    const film = byId.get(r.filmId)!;
    return {
      id: film.id,
      code: film.code,
      title: film.title,
      kimName: film.kimName,
      categoryName: film.categoryName,
      judgeTotals: r.judgeTotals,
      rawMean: r.rawMean,
      score: r.score,
      rank: r.rank,
      placement: placementOf.get(film.id) ?? null,
      ...(r.flagged && { flagged: r.flagged }),
    };
  });
  // Film in ranking order, then judge by name, then criterion in rubric order.
  const order = (ids: string[]) => new Map(ids.map((id, i) => [id, i]));
  const [filmAt, judgeAt, criterionAt] = [order(rankedFilms.map((f) => f.id)), order(judges.map((j) => j.id)), order(criteria.map((c) => c.id))];
  values.sort((a, b) => (filmAt.get(a.filmId) ?? 0) - (filmAt.get(b.filmId) ?? 0) || (judgeAt.get(a.judgeId) ?? 0) - (judgeAt.get(b.judgeId) ?? 0) || (criterionAt.get(a.criterionId) ?? 0) - (criterionAt.get(b.criterionId) ?? 0));
  const favorit = await favoritForDocuments(db, edition.id);
  return { ...placementData, criteria, judges, films: rankedFilms, scores: values, juryDecisions: juryDecisionData, excluded, favorit };
}

/** The favorit vote's counts for the Berita Acara, once its window has closed; null otherwise. */
async function favoritForDocuments(db: DbLike, editionId: string, now = new Date()): Promise<DocumentFavorit | null> {
  const [phase] = await db.select().from(favoritPhases).where(eq(favoritPhases.editionId, editionId));
  if (!phase || phase.closesAt > now) return null;
  const counts = await voteCounts(db, editionId);
  return { films: counts.films.map((f) => ({ code: f.code, title: f.title, categoryName: f.categoryName, votes: f.votes })), valid: counts.valid, voided: counts.voided };
}

/** Each decision's films by code and title, in the order the jury decided. */
async function decidedFilms(db: DbLike, decisions: { order: string[]; filmIds: string[]; reason: string; decidedBy: string; at: Date }[]): Promise<DocumentJuryDecision[]> {
  const ids = [...new Set(decisions.flatMap((d) => [...d.order, ...d.filmIds]))];
  const rows = ids.length ? await db.select({ id: films.id, code: films.code, title: films.title }).from(films).where(inArray(films.id, ids)) : [];
  const byId = new Map(rows.map((f) => [f.id, f]));
  return decisions.map((d) => {
    // The decided order first; a tied film the order does not name (should not happen) follows it.
    const ordered = [...d.order, ...d.filmIds.filter((id) => !d.order.includes(id))];
    return { films: ordered.flatMap((id) => (byId.has(id) ? [{ code: byId.get(id)!.code, title: byId.get(id)!.title }] : [])), reason: d.reason, decidedBy: d.decidedBy, at: d.at };
  });
}
