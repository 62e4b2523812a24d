import { eq } from "drizzle-orm";
import { type AbstractIntlMessages, NextIntlClientProvider } from "next-intl";
import { createElement as h, type ReactNode } from "react";
import { renderToReadableStream } from "react-dom/server.node";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import DocumentsAdminPage from "@/app/[locale]/(admin)/admin/festival/[slug]/dokumen/page";
import VerifyCertificatePage from "@/app/[locale]/(public)/verifikasi/[code]/page";
import { OwnCertificates } from "@/components/documents/own-certificates";
import type { SessionUser } from "@/lib/auth/authenticate";
import { certificates, editions, placements } from "@/lib/db/schema";
import { createEdition, createFilm, createKim, createUser } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";
import { messagesFor } from "./results-page-messages";

// The documents page and the own-certificates list as they render on the server, from the
// database: which documents can be downloaded when, what the two CSV links say, the settings
// form filled with what is stored.

const page = vi.hoisted(() => ({ actor: null as SessionUser | null, locale: "id" }));
vi.mock("@/lib/auth/page-guard", () => ({ requirePageActor: async () => ({ ...page.actor!, passwordChangedAt: null }) }));
vi.mock("next/cache", async (importOriginal) => ({ ...(await importOriginal<typeof import("next/cache")>()), revalidatePath: () => undefined }));
vi.mock("next-intl/server", async () => {
  const { createTranslator } = await import("next-intl");
  const { messagesFor } = await import("./results-page-messages");
  return {
    getLocale: async () => page.locale,
    setRequestLocale: () => undefined,
    getTranslations: async (namespace?: string) => createTranslator({ locale: page.locale, messages: messagesFor(page.locale), namespace, timeZone: "Asia/Jakarta" }),
  };
});

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
type User = Awaited<ReturnType<typeof createUser>>;
let organiser: User, otherOrganiser: User, kimUser: User, judge: User;
let editionId: string;
const slug = "festival-halaman-dokumen";
const asActor = (u: User): SessionUser => ({ id: u.id, email: u.email, name: u.name, role: u.role, status: u.status, regionCode: u.regionCode, kimId: u.kimId });

async function html(element: ReactNode, locale: string): Promise<{ html: string; text: string }> {
  const stream = await renderToReadableStream(h(NextIntlClientProvider, { locale, messages: messagesFor(locale) as AbstractIntlMessages, timeZone: "Asia/Jakarta", children: element }));
  const out = await new Response(stream).text();
  const text = out
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
  return { html: out, text };
}

async function renderPage(user: User, locale = "id") {
  page.actor = asActor(user);
  page.locale = locale;
  return html(await DocumentsAdminPage({ params: Promise.resolve({ slug }) }), locale);
}

async function renderOwn(user: User, locale = "id") {
  page.locale = locale;
  return html(await OwnCertificates({ actor: asActor(user) }), locale);
}

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  await createTestRegions(db);
  organiser = await createUser(db, { email: "kra@layar.test", role: "organiser", regionCode: "33.13" });
  otherOrganiser = await createUser(db, { email: "wng@layar.test", role: "organiser", regionCode: "33.12" });
  judge = await createUser(db, { email: "juri@layar.test", name: "Rina Kartikasari", role: "judge", regionCode: "33.72" });
  const kim = await createKim(db, { name: "KIM Manteb Karangpandan", districtCode: "33.13.08" });
  kimUser = await createUser(db, { email: "a@kim.test", role: "kim", kimId: kim.id, regionCode: "33.13" });
  const edition = await createEdition(db, {
    slug,
    title: "Festival Halaman Dokumen",
    year: 2027,
    regionCode: "33.13",
    status: "penjurian",
    documents: { signatoryName: "Drs. Sutarno, M.Si.", signatoryNip: "19700101 199003 1 002", beritaAcaraNumber: "000.1/123/2027" },
  });
  editionId = edition.id;
  const film = await createFilm(db, { editionId, kimId: kim.id, code: "HD-1", title: "Air Untuk Semua", status: "juara" });
  await db.insert(placements).values({ editionId, filmId: film.id, kimId: kim.id, placement: "Juara I", rank: 1, score: 90, certificateCode: "AAAA00000001" });
  await db.insert(certificates).values([
    { code: "BBBB00000001", editionId, kind: "peserta", filmId: film.id, kimId: kim.id },
    { code: "CCCC00000001", editionId, kind: "juri", userId: judge.id },
  ]);
});
afterAll(() => handle.drop());

describe("the documents page", () => {
  it("before sealing: every document listed, none downloadable yet, and the settings form filled with what is stored", async () => {
    const { html: out, text } = await renderPage(organiser);
    expect(text).toContain("Dokumen hasil");
    expect(text.match(/Tersedia setelah hasil penilaian disegel\./g)).toHaveLength(7);
    expect(out).not.toContain(`/api/festival/${slug}/dokumen/`);
    expect(out).toContain('value="Drs. Sutarno, M.Si."');
    expect(out).toContain('value="19700101 199003 1 002"');
    expect(out).toContain('value="000.1/123/2027"');
    expect(out).toMatch(/<input[^>]*type="file"[^>]*accept="image\/png,image\/jpeg"|accept="image\/png,image\/jpeg"[^>]*type="file"/);
    expect(text).toContain("Belum ada logo");
  });

  it("sealed: every document downloadable, says which CSV is for Indonesian Excel, and the piagam are drafts until the announcement", async () => {
    await handle.db.update(editions).set({ status: "disegel", sealedAt: new Date("2027-11-20T03:00:00Z"), scheduledPublishAt: new Date("2099-12-01T02:00:00Z") }).where(eq(editions.id, editionId));
    const { html: out, text } = await renderPage(organiser);
    for (const doc of ["rekap.xlsx", "rekap.csv", "rekap-titik.csv", "berita-acara.pdf", "piagam.pdf", "piagam-peserta.pdf", "piagam-juri.pdf"]) expect(out, doc).toContain(`href="/api/festival/${slug}/dokumen/${doc}"`);
    expect(text).toContain("Rekap nilai CSV untuk Excel (titik koma, desimal koma)");
    expect(text).toContain("Rekap nilai CSV titik desimal (untuk program lain)");
    expect(text.match(/Masih draf sampai hasil diumumkan \(1 Desember 2099 pukul 09\.00 WIB\): tanpa tanggal, kode dan kode QR\./g)).toHaveLength(3);
  });

  it("published: the piagam are valid, dated the announcement", async () => {
    await handle.db.update(editions).set({ status: "diumumkan", publishedAt: new Date("2027-12-01T02:00:00Z"), scheduledPublishAt: null }).where(eq(editions.id, editionId));
    const { text } = await renderPage(organiser);
    expect(text.match(/Berlaku: bertanggal pengumuman \(1 Desember 2027 pukul 09\.00 WIB\), dengan kode QR verifikasi\./g)).toHaveLength(3);
    expect(text).not.toContain("Masih draf");
  });

  it("in English, with the same links", async () => {
    const { html: out, text } = await renderPage(organiser, "en");
    expect(text).toContain("Score recap CSV for Excel (semicolons, decimal comma)");
    expect(text).toContain("Score recap CSV with decimal points (for other programs)");
    expect(text).toContain("Signatory's name");
    expect(out).toContain(`href="/api/festival/${slug}/dokumen/rekap-titik.csv"`);
  });

  it("an organiser of another region gets a 404", async () => {
    page.actor = asActor(otherOrganiser);
    await expect(DocumentsAdminPage({ params: Promise.resolve({ slug }) })).rejects.toThrow(/NEXT_HTTP_ERROR_FALLBACK;404|NEXT_NOT_FOUND/);
  });
});

describe("own certificates on a dashboard", () => {
  it("a KIM sees its placement's and its participation piagam, with download links", async () => {
    const { html: out, text } = await renderOwn(kimUser);
    expect(text).toContain("Piagam saya");
    expect(text).toContain("Juara I");
    expect(text).toContain("Piagam peserta");
    expect(text).toContain("Air Untuk Semua");
    expect(out).toContain(`href="/api/festival/${slug}/dokumen/piagam-AAAA00000001.pdf"`);
    expect(out).toContain(`href="/api/festival/${slug}/dokumen/piagam-BBBB00000001.pdf"`);
    expect(out).not.toContain("CCCC00000001");
  });

  it("a judge sees their judge's piagam", async () => {
    const { html: out, text } = await renderOwn(judge, "en");
    expect(text).toContain("My certificates");
    expect(text).toContain("Judge's certificate");
    expect(out).toContain(`href="/api/festival/${slug}/dokumen/piagam-CCCC00000001.pdf"`);
    expect(out).not.toContain("BBBB00000001");
  });

  it("nothing at all before the results are public", async () => {
    await handle.db.update(editions).set({ status: "disegel", publishedAt: null }).where(eq(editions.id, editionId));
    expect((await renderOwn(kimUser)).html).toBe("");
    expect((await renderOwn(judge)).html).toBe("");
  });
});

describe("the verification page (the QR code's target)", () => {
  const renderVerify = async (code: string, locale = "id") => {
    page.locale = locale;
    return html(await VerifyCertificatePage({ params: Promise.resolve({ locale, code }) }), locale);
  };

  it("knows no participation or judge code while the results are only sealed", async () => {
    for (const code of ["BBBB00000001", "CCCC00000001"]) {
      const { text } = await renderVerify(code);
      expect(text).toContain("Kode piagam tidak dikenal");
      expect(text).not.toContain("KIM Manteb");
      expect(text).not.toContain("Rina Kartikasari");
    }
  });

  it("confirms them once published: the KIM and its film as participant, the judge by name as jury member", async () => {
    await handle.db.update(editions).set({ status: "diumumkan", publishedAt: new Date("2027-12-01T02:00:00Z") }).where(eq(editions.id, editionId));
    const peserta = (await renderVerify("bbbb00000001")).text;
    expect(peserta).toContain("Piagam ini sah");
    expect(peserta).toMatch(/KIM KIM Manteb Karangpandan Judul film Air Untuk Semua Predikat Peserta/);
    const juri = (await renderVerify("CCCC00000001")).text;
    expect(juri).toMatch(/Nama juri Rina Kartikasari Predikat Dewan Juri Festival Festival Halaman Dokumen/);
    expect(juri).not.toContain("Judul film");
    expect((await renderVerify("CCCC00000001", "en")).text).toMatch(/Judge's name Rina Kartikasari Award Jury member/);
  });
});
