import { type AbstractIntlMessages, NextIntlClientProvider } from "next-intl";
import { createElement as h, type ReactNode } from "react";
import { renderToReadableStream } from "react-dom/server.node";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import NominationsPage from "@/app/[locale]/(admin)/admin/festival/[slug]/nominasi/page";
import EditionSettingsPage from "@/app/[locale]/(admin)/admin/festival/[slug]/pengaturan/page";
import KimDashboard from "@/app/[locale]/(kim)/kim/page";
import FestivalPage from "@/app/[locale]/(public)/festival/[slug]/page";
import KimProfilePage from "@/app/[locale]/(public)/kim/[slug]/page";
import NominationLinkPage from "@/app/[locale]/(public)/nominasi/[token]/page";
import type { SessionUser } from "@/lib/auth/authenticate";
import { eq, isNotNull } from "drizzle-orm";
import { editions, filmMedia, films, kimGroups, placements } from "@/lib/db/schema";
import { defaultRules } from "@/lib/editions/defaults";
import { confirmNomination, nominateFilms } from "@/lib/nominations/nominate";
import { createCategory, createEdition, createFilm, createKim, createRubric, createUser } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";
import { messagesFor } from "./results-page-messages";

// The nomination pages rendered server-side (docs/decisions/0035): the regency's choice with
// each refusal shown, the province's list per regency, the KIM's link (its own and another
// KIM's), the pending list on /kim and the intake section of the settings.

const page = vi.hoisted(() => ({ actor: null as SessionUser | null, locale: "id" }));
vi.mock("@/lib/auth/page-guard", () => ({ requirePageActor: async () => ({ ...page.actor!, passwordChangedAt: null }) }));
vi.mock("next/cache", async (importOriginal) => ({ ...(await importOriginal<typeof import("next/cache")>()), revalidatePath: () => undefined, revalidateTag: () => undefined }));
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
let orgKra: User, orgJateng: User, manteb: User, sepi: User;
let token = "";
const as = (user: User): SessionUser => ({ id: user.id, email: user.email, name: user.name, role: user.role, status: user.status, regionCode: user.regionCode, kimId: user.kimId }) as SessionUser;
const soon = new Date(Date.now() + 10 * 86_400_000);

async function render(element: ReactNode | Promise<ReactNode>, locale = "id") {
  page.locale = locale;
  const stream = await renderToReadableStream(h(NextIntlClientProvider, { locale, messages: messagesFor(locale) as AbstractIntlMessages, timeZone: "Asia/Jakarta", children: await element }));
  const html = await new Response(stream).text();
  return html.replace(/<!--[\s\S]*?-->/g, "").replace(/<[^>]+>/g, " ").replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&").replace(/\s+/g, " ");
}

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  const kimManteb = await createKim(handle.db, { name: "KIM Manteb", districtCode: "33.13.08" });
  const kimSepi = await createKim(handle.db, { name: "KIM Sepi", districtCode: "33.13.11" });
  orgKra = await createUser(handle.db, { email: "kra@layar.test", role: "organiser", regionCode: "33.13" });
  orgJateng = await createUser(handle.db, { email: "jateng@layar.test", role: "organiser", regionCode: "33" });
  manteb = await createUser(handle.db, { email: "manteb@layar.test", role: "kim", kimId: kimManteb.id, regionCode: "33.13" });
  sepi = await createUser(handle.db, { email: "sepi@layar.test", role: "kim", kimId: kimSepi.id, regionCode: "33.13" });
  const source = await createEdition(handle.db, { slug: "kra-2025", title: "Festival Film KIM Kabupaten Karanganyar 2025", year: 2025, regionCode: "33.13", status: "diumumkan" });
  const fiksi = await createCategory(handle.db, source.id, "Fiksi");
  for (const [i, [kim, title, duration]] of ([[kimManteb, "Sungai Kami", 120], [kimSepi, "Film Panjang", 900]] as const).entries()) {
    const film = await createFilm(handle.db, { editionId: source.id, kimId: kim.id, categoryId: fiksi.id, code: `K25-S${i}`, title, language: "Bahasa Indonesia", status: "juara" });
    const probe = { container: "mp4", videoCodec: "h264", width: 1280, height: 720, durationSeconds: duration };
    await handle.db.insert(filmMedia).values({ filmId: film.id, kind: "video", storageDriver: "local", storageKey: `films/${film.id}/video.mp4`, sizeBytes: 1000, status: "ok", probe });
    await handle.db.insert(placements).values({ editionId: source.id, categoryId: fiksi.id, filmId: film.id, kimId: kim.id, placement: i ? "Juara II" : "Juara I", rank: i + 1 });
  }
  const target = await createEdition(handle.db, {
    slug: "jateng-2026",
    title: "Lomba Film KIM Jawa Tengah 2026",
    year: 2026,
    regionCode: "33",
    status: "pendaftaran",
    rules: { ...defaultRules, subtitles: "opsional" },
    intake: { mode: "keduanya", quotaKind: "peringkat", quotaPerRegency: 3 },
    submissionOpensAt: new Date(Date.now() - 86_400_000),
    submissionClosesAt: soon,
    judgingClosesAt: new Date(soon.getTime() + 86_400_000),
    announceAt: new Date(soon.getTime() + 2 * 86_400_000),
  });
  await createCategory(handle.db, target.id, "Fiksi");
  await createRubric(handle.db, target.id);
  const [sent] = await nominateFilms(handle.db, orgKra, "kra-2025", { target: target.id, films: [(await handle.db.query.films.findFirst({ where: (f, { eq }) => eq(f.title, "Sungai Kami") }))!.id] });
  token = sent.token;
});
afterAll(async () => {
  await handle.drop();
});

describe("the nomination pages", () => {
  it("the regency sees the provincial edition, its quota and each film's refusal in the rules' words", async () => {
    page.actor = as(orgKra);
    const text = await render(NominationsPage({ params: Promise.resolve({ slug: "kra-2025" }) }));
    expect(text).toContain("Lomba Film KIM Jawa Tengah 2026");
    expect(text).toContain("Kuota: peringkat 1–3");
    expect(text).toContain("Film Panjang");
    expect(text).toContain("Durasi film 15 menit, melebihi batas 5 menit.");
    expect(text).toContain("Sudah dinominasikan: Menunggu KIM.");
    const english = await render(NominationsPage({ params: Promise.resolve({ slug: "kra-2025" }) }), "en");
    expect(english).toContain("The film runs 15 min, over the 5 min limit.");
  });

  it("the KIM's link: its member may answer, another KIM's member is told it is not theirs", async () => {
    page.actor = as(sepi);
    expect(await render(NominationLinkPage({ params: Promise.resolve({ token }) }))).toContain("Tautan nominasi ini untuk anggota KIM yang filmnya dinominasikan.");
    page.actor = as(manteb);
    const text = await render(NominationLinkPage({ params: Promise.resolve({ token }) }));
    expect(text).toContain("Nominasi: Sungai Kami");
    expect(text).toContain("Festival Film KIM Kabupaten Karanganyar 2025 (Juara I)");
    expect(text).toContain("Konfirmasi, ikutkan film ini");
    expect(await render(KimDashboard({ searchParams: Promise.resolve({}) }))).toContain("Sungai Kami dinominasikan ke Lomba Film KIM Jawa Tengah 2026");
  });

  it("the province sees what arrived per regency, and sets the intake in its settings", async () => {
    await confirmNomination(handle.db, as(manteb), { token });
    page.actor = as(orgJateng);
    const text = await render(NominationsPage({ params: Promise.resolve({ slug: "jateng-2026" }) }));
    expect(text).toContain("Kabupaten Karanganyar 1 film masuk");
    expect(text).toMatch(/Sungai Kami Masuk KIM Manteb · Festival Film KIM Kabupaten Karanganyar 2025 \(Juara I\) · kode P26-/);
    expect(text).toContain("Kembalikan nominasi");
    const settings = await render(EditionSettingsPage({ params: Promise.resolve({ slug: "jateng-2026" }) }));
    expect(settings).toContain("Penerimaan film");
    expect(settings).toContain("Pendaftaran langsung dan nominasi");
  });

  it("after publication the winners page and the KIM's profile say where a promoted film came from", async () => {
    const [copy] = await handle.db.select().from(films).where(isNotNull(films.promotedFromFilmId));
    await handle.db.insert(placements).values({ editionId: copy.editionId, filmId: copy.id, kimId: copy.kimId, placement: "Juara II", rank: 2 });
    await handle.db.update(editions).set({ status: "diumumkan", publishedAt: new Date() }).where(eq(editions.id, copy.editionId));
    const [kim] = await handle.db.select({ slug: kimGroups.slug }).from(kimGroups).where(eq(kimGroups.id, copy.kimId));
    const line = "dari Festival Film KIM Kabupaten Karanganyar 2025 (Juara I)";
    expect(await render(FestivalPage({ params: Promise.resolve({ locale: "id", slug: "jateng-2026" }) }))).toContain(line);
    expect(await render(KimProfilePage({ params: Promise.resolve({ locale: "id", slug: kim.slug }) }))).toContain(line);
  });
});
