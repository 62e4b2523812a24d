import { type AbstractIntlMessages, NextIntlClientProvider } from "next-intl";
import type { ReactElement } from "react";
import { createElement as h } from "react";
import { renderToReadableStream } from "react-dom/server.node";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import KimImportBatchPage from "@/app/[locale]/(admin)/admin/kim/impor/[id]/page";
import KimImportPage from "@/app/[locale]/(admin)/admin/kim/impor/page";
import { GET as exampleFile } from "@/app/api/kim/impor/[file]/route";
import type { Actor } from "@/lib/auth/session";
import { confirmImport } from "@/lib/kim/import/confirm-import";
import { createImportPreview } from "@/lib/kim/import/kim-import";
import { createUser } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";
import { sessionCookieStore } from "../setup/session-cookies";
import { messagesFor } from "./results-page-messages";

// The import pages as the organiser sees them, rendered server-side: the preview's groups and
// each refused row's reason, in Indonesian and in English, a name with a script tag as text.

const page = vi.hoisted(() => ({ actor: null as Actor | null, locale: "id" }));
vi.mock("@/lib/auth/page-guard", () => ({ requirePageActor: async () => page.actor! }));
vi.mock("next/cache", async (importOriginal) => ({ ...(await importOriginal<typeof import("next/cache")>()), revalidatePath: () => undefined }));
vi.mock("next-intl/server", async () => {
  const { createTranslator } = await import("next-intl");
  const { messagesFor } = await import("./results-page-messages");
  return {
    getLocale: async () => page.locale,
    getTranslations: async (namespace?: string) => createTranslator({ locale: page.locale, messages: messagesFor(page.locale), namespace, timeZone: "Asia/Jakarta" }),
  };
});

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
let organiser: Actor;

async function render(element: ReactElement, locale: string) {
  const stream = await renderToReadableStream(h(NextIntlClientProvider, { locale, messages: messagesFor(locale) as AbstractIntlMessages, timeZone: "Asia/Jakarta", children: element }));
  const html = await new Response(stream).text();
  const text = html
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<script\b[\s\S]*?<\/script>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
  return { html, text };
}

const batchPage = async (id: string, locale = "id") => {
  page.locale = locale;
  return render(await KimImportBatchPage({ params: Promise.resolve({ id }) }), locale);
};

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  organiser = (await createUser(handle.db, { email: "admin.kra@layar.test", role: "organiser", regionCode: "33.13" })) as Actor;
  page.actor = organiser;
});
afterAll(() => handle.drop());

const file = {
  name: "daftar <b>.csv",
  bytes: Buffer.from(["Nama KIM;Desa;Kecamatan;Status;Ketua;No HP", "KIM <script>alert(1)</script>;Dagen;Jaten;aktif;Budi;+62 812 3456 7890", "KIM Luar;Gedong;;aktif", "KIM Jauh;Tidakada;;aktif", ";;;"].join("\n")),
};

describe("the import pages", () => {
  it("show the upload form with the example links, and the preview's groups with reasons", async () => {
    page.locale = "id";
    const upload = await render(await KimImportPage(), "id");
    expect(upload.text).toContain("Impor daftar KIM");
    expect(upload.html).toContain('href="/api/kim/impor/contoh.xlsx"');
    expect(upload.html).toContain('href="/api/kim/impor/contoh.csv"');
    expect(upload.html).toMatch(/<label[^>]*for="import-file"/);

    const { id } = await createImportPreview(handle.db, organiser, file);
    const { html, text } = await batchPage(id);
    expect(text).toContain("Pratinjau impor");
    expect(text).toContain("KIM <script>alert(1)</script>");
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toMatch(/<input id="tambah-2" type="checkbox"[^>]*name="tambah" checked=""/);
    expect(text).toContain('Desa/kelurahan "Gedong" ada di Kabupaten Wonogiri, di luar wilayah Anda.');
    expect(text).toContain('Desa/kelurahan "Tidakada" tidak ditemukan di Kabupaten Karanganyar.');
    expect(text).toContain("Dagen, Kec. Jaten");
    expect(text).toContain("Budi · 081234567890");

    const english = await batchPage(id, "en");
    expect(english.text).toContain("Import preview");
    expect(english.text).toContain('Village "Gedong" is in Kabupaten Wonogiri, outside your region.');
    expect(english.text).not.toContain("di luar wilayah Anda");

    await confirmImport(handle.db, organiser, id, { add: [2], update: [] });
    const done = await batchPage(id);
    expect(done.text).toContain("1 KIM ditambahkan, 0 diperbarui, 2 dilewati.");
    expect(done.html).not.toContain('name="tambah"');
    expect(done.html).toMatch(/href="\/admin\/kim\/[0-9a-f-]{36}"/);
  });

  it("answers another region's batch with not-found", async () => {
    const { id } = await createImportPreview(handle.db, organiser, file);
    page.actor = (await createUser(handle.db, { email: "admin.wng@layar.test", role: "organiser", regionCode: "33.12" })) as Actor;
    await expect(batchPage(id)).rejects.toThrow(/NEXT_HTTP_ERROR_FALLBACK;404|NEXT_NOT_FOUND/);
    page.actor = organiser;
  });
});

describe("the example file route", () => {
  const get = async (file: string, userId: string | null) => {
    const cookie = (await sessionCookieStore(userId)).getAll().map((c) => `${c.name}=${c.value}`).join("; ");
    return exampleFile(new Request(`http://localhost/api/kim/impor/${file}`, { headers: { cookie } }), { params: Promise.resolve({ file }) });
  };

  it("serves the XLSX and CSV to organisers only (a judge gets 403, no session 401)", async () => {
    const xlsx = await get("contoh.xlsx", organiser.id);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("content-disposition")).toBe('attachment; filename="contoh-impor-kim.xlsx"');
    expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe("PK");
    const csv = await get("contoh.csv", organiser.id);
    expect(await csv.text()).toContain("KIM Manteb;;Karangpandan");
    expect((await get("contoh.exe", organiser.id)).status).toBe(404);
    expect((await get("contoh.xlsx", null)).status).toBe(401);
    const judge = await createUser(handle.db, { email: "juri@layar.test", role: "judge", regionCode: "33.72" });
    expect((await get("contoh.xlsx", judge.id)).status).toBe(403);
  });
});
