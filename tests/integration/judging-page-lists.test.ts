import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageOfTotal } from "@/components/layout/page-links";
import { judgeAssignments, scoreSheets } from "@/lib/db/schema";
import { listActiveAssignments } from "@/lib/judging/assignment-list";
import { judgingProgress, submittedSheetsPage } from "@/lib/judging/progress";
import { activeRound } from "@/lib/judging/rounds";
import { createEdition, createFilm, createKim, createUser } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";

// The organiser's judging page of a big edition reads one page of sent sheets and the pairs of
// the films it shows, never the whole round (issue 17: a 4,000-film edition has ~12,000 pairs).

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
let organiser: Awaited<ReturnType<typeof createUser>>;
let roundId: string;
const filmIds: string[] = [];
const judgeNames = ["Juri Anggrek", "Juri Bougenvil", "Juri Cempaka"];
const filmCount = 45;
const sentFilms = 40; // films 0..39 have every sheet sent, 40..44 drafts only

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  organiser = await createUser(handle.db, { email: "panitia@layar.test", role: "organiser", regionCode: "33" });
  const kim = await createKim(handle.db, { name: "KIM Karanganyar", districtCode: "33.13.08" });
  const judges = [];
  for (const name of judgeNames) judges.push(await createUser(handle.db, { email: `${name.split(" ")[1].toLowerCase()}@layar.test`, name, role: "judge", regionCode: "33.72" }));
  const edition = await createEdition(handle.db, { slug: "lomba-besar-uji", title: "Lomba Besar Uji", regionCode: "33", status: "penjurian" });
  roundId = (await activeRound(handle.db, edition.id)).id;
  // Codes made in reverse, so that the order of the page is the query's, not the insertion's.
  for (let i = filmCount - 1; i >= 0; i--) {
    const film = await createFilm(handle.db, { editionId: edition.id, kimId: kim.id, code: `F-${String(i).padStart(3, "0")}`, title: `Film ${i}`, status: "diunggah" });
    filmIds[i] = film.id;
  }
  for (let i = 0; i < filmCount; i++) {
    const pairs = await handle.db
      .insert(judgeAssignments)
      .values(judges.map((j) => ({ roundId, filmId: filmIds[i], judgeId: j.id, removedAt: i === 0 && j.name === "Juri Anggrek" ? new Date() : null })))
      .returning();
    await handle.db.insert(scoreSheets).values(pairs.map((p) => (i < sentFilms ? { assignmentId: p.id, status: "submitted" as const, submittedAt: new Date() } : { assignmentId: p.id })));
  }
});
afterAll(() => handle.drop());

describe("the sent sheets of a round, a page at a time", () => {
  it("counts the sent sheets of active pairs, and each page holds the next ones by film code then judge", async () => {
    const { sent } = await judgingProgress(handle.db, organiser, "lomba-besar-uji");
    expect(sent).toBe(119);
    const seen: { filmCode: string; judgeName: string; sheetId: string }[] = [];
    for (let page = 1; page <= 3; page++) {
      expect(pageOfTotal(sent, 50, String(page))).toEqual({ page, pages: 3 });
      const rows = await submittedSheetsPage(handle.db, roundId, page, 50);
      expect(rows.length).toBe(page < 3 ? 50 : 19);
      seen.push(...rows);
    }
    // The removed pair's sent sheet and the drafts are not counted; every sent sheet once.
    expect(new Set(seen.map((r) => r.sheetId)).size).toBe(119);
    expect(seen[0]).toMatchObject({ filmCode: "F-000", judgeName: "Juri Bougenvil" });
    expect(seen.slice(0, 4).map((r) => `${r.filmCode} ${r.judgeName}`)).toEqual(["F-000 Juri Bougenvil", "F-000 Juri Cempaka", "F-001 Juri Anggrek", "F-001 Juri Bougenvil"]);
    expect(seen.at(-1)).toMatchObject({ filmCode: "F-039", judgeName: "Juri Cempaka" });
    expect(seen.some((r) => Number(r.filmCode.slice(2)) >= sentFilms)).toBe(false);
  });

  it("says one page when nothing is sent yet", async () => {
    const other = await createEdition(handle.db, { slug: "lomba-kosong-uji", title: "Lomba Kosong Uji", regionCode: "33", status: "penjurian" });
    const round = await activeRound(handle.db, other.id);
    const { sent } = await judgingProgress(handle.db, organiser, other.slug);
    expect(sent).toBe(0);
    expect(pageOfTotal(sent, 50, "2")).toEqual({ page: 1, pages: 1 });
    expect(await submittedSheetsPage(handle.db, round.id, 1, 50)).toEqual([]);
  });
});

describe("the pairs of the films shown", () => {
  it("reads the active pairs of the given films only, with each sheet's state", async () => {
    const shown = [filmIds[0], filmIds[41]];
    const pairs = await listActiveAssignments(handle.db, roundId, shown);
    expect(pairs).toHaveLength(5); // film 0 lost a judge; film 41 has three drafts
    expect(new Set(pairs.map((p) => p.filmId))).toEqual(new Set(shown));
    expect(pairs.filter((p) => p.filmId === filmIds[0]).map((p) => p.sheetStatus)).toEqual(["submitted", "submitted"]);
    expect(pairs.filter((p) => p.filmId === filmIds[41]).map((p) => p.sheetStatus)).toEqual(["draft", "draft", "draft"]);
  });

  it("reads nothing for no film", async () => {
    expect(await listActiveAssignments(handle.db, roundId, [])).toEqual([]);
  });
});
