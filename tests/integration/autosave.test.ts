import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/authenticate";
import { judgeAssignments, scoreSheets, scores } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { answerDraftSave, maxDraftBytes } from "@/lib/judging/draft-route";
import { ensureRound } from "@/lib/judging/rounds";
import { saveDraft, submitSheet } from "@/lib/judging/score-sheet";
import { createEdition, createFilm, createKim, createRubric, createUser } from "@/lib/seed/factories";
import { directRoutes } from "@/lib/server/direct-routes";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";
import { sessionCookie } from "../setup/upload-server";

// The score sheet's autosave: the order rule (a save that arrives after a newer one from the
// same tab is not stored), durability of every acknowledged save under concurrent saves, the
// lock after submission, and the route the browser calls (PUT /api/juri/lembar/{id}), both as
// a function and over HTTP through server.mjs's direct routes.

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
type User = Awaited<ReturnType<typeof createUser>>;
let judge: User, otherJudge: User, kimMember: User;
let kim: Awaited<ReturnType<typeof createKim>>;
let edition: Awaited<ReturnType<typeof createEdition>>;
let criteria: Awaited<ReturnType<typeof createRubric>>;
let round: Awaited<ReturnType<typeof ensureRound>>;
let serial = 0;

const actor = (u: User): SessionUser => ({ id: u.id, email: u.email, name: u.name, role: u.role, status: u.status, regionCode: u.regionCode, kimId: u.kimId });

/** A new film assigned to `judge`; returns the assignment id. */
async function assignment(to: User = judge): Promise<string> {
  serial += 1;
  const film = await createFilm(handle.db, { editionId: edition.id, kimId: kim.id, code: `AUTO-${serial}`, title: `Film ${serial}`, status: "diunggah" });
  const [row] = await handle.db.insert(judgeAssignments).values({ roundId: round.id, filmId: film.id, judgeId: to.id }).returning();
  return row.id;
}

/** Every criterion with score `score` (50..100) and a comment naming it. */
const values = (score: number, note = `nilai ${score}`) => Object.fromEntries(criteria.map((c) => [c.id, { score, comment: `${note} (${c.name})` }]));

async function stored(assignmentId: string) {
  const [sheet] = await handle.db.select().from(scoreSheets).where(eq(scoreSheets.assignmentId, assignmentId));
  const rows = sheet ? await handle.db.select().from(scores).where(eq(scores.sheetId, sheet.id)) : [];
  return { sheet, scores: rows.map((r) => Number(r.score)).sort(), comments: rows.map((r) => r.comment) };
}

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  kim = await createKim(handle.db, { name: "KIM Autosave Uji", districtCode: "33.13.11", villageCode: "33.13.11.2004" });
  judge = await createUser(handle.db, { email: "juri.autosave@layar.test", role: "judge", regionCode: "33.13" });
  otherJudge = await createUser(handle.db, { email: "juri.lain@layar.test", role: "judge", regionCode: "33.13" });
  kimMember = await createUser(handle.db, { email: "kim.autosave@layar.test", role: "kim", regionCode: "33.13", kimId: kim.id });
  edition = await createEdition(handle.db, { title: "Lomba Autosave Uji", regionCode: "33", status: "penjurian", judgingClosesAt: new Date(Date.now() + 7 * 86_400_000) });
  criteria = await createRubric(handle.db, edition.id);
  round = await ensureRound(handle.db, edition.id, "penilaian");
}, 120_000);
afterAll(async () => {
  await handle?.drop();
});

describe("the order of saves", () => {
  it("a save that arrives after a newer one from the same tab is answered but not stored", async () => {
    const id = await assignment();
    const newer = await saveDraft(handle.db, actor(judge), { assignmentId: id, values: values(80, "baru"), writer: "tab-a", seq: 2 });
    expect(newer.stale).toBe(false);
    const late = await saveDraft(handle.db, actor(judge), { assignmentId: id, values: values(60, "lama"), writer: "tab-a", seq: 1 });
    expect(late.stale).toBe(true);
    // The same save arriving twice (a retry of one that was stored) changes nothing either.
    expect((await saveDraft(handle.db, actor(judge), { assignmentId: id, values: values(61, "ulang"), writer: "tab-a", seq: 2 })).stale).toBe(true);
    const after = await stored(id);
    expect(after.scores).toEqual(criteria.map(() => 80));
    expect(after.comments.every((c) => c?.startsWith("baru"))).toBe(true);
    expect(after.sheet.draftSeq).toBe(2);
    expect(late.savedAt.toISOString()).toBe(after.sheet.updatedAt.toISOString());
  });

  it("another tab's save is stored in order of arrival, whatever its count", async () => {
    const id = await assignment();
    await saveDraft(handle.db, actor(judge), { assignmentId: id, values: values(70), writer: "tab-a", seq: 9 });
    const other = await saveDraft(handle.db, actor(judge), { assignmentId: id, values: values(75), writer: "tab-b", seq: 1 });
    expect(other.stale).toBe(false);
    expect((await stored(id)).scores).toEqual(criteria.map(() => 75));
  });

  it("30 saves of one tab sent at once in a shuffled order leave the highest count's values", async () => {
    const id = await assignment();
    const counts = Array.from({ length: 30 }, (_, i) => i + 1);
    const shuffled = [...counts].sort((a, b) => ((a * 7919) % 31) - ((b * 7919) % 31));
    const results = await Promise.all(shuffled.map((seq) => saveDraft(handle.db, actor(judge), { assignmentId: id, values: values(60 + seq, `simpan ${seq}`), writer: "tab-a", seq })));
    const after = await stored(id);
    expect(after.sheet.draftSeq).toBe(30);
    expect(after.scores).toEqual(criteria.map(() => 90));
    expect(after.comments.every((c) => c?.startsWith("simpan 30 "))).toBe(true);
    // Whatever was answered "stored" really was stored at the time: the last one stored is the highest.
    const storedOnes = shuffled.filter((_, i) => !results[i].stale);
    expect(Math.max(...storedOnes)).toBe(30);
  });

  it("every acknowledged save of 8 judges with 40 sheets saving at once is in the database", async () => {
    const judges = await Promise.all(Array.from({ length: 8 }, (_, i) => createUser(handle.db, { email: `juri.beban.${i}@layar.test`, role: "judge", regionCode: "33.13" })));
    const sheets = await Promise.all(judges.flatMap((j) => Array.from({ length: 5 }, () => assignment(j).then((id) => ({ judge: j, id })))));
    // Each sheet gets three saves in a row (its tab waits for each answer), all sheets at once.
    await Promise.all(
      sheets.map(async ({ judge: j, id }, n) => {
        for (let seq = 1; seq <= 3; seq++) {
          const saved = await saveDraft(handle.db, actor(j), { assignmentId: id, values: values(50 + n, `lembar ${n} simpan ${seq}`), writer: `tab-${n}`, seq });
          expect(saved.stale).toBe(false);
        }
      }),
    );
    for (const [n, { id }] of sheets.entries()) {
      const after = await stored(id);
      expect(after.scores).toEqual(criteria.map(() => 50 + n));
      expect(after.comments.every((c) => c?.startsWith(`lembar ${n} simpan 3 `))).toBe(true);
    }
  });

  it("no draft, newer or not, changes a submitted sheet", async () => {
    const id = await assignment();
    await saveDraft(handle.db, actor(judge), { assignmentId: id, values: values(70), writer: "tab-a", seq: 1 });
    await submitSheet(handle.db, actor(judge), { assignmentId: id, values: values(88) });
    for (const order of [{ writer: "tab-a", seq: 2 }, { writer: "tab-b", seq: 1 }, {}]) {
      const error = await saveDraft(handle.db, actor(judge), { assignmentId: id, values: values(55), ...order }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("conflict");
    }
    const after = await stored(id);
    expect(after.sheet.status).toBe("submitted");
    expect(after.scores).toEqual(criteria.map(() => 88));
  });

  it("a save without a tab id (an older page) is stored in order of arrival", async () => {
    const id = await assignment();
    await saveDraft(handle.db, actor(judge), { assignmentId: id, values: values(90), writer: "tab-a", seq: 5 });
    expect((await saveDraft(handle.db, actor(judge), { assignmentId: id, values: values(65) })).stale).toBe(false);
    expect((await stored(id)).scores).toEqual(criteria.map(() => 65));
  });
});

describe("PUT /api/juri/lembar/{assignmentId}", () => {
  const request = async (assignmentId: string, body: unknown, headers: { cookie?: string | null; origin?: string | null; contentType?: string } = {}) =>
    answerDraftSave({
      assignmentId,
      cookie: headers.cookie === undefined ? await sessionCookie(judge.id) : headers.cookie,
      origin: headers.origin === undefined ? "http://layar.test" : headers.origin,
      hosts: ["layar.test"],
      contentType: headers.contentType ?? "application/json",
      body: typeof body === "string" ? body : JSON.stringify(body),
    });

  it("stores the judge's draft and answers when; a late save is answered stale", async () => {
    const id = await assignment();
    const saved = await request(id, { values: values(77), writer: "tab-a", seq: 3 });
    expect(saved).toEqual({ status: 200, body: { ok: true, savedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) } });
    expect(await request(id, { values: values(55), writer: "tab-a", seq: 2 })).toEqual({ status: 200, body: { ok: true, stale: true, savedAt: expect.any(String) } });
    expect((await stored(id)).scores).toEqual(criteria.map(() => 77));
  });

  it("stores a comment holding a NUL character without it, instead of failing (which the page would retry forever)", async () => {
    const id = await assignment();
    const [first] = criteria;
    const saved = await request(id, { values: { [first.id]: { score: 70, comment: "bagus\u0000 sekali" } }, writer: "tab-a", seq: 1 });
    expect(saved.status).toBe(200);
    expect((await stored(id)).comments).toEqual(["bagus sekali"]);
  });

  it("refuses whoever may not save the sheet, and a request from another site, storing nothing", async () => {
    const id = await assignment();
    expect(await request(id, { values: values(70) }, { cookie: null })).toEqual({ status: 401, body: { error: "Silakan masuk terlebih dahulu." } });
    expect((await request(id, { values: values(70) }, { cookie: await sessionCookie(kimMember.id) })).status).toBe(403);
    expect((await request(id, { values: values(70) }, { cookie: await sessionCookie(otherJudge.id) })).status).toBe(404);
    expect((await request(id, { values: values(70) }, { origin: "https://jahat.example" })).status).toBe(403);
    expect((await request(id, { values: values(70) }, { contentType: "text/plain" })).status).toBe(400);
    expect((await request(id, "{not json")).status).toBe(400);
    expect((await stored(id)).sheet).toBeUndefined();
  });

  it("answers a score out of range by criterion, in the reader's language", async () => {
    const id = await assignment();
    const [first] = criteria;
    const body = { values: { [first.id]: { score: 150, comment: "" } }, writer: "tab-a", seq: 1 };
    expect(await request(id, body)).toEqual({ status: 422, body: { error: "Ada nilai di luar rentang. Periksa kriteria yang ditandai.", fieldErrors: { [first.id]: [`Nilai ${first.name} harus antara 50 dan 100.`] } } });
    const english = await request(id, body, { cookie: `${await sessionCookie(judge.id)}; NEXT_LOCALE=en` });
    expect(english.status).toBe(422);
    expect(english.body).toMatchObject({ fieldErrors: { [first.id]: [expect.stringMatching(/between 50 and 100/)] } });
    const malformed = await request(id, { values: { "bukan-uuid": { score: 70, comment: "" } } });
    expect(malformed.status).toBe(422);
    expect(Object.keys((malformed.body as { fieldErrors: object }).fieldErrors)).toEqual(["bukan-uuid"]);
  });

  it("is answered over HTTP by server.mjs's direct routes, with a body limit", async () => {
    const routes = directRoutes(null);
    const server = http.createServer((req, res) => {
      if (!routes(req, res)) res.writeHead(418).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const id = await assignment();
      const put = async (body: string, extra: Record<string, string> = {}) =>
        fetch(`${origin}/api/juri/lembar/${id}`, { method: "PUT", headers: { "Content-Type": "application/json", Cookie: await sessionCookie(judge.id), Origin: origin, ...extra }, body });
      const ok = await put(JSON.stringify({ values: values(66), writer: "tab-h", seq: 1 }));
      expect(ok.status).toBe(200);
      expect(ok.headers.get("cache-control")).toBe("no-store");
      expect(await ok.json()).toMatchObject({ ok: true });
      expect((await stored(id)).scores).toEqual(criteria.map(() => 66));
      expect((await put("x".repeat(maxDraftBytes + 1))).status).toBe(413);
      expect((await put(JSON.stringify({ values: values(67) }), { Origin: "https://jahat.example" })).status).toBe(403);
      // Other methods and paths are not the direct route's.
      expect((await fetch(`${origin}/api/juri/lembar/${id}`)).status).toBe(418);
      expect((await fetch(`${origin}/api/juri/lembar/${id}?x=1`, { method: "PUT" })).status).toBe(418);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
