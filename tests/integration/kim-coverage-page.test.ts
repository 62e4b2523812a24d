import { type AbstractIntlMessages, NextIntlClientProvider } from "next-intl";
import { createElement as h, type ReactNode } from "react";
import { renderToReadableStream } from "react-dom/server.node";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import KimCoveragePage from "@/app/[locale]/(admin)/admin/kim/cakupan/page";
import RegionPage from "@/app/[locale]/(public)/wilayah/[code]/page";
import { CoverageChart } from "@/components/regions/coverage-chart";
import type { SessionUser } from "@/lib/auth/authenticate";
import { regionCoverage } from "@/lib/kim/coverage";
import { createKim, createUser } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";
import { messagesFor } from "./results-page-messages";

// The coverage chart and the organiser's coverage page as the server renders them: the gap
// sentence above the chart, each chart an image with a title and a description that exist,
// the numbers as tables, and another region's code as not found.

const page = vi.hoisted(() => ({ actor: null as SessionUser | null, locale: "id" }));
vi.mock("@/lib/auth/page-guard", () => ({ requirePageActor: async () => ({ ...page.actor!, passwordChangedAt: null }) }));
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

async function html(element: ReactNode, locale = "id"): Promise<{ html: string; text: string }> {
  const stream = await renderToReadableStream(h(NextIntlClientProvider, { locale, messages: messagesFor(locale) as AbstractIntlMessages, timeZone: "Asia/Jakarta", children: element }));
  const out = await new Response(stream).text();
  const text = out.replace(/<!--[\s\S]*?-->/g, "").replace(/<[^>]+>/g, " ").replace(/&#x27;/g, "'").replace(/&amp;/g, "&").replace(/\s+/g, " ");
  return { html: out, text };
}

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
let organiser: Awaited<ReturnType<typeof createUser>>;
const asActor = (u: typeof organiser): SessionUser => ({ id: u.id, email: u.email, name: u.name, role: u.role, status: u.status, regionCode: u.regionCode, kimId: u.kimId });

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  await createKim(handle.db, { name: "KIM Dagen", districtCode: "33.13.11", villageCode: "33.13.11.2004", statusSince: "2025-02-01" });
  await createKim(handle.db, { name: "KIM <script>alert(1)</script>", districtCode: "33.13.08", villageCode: null, status: "tidak_aktif", inactiveReason: "Vakum", statusSince: "2026-01-05" });
  organiser = await createUser(handle.db, { email: "admin.kra@layar.test", role: "organiser", regionCode: "33.13" });
});
afterAll(() => handle.drop());

describe("coverage chart", () => {
  it("says how many desa have an active KIM above the chart, and each chart is a described image with its table", async () => {
    const coverage = (await regionCoverage(handle.db, "33.13"))!;
    const { html: out, text } = await html(await CoverageChart({ coverage }));
    expect(text).toContain("1 dari 2 desa/kelurahan memiliki KIM aktif (50%).");
    expect(text).toContain("Tercatat 1 KIM aktif dan 1 KIM tidak aktif");
    expect(text).toContain("Masih 1 desa/kelurahan belum memiliki KIM aktif.");
    expect(out.indexOf("coverage-summary")).toBeLessThan(out.indexOf("coverage-bars"));
    for (const chart of ["cakupan-bars", "cakupan-trend"]) {
      expect(out).toContain(`role="img" aria-labelledby="${chart}-title ${chart}-desc"`);
      expect(out).toContain(`<title id="${chart}-title">`);
      expect(out).toContain(`<desc id="${chart}-desc">`);
    }
    expect(out).toContain('viewBox="0 0 360 72"'); // two kecamatan, 36 units each
    expect(out).toMatch(/<caption[^>]*>Cakupan KIM per kecamatan<\/caption>/);
    expect(text).toContain("Jaten 1 1 1 0");
    expect(text).toContain("Karangpandan 1 0 0 1");
    expect(text).toContain("Jumlah 2 1 1 1");
    const year = Number(new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 4));
    expect(text).toContain(`${year} 1 1 1`);
    expect(out).toContain('href="/wilayah/33.13.11"');
  });

  it("speaks English in English", async () => {
    page.locale = "en";
    const coverage = (await regionCoverage(handle.db, "33.13"))!;
    const { text } = await html(await CoverageChart({ coverage }), "en");
    page.locale = "id";
    expect(text).toContain("1 of 2 villages have an active KIM (50%).");
    expect(text).toContain("KIM coverage per district");
  });
});

describe("/admin/kim/cakupan", () => {
  const render = async (wilayah?: string) => {
    page.actor = asActor(organiser);
    return html(await KimCoveragePage({ searchParams: Promise.resolve(wilayah ? { wilayah } : {}) }));
  };

  it("shows the organiser's own region, with rows leading to the kecamatan inside it", async () => {
    const { html: out, text } = await render();
    expect(text).toContain("Kabupaten Karanganyar: seberapa dekat wilayah Anda");
    expect(text).toContain("1 dari 2 desa/kelurahan memiliki KIM aktif");
    expect(out).toContain('href="/admin/kim/cakupan?wilayah=33.13.11"');
    expect(out).toContain('href="/wilayah/33.13"');
  });

  it("shows a kecamatan inside the region with a way back up, and another region as not found", async () => {
    const { html: out, text } = await render("33.13.11");
    expect(text).toContain("Jaten: seberapa dekat");
    expect(text).toContain("Kembali ke Kabupaten Karanganyar");
    expect(out).toContain('href="/admin/kim/cakupan"');
    await expect(render("33.12")).rejects.toThrow("NOT_FOUND");
    await expect(render("33")).rejects.toThrow("NOT_FOUND");
    await expect(render("salah")).rejects.toThrow("NOT_FOUND");
  });
});

describe("/wilayah/{code}", () => {
  const render = async (code: string) => html(await RegionPage({ params: Promise.resolve({ locale: "id", code }) }));

  it("puts the coverage sentence and chart under the heading of a regency, and keeps the KIM tables", async () => {
    const { html: out, text } = await render("33.13");
    expect(text).toContain("1 dari 2 desa/kelurahan memiliki KIM aktif (50%).");
    expect(out.indexOf("<h1")).toBeLessThan(out.indexOf("coverage-summary"));
    expect(out).toContain('data-testid="coverage-bars"');
    expect(text).toContain("KIM per kecamatan");
    expect(text).toContain("Daftar KIM");
    // A name is text, never markup.
    expect(out).not.toContain("<script>alert(1)</script>");
  });

  it("shows a province per regency and a kecamatan as its one row; a desa has no chart", async () => {
    expect((await render("33")).text).toContain("Cakupan KIM per kabupaten/kota");
    const kecamatan = await render("33.13.11");
    expect(kecamatan.text).toContain("1 dari 1 desa/kelurahan memiliki KIM aktif (100%).");
    expect(kecamatan.text).not.toContain("belum memiliki KIM aktif");
    expect((await render("33.13.11.2004")).html).not.toContain("coverage-summary");
  });
});
