import type { SessionUser } from "@/lib/auth/authenticate";
import type { DbLike } from "@/lib/db/client";
import { editionJudges, judgeAssignments, scoreSheets, scores } from "@/lib/db/schema";
import { defaultSettings } from "@/lib/editions/defaults";
import { ensureRound } from "@/lib/judging/rounds";
import { createEdition, createFilm, createRubric, type createUser } from "@/lib/seed/factories";
import type { EditionSettings } from "@/lib/db/schema";

// Editions in judging for the results tests: films with sheets in every state a seal must see.

type User = Awaited<ReturnType<typeof createUser>>;
export const actor = (u: User): SessionUser => ({ id: u.id, email: u.email, name: u.name, role: u.role, status: u.status, regionCode: u.regionCode, kimId: u.kimId });

/** Two equally weighted criteria scored 0–100: a sheet's total is the mean of its two scores. */
export const twoCriteria = [
  { name: "Cerita", weight: 1 },
  { name: "Teknik", weight: 1 },
];

/** A sheet: both criteria the same score, or [cerita, teknik]; state "submitted" unless said otherwise. */
export type SheetSpec = { judge: User; score: number | [number, number]; state?: "submitted" | "draft" | "reopened" | "none" };
export type FilmSpec = { code: string; title: string; status?: "diunggah" | "lolos_kurasi"; sheets: SheetSpec[] };

export async function judgedEdition(db: DbLike, options: { slug: string; regionCode?: string; kimId: string; judges: User[]; settings?: Partial<EditionSettings>; films: FilmSpec[] }) {
  const edition = await createEdition(db, {
    slug: options.slug,
    title: `Festival ${options.slug}`,
    regionCode: options.regionCode ?? "33.13",
    status: "penjurian",
    judgingClosesAt: new Date(Date.now() + 10 * 86_400_000),
    settings: { ...defaultSettings, ...options.settings },
  });
  await db.insert(editionJudges).values(options.judges.map((j) => ({ editionId: edition.id, userId: j.id })));
  const criteria = await createRubric(db, edition.id, twoCriteria, { min: 0, max: 100 });
  const round = await ensureRound(db, edition.id, "penilaian");
  const films: Record<string, string> = {};
  for (const spec of options.films) {
    const film = await createFilm(db, { editionId: edition.id, kimId: options.kimId, code: spec.code, title: spec.title, status: spec.status ?? "diunggah" });
    films[spec.code] = film.id;
    for (const s of spec.sheets) {
      const [a] = await db.insert(judgeAssignments).values({ roundId: round.id, filmId: film.id, judgeId: s.judge.id }).returning();
      const state = s.state ?? "submitted";
      if (state === "none") continue;
      const [sheet] = await db
        .insert(scoreSheets)
        .values({
          assignmentId: a.id,
          status: state === "submitted" ? "submitted" : "draft",
          submittedAt: state === "draft" ? null : new Date(),
          unlockedAt: state === "reopened" ? new Date() : null,
          unlockReason: state === "reopened" ? "Salah ketik pada kriteria teknik." : null,
        })
        .returning();
      const [cerita, teknik] = typeof s.score === "number" ? [s.score, s.score] : s.score;
      await db.insert(scores).values([
        { sheetId: sheet.id, criterionId: criteria[0].id, score: cerita, comment: "Catatan." },
        { sheetId: sheet.id, criterionId: criteria[1].id, score: teknik, comment: "Catatan." },
      ]);
    }
  }
  return { edition, criteria, round, films };
}
