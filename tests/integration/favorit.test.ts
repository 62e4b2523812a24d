import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, favoritCodes, favoritPhases, favoritVotes, filmMedia, specialAwards } from "@/lib/db/schema";
import { loadDocumentData } from "@/lib/documents/load-results";
import { resetEnvForTests } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { awardFavorit, favoritAdminView, saveFavoritPhase, voidVotes } from "@/lib/favorit/admin";
import { removeOldFavoritCodes } from "@/lib/favorit/cleanup";
import type { VerificationChannel } from "@/lib/favorit/channel";
import { normaliseEmail } from "@/lib/favorit/identity";
import { favoritApi } from "@/lib/favorit/public-view";
import { castVotes, requestCode, verifyCode } from "@/lib/favorit/vote";
import { mediaForRequest, viewerOf } from "@/lib/films/media-access";
import { createCategory, createEdition, createFilm, createKim, createUser } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";
import { mailText, startSmtpServer } from "../setup/smtp";

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let organiser: Awaited<ReturnType<typeof createUser>>;
let editionId = "";
const slug = "festival-favorit-uji";
const films: Record<string, string> = {};
const cats: Record<string, string> = {};

// A channel that keeps the codes it "sends", for the tests that are not about the mail itself.
const sent = new Map<string, string>();
const capture: VerificationChannel = { kind: "email", normalise: normaliseEmail, send: async (address, code) => void sent.set(address.trim(), code) };
const channels = [capture];

const rejection = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AppError);
const day = 86_400_000;

/** The whole verified path for one address: code → verify → ballot id. */
async function verified(address: string, network = "203.0.113.0/24", now?: Date) {
  const { codeId, emailDomain } = await requestCode(handle.db, { slug, input: { address }, network, now, channels });
  const { ballotId } = await verifyCode(handle.db, { slug, codeId, code: sent.get(address)!, now });
  return { ballotId, emailDomain };
}

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  await createTestRegions(db);
  organiser = await createUser(db, { email: "jateng@layar.test", role: "organiser", regionCode: "33" });
  const kim = await createKim(db, { name: "KIM Sekar Arum", districtCode: "33.13.11" });
  const edition = await createEdition(db, { slug, title: "Festival Favorit Uji", year: 2026, regionCode: "33", status: "penjurian" });
  editionId = edition.id;
  cats.fiksi = (await createCategory(db, edition.id, "Fiksi", 0)).id;
  cats.dok = (await createCategory(db, edition.id, "Dokumenter", 1)).id;
  const make = async (key: string, category: string, extra: Record<string, unknown> = {}) => {
    const film = await createFilm(db, { editionId: edition.id, kimId: kim.id, code: `FV-${key}`, title: `Film ${key}`, status: "dinilai", categoryId: cats[category], publicationConsent: true, ...extra });
    films[key] = film.id;
    await db.insert(filmMedia).values([
      { filmId: film.id, kind: "video", storageDriver: "local", storageKey: `films/${film.id}/video.mp4`, status: "ok", sizeBytes: 10 },
      { filmId: film.id, kind: "judge_video", storageDriver: "local", storageKey: `films/${film.id}/judge.mp4`, status: "ok", sizeBytes: 9 },
    ]);
  };
  await make("a", "fiksi");
  await make("b", "fiksi");
  await make("c", "dok");
  await make("d", "dok");
  await make("other", "fiksi"); // same edition, never nominated
  await make("noconsent", "fiksi", { publicationConsent: false });
  await make("dq", "fiksi", { status: "didiskualifikasi" });
  smtp = await startSmtpServer();
  process.env.SMTP_URL = smtp.url;
  resetEnvForTests();
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  resetEnvForTests();
  await smtp.stop();
  await handle.drop();
});

describe("the organiser opens the vote", () => {
  it("refuses films without publication consent or disqualified; the API answers 404-null before a phase exists", async () => {
    expect(await favoritApi(handle.db, slug)).toBeNull();
    const closesAt = new Date(Date.now() + 7 * day + 7 * 3_600_000).toISOString().slice(0, 16);
    for (const bad of ["noconsent", "dq"]) {
      const error = await rejection(saveFavoritPhase(handle.db, organiser, slug, { nominees: [films.a, films[bad]], opensAt: "", closesAt }));
      expect(error?.userMessage).toContain("boleh dipublikasikan");
    }
    const view = await favoritAdminView(handle.db, organiser, slug);
    expect(view.nominable.map((f) => f.code).sort()).toEqual(["FV-a", "FV-b", "FV-c", "FV-d", "FV-other"]);
  });

  it("keeps a nominee private until the phase opens, then lets the public watch the stripped copy; a non-nominee stays private", async () => {
    expect(await mediaForRequest(handle.db, null, films.a, "video")).toBeNull();
    const closesAt = new Date(Date.now() + 7 * day + 7 * 3_600_000).toISOString().slice(0, 16);
    await saveFavoritPhase(handle.db, organiser, slug, { nominees: [films.a, films.b, films.c, films.d], opensAt: "", closesAt });
    const watched = await mediaForRequest(handle.db, null, films.a, "video");
    expect(watched?.viewer).toBe("nominee");
    expect(watched?.media.storageKey).toContain("judge.mp4");
    expect((await mediaForRequest(handle.db, null, films.a, "poster"))).toBeNull(); // no poster stored, nothing else leaks
    expect((await viewerOf(handle.db, null, films.a))?.viewer).toBe("nominee");
    expect(await mediaForRequest(handle.db, null, films.other, "video")).toBeNull();
    expect(await viewerOf(handle.db, null, films.other)).toBeNull();
    const audit = await handle.db.select().from(auditLog).where(eq(auditLog.action, "favorit.phase"));
    expect(audit).toHaveLength(1);
  });

  it("answers the API with the nominees and results null while open", async () => {
    const body = await favoritApi(handle.db, slug);
    expect(body?.open).toBe(true);
    expect(body?.results).toBeNull();
    expect(body?.totals).toBeNull();
    expect(body?.nominees.map((n) => n.code)).toEqual(["FV-a", "FV-b", "FV-c", "FV-d"]);
    expect(Object.keys(body!.nominees[0]).sort()).toEqual(["categoryId", "code", "filmId", "title"]);
  });
});

describe("a member of the public votes", () => {
  it("gets a 6-digit code by email over SMTP, stored only hashed, and votes once per category", async () => {
    const { codeId, emailDomain } = await requestCode(handle.db, { slug, input: { address: " Warga.Satu@Gmail.com " }, network: "203.0.113.0/24" });
    expect(emailDomain).toBe("gmail.com");
    expect(smtp.inbox).toHaveLength(1);
    expect(smtp.inbox[0].to).toEqual(["Warga.Satu@gmail.com"]); // sent to the address as typed
    const code = mailText(smtp.inbox[0].raw).match(/: (\d{6})\b/)![1];
    const [row] = await handle.db.select().from(favoritCodes).where(eq(favoritCodes.id, codeId));
    expect(row.codeHash).not.toContain(code);
    expect(row.identityHash).not.toContain("warga");
    const { ballotId } = await verifyCode(handle.db, { slug, codeId, code: code.slice(0, 3) + " " + code.slice(3) });
    const result = await castVotes(handle.db, { slug, ballotId, emailDomain, choices: { [cats.fiksi]: films.a, [cats.dok]: films.c }, network: "203.0.113.0/24" });
    expect(result.recorded.sort()).toEqual([cats.fiksi, cats.dok].sort());
    // The same person again (another spelling of the same Gmail box): refused in both categories.
    const again = await verified("wargasatu+lagi@gmail.com");
    const error = await rejection(castVotes(handle.db, { slug, ballotId: again.ballotId, emailDomain: "gmail.com", choices: { [cats.fiksi]: films.b }, network: "203.0.113.0/24" }));
    expect(error?.userMessage).toBe("Anda sudah memilih di kategori ini.");
    // A racing double submit of one ballot counts once.
    const racer = await verified("racer@yahoo.co.id");
    const both = await Promise.allSettled([1, 2].map(() => castVotes(handle.db, { slug, ballotId: racer.ballotId, emailDomain: "yahoo.co.id", choices: { [cats.fiksi]: films.b }, network: "203.0.113.0/24" })));
    expect(both.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rows = await handle.db.select().from(favoritVotes).where(eq(favoritVotes.editionId, editionId));
    expect(rows).toHaveLength(3);
  });

  it("refuses a disposable domain, a wrong code after 5 tries, an expired code, and an old code once a new one is asked for", async () => {
    const disposable = await rejection(requestCode(handle.db, { slug, input: { address: "x@mailinator.com" }, network: "203.0.113.0/24", channels }));
    expect(disposable?.userMessage).toContain("sekali pakai");

    const { codeId } = await requestCode(handle.db, { slug, input: { address: "salah@gmail.com" }, network: "203.0.113.0/24", channels });
    const right = sent.get("salah@gmail.com")!;
    const wrong = right === "000000" ? "111111" : "000000";
    const first = await rejection(verifyCode(handle.db, { slug, codeId, code: wrong }));
    expect(first?.userMessage).toBe("Kode salah. Sisa 4 kali percobaan.");
    for (let i = 0; i < 4; i++) await rejection(verifyCode(handle.db, { slug, codeId, code: wrong }));
    const locked = await rejection(verifyCode(handle.db, { slug, codeId, code: right }));
    expect(locked?.userMessage).toContain("Terlalu banyak kode salah");

    const now = new Date();
    const late = await requestCode(handle.db, { slug, input: { address: "telat@gmail.com" }, network: "198.51.100.0/24", channels, now });
    const expired = await rejection(verifyCode(handle.db, { slug, codeId: late.codeId, code: sent.get("telat@gmail.com")!, now: new Date(now.getTime() + 11 * 60_000) }));
    expect(expired?.userMessage).toContain("kedaluwarsa");

    const old = await requestCode(handle.db, { slug, input: { address: "ganti@gmail.com" }, network: "198.51.100.0/24", channels });
    const oldCode = sent.get("ganti@gmail.com")!;
    await requestCode(handle.db, { slug, input: { address: "ganti@gmail.com" }, network: "198.51.100.0/24", channels });
    const replaced = await rejection(verifyCode(handle.db, { slug, codeId: old.codeId, code: oldCode }));
    expect(replaced?.code).toBe("invalid");
  });

  it("limits codes per address (5 an hour) and per network, saying what to do", async () => {
    const now = new Date(Date.now() + 60_000);
    for (let i = 0; i < 5; i++) await requestCode(handle.db, { slug, input: { address: "banyak@gmail.com" }, network: "192.0.2.0/24", channels, now });
    const sixth = await rejection(requestCode(handle.db, { slug, input: { address: "banyak@gmail.com" }, network: "192.0.2.0/24", channels, now }));
    expect(sixth?.code).toBe("rate_limited");
    expect(sixth?.userMessage).toMatch(/folder spam.*coba lagi dalam \d+ menit/);
    const network = "100.64.1.0/24";
    let refused: AppError | null = null;
    for (let i = 0; i < 130 && !refused; i++) refused = await rejection(requestCode(handle.db, { slug, input: { address: `jaringan${i}@gmail.com` }, network, channels, now }));
    expect(refused?.userMessage).toContain("dari jaringan Anda");
  });

  it("limits ballots per network (120 an hour): the 121st from one network is refused and not stored", async () => {
    const now = new Date(Date.now() + 2 * 60_000);
    let refused: AppError | null = null;
    let cast = 0;
    for (let i = 0; i < 125 && !refused; i++) {
      const voter = await verified(`satujaringan${i}@gmail.com`, `172.16.${i}.0/24`, now);
      refused = await rejection(castVotes(handle.db, { slug, ballotId: voter.ballotId, emailDomain: "gmail.com", choices: { [cats.dok]: films.d }, network: "100.100.100.0/24", now }));
      if (!refused) cast++;
    }
    expect(cast).toBe(120);
    expect(refused?.code).toBe("rate_limited");
    expect(refused?.userMessage).toContain("Pilihan Anda belum tersimpan");
    // These were test votes of a limit, not part of the result below: void them.
    const ids = (await handle.db.select({ id: favoritVotes.id }).from(favoritVotes).where(eq(favoritVotes.network, "100.100.100.0/24"))).map((r) => r.id);
    await voidVotes(handle.db, organiser, slug, { voteIds: ids, reason: "Uji batas jaringan" });
  });

  it("refuses a film that is not a nominee of that category", async () => {
    const voter = await verified("pilih@gmail.com", "198.51.100.0/24");
    for (const choices of [{ [cats.fiksi]: films.other }, { [cats.fiksi]: films.c }]) {
      const error = await rejection(castVotes(handle.db, { slug, ballotId: voter.ballotId, emailDomain: "gmail.com", choices, network: "198.51.100.0/24" }));
      expect(error?.userMessage).toBe("Film itu bukan nominasi di kategori ini.");
    }
  });
});

describe("after the vote", () => {
  it("voids a burst with a reason (audited with the count), and voided votes are not counted", async () => {
    // A burst: 11 voters from one network in a few minutes, all for film b.
    const burstIds: string[] = [];
    for (let i = 0; i < 11; i++) {
      const voter = await verified(`bot${i}@gmail.com`, "10.66.0.0/24");
      await castVotes(handle.db, { slug, ballotId: voter.ballotId, emailDomain: "gmail.com", choices: { [cats.fiksi]: films.b }, network: "10.66.0.0/24" });
    }
    const view = await favoritAdminView(handle.db, organiser, slug);
    expect(view.results).toBeNull(); // no counts per film while open
    const burst = view.report.bursts.find((b) => b.network === "10.66.0.0/24");
    expect(burst?.votes).toBe(11);
    burstIds.push(...burst!.voteIds);
    const { count } = await voidVotes(handle.db, organiser, slug, { voteIds: burstIds, reason: "Lonjakan dari satu jaringan" });
    expect(count).toBe(11);
    const [audit] = (await handle.db.select().from(auditLog).where(eq(auditLog.action, "favorit.void"))).filter((a) => (a.data as { count: number }).count === 11);
    expect(audit.data).toMatchObject({ count: 11, reason: "Lonjakan dari satu jaringan" });
    const again = await favoritAdminView(handle.db, organiser, slug);
    expect(again.report.voided).toBe(11 + 120);
    expect(again.report.bursts.find((b) => b.network === "10.66.0.0/24")).toBeUndefined();
  });

  it("refuses votes after the window; awards once, the most valid votes per category; API and Berita Acara show the counts", async () => {
    const voter = await verified("akhir@gmail.com", "198.51.100.0/24");
    await handle.db.update(favoritPhases).set({ closesAt: new Date(Date.now() - 1000) }).where(eq(favoritPhases.editionId, editionId));
    const closed = await rejection(castVotes(handle.db, { slug, ballotId: voter.ballotId, emailDomain: "gmail.com", choices: { [cats.fiksi]: films.a }, network: "198.51.100.0/24" }));
    expect(closed?.userMessage).toBe("Pemilihan Film Terfavorit sedang tidak dibuka.");
    const codeClosed = await rejection(requestCode(handle.db, { slug, input: { address: "baru@gmail.com" }, network: "198.51.100.0/24", channels }));
    expect(codeClosed?.code).toBe("conflict");
    // Closed but not awarded: the nominee is private again; the other never was public.
    expect(await mediaForRequest(handle.db, null, films.a, "video")).toBeNull();

    const body = await favoritApi(handle.db, slug);
    expect(body?.open).toBe(false);
    const votesOf = (id: string) => body!.results!.find((r) => r.filmId === id)?.votes;
    expect(votesOf(films.a)).toBe(1);
    expect(votesOf(films.b)).toBe(1); // the racer; the burst's 11 were voided
    expect(votesOf(films.c)).toBe(1);
    expect(body?.totals).toEqual({ valid: 3, voided: 131 });

    const { awards } = await awardFavorit(handle.db, organiser, slug);
    // Fiksi is tied 1-1: the film that reached its count first (a) wins.
    expect(awards.map((a) => a.name).sort()).toEqual(["Film Terfavorit — Dokumenter", "Film Terfavorit — Fiksi"]);
    expect(awards.find((a) => a.name.endsWith("Fiksi"))?.filmId).toBe(films.a);
    const twice = await rejection(awardFavorit(handle.db, organiser, slug));
    expect(twice?.userMessage).toBe("Hasil Film Terfavorit sudah ditetapkan.");
    const stored = await handle.db.select().from(specialAwards).where(and(eq(specialAwards.editionId, editionId)));
    expect(stored).toHaveLength(2);
    // Awarded: the nominees' stripped copies are public again; still not the other film.
    expect((await mediaForRequest(handle.db, null, films.a, "video"))?.viewer).toBe("nominee");
    expect(await mediaForRequest(handle.db, null, films.other, "video")).toBeNull();

    const [edition] = await handle.db.query.editions.findMany({ where: (e, { eq: is }) => is(e.id, editionId) });
    const data = await loadDocumentData(handle.db, edition);
    expect(data.favorit?.valid).toBe(3);
    expect(data.favorit?.voided).toBe(131);
    expect(data.favorit?.films.find((f) => f.code === "FV-a")?.votes).toBe(1);
  });
});

describe("the hourly sweep", () => {
  it("removes code rows older than a day and keeps the votes", async () => {
    const codes = await handle.db.select({ id: favoritCodes.id, createdAt: favoritCodes.createdAt }).from(favoritCodes);
    expect(codes.length).toBeGreaterThan(0);
    const votesBefore = (await handle.db.select().from(favoritVotes)).length;
    // Nothing is a day old yet.
    expect(await removeOldFavoritCodes(handle.db)).toBe(0);
    const dayLater = new Date(Math.max(...codes.map((c) => c.createdAt.getTime())) + 24 * 3_600_000 + 1000);
    expect(await removeOldFavoritCodes(handle.db, dayLater)).toBe(codes.length);
    expect(await handle.db.select().from(favoritCodes)).toEqual([]);
    expect(await handle.db.select().from(favoritVotes)).toHaveLength(votesBefore);
  });
});
