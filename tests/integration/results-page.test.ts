import { eq } from "drizzle-orm";
import { type AbstractIntlMessages, NextIntlClientProvider } from "next-intl";
import { createElement as h } from "react";
import { renderToReadableStream } from "react-dom/server.node";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import ResultsAdminPage from "@/app/[locale]/(admin)/admin/festival/[slug]/hasil/page";
import type { SessionUser } from "@/lib/auth/authenticate";
import { editions } from "@/lib/db/schema";
import { recordJuryDecision } from "@/lib/results/jury-decisions";
import { createEdition, createKim, createUser } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";
import { actor, judgedEdition } from "./results-fixtures";
import { messagesFor } from "./results-page-messages";

// The results page as an organiser sees it, rendered server-side from the database: the state
// line for every stage (an edition taking entries is not "being judged"), ties and the checklist
// by film code and title with no raw id in the visible text, and Indonesian only on the
// Indonesian page.

const page = vi.hoisted(() => ({ actor: null as SessionUser | null, locale: "id" }));
vi.mock("@/lib/auth/page-guard", () => ({ requirePageActor: async () => ({ ...page.actor!, passwordChangedAt: null }) }));
vi.mock("next/cache", async (importOriginal) => ({ ...(await importOriginal<typeof import("next/cache")>()), revalidatePath: () => undefined, revalidateTag: () => undefined }));
vi.mock("next-intl/server", async () => {
  const { createTranslator } = await import("next-intl");
  const { messagesFor } = await import("./results-page-messages");
  return {
    getLocale: async () => page.locale,
    getTranslations: async (namespace?: string) => createTranslator({ locale: page.locale, messages: messagesFor(page.locale), namespace, timeZone: "Asia/Jakarta" }),
  };
});

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
type User = Awaited<ReturnType<typeof createUser>>;
let organiser: User, judgeA: User, judgeB: User;
let kimId: string;
const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

const messages = (locale: string) => messagesFor(locale) as AbstractIntlMessages;
/** The page's HTML and its visible text (tags, hidden inputs and attribute values left out). */
async function render(slug: string, locale = "id") {
  page.actor = actor(organiser);
  page.locale = locale;
  const element = await ResultsAdminPage({ params: Promise.resolve({ slug }) });
  const stream = await renderToReadableStream(h(NextIntlClientProvider, { locale, messages: messages(locale), timeZone: "Asia/Jakarta", children: element }));
  const html = await new Response(stream).text();
  const text = html
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
  return { html, text };
}

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  await createTestRegions(db);
  organiser = await createUser(db, { email: "kra@layar.test", name: "Diskominfo Karanganyar", role: "organiser", regionCode: "33.13" });
  judgeA = await createUser(db, { email: "a@layar.test", name: "Dr. Sri Wahyuni", role: "judge", regionCode: "33.72" });
  judgeB = await createUser(db, { email: "b@layar.test", name: "Bambang Hermawan", role: "judge", regionCode: "33.12" });
  kimId = (await createKim(db, { name: "KIM Manteb", districtCode: "33.13.08" })).id;
});
afterAll(() => handle.drop());

describe("the state line", () => {
  it("says entries are open during registration and the festival is a draft before, not that judging is under way", async () => {
    for (const [status, expected] of [
      ["pendaftaran", "Pendaftaran film masih dibuka. Hasil bisa dihitung setelah penjurian."],
      ["draf", "Festival ini masih draf: pendaftaran film belum dibuka. Hasil bisa dihitung setelah penjurian."],
    ] as const) {
      await createEdition(handle.db, { slug: `hasil-${status}`, title: `Festival ${status}`, regionCode: "33.13", status });
      const { text } = await render(`hasil-${status}`);
      expect(text).toContain(expected);
      expect(text).not.toContain("Penilaian berlangsung");
      expect(text).not.toContain("Sebelum disegel");
    }
  });
});

describe("an edition in judging with a tie and a missing sheet", () => {
  let setup: Awaited<ReturnType<typeof judgedEdition>>;
  beforeAll(async () => {
    setup = await judgedEdition(handle.db, {
      slug: "hasil-seri",
      kimId,
      judges: [judgeA, judgeB],
      films: [
        { code: "H-1", title: "Kabar dari Sawah", sheets: [{ judge: judgeA, score: 90 }, { judge: judgeB, score: 90 }] },
        { code: "H-2", title: "Layar Tancap (Terakhir)", sheets: [{ judge: judgeA, score: 85 }, { judge: judgeB, score: 85 }] },
        { code: "H-3", title: "Suara Pasar", sheets: [{ judge: judgeA, score: 85 }, { judge: judgeB, score: 85 }] },
        { code: "H-4", title: "Warung Kopi", sheets: [{ judge: judgeA, score: 70 }, { judge: judgeB, score: 70, state: "reopened" }] },
      ],
    });
  });

  it("shows the tie and the checklist by code and title, the jury's form, and no raw id anywhere in the text", async () => {
    const { text, html } = await render("hasil-seri");
    expect(text).toContain("Penilaian berlangsung.");
    expect(text).toContain("Sebelum disegel");
    expect(text).toContain("Lembar nilai untuk film H-4 · Warung Kopi dibuka kembali dan belum dikirim ulang oleh Bambang Hermawan.");
    expect(text).toContain("Peringkat 2: 2 film seri dengan nilai 85,00");
    expect(text).toContain("H-2 · Layar Tancap (Terakhir)");
    expect(text).toContain("Belum ada kriteria penentu di pengaturan festival.");
    expect(text).toContain("Catat keputusan juri");
    expect(text).toContain("Peringkat 2 (Juara II)");
    expect(text).toContain("Tombol segel muncul setelah daftar ini kosong.");
    expect(html).not.toContain('name="confirm"'); // no seal form while the list is open
    expect(text).not.toMatch(uuid);
  });

  it("is in Indonesian only: no English 'placement' in the method line or anywhere", async () => {
    const { text } = await render("hasil-seri");
    expect(text).toContain("Metode: rata-rata · 3 Juara dan 3 Juara Harapan per kategori. Kriteria penentu bila nilai sama: belum diatur.");
    expect(text).not.toMatch(/placement|tie-break|ranking/i);
    const values = (obj: unknown): string[] => (typeof obj === "string" ? [obj] : Object.values(obj as object).flatMap(values));
    // Placeholders ({placement}) are names in code, not text anyone reads.
    expect(values(messages("id").hasil).filter((v) => /\bplacements?\b/i.test(v.replace(/\{\w+\}/g, "")))).toEqual([]);
  });

  it("in English, translates the checklist items and keeps the names", async () => {
    const { text } = await render("hasil-seri", "en");
    expect(text).toContain("Before sealing");
    expect(text).toContain("The score sheet for film H-4 · Warung Kopi was reopened and has not been sent again by Bambang Hermawan.");
    expect(text).toContain("Place 2: 2 films tied on 85,00");
    expect(text).not.toMatch(uuid);
  });

  it("lists a recorded decision with its reason and who decided, and the tie as resolved", async () => {
    await recordJuryDecision(handle.db, organiser, "hasil-seri", {
      filmIds: `${setup.films["H-2"]},${setup.films["H-3"]}`,
      [`position_${setup.films["H-3"]}`]: "1",
      [`position_${setup.films["H-2"]}`]: "2",
      reason: "Rapat dewan juri 12 Mei: cerita lebih orisinal.",
      decidedBy: "Dewan juri: Dr. Sri Wahyuni, Bambang Hermawan",
    });
    const { text } = await render("hasil-seri");
    expect(text).toContain("Urutan: H-3 · Suara Pasar → H-2 · Layar Tancap (Terakhir)");
    expect(text).toContain("diterapkan");
    expect(text).toContain("Alasan: Rapat dewan juri 12 Mei: cerita lebih orisinal.");
    expect(text).toContain("Diputuskan oleh: Dewan juri: Dr. Sri Wahyuni, Bambang Hermawan");
    expect(text).toContain("Peringkat 2: nilai sama 85,00; urutan H-3 · Suara Pasar → H-2 · Layar Tancap (Terakhir), diputus oleh keputusan juri.");
    expect(text).toContain("Tidak ada film yang seri di posisi juara.");
    expect(text).not.toMatch(uuid);
  });

  it("offers the seal, with its confirmation, once the list is empty", async () => {
    await handle.db.update(editions).set({ settings: { ...(await handle.db.select().from(editions).where(eq(editions.id, setup.edition.id)))[0].settings!, judgesPerFilm: 1 } }).where(eq(editions.id, setup.edition.id));
    const { text: still } = await render("hasil-seri");
    expect(still).toContain("dibuka kembali dan belum dikirim ulang");
    const { excludeFilm } = await import("@/lib/results/exclusions");
    await excludeFilm(handle.db, organiser, "hasil-seri", { filmId: setup.films["H-4"], reason: "Juri tidak mengirim ulang sampai batas waktu." });
    const { text, html } = await render("hasil-seri");
    expect(text).toContain("Hasil bisa disegel.");
    expect(text).toContain("Saya mengerti: nilai dibekukan dan juri tidak bisa mengubah nilai lagi");
    const box = html.match(/<input id="seal-confirm"[^>]*>/)?.[0] ?? "";
    expect(box).toMatch(/type="checkbox"/);
    expect(box).toMatch(/required=""/);
    expect(box).toMatch(/name="confirm"/);
    expect(text).toContain("Film yang dikecualikan dari peringkat");
    expect(text).toContain("Alasan: Juri tidak mengirim ulang sampai batas waktu.");
  });

  it("after the seal: the documents, publish now with its box, a schedule, and unseal with a reason and its box", async () => {
    const { sealResults } = await import("@/lib/results/edition-results");
    await sealResults(handle.db, organiser, "hasil-seri");
    const { text, html } = await render("hasil-seri");
    expect(text).toMatch(/Hasil disegel \d+ \w+ \d{4} pukul/);
    expect(text).toContain("Berita acara penjurian (PDF)");
    expect(text).toContain("Saya mengerti: hasil langsung tampil di situs publik, setiap KIM menerima email hasilnya, dan pengumuman tidak bisa ditarik kembali.");
    expect(text).toContain("Jadwalkan pengumuman");
    expect(text).toContain("Alasan membuka segel");
    expect(text).toContain("Saya mengerti: juara dan piagam yang sudah disiapkan dihapus");
    expect(html.match(/name="confirm"/g)).toHaveLength(2);
    expect(text).not.toContain("Sebelum disegel");
    expect(text).not.toContain("Catat keputusan juri");
    expect(text).not.toContain("Kembalikan ke peringkat");
  });
});
