import { and, eq, isNull } from "drizzle-orm";
import type { DbLike } from "@/lib/db/client";
import { groupBy } from "@/lib/group-by";
import { editions, judgeAssignments, scoreSheets, users } from "@/lib/db/schema";
import { formatScore } from "./rank";
import { filmLabel } from "./ranked";
import type { EditionResults } from "./edition-results";

/**
 * What still stands between an edition in judging and its seal, one item per problem, each
 * naming films by code and title and judges by name. The results page lists the same items
 * before the organiser tries ("Sebelum disegel"); sealResults refuses while there is one.
 *
 * For every ranked film of the active round:
 * - it needs `required` submitted sheets: judgesPerFilm in mode "k", else (mode "all", and
 *   every final round, which is scored by the whole jury) its active assignments; at least one,
 *   so a film nobody was assigned to is listed too;
 * - every active assignment needs a submitted sheet (a sheet the organiser reopened and the
 *   judge has not sent again is named as such);
 * - with a screening round, a film still waiting for its kurasi is listed as such.
 * Then every tie the ranking leaves inside a placement zone, and any other problem that makes
 * the ranking unpublishable. Excluded films (`dikecualikan`) are not ranked, so not listed.
 *
 * The texts are domain messages (English in lib/i18n/catalogue/results.ts), one fact each,
 * translated one at a time (on the page, and in a refused seal's list): names are free text
 * there ("Dr. Sri Wahyuni, M.Sn.", "Layar (contoh)"), and lists of names are joined by "; ".
 */
export type SealItem = { kind: "unscreened" | "unassigned" | "sheets" | "reopened" | "unsubmitted" | "tie" | "ranking"; problem: string; filmId?: string; filmIds?: string[] };

type Edition = typeof editions.$inferSelect;

export async function sealChecklist(db: DbLike, edition: Edition, results: EditionResults): Promise<SealItem[]> {
  const { ranking, settings, round } = results;
  // The round's active assignments (only the ranked films' are looked up below).
  const assignments = await db
    .select({ filmId: judgeAssignments.filmId, judgeName: users.name, status: scoreSheets.status, unlockedAt: scoreSheets.unlockedAt })
    .from(judgeAssignments)
    .innerJoin(users, eq(users.id, judgeAssignments.judgeId))
    .leftJoin(scoreSheets, eq(scoreSheets.assignmentId, judgeAssignments.id))
    .where(and(eq(judgeAssignments.roundId, round.id), isNull(judgeAssignments.removedAt)))
    .orderBy(users.name);
  const perFilm = settings.assignmentMode === "k" && round.kind !== "final" ? settings.judgesPerFilm : 0;
  const byFilm = groupBy(assignments, (a) => a.filmId);
  const items: SealItem[] = [];
  for (const film of results.films) {
    const label = filmLabel(film);
    const own = byFilm.get(film.id) ?? [];
    const submitted = own.filter((a) => a.status === "submitted").length;
    const required = Math.max(1, perFilm, settings.assignmentMode === "all" || round.kind === "final" ? own.length : 0);
    if (own.length === 0 && settings.screeningRound && film.status === "diunggah" && round.kind !== "final") {
      items.push({ kind: "unscreened", filmId: film.id, problem: `Film ${label} belum dikurasi, jadi belum dinilai juri.` });
      continue;
    }
    if (own.length === 0) {
      items.push({ kind: "unassigned", filmId: film.id, problem: `Film ${label} belum ditugaskan ke juri mana pun (perlu ${required} lembar nilai).` });
      continue;
    }
    if (submitted < required) items.push({ kind: "sheets", filmId: film.id, problem: `Film ${label} baru punya ${submitted} dari ${required} lembar nilai yang terkirim.` });
    const waiting = own.filter((a) => a.status !== "submitted" && !a.unlockedAt).map((a) => a.judgeName);
    const reopened = own.filter((a) => a.status !== "submitted" && a.unlockedAt).map((a) => a.judgeName);
    if (waiting.length) items.push({ kind: "unsubmitted", filmId: film.id, problem: `Lembar nilai untuk film ${label} belum dikirim oleh ${waiting.join("; ")}.` });
    if (reopened.length) items.push({ kind: "reopened", filmId: film.id, problem: `Lembar nilai untuk film ${label} dibuka kembali dan belum dikirim ulang oleh ${reopened.join("; ")}.` });
  }
  const byId = new Map(results.films.map((f) => [f.id, f]));
  const categoryName = new Map(results.categories.map((c) => [c.id, c.name]));
  const precision = 2;
  for (const tie of ranking.ties.filter((t) => t.blocking)) {
    const names = tie.filmIds.map((id) => byId.get(id)!).sort((a, b) => a.code.localeCompare(b.code)).map(filmLabel).join("; ");
    const score = formatScore(tie.score, precision);
    const { position, conflict } = tie;
    const category = tie.category === undefined ? undefined : (categoryName.get(tie.category) ?? tie.category);
    // The category sits between literals, so that the English template can tell it from the place.
    items.push({
      kind: "tie",
      filmIds: tie.filmIds,
      problem:
        category === undefined
          ? conflict
            ? `Seri di peringkat ${position} dengan nilai ${score} belum diputus karena keputusan juri yang tercatat saling bertentangan: ${names}.`
            : `Seri di peringkat ${position} dengan nilai ${score} belum diputus: ${names}.`
          : conflict
            ? `Seri di peringkat ${position} kategori ${category} dengan nilai ${score} belum diputus karena keputusan juri yang tercatat saling bertentangan: ${names}.`
            : `Seri di peringkat ${position} kategori ${category} dengan nilai ${score} belum diputus: ${names}.`,
    });
  }
  // Ties and contradicting decisions are listed above, by name; flagged films by their sheets.
  for (const issue of ranking.issues.filter((i) => i.blocking && (i.kind === "input" || i.kind === "decision"))) items.push({ kind: "ranking", problem: issue.text });
  return items;
}
