import { type AbstractIntlMessages, NextIntlClientProvider } from "next-intl";
import { createElement as h, type ReactNode } from "react";
import { renderToReadableStream } from "react-dom/server.node";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import KimRecordPage from "@/app/[locale]/(admin)/admin/kim/[id]/page";
import NewKimPage from "@/app/[locale]/(admin)/admin/kim/baru/page";
import KimRegistryPage from "@/app/[locale]/(admin)/admin/kim/page";
import OwnKimProfilePage from "@/app/[locale]/(kim)/kim/profil/page";
import KimProfilePage from "@/app/[locale]/(public)/kim/[slug]/page";
import { eq } from "drizzle-orm";
import { kimGroups } from "@/lib/db/schema";
import { updateOwnProfile } from "@/lib/kim/own-profile";
import type { SessionUser } from "@/lib/auth/authenticate";
import { requestKimChange } from "@/lib/kim/change-requests";
import { setKimStatus } from "@/lib/kim/manage-kim";
import { todayWib } from "@/lib/kim/kim-status";
import { createKim, createUser } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";
import { messagesFor } from "./results-page-messages";

// The registry's pages rendered server-side from the database, as the organiser and a member
// see them: what each shows, that contacts become WhatsApp and mail links, and that another
// region's KIM is a 404.

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
let organiser: User, wonogiri: User, member: User;
let kimId: string, duplicateId: string, foreignId: string;
const as = (user: User): SessionUser => ({ id: user.id, email: user.email, name: user.name, role: user.role, status: user.status, regionCode: user.regionCode, kimId: user.kimId }) as SessionUser;

async function render(element: ReactNode | Promise<ReactNode>, locale = "id") {
  page.locale = locale;
  const stream = await renderToReadableStream(h(NextIntlClientProvider, { locale, messages: messagesFor(locale) as AbstractIntlMessages, timeZone: "Asia/Jakarta", children: await element }));
  const html = await new Response(stream).text();
  const text = html.replace(/<!--[\s\S]*?-->/g, "").replace(/<[^>]+>/g, " ").replace(/&#x27;/g, "'").replace(/&amp;/g, "&").replace(/\s+/g, " ");
  return { html, text };
}

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  organiser = await createUser(handle.db, { email: "admin.kra@layar.test", role: "organiser", regionCode: "33.13" });
  wonogiri = await createUser(handle.db, { email: "admin.wng@layar.test", role: "organiser", regionCode: "33.12" });
  const kim = await createKim(handle.db, { name: "KIM Dagen Maju", districtCode: "33.13.11", villageCode: "33.13.11.2004", contactName: "Sri", contactPhone: "0812-3456-7890", contactEmail: "sri@contoh.id" });
  const duplicate = await createKim(handle.db, { name: "KIM Dagen Majoe", districtCode: "33.13.11", villageCode: "33.13.11.2004" });
  const foreign = await createKim(handle.db, { name: "KIM Gedong", districtCode: "33.12.01", villageCode: "33.12.01.2001" });
  kimId = kim.id;
  duplicateId = duplicate.id;
  foreignId = foreign.id;
  member = await createUser(handle.db, { email: "kim.dagen@layar.test", role: "kim", kimId, regionCode: "33.13" });
  await setKimStatus(handle.db, as(organiser), { kimId, status: "tidak_aktif", fromDate: todayWib(), reason: "Tidak ada kegiatan setahun" });
  await requestKimChange(handle.db, as(member), { name: "KIM Dagen Jaya", note: "SK baru" });
});
afterAll(() => handle.drop());

describe("the registry's pages", () => {
  it("/admin/kim: counts, the pending request, the list with WhatsApp and mail links, links to add and import", async () => {
    page.actor = as(organiser);
    const { html, text } = await render(KimRegistryPage({ searchParams: Promise.resolve({}) }));
    expect(text).toContain("2 KIM · 1 aktif · 1 tidak aktif");
    expect(text).toContain("Permintaan perubahan (1)");
    expect(text).toContain("Nama baru: KIM Dagen Jaya");
    expect(html).toContain('href="https://wa.me/6281234567890"');
    expect(html).toContain('href="mailto:sri@contoh.id"');
    expect(html).toContain('href="/admin/kim/impor"');
    expect(html).toContain('href="/admin/kim/baru"');
    expect(text).not.toContain("KIM Gedong");
    const filtered = await render(KimRegistryPage({ searchParams: Promise.resolve({ q: "majoe", status: "aktif" }) }));
    expect(filtered.text).toContain("1 KIM cocok dengan saringan.");
  });

  it("/admin/kim in English", async () => {
    page.actor = as(organiser);
    const { text } = await render(KimRegistryPage({ searchParams: Promise.resolve({}) }), "en");
    expect(text).toContain("KIM directory");
    expect(text).toContain("Change requests (1)");
  });

  it("/admin/kim/baru offers the regency's desa grouped by kecamatan", async () => {
    page.actor = as(organiser);
    const { html } = await render(NewKimPage({ searchParams: Promise.resolve({}) }));
    expect(html).toContain('<optgroup label="Jaten">');
    expect(html).toContain('value="33.13.08.2001"');
    expect(html).not.toContain('value="33.12.01.2001"');
  });

  it("/admin/kim/{id}: status and history, the record, the request, and a merge preview", async () => {
    page.actor = as(organiser);
    const { text, html } = await render(KimRecordPage({ params: Promise.resolve({ id: kimId }), searchParams: Promise.resolve({ gabung: duplicateId }) }));
    expect(text).toContain("KIM Dagen Maju");
    expect(text).toContain("Tidak ada kegiatan setahun");
    expect(text).toContain("Diskominfo");
    expect(text).toContain("Pendaftaran");
    expect(text).toContain("Nama baru: KIM Dagen Jaya");
    expect(html).toContain('data-testid="merge-preview"');
    expect(text).toContain("Pratinjau: KIM Dagen Majoe → KIM Dagen Maju");
    expect(html).toContain('name="confirm"');
  });

  it("/admin/kim/{id} of another region's KIM is a 404", async () => {
    page.actor = as(wonogiri);
    await expect(KimRecordPage({ params: Promise.resolve({ id: kimId }), searchParams: Promise.resolve({}) })).rejects.toThrow(/NEXT_HTTP_ERROR_FALLBACK;404|NEXT_NOT_FOUND/);
    page.actor = as(organiser);
    await expect(KimRecordPage({ params: Promise.resolve({ id: foreignId }), searchParams: Promise.resolve({}) })).rejects.toThrow(/NEXT_HTTP_ERROR_FALLBACK;404|NEXT_NOT_FOUND/);
  });

  it("/kim/profil: the member's profile form and its pending request", async () => {
    page.actor = as(member);
    const { text, html } = await render(OwnKimProfilePage());
    expect(html).toContain('data-testid="own-profile-form"');
    expect(text).toContain("Menunggu keputusan");
    expect(text).toContain("KIM Dagen Jaya");
  });

  it("/kim/{slug}: the description and links, never the contact's phone or email", async () => {
    await updateOwnProfile(handle.db, as(member), { description: "Kami <b>meliput</b> desa.", "social.0.label": "YouTube", "social.0.url": "https://youtube.com/@dagen" });
    const [kim] = await handle.db.select().from(kimGroups).where(eq(kimGroups.id, kimId));
    const { html, text } = await render(KimProfilePage({ params: Promise.resolve({ locale: "id", slug: kim.slug }) }));
    expect(text).toContain("Tentang KIM");
    expect(html).toContain("Kami &lt;b&gt;meliput&lt;/b&gt; desa.");
    expect(html).toContain('href="https://youtube.com/@dagen"');
    expect(html).not.toContain("0812");
    expect(html).not.toContain("sri@contoh.id");
  });
});
