import fs from "node:fs";
import { createElement, type ComponentProps, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { createTranslator, NextIntlClientProvider } from "next-intl";
import { describe, expect, it, vi } from "vitest";
import { NewActivityForm } from "@/components/kim/activity-forms";
import { MonevCriteriaForm, MonevSheetForm } from "@/components/monev/monev-forms";
import { KimActivities } from "@/components/public/kim-activities";

// The activity and Monev pieces render with the real catalogue in both languages: every key they
// read exists, a title with a script tag is text, photos carry alt text, inputs have labels.

const messages = (locale: "id" | "en") => {
  const all = JSON.parse(fs.readFileSync(`messages/${locale}.json`, "utf8"));
  for (const f of fs.readdirSync(`messages/${locale}`)) all[f.replace(/\.json$/, "")] = JSON.parse(fs.readFileSync(`messages/${locale}/${f}`, "utf8"));
  return all;
};
const locale = vi.hoisted(() => ({ current: "id" as "id" | "en" }));
vi.mock("next-intl/server", () => ({
  getLocale: async () => locale.current,
  getTranslations: async (namespace?: string) => createTranslator({ locale: locale.current, messages: messages(locale.current), namespace: namespace as never, onError: (e) => { throw e; } }),
}));

const client = (element: ReactElement, lang: "id" | "en" = "id") =>
  renderToStaticMarkup(createElement(NextIntlClientProvider, { locale: lang, messages: messages(lang), timeZone: "Asia/Jakarta", onError: (e: Error) => { throw e; } } as unknown as ComponentProps<typeof NextIntlClientProvider>, element));

const profile = {
  activities: [
    { date: "2026-11-20", type: "pelatihan", title: "<script>alert(1)</script> Pelatihan", report: "Baris satu\nbaris dua", links: ["https://contoh.go.id/a"], photos: [{ id: "3f1c9a52-0000-4000-8000-000000000001", width: 1600, height: 1200 }] },
    { date: "2025-03-04", type: "rakor", title: "Rakor KIM", report: null, links: [], photos: [] },
  ],
  statusHistory: [
    { status: "tidak_aktif" as const, from: "2025-12-15", reason: "Regenerasi pengurus berkurang." },
    { status: "aktif" as const, from: "2024-11-10", reason: null },
  ],
};

describe("the public activities and status history", () => {
  for (const lang of ["id", "en"] as const) {
    it(`renders in ${lang} by year, photos as 160 px thumbnails with alt text, the history newest first`, async () => {
      locale.current = lang;
      const html = renderToStaticMarkup(await KimActivities(profile));
      expect(html).toContain('<h3 id="kegiatan-2026"');
      expect(html).toContain('<h3 id="kegiatan-2025"');
      expect(html).not.toContain("<script>");
      expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; Pelatihan");
      expect(html).toMatch(/<img src="\/api\/kim\/kegiatan\/foto\/3f1c9a52-0000-4000-8000-000000000001\?ukuran=kecil" alt="[^"]+Pelatihan" width="160" height="120"/);
      expect(html).toContain('rel="nofollow noopener noreferrer ugc"');
      expect(html.indexOf("2025")).toBeLessThan(html.indexOf("2024"));
      expect(html).toContain(lang === "id" ? "Regenerasi pengurus berkurang." : "Regenerasi pengurus berkurang.");
      expect(html).toContain(lang === "id" ? "Tidak aktif" : "Inactive");
    });
  }
  it("says so when there is nothing yet", async () => {
    locale.current = "id";
    const html = renderToStaticMarkup(await KimActivities({ activities: [], statusHistory: [] }));
    expect(html).toContain("Belum ada kegiatan yang dicatat.");
    expect(html).toContain("Belum ada riwayat status.");
  });
});

describe("the forms", () => {
  it("labels every input of the activity form, the photo field included", () => {
    for (const lang of ["id", "en"] as const) {
      const html = client(createElement(NewActivityForm, { kimId: "k" }), lang);
      for (const id of ["heldOn", "type", "title", "report", "links", "photo-new", "keepLocation-new"]) expect(html, id).toContain(`for="${id}"`);
      expect(html).toContain('accept="image/jpeg,image/png,image/webp,image/heic,image/heif"');
    }
  });
  it("renders the criteria rows and a score sheet", () => {
    const criteria = client(createElement(MonevCriteriaForm, { monevId: "m", rows: [{ id: "c1", name: "Kelembagaan", description: "", maxScore: "100", weight: "3" }] }));
    expect(criteria).toContain('name="rows.0.name"');
    expect(criteria).toContain('name="rows.2.name"');
    const sheet = client(
      createElement(MonevSheetForm, { monevId: "m", kimId: "k", readOnly: false, notes: "", decision: "", reason: "", criteria: [{ id: "c1", name: "Kelembagaan", description: null, maxScore: 100, weight: 3, score: "80" }] }),
      "en",
    );
    expect(sheet).toContain('name="score.c1"');
    expect(sheet).toContain("Kelembagaan (0–100)");
    expect(sheet).toContain("Follow the proposal");
  });
});
