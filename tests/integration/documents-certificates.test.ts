import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/festival/[slug]/dokumen/[doc]/route";
import { certificates, editionJudges, editions, judgeAssignments, juryDecisions, placements, scoreSheets, scores } from "@/lib/db/schema";
import { issueCertificates, removeCertificates } from "@/lib/documents/issue-certificates";
import { listOwnCertificates } from "@/lib/documents/own-certificates";
import { verifyCertificate } from "@/lib/documents/verify-certificate";
import { ensureRound } from "@/lib/judging/rounds";
import { publishResults, sealResults } from "@/lib/results/edition-results";
import { createEdition, createFilm, createKim, createRubric, createUser } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";
import { sessionCookie } from "../setup/upload-server";
import { hasBinary, pdfText, qrFromEmbeddedImage, qrFromRenderedPage } from "../unit/documents/helpers";

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
type User = Awaited<ReturnType<typeof createUser>>;
type Film = Awaited<ReturnType<typeof createFilm>>;
let organiser: User, otherOrganiser: User, kimUserA: User, kimUserB: User, judges: User[], idleJudge: User;
let editionId: string;
let kimAId: string;
const films: Film[] = [];
let excludedFilm: Film, draftFilm: Film;
const slug = "festival-piagam-peserta-2027";

async function get(doc: string, user?: User): Promise<Response> {
  const headers: Record<string, string> = user ? { cookie: await sessionCookie(user.id) } : {};
  return GET(new Request(`http://layar.test/api/festival/${slug}/dokumen/${doc}`, { headers }), { params: Promise.resolve({ slug, doc }) });
}
const bytes = async (response: Response) => new Uint8Array(await response.arrayBuffer());
const issued = () => handle.db.select().from(certificates).where(eq(certificates.editionId, editionId));
const codeOf = async (o: { filmId?: string; userId?: string }) => (await issued()).find((c) => (o.filmId ? c.filmId === o.filmId : c.userId === o.userId))!.code;
/** LAYAR_KEEP_DOCUMENTS=/some/dir keeps the generated files there, to look at them (pdftoppm -png). */
function keep(name: string, content: Uint8Array) {
  const dir = process.env.LAYAR_KEEP_DOCUMENTS;
  if (dir) fs.writeFileSync(path.join(dir, name), content);
}

const monthDate = /\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4}/;

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  await createTestRegions(db);
  organiser = await createUser(db, { email: "kra@layar.test", role: "organiser", regionCode: "33.13" });
  otherOrganiser = await createUser(db, { email: "wng@layar.test", role: "organiser", regionCode: "33.12" });
  const kimA = await createKim(db, { name: "KIM Manteb Karangpandan", districtCode: "33.13.08" });
  const kimB = await createKim(db, { name: "KIM Sekar Arum", districtCode: "33.13.11" });
  kimAId = kimA.id;
  kimUserA = await createUser(db, { email: "a@kim.test", role: "kim", kimId: kimA.id, regionCode: "33.13" });
  kimUserB = await createUser(db, { email: "b@kim.test", role: "kim", kimId: kimB.id, regionCode: "33.13" });
  judges = [];
  for (const [i, name] of ["Dr. Sri Wahyuni, M.Sn.", "Bambang Hermawan", "Rina Kartikasari"].entries()) {
    judges.push(await createUser(db, { email: `juri${i}@layar.test`, name, role: "judge", regionCode: "33.72" }));
  }
  idleJudge = await createUser(db, { email: "diam@layar.test", name: "Juri Tanpa Lembar", role: "judge", regionCode: "33.72" });
  const edition = await createEdition(db, { slug, title: "Festival Piagam Peserta 2027", year: 2027, regionCode: "33.13", status: "penjurian" });
  editionId = edition.id;
  await db.insert(editionJudges).values([...judges, idleJudge].map((j) => ({ editionId, userId: j.id })));
  const criteria = await createRubric(db, editionId);
  const round = await ensureRound(db, editionId, "penilaian");
  // Films 1 and 2 get exactly the same scores: a tie the jury decides (film 2 first).
  for (const [i, value] of [90, 80, 80, 70].entries()) {
    const film = await createFilm(db, { editionId, kimId: i % 2 === 0 ? kimA.id : kimB.id, code: `PP-${i + 1}`, title: ["Air Untuk Semua", "Sawah Kita", "Jalan Desa", "Pasar Pagi"][i], status: "diunggah" });
    films.push(film);
    for (const judge of judges) {
      const [a] = await db.insert(judgeAssignments).values({ roundId: round.id, filmId: film.id, judgeId: judge.id }).returning();
      const [s] = await db.insert(scoreSheets).values({ assignmentId: a.id, status: "submitted", submittedAt: new Date() }).returning();
      await db.insert(scores).values(criteria.map((c) => ({ sheetId: s.id, criterionId: c.id, score: value, comment: "ok" })));
    }
  }
  excludedFilm = await createFilm(db, { editionId, kimId: kimA.id, code: "PP-9", title: "Lagu Terlarang", status: "dikecualikan", statusReason: "Memakai musik berhak cipta tanpa izin." });
  draftFilm = await createFilm(db, { editionId, kimId: kimB.id, code: "PP-0", title: "Belum Selesai", status: "draf" });
  await db.insert(juryDecisions).values({
    editionId,
    roundId: round.id,
    filmIds: [films[1].id, films[2].id],
    order: [films[2].id, films[1].id],
    reason: "Pesan film Jalan Desa lebih kuat menurut musyawarah dewan juri.",
    decidedBy: "Dewan juri: Sri Wahyuni, Bambang Hermawan, Rina Kartikasari",
    recordedBy: organiser.id,
  });
});
afterAll(() => handle.drop());

describe("issuing certificates", () => {
  it("seals; then every judged film has one participation certificate and every judge with a submitted sheet one judge's certificate", async () => {
    await sealResults(handle.db, organiser, slug);
    await handle.db.transaction((tx) => issueCertificates(tx, editionId));
    const rows = await issued();
    const peserta = rows.filter((c) => c.kind === "peserta");
    const juri = rows.filter((c) => c.kind === "juri");
    expect(peserta.map((c) => c.filmId).sort()).toEqual(films.map((f) => f.id).sort());
    for (const c of peserta) expect(c.kimId).toBe(films.find((f) => f.id === c.filmId)!.kimId);
    expect(juri.map((c) => c.userId).sort()).toEqual(judges.map((j) => j.id).sort());
    for (const c of rows) expect(c.code).toMatch(/^[0-9A-F]{12}$/);
    expect(new Set(rows.map((c) => c.code)).size).toBe(rows.length);
    // Not the excluded film, not the unfinished draft, not the judge without a sheet.
    expect(rows.some((c) => c.filmId === excludedFilm.id || c.filmId === draftFilm.id || c.userId === idleJudge.id)).toBe(false);
  });

  it("is idempotent: a second call keeps the same codes", async () => {
    const before = (await issued()).map((c) => c.code).sort();
    await handle.db.transaction((tx) => issueCertificates(tx, editionId));
    await issueCertificates(handle.db, editionId);
    expect((await issued()).map((c) => c.code).sort()).toEqual(before);
  });

  it("removeCertificates takes them all away (unsealing); issuing again gives new codes", async () => {
    const before = (await issued()).map((c) => c.code);
    await handle.db.transaction((tx) => removeCertificates(tx, editionId));
    expect(await issued()).toEqual([]);
    await handle.db.transaction((tx) => issueCertificates(tx, editionId));
    const after = (await issued()).map((c) => c.code);
    expect(after).toHaveLength(before.length);
    expect(after.filter((c) => before.includes(c))).toEqual([]);
  });
});

describe("the Berita Acara", () => {
  it("prints the jury's decision on the tie (films in the decided order, reason, who decided) and the film left out of the ranking", async () => {
    const pdf = await bytes(await get("berita-acara.pdf", organiser));
    keep("berita-acara-keputusan.pdf", pdf);
    const text = await pdfText(pdf);
    expect(text).toContain("Atas film yang memperoleh nilai akhir sama, dewan juri menetapkan urutan sebagai berikut:");
    expect(text).toMatch(/1\) PP-3 Jalan Desa; 2\) PP-2 Sawah Kita/);
    expect(text).toContain("Pesan film Jalan Desa lebih kuat");
    expect(text).toContain("Dewan juri: Sri Wahyuni, Bambang");
    expect(text).toContain("Film berikut tidak diikutsertakan dalam pemeringkatan");
    // (How pdftotext orders a table's cells depends on where they wrap: check the cells, not the line.)
    for (const cell of ["PP-9", "Lagu Terlarang", "Memakai musik berhak cipta tanpa izin."]) expect(text).toContain(cell);
  });

  it("leaves out a revoked decision", async () => {
    const [decision] = await handle.db.select().from(juryDecisions).where(eq(juryDecisions.editionId, editionId));
    await handle.db.update(juryDecisions).set({ revokedAt: new Date(), revokedBy: organiser.id, revokeReason: "uji" }).where(eq(juryDecisions.id, decision.id));
    expect(await pdfText(await bytes(await get("berita-acara.pdf", organiser)))).not.toContain("menetapkan urutan");
    await handle.db.update(juryDecisions).set({ revokedAt: null, revokedBy: null, revokeReason: null }).where(eq(juryDecisions.id, decision.id));
  });

  it("leaves out a decision on films that were not tied (it decided nothing)", async () => {
    const [decision] = await handle.db.select().from(juryDecisions).where(eq(juryDecisions.editionId, editionId));
    const [unused] = await handle.db
      .insert(juryDecisions)
      .values({ ...decision, id: undefined, filmIds: [films[0].id, films[3].id], order: [films[3].id, films[0].id], reason: "Keputusan yang tidak memutus seri apa pun." })
      .returning();
    const text = await pdfText(await bytes(await get("berita-acara.pdf", organiser)));
    expect(text).toContain("Pesan film Jalan Desa lebih kuat");
    expect(text).not.toContain("tidak memutus seri");
    await handle.db.update(juryDecisions).set({ revokedAt: new Date(), revokedBy: organiser.id, revokeReason: "uji" }).where(eq(juryDecisions.id, unused.id));
  });
});

describe("before publication", () => {
  it("the organiser's participation bundle: one draft page per judged film, no date, no code, no QR code", async () => {
    const response = await get("piagam-peserta.pdf", organiser);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="piagam-peserta-${slug}.pdf"`);
    const pdf = await bytes(response);
    keep("piagam-peserta-draf.pdf", pdf);
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(4);
    const text = await pdfText(pdf);
    expect(text).toContain("PIAGAM PENGHARGAAN");
    expect(text).toContain("atas partisipasinya sebagai PESERTA dengan film berjudul");
    for (const title of ["Air Untuk Semua", "Sawah Kita", "Jalan Desa", "Pasar Pagi"]) expect(text).toContain(`"${title}"`);
    expect(text).toContain("Festival Piagam Peserta 2027");
    expect(text.match(/DRAF - belum berlaku/g)).toHaveLength(4);
    expect(text.match(/\(tanggal pengumuman\)/g)).toHaveLength(4);
    expect(text).not.toMatch(monthDate);
    expect(text).not.toContain("Kode:");
    for (const c of await issued()) expect(text).not.toContain(c.code);
    for (let page = 0; page < 4; page++) expect(await qrFromEmbeddedImage(pdf, page)).toEqual([]);
  });

  it("the organiser's judges' bundle: one draft page per judge, by name", async () => {
    const response = await get("piagam-juri.pdf", organiser);
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="piagam-juri-${slug}.pdf"`);
    const pdf = await bytes(response);
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(3);
    const text = await pdfText(pdf);
    expect(text).toContain("atas pengabdiannya sebagai DEWAN JURI");
    for (const judge of judges) expect(text).toContain(judge.name);
    expect(text).not.toContain("Juri Tanpa Lembar");
    expect(text).not.toContain("dengan film berjudul");
    expect(text.match(/DRAF - belum berlaku/g)).toHaveLength(3);
    expect(text).not.toMatch(monthDate);
    expect(await qrFromEmbeddedImage(pdf)).toEqual([]);
  });

  it("nobody else gets a piagam, no code verifies, nobody's list shows one", async () => {
    const own = await codeOf({ filmId: films[0].id });
    const judgeCode = await codeOf({ userId: judges[0].id });
    expect((await get(`piagam-${own}.pdf`, kimUserA)).status).toBe(404);
    expect((await get(`piagam-${judgeCode}.pdf`, judges[0])).status).toBe(404);
    expect(await verifyCertificate(handle.db, own)).toBeNull();
    expect(await verifyCertificate(handle.db, judgeCode)).toBeNull();
    expect(await listOwnCertificates(handle.db, kimUserA)).toEqual([]);
    expect(await listOwnCertificates(handle.db, judges[0])).toEqual([]);
    // The organiser's single copy is a draft too.
    const text = await pdfText(await bytes(await get(`piagam-${judgeCode}.pdf`, organiser)));
    expect(text).toContain("DRAF - belum berlaku");
    expect(text).not.toContain(judgeCode);
  });
});

describe("after publication", () => {
  it("a KIM downloads its own participation piagam: dated, with its code and a QR code that opens the verification page", async () => {
    await publishResults(handle.db, organiser, slug, {});
    const [edition] = await handle.db.select().from(editions).where(eq(editions.id, editionId));
    const code = await codeOf({ filmId: films[0].id });
    const response = await get(`piagam-${code}.pdf`, kimUserA);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="piagam-${slug}-${code}.pdf"`);
    const pdf = await bytes(response);
    keep("piagam-peserta.pdf", pdf);
    const url = `http://layar.test/verifikasi/${code}`;
    expect(await qrFromEmbeddedImage(pdf)).toEqual([url]);
    if (hasBinary("pdftoppm")) expect(await qrFromRenderedPage(pdf)).toBe(url);
    const text = await pdfText(pdf);
    const published = new Intl.DateTimeFormat("id-ID", { timeZone: "Asia/Jakarta", day: "numeric", month: "long", year: "numeric" }).format(edition.publishedAt!);
    for (const expected of ["KIM Manteb Karangpandan", "atas partisipasinya sebagai PESERTA", '"Air Untuk Semua"', `Karanganyar, ${published}`, `Kode: ${code}`]) expect(text, expected).toContain(expected);
    expect(text).not.toContain("DRAF");
  });

  it("a judge downloads their own judge's piagam, with a QR code", async () => {
    const code = await codeOf({ userId: judges[1].id });
    const pdf = await bytes(await get(`piagam-${code}.pdf`, judges[1]));
    keep("piagam-juri.pdf", pdf);
    expect(await qrFromEmbeddedImage(pdf)).toEqual([`http://layar.test/verifikasi/${code}`]);
    const text = await pdfText(pdf);
    expect(text).toContain("Bambang Hermawan");
    expect(text).toContain("atas pengabdiannya sebagai DEWAN JURI");
    expect(text).toContain(`Kode: ${code}`);
  });

  it("each gets only their own; everyone else 404", async () => {
    const kimA = await codeOf({ filmId: films[0].id });
    const kimB = await codeOf({ filmId: films[1].id });
    const judge0 = await codeOf({ userId: judges[0].id });
    const judge1 = await codeOf({ userId: judges[1].id });
    const cases: [string, User | undefined, number][] = [
      [`piagam-${kimA}.pdf`, kimUserA, 200],
      [`piagam-${kimA.toLowerCase()}.pdf`, kimUserA, 200],
      [`piagam-${kimB}.pdf`, kimUserA, 404],
      [`piagam-${kimB}.pdf`, kimUserB, 200],
      [`piagam-${judge0}.pdf`, kimUserA, 404],
      [`piagam-${judge0}.pdf`, judges[0], 200],
      [`piagam-${judge1}.pdf`, judges[0], 404],
      [`piagam-${kimA}.pdf`, judges[0], 404],
      [`piagam-${judge0}.pdf`, idleJudge, 404],
      [`piagam-${kimA}.pdf`, otherOrganiser, 404],
      [`piagam-${judge0}.pdf`, undefined, 404],
      ["piagam-peserta.pdf", kimUserA, 404],
      ["piagam-juri.pdf", judges[0], 404],
      ["piagam-peserta.pdf", otherOrganiser, 404],
    ];
    for (const [doc, user, status] of cases) expect((await get(doc, user)).status, `${doc} for ${user?.email ?? "anonymous"}`).toBe(status);
  });

  it("the codes verify: participation (KIM, film) and judge (name)", async () => {
    const kimA = await codeOf({ filmId: films[0].id });
    expect(await verifyCertificate(handle.db, kimA.toLowerCase())).toEqual({
      code: kimA,
      kind: "peserta",
      award: "Peserta",
      holderName: "KIM Manteb Karangpandan",
      filmTitle: "Air Untuk Semua",
      categoryName: null,
      editionTitle: "Festival Piagam Peserta 2027",
      editionSlug: slug,
      year: 2027,
      level: "kabupaten",
      regionName: "Kabupaten Karanganyar",
    });
    const judge = await codeOf({ userId: judges[2].id });
    expect(await verifyCertificate(handle.db, judge)).toMatchObject({ code: judge, kind: "juri", award: "Dewan Juri", holderName: "Rina Kartikasari", filmTitle: null, editionSlug: slug });
  });

  it("listOwnCertificates: a KIM its placements and participation piagam, a judge their judge's piagam, with download links", async () => {
    const mine = await listOwnCertificates(handle.db, kimUserA);
    const placed = await handle.db.select().from(placements).where(eq(placements.kimId, kimAId));
    expect(mine.filter((c) => c.kind === "juara").map((c) => c.code).sort()).toEqual(placed.map((p) => p.certificateCode).sort());
    expect(mine.filter((c) => c.kind === "peserta").map((c) => c.filmTitle)).toEqual(["Air Untuk Semua", "Jalan Desa"]);
    const code = await codeOf({ filmId: films[0].id });
    expect(mine.find((c) => c.code === code)).toEqual({ code, kind: "peserta", award: "Peserta", filmTitle: "Air Untuk Semua", editionSlug: slug, editionTitle: "Festival Piagam Peserta 2027", year: 2027, href: `/api/festival/${slug}/dokumen/piagam-${code}.pdf` });
    for (const c of mine) expect((await get(c.href.split("/").pop()!, kimUserA)).status, c.href).toBe(200);
    const judgeCode = await codeOf({ userId: judges[0].id });
    expect(await listOwnCertificates(handle.db, judges[0])).toEqual([{ code: judgeCode, kind: "juri", award: "Dewan Juri", filmTitle: null, editionSlug: slug, editionTitle: "Festival Piagam Peserta 2027", year: 2027, href: `/api/festival/${slug}/dokumen/piagam-${judgeCode}.pdf` }]);
    expect(await listOwnCertificates(handle.db, idleJudge)).toEqual([]);
    expect(await listOwnCertificates(handle.db, organiser)).toEqual([]);
  });
});
