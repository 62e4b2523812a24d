import { PDFDocument, StandardFonts } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { beritaAcaraPdf } from "@/lib/documents/berita-acara";
import { piagamBundlePdf, piagamEntries } from "@/lib/documents/piagam";
import { toWinAnsi } from "@/lib/documents/winansi";
import { contentStreamText, sampleData, unicodeTitle } from "./helpers";

describe("toWinAnsi", () => {
  it("turns typographic punctuation into its plain form", () => {
    expect(toWinAnsi("2025–2026 — “Desa” ‘kita’ …")).toBe(`2025-2026 - "Desa" 'kita' ...`);
  });

  it("keeps Latin-1 letters and drops accents it cannot draw", () => {
    expect(toWinAnsi("Café Ñusantara Straße")).toBe("Café Ñusantara Straße");
    expect(toWinAnsi("Tōkyō Đà Nẵng")).toBe("Tokyo Dà Nang");
  });

  it("drops emoji and scripts without a Latin form, and collapses what is left", () => {
    expect(toWinAnsi("ꦱꦼꦤꦶ Gotong 🎬 Royong 👩‍👩‍👧")).toBe("Gotong Royong");
    expect(toWinAnsi("🎬🎬")).toBe("");
    expect(toWinAnsi("baris\nbaru\tdan\u00a0spasi\u200b")).toBe("baris baru dan spasi");
  });

  it("always returns text Helvetica can encode", async () => {
    const doc = await PDFDocument.create();
    const [helvetica, times] = await Promise.all([doc.embedFont(StandardFonts.Helvetica), doc.embedFont(StandardFonts.TimesRomanBold)]);
    const samples = [unicodeTitle, "Ω≈ç√∫˜µ≤≥÷", "田中さん", "مرحبا", "\u0000\u001f\u007f", "€‰™ŸŽ•", String.fromCodePoint(...Array.from({ length: 0x3000 }, (_, i) => i + 32))];
    for (const sample of samples) {
      const clean = toWinAnsi(sample);
      expect(() => helvetica.encodeText(clean)).not.toThrow();
      expect(() => times.widthOfTextAtSize(clean, 12)).not.toThrow();
    }
  });
});

describe("documents with titles Helvetica cannot draw", () => {
  it("generate instead of crashing, with what can be drawn kept", async () => {
    const data = sampleData();
    const pdf = await beritaAcaraPdf(data);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(await contentStreamText(pdf)).toContain(`Gotong Royong - "Desa" ... Café`);
    const piagam = await piagamBundlePdf(piagamEntries(data), { publicUrl: "http://layar.test" });
    expect(await contentStreamText(piagam)).toContain(`"Gotong Royong - "Desa" ... Café"`);
  });
});
