import { and, eq, inArray, isNull } from "drizzle-orm";
import type { DbLike } from "@/lib/db/client";
import { categories, editions, films, judgeAssignments, kimGroups, placements, regions, scoreSheets, scores } from "@/lib/db/schema";
import { computeEditionResults } from "@/lib/results/edition-results";
import { listSpecialAwards } from "@/lib/results/special-awards";

type Edition = typeof editions.$inferSelect;

export type DocumentEdition = Pick<Edition, "id" | "slug" | "title" | "year" | "level" | "regionCode" | "theme" | "status" | "sealedAt" | "publishedAt" | "scheduledPublishAt" | "announceAt"> & {
  regionName: string;
  method: "mean" | "zscore";
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

export type PlacementData = { edition: DocumentEdition; placements: DocumentPlacement[]; specialAwards: DocumentSpecialAward[] };

export type DocumentData = PlacementData & {
  criteria: { id: string; name: string; weight: number; minScore: number; maxScore: number }[];
  judges: { id: string; name: string }[]; // judges with at least one submitted sheet: the jury
  films: DocumentFilm[]; // ranking order: category, rank, flagged last
  scores: { filmId: string; judgeId: string; criterionId: string; score: number | null; comment: string | null }[];
};

const podium = ["Juara I", "Juara II", "Juara III", "Juara Harapan I", "Juara Harapan II", "Juara Harapan III"];

/** The edition and its frozen placements (podium order, by category): all the piagam needs. The caller checks access. */
export async function loadPlacementData(db: DbLike, edition: Edition): Promise<PlacementData> {
  const [[region], placed, special] = await Promise.all([
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
  ]);
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
      method: edition.settings?.rankingMethod ?? "mean",
    },
    placements: placed,
    specialAwards: special.map((a) => ({ name: a.name, note: a.note, certificateCode: a.certificateCode, kimId: a.kimId, kimName: a.kimName, filmId: a.filmId, filmCode: a.filmCode, filmTitle: a.filmTitle })),
  };
}

/** Everything the rekap and the berita acara need for one edition. The caller checks access. */
export async function loadDocumentData(db: DbLike, edition: Edition): Promise<DocumentData> {
  const results = await computeEditionResults(db, edition);
  const filmIds = results.films.map((f) => f.id);
  const [placementData, values] = await Promise.all([
    loadPlacementData(db, edition),
    filmIds.length
      ? db
          .select({ filmId: judgeAssignments.filmId, judgeId: judgeAssignments.judgeId, criterionId: scores.criterionId, score: scores.score, comment: scores.comment })
          .from(scores)
          .innerJoin(scoreSheets, eq(scoreSheets.id, scores.sheetId))
          .innerJoin(judgeAssignments, eq(judgeAssignments.id, scoreSheets.assignmentId))
          .where(and(eq(judgeAssignments.roundId, results.round.id), isNull(judgeAssignments.removedAt), eq(scoreSheets.status, "submitted"), inArray(judgeAssignments.filmId, filmIds)))
      : Promise.resolve([]),
  ]);
  const placementOf = new Map(placementData.placements.filter((p) => p.filmId).map((p) => [p.filmId!, p.placement]));
  const byId = new Map(results.films.map((f) => [f.id, f]));
  const criteria = results.criteria.map((c) => ({ id: c.id, name: c.name, weight: c.weight, minScore: c.minScore, maxScore: c.maxScore }));
  const judges = [...results.judges].sort((a, b) => a.name.localeCompare(b.name, "id") || a.id.localeCompare(b.id));
  const films: DocumentFilm[] = results.ranking.films.map((r) => {
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
  const [filmAt, judgeAt, criterionAt] = [order(films.map((f) => f.id)), order(judges.map((j) => j.id)), order(criteria.map((c) => c.id))];
  values.sort((a, b) => (filmAt.get(a.filmId) ?? 0) - (filmAt.get(b.filmId) ?? 0) || (judgeAt.get(a.judgeId) ?? 0) - (judgeAt.get(b.judgeId) ?? 0) || (criterionAt.get(a.criterionId) ?? 0) - (criterionAt.get(b.criterionId) ?? 0));
  return { ...placementData, criteria, judges, films, scores: values };
}
