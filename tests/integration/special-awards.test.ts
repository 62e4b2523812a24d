import { eq } from "drizzle-orm";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/festival/[slug]/dokumen/[doc]/route";
import { auditLog, editionJudges, judgeAssignments, scoreSheets, scores, specialAwards } from "@/lib/db/schema";
import { verifyCertificate } from "@/lib/documents/verify-certificate";
import { ensureRound } from "@/lib/judging/rounds";
import { publishResults, sealResults } from "@/lib/results/edition-results";
import { addSpecialAward, listSpecialAwards, removeSpecialAward } from "@/lib/results/special-awards";
import { defaultSettings } from "@/lib/editions/defaults";
import { createEdition, createFilm, createKim, createRubric, createUser } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";
import { sessionCookie } from "../setup/upload-server";
import { pdfText } from "../unit/documents/helpers";

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
type User = Awaited<ReturnType<typeof createUser>>;
let organiser: User, judge: User, kimUserA: User, kimUserB: User;
let editionId: string;
const filmIds: string[] = [];
let draftFilmId: string;
const slug = "festival-penghargaan-uji";

async function get(doc: string, user?: User): Promise<Response> {
  const headers: Record<string, string> = user ? { cookie: await sessionCookie(user.id) } : {};
  return GET(new Request(`http://layar.test/api/festival/${slug}/dokumen/${doc}`, { headers }), { params: Promise.resolve({ slug, doc }) });
}

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  await createTestRegions(db);
  organiser = await createUser(db, { email: "kra@layar.test", role: "organiser", regionCode: "33.13" });
  judge = await createUser(db, { email: "juri@layar.test", name: "Juri Uji", role: "judge", regionCode: "33.72" });
  const kimA = await createKim(db, { name: "KIM Manteb Karangpandan", districtCode: "33.13.08" });
  const kimB = await createKim(db, { name: "KIM Sekar Arum", districtCode: "33.13.11" });
  kimUserA = await createUser(db, { email: "a@kim.test", role: "kim", kimId: kimA.id, regionCode: "33.13" });
  kimUserB = await createUser(db, { email: "b@kim.test", role: "kim", kimId: kimB.id, regionCode: "33.13" });
  // One judge scores every film (judges per film: 1), so the seal's checklist is satisfied.
  const edition = await createEdition(db, { slug, title: "Festival Penghargaan Uji", year: 2026, regionCode: "33.13", status: "penjurian", settings: { ...defaultSettings, judgesPerFilm: 1 } });
  editionId = edition.id;
  await db.insert(editionJudges).values({ editionId, userId: judge.id });
  const criteria = await createRubric(db, editionId);
  const round = await ensureRound(db, editionId, "penilaian");
  for (const [i, value] of [90, 80, 70, 60, 55].entries()) {
    const film = await createFilm(db, { editionId, kimId: i === 4 ? kimA.id : kimB.id, code: `PH-${i}`, title: `Film ${i}`, status: "diunggah" });
    filmIds.push(film.id);
    const [a] = await db.insert(judgeAssignments).values({ roundId: round.id, filmId: film.id, judgeId: judge.id }).returning();
    const [s] = await db.insert(scoreSheets).values({ assignmentId: a.id, status: "submitted", submittedAt: new Date() }).returning();
    await db.insert(scores).values(criteria.map((c) => ({ sheetId: s.id, criterionId: c.id, score: value, comment: "ok" })));
  }
  draftFilmId = (await createFilm(db, { editionId, kimId: kimA.id, code: "PH-DRAF", title: "Draf", status: "draf" })).id;
  await sealResults(db, organiser, slug);
});
afterAll(() => handle.drop());

describe("special awards", () => {
  it("refuses bad input with a message per field and stores nothing", async () => {
    await expect(addSpecialAward(handle.db, organiser, slug, { filmId: filmIds[4], name: "FF" })).rejects.toThrow("Nama penghargaan minimal 3 karakter.");
    await expect(addSpecialAward(handle.db, organiser, slug, { filmId: "bukan-uuid", name: "Film Favorit" })).rejects.toThrow("Pilih film.");
    await expect(addSpecialAward(handle.db, organiser, slug, { filmId: draftFilmId, name: "Film Favorit" })).rejects.toThrow("Film ini tidak ikut dinilai di festival ini.");
    expect(await listSpecialAwards(handle.db, editionId)).toEqual([]);
  });

  it("are for the edition's organisers only", async () => {
    for (const actor of [judge, kimUserA]) {
      await expect(addSpecialAward(handle.db, actor, slug, { filmId: filmIds[4], name: "Film Favorit" })).rejects.toMatchObject({ code: "forbidden" });
    }
  });

  it("gives a film an award with its own certificate code, once per name", async () => {
    const award = await addSpecialAward(handle.db, organiser, slug, { filmId: filmIds[4], name: "Film Favorit", note: "Pilihan penonton lewat media sosial Diskominfo." });
    expect(award.certificateCode).toMatch(/^[0-9A-F]{12}$/);
    await expect(addSpecialAward(handle.db, organiser, slug, { filmId: filmIds[0], name: "film favorit" })).rejects.toThrow('Penghargaan "film favorit" sudah diberikan di festival ini.');
    // Two clicks at once: the unique index lets one through.
    const both = await Promise.allSettled([
      addSpecialAward(handle.db, organiser, slug, { filmId: filmIds[1], name: "Sutradara Terbaik" }),
      addSpecialAward(handle.db, organiser, slug, { filmId: filmIds[1], name: "Sutradara Terbaik" }),
    ]);
    expect(both.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await listSpecialAwards(handle.db, editionId)).map((a) => [a.name, a.filmCode])).toEqual([
      ["Film Favorit", "PH-4"],
      ["Sutradara Terbaik", "PH-1"],
    ]);
    const audits = await handle.db.select().from(auditLog).where(eq(auditLog.action, "award.add"));
    expect(audits).toHaveLength(2);
  });

  it("appear in the piagam bundle and the berita acara", async () => {
    const pdf = new Uint8Array(await (await get("piagam.pdf", organiser)).arrayBuffer());
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(5 + 2); // Juara I-III, Harapan I-II, and two awards
    const text = await pdfText(pdf);
    expect(text).toContain("FILM FAVORIT");
    expect(text).toContain("SUTRADARA TERBAIK");
    const minutes = await pdfText(new Uint8Array(await (await get("berita-acara.pdf", organiser)).arrayBuffer()));
    expect(minutes).toContain("penghargaan khusus");
    expect(minutes).toContain("Film Favorit");
  });

  it("after publication: the KIM downloads its own award's piagam, and the code verifies", async () => {
    const [favorit] = (await listSpecialAwards(handle.db, editionId)).filter((a) => a.name === "Film Favorit");
    expect((await get(`piagam-${favorit.certificateCode}.pdf`, kimUserA)).status).toBe(404); // not yet published
    expect(await verifyCertificate(handle.db, favorit.certificateCode!)).toBeNull();
    await publishResults(handle.db, organiser, slug, {});
    expect((await get(`piagam-${favorit.certificateCode}.pdf`, kimUserA)).status).toBe(200);
    expect((await get(`piagam-${favorit.certificateCode}.pdf`, kimUserB)).status).toBe(404);
    expect(await verifyCertificate(handle.db, favorit.certificateCode!)).toMatchObject({ award: "Film Favorit", holderName: "KIM Manteb Karangpandan" });
  });

  it("are removed with a reason, recorded in the audit log", async () => {
    const [award] = (await listSpecialAwards(handle.db, editionId)).filter((a) => a.name === "Sutradara Terbaik");
    await expect(removeSpecialAward(handle.db, organiser, slug, { awardId: award.id, reason: "" })).rejects.toThrow("Tulis alasan menghapus");
    await removeSpecialAward(handle.db, organiser, slug, { awardId: award.id, reason: "Salah film, dikoreksi panitia." });
    expect(await handle.db.select().from(specialAwards).where(eq(specialAwards.id, award.id))).toEqual([]);
    const [audit] = await handle.db.select().from(auditLog).where(eq(auditLog.action, "award.remove"));
    expect(audit.data).toMatchObject({ name: "Sutradara Terbaik", reason: "Salah film, dikoreksi panitia." });
  });
});
