import { type AbstractIntlMessages, NextIntlClientProvider } from "next-intl";
import { createElement as h, type ReactNode } from "react";
import { renderToReadableStream } from "react-dom/server.node";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import MessagesPage from "@/app/[locale]/(admin)/admin/pesan/page";
import BroadcastPage from "@/app/[locale]/(admin)/admin/pesan/siaran/page";
import TemplatesPage from "@/app/[locale]/(admin)/admin/pesan/templat/page";
import type { SessionUser } from "@/lib/auth/authenticate";
import { saveTemplate } from "@/lib/messages/admin";
import { queueMessage } from "@/lib/messages/queue";
import { createEdition, createKim, createUser } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";
import { messagesFor } from "./results-page-messages";

// The organiser's messages pages as they render on the server from the database: the list
// (time in WIB, kind, recipient, status with its error, WhatsApp link, filters and scope),
// the template editor (source, placeholders, preview) and the broadcast form.

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

async function render(element: ReactNode): Promise<{ html: string; text: string }> {
  const stream = await renderToReadableStream(h(NextIntlClientProvider, { locale: page.locale, messages: messagesFor(page.locale) as AbstractIntlMessages, timeZone: "Asia/Jakarta", children: element }));
  const html = await new Response(stream).text();
  const text = html
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/\s+/g, " ");
  return { html, text };
}

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
type User = Awaited<ReturnType<typeof createUser>>;
let karanganyar: User, wonogiri: User;
const asActor = (u: User): SessionUser => ({ id: u.id, email: u.email, name: u.name, role: u.role, status: u.status, regionCode: u.regionCode, kimId: u.kimId });
const search = (params: Record<string, string> = {}) => ({ searchParams: Promise.resolve(params) });

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  karanganyar = await createUser(handle.db, { email: "admin.kra@layar.test", role: "organiser", regionCode: "33.13" });
  wonogiri = await createUser(handle.db, { email: "admin.wng@layar.test", role: "organiser", regionCode: "33.12" });
  const kim = await createKim(handle.db, { name: "KIM <script>alert(1)</script>", districtCode: "33.13.08" });
  const member = await createUser(handle.db, { email: "anggota@layar.test", name: "Siti Anggota", role: "kim", regionCode: "33.13", kimId: kim.id, phone: "0812 3456 7890" });
  await createEdition(handle.db, { title: "Festival Halaman Pesan", regionCode: "33.13" });
  // Queued only: no workers run here, so it stays antre.
  await queueMessage(handle.db, { kind: "kim_approved", dedupeKey: "page:1", recipient: { userId: member.id }, values: { kim: "KIM <script>alert(1)</script>", tautan: "http://layar.test/masuk" }, regionCode: "33.13" });
});
afterAll(() => handle.drop());

describe("/admin/pesan", () => {
  it("lists the region's messages with kind, recipient, status and a WhatsApp link; the script tag is text", async () => {
    page.actor = asActor(karanganyar);
    const { html, text } = await render(await MessagesPage(search()));
    expect(text).toContain("Pesan terkirim");
    expect(text).toContain("1 pesan");
    expect(text).toContain("Pendaftaran KIM disetujui");
    expect(text).toContain("Siti Anggota");
    expect(text).toContain("Antre");
    expect(text).toContain("WIB");
    expect(text).toContain("Pendaftaran KIM <script>alert(1)</script> disetujui");
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("https://wa.me/6281234567890?text=");
  });

  it("filters by status, and shows another region's organiser nothing", async () => {
    page.actor = asActor(karanganyar);
    expect((await render(await MessagesPage(search({ status: "terkirim" })))).text).toContain("Belum ada pesan.");
    page.actor = asActor(wonogiri);
    const { text } = await render(await MessagesPage(search()));
    expect(text).toContain("Belum ada pesan.");
    expect(text).not.toContain("Siti Anggota");
  });

  it("reads in English", async () => {
    page.actor = asActor(karanganyar);
    page.locale = "en";
    try {
      const { text } = await render(await MessagesPage(search()));
      expect(text).toContain("Messages sent");
      expect(text).toContain("KIM registration approved");
      expect(text).toContain("Queued");
    } finally {
      page.locale = "id";
    }
  });
});

describe("/admin/pesan/templat and /admin/pesan/siaran", () => {
  it("shows the chosen kind's text in use, its placeholders and the preview with sample values", async () => {
    page.actor = asActor(karanganyar);
    let { text } = await render(await TemplatesPage(search({ jenis: "deadline_reminder", bahasa: "id" })));
    expect(text).toContain("Teks bawaan Layar");
    expect(text).toContain("{batas}");
    expect(text).toContain("Pengingat: pendaftaran Festival Film KIM Karanganyar 2026 ditutup 30 Juni 2026 23.59 WIB");
    await saveTemplate(handle.db, karanganyar, { kind: "deadline_reminder", locale: "id", subject: "Ingat {festival}!", body: "Halo {nama}, tutup {batas}. {tautan}" });
    ({ text } = await render(await TemplatesPage(search({ jenis: "deadline_reminder", bahasa: "id" }))));
    expect(text).toContain("Teks wilayah Anda");
    expect(text).toContain("Ingat Festival Film KIM Karanganyar 2026!");
    expect(text).toContain("Kembalikan ke teks bawaan");
    page.actor = asActor(wonogiri);
    ({ text } = await render(await TemplatesPage(search({ jenis: "deadline_reminder", bahasa: "id" }))));
    expect(text).toContain("Teks bawaan Layar");
  });

  it("offers the region and its editions as recipients", async () => {
    page.actor = asActor(karanganyar);
    const { html, text } = await render(await BroadcastPage());
    expect(text).toContain("Semua KIM aktif di wilayah saya");
    expect(text).toContain("KIM peserta Festival Halaman Pesan");
    expect(html).toMatch(/name="token" value="[0-9a-f-]{36}"/);
  });
});
