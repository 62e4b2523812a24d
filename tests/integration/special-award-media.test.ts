import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { editionJudges, filmMedia, judgeAssignments, scoreSheets, scores } from "@/lib/db/schema";
import { defaultSettings } from "@/lib/editions/defaults";
import { mediaForRequest, viewerOf } from "@/lib/films/media-access";
import { sitemapUrls } from "../setup/sitemap";
import { ensureRound } from "@/lib/judging/rounds";
import { publishResults, sealResults } from "@/lib/results/edition-results";
import { addSpecialAward } from "@/lib/results/special-awards";
import { createEdition, createFilm, createKim, createRubric, createUser } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";

// A film with only a special award (no Juara place) is part of the published results: its
// public page links to its video and poster, so the public may watch them — once published.

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
let organiser: Awaited<ReturnType<typeof createUser>>;
let awardedId = "";
let plainId = "";
const slug = "festival-penghargaan-media";

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  await createTestRegions(db);
  organiser = await createUser(db, { email: "kra@layar.test", role: "organiser", regionCode: "33.13" });
  const judge = await createUser(db, { email: "juri@layar.test", role: "judge", regionCode: "33.72" });
  const kim = await createKim(db, { name: "KIM Sekar Arum", districtCode: "33.13.11" });
  // One Juara place only, so the second and third films place nowhere.
  const edition = await createEdition(db, { slug, title: "Festival Penghargaan Media", year: 2026, regionCode: "33.13", status: "penjurian", settings: { ...defaultSettings, judgesPerFilm: 1, placements: { juara: 1, harapan: 0 } } });
  await db.insert(editionJudges).values({ editionId: edition.id, userId: judge.id });
  const criteria = await createRubric(db, edition.id);
  const round = await ensureRound(db, edition.id, "penilaian");
  const ids: string[] = [];
  for (const [i, value] of [90, 70, 60].entries()) {
    const film = await createFilm(db, { editionId: edition.id, kimId: kim.id, code: `PM-${i}`, title: `Film ${i}`, status: "diunggah", language: "Bahasa Indonesia" });
    ids.push(film.id);
    await db.insert(filmMedia).values({ filmId: film.id, kind: "video", storageDriver: "local", storageKey: `films/${film.id}/video.mp4`, status: "ok", sizeBytes: 10 });
    const [a] = await db.insert(judgeAssignments).values({ roundId: round.id, filmId: film.id, judgeId: judge.id }).returning();
    const [s] = await db.insert(scoreSheets).values({ assignmentId: a.id, status: "submitted", submittedAt: new Date() }).returning();
    await db.insert(scores).values(criteria.map((c) => ({ sheetId: s.id, criterionId: c.id, score: value, comment: "ok" })));
  }
  [, awardedId, plainId] = ids;
  await sealResults(db, organiser, slug);
  await addSpecialAward(db, organiser, slug, { filmId: awardedId, name: "Film Favorit" });
});
afterAll(() => handle.drop());

describe("a film with only a special award", () => {
  it("is not public while the results are only sealed", async () => {
    expect(await viewerOf(handle.db, null, awardedId)).toBeNull();
    expect(await mediaForRequest(handle.db, null, awardedId, "video")).toBeNull();
  });

  it("can be watched by anyone once published, through both access paths; a film without any award cannot", async () => {
    await publishResults(handle.db, organiser, slug, { when: "", confirm: "ya" });
    expect((await viewerOf(handle.db, null, awardedId))?.viewer).toBe("public");
    expect((await mediaForRequest(handle.db, null, awardedId, "video"))?.viewer).toBe("public");
    expect(await viewerOf(handle.db, null, plainId)).toBeNull();
    expect(await mediaForRequest(handle.db, null, plainId, "video")).toBeNull();
  });

  it("is in the sitemap with the placed films, and a film without an award is not", async () => {
    const urls = await sitemapUrls(handle.db, "http://layar.test");
    expect(urls).toContain(`http://layar.test/film/${awardedId}`);
    expect(urls).not.toContain(`http://layar.test/film/${plainId}`);
  });
});
