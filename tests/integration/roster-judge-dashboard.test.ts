import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/authenticate";
import { editionJudges, judgeAssignments, judgingRounds, scoreSheets } from "@/lib/db/schema";
import { judgeEditionPhase, listJudgeEditions } from "@/lib/judging/judge-progress";
import { ensureRound } from "@/lib/judging/rounds";
import { createEdition, createFilm, createKim, createUser } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";

// The judge's dashboard (/juri): what it says about an edition's timing, and the progress it counts.

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
let judge: Awaited<ReturnType<typeof createUser>>;
const day = 86_400_000;
const now = new Date("2026-11-01T05:00:00Z");

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  judge = await createUser(handle.db, { email: "juri@layar.test", name: "Juri Uji", role: "judge", regionCode: "33.72" });
});
afterAll(() => handle.drop());

describe("the judging close on the judge's dashboard", () => {
  const phases = JSON.parse(fs.readFileSync("messages/id/juriRoster.json", "utf8")).dashboard;

  it("is a judging close, never shown as the announcement", () => {
    const future = new Date(now.getTime() + 3 * day);
    const past = new Date(now.getTime() - 3 * day);
    expect(judgeEditionPhase({ status: "penjurian", judgingClosesAt: future }, now)).toEqual({ phase: "penjurian", close: { kind: "at", date: future } });
    expect(judgeEditionPhase({ status: "penjurian", judgingClosesAt: past }, now)).toEqual({ phase: "penjurian", close: { kind: "closed" } });
    // Published results: judging has closed; the judging close date is not printed beside "Hasil diumumkan".
    expect(judgeEditionPhase({ status: "diumumkan", judgingClosesAt: past }, now)).toEqual({ phase: "diumumkan", close: { kind: "closed" } });
    expect(judgeEditionPhase({ status: "disegel", judgingClosesAt: future }, now)).toEqual({ phase: "disegel", close: { kind: "closed" } });
    expect(judgeEditionPhase({ status: "pendaftaran", judgingClosesAt: null }, now)).toEqual({ phase: "pendaftaran", close: { kind: "unset" } });
  });

  it("says each phase in words for a judge", () => {
    expect(phases.closes).toBe("Penilaian ditutup {date}");
    expect(phases.closed).toBe("Penilaian sudah ditutup");
    for (const status of ["draf", "pendaftaran", "penjurian", "disegel", "diumumkan"]) expect(phases[`phase_${status}`]).toMatch(/\S/);
    // During registration a judge is not told judging is under way.
    expect(phases.phase_pendaftaran).not.toMatch(/berlangsung|sedang dinilai/i);
  });
});

describe("a judge's progress per edition", () => {
  it("counts the round being scored now: a final round's nominees, not the closed scoring round as well", async () => {
    const edition = await createEdition(handle.db, { title: "Lomba Final Uji", regionCode: "33", status: "penjurian", judgingClosesAt: new Date(Date.now() + 5 * day) });
    await handle.db.insert(editionJudges).values({ editionId: edition.id, userId: judge.id });
    const kim = await createKim(handle.db, { name: "KIM Uji", districtCode: "33.13.08" });
    const scoring = await ensureRound(handle.db, edition.id, "penilaian");
    const [final] = await handle.db.insert(judgingRounds).values({ editionId: edition.id, kind: "final", confirmedAt: new Date() }).returning();
    const filmsMade = [];
    for (let i = 0; i < 3; i++) filmsMade.push(await createFilm(handle.db, { editionId: edition.id, kimId: kim.id, code: `FN-${i}`, title: `Film ${i}`, status: "diunggah" }));
    const scored = await handle.db
      .insert(judgeAssignments)
      .values(filmsMade.map((f) => ({ roundId: scoring.id, filmId: f.id, judgeId: judge.id })))
      .returning();
    await handle.db.insert(scoreSheets).values(scored.map((a) => ({ assignmentId: a.id, status: "submitted" as const, submittedAt: new Date() })));
    await handle.db.insert(judgeAssignments).values({ roundId: final.id, filmId: filmsMade[0].id, judgeId: judge.id });

    const actor: SessionUser = { id: judge.id, email: judge.email, name: judge.name, role: "judge", status: "active", regionCode: judge.regionCode, kimId: null };
    const [row] = await listJudgeEditions(handle.db, actor);
    expect(row).toMatchObject({ slug: edition.slug, status: "penjurian", assigned: 1, submitted: 0, drafted: 0 });
  });
});
