import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type AbstractIntlMessages, NextIntlClientProvider } from "next-intl";
import { createElement as h, type ReactNode } from "react";
import { renderToReadableStream } from "react-dom/server.node";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import FavoritAdminPage from "@/app/[locale]/(admin)/admin/festival/[slug]/favorit/page";
import FavoritPage from "@/app/[locale]/(public)/festival/[slug]/favorit/page";
import { POST } from "@/app/api/favorit/[slug]/route";
import { GET as apiGet } from "@/app/api/v1/editions/[slug]/favorit/route";
import type { SessionUser } from "@/lib/auth/authenticate";
import { socketAddressHeader } from "@/lib/auth/client-address";
import { resetEnvForTests } from "@/lib/env";
import { saveFavoritPhase } from "@/lib/favorit/admin";
import { createCategory, createEdition, createFilm, createKim, createUser } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";
import { messagesFor } from "./results-page-messages";

// The vote as a phone without JavaScript does it: the page's plain forms post to the route,
// which answers 303 with cookies; the next page render reads them. And the organiser's page.

const page = vi.hoisted(() => ({ actor: null as SessionUser | null, locale: "id", cookies: new Map<string, string>() }));
vi.mock("@/lib/auth/page-guard", () => ({ requirePageActor: async () => ({ ...page.actor!, passwordChangedAt: null }) }));
vi.mock("next/headers", () => ({ cookies: async () => ({ get: (name: string) => (page.cookies.has(name) ? { name, value: page.cookies.get(name)! } : undefined) }) }));
vi.mock("next/navigation", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/navigation")>()),
  notFound: () => {
    throw new Error("NOT_FOUND");
  },
}));
vi.mock("next-intl/server", async () => {
  const { createTranslator } = await import("next-intl");
  const { messagesFor } = await import("./results-page-messages");
  return {
    getLocale: async () => page.locale,
    setRequestLocale: () => undefined,
    getTranslations: async (namespace?: string) => createTranslator({ locale: page.locale, messages: messagesFor(page.locale), namespace, timeZone: "Asia/Jakarta" }),
  };
});

async function html(element: ReactNode): Promise<string> {
  const stream = await renderToReadableStream(h(NextIntlClientProvider, { locale: page.locale, messages: messagesFor(page.locale) as AbstractIntlMessages, timeZone: "Asia/Jakarta", children: element }));
  return (await new Response(stream).text()).replace(/<!--[\s\S]*?-->/g, "");
}
const text = (out: string) => out.replace(/<[^>]+>/g, " ").replace(/&#x27;/g, "'").replace(/&amp;/g, "&").replace(/\s+/g, " ");

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
let dataDir = "";
const slug = "festival-favorit-halaman";
const params = Promise.resolve({ slug, locale: "id" });
const films: string[] = [];

/** Posts a form as a browser without JavaScript would, keeping the answer's cookies. */
async function post(fields: Record<string, string>, address = "203.0.113.9") {
  const body = new URLSearchParams(fields);
  const cookie = [...page.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const response = await POST(new Request(`http://layar.test/api/favorit/${slug}`, { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded", cookie, [socketAddressHeader]: address } }), { params: Promise.resolve({ slug }) });
  for (const set of response.headers.getSetCookie()) {
    const [pair] = set.split(";");
    const at = pair.indexOf("=");
    const value = pair.slice(at + 1);
    if (/Max-Age=0/.test(set)) page.cookies.delete(pair.slice(0, at));
    else page.cookies.set(pair.slice(0, at), value);
  }
  return response;
}

function lastCode(): string {
  const outbox = path.join(dataDir, "outbox");
  const files = fs.readdirSync(outbox).sort();
  const raw = fs.readFileSync(path.join(outbox, files[files.length - 1]), "utf8").replace(/=\r?\n/g, "");
  return raw.match(/Kode pilihan Film Terfavorit: (\d{6})/)![1];
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "layar-favorit-pages-"));
  process.env.LAYAR_DATA_DIR = dataDir;
  process.env.NEXTAUTH_SECRET = "favorit-pages-test-secret-0123456789";
  delete process.env.SMTP_URL;
  resetEnvForTests();
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  const organiser = await createUser(handle.db, { email: "org@layar.test", role: "organiser", regionCode: "33.13" });
  page.actor = { id: organiser.id, email: organiser.email, name: organiser.name, role: organiser.role, status: organiser.status, regionCode: organiser.regionCode, kimId: organiser.kimId };
  const kim = await createKim(handle.db, { name: "KIM Rahasia Juri", districtCode: "33.13.11" });
  const edition = await createEdition(handle.db, { slug, title: "Festival Halaman Favorit", year: 2026, regionCode: "33.13", status: "penjurian" });
  const category = await createCategory(handle.db, edition.id, "Fiksi");
  for (const i of [1, 2, 3]) films.push((await createFilm(handle.db, { editionId: edition.id, kimId: kim.id, categoryId: category.id, code: `HF-${i}`, title: `Judul Nominasi ${i}`, status: "dinilai", publicationConsent: true })).id);
  const closesAt = new Date(Date.now() + 3 * 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 16);
  await saveFavoritPhase(handle.db, page.actor, slug, { nominees: films.slice(0, 2), opensAt: "", closesAt });
});
afterAll(async () => {
  await handle.drop();
  delete process.env.LAYAR_DATA_DIR;
  delete process.env.NEXTAUTH_SECRET;
  resetEnvForTests();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("the vote page without JavaScript", () => {
  it("shows the nominees (no KIM, no counts) and the email form; code → verify → vote → refused again", async () => {
    let out = await html(await FavoritPage({ params }));
    expect(text(out)).toContain("Judul Nominasi 1");
    expect(text(out)).not.toContain("Judul Nominasi 3");
    expect(text(out)).not.toContain("KIM Rahasia Juri");
    expect(out).toContain(`action="/api/favorit/${slug}"`);
    expect(out).toContain('name="alamat"');

    const sent = await post({ langkah: "kode", alamat: "Pemilih.Halaman@gmail.com" });
    expect(sent.status).toBe(303);
    expect(sent.headers.get("location")).toBe(`/festival/${slug}/favorit`);
    out = await html(await FavoritPage({ params }));
    expect(text(out)).toContain("Kode sudah dikirim");
    expect(out).toContain('name="kode"');

    await post({ langkah: "verifikasi", kode: "99999x" });
    expect(text(await html(await FavoritPage({ params })))).toContain("Kode terdiri dari 6 angka.");
    await post({ langkah: "verifikasi", kode: lastCode() });
    out = await html(await FavoritPage({ params }));
    expect(text(out)).toContain("Alamat terverifikasi");
    const radio = out.match(/name="kategori:([0-9a-f-]+)" value="([0-9a-f-]+)"/)!;
    await post({ langkah: "pilih", [`kategori:${radio[1]}`]: radio[2] });
    out = await html(await FavoritPage({ params }));
    expect(text(out)).toContain("Terima kasih, pilihan Anda tersimpan.");
    expect(text(out)).toContain("Anda sudah memilih di kategori ini.");
    expect(out).not.toContain('name="kategori:');

    // A forged cookie (another domain written in) is not accepted.
    const forged = page.cookies.get("layar_favorit")!.replace("gmail.com", "contoh.id");
    page.cookies.set("layar_favorit", forged);
    await post({ langkah: "pilih", [`kategori:${radio[1]}`]: radio[2] });
    expect(text(await html(await FavoritPage({ params })))).toContain("Verifikasi alamat Anda dulu.");
  });

  it("answers the API without results while open, and the organiser's page shows the report but no count per film", async () => {
    const response = await apiGet(new Request(`http://layar.test/api/v1/editions/${slug}/favorit`), { params: Promise.resolve({ slug }) });
    const body = await response.json();
    expect(body).toMatchObject({ open: true, results: null });
    expect(body.nominees).toHaveLength(2);
    const missing = await apiGet(new Request("http://layar.test/api/v1/editions/tidak-ada/favorit"), { params: Promise.resolve({ slug: "tidak-ada" }) });
    expect(missing.status).toBe(404);

    const out = text(await html(await FavoritAdminPage({ params: Promise.resolve({ slug }) })));
    expect(out).toContain("Laporan kecurangan");
    expect(out).toContain("Suara sah: 1");
    expect(out).toContain("203.0.113.0/24");
    expect(out).toContain("gmail.com");
    expect(out).not.toContain("Hasil Film");
  });
});
