import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { jsonRoute } from "@/lib/api/handler";
import { titleSchema } from "@/lib/editions/edition-schemas";
import { isUnstorableText, toErrorResponse } from "@/lib/errors";
import { registerKimSchema } from "@/lib/auth/register-kim";
import { filmDetailsSchema } from "@/lib/films/entry-actions";
import { parseArchiveQueryStrict } from "@/lib/public/archive-query";
import { cleanLine, cleanText, hasNulByte } from "@/lib/text/sanitise";
import { proxy } from "@/proxy";

// Names and titles are shown to other people (judges, organisers, the public): invisible
// characters that reorder or hide text are removed on input. A NUL byte anywhere (which
// PostgreSQL refuses) is a 400/422 with a sentence, never a 500.

const RLO = "\u202E", LRI = "\u2066", PDI = "\u2069", ZWSP = "\u200B", ZWJ = "\u200D", BOM = "\uFEFF";

describe("cleanLine (names and titles)", () => {
  it("removes bidi overrides and isolates, zero-width characters, controls and NUL", () => {
    expect(cleanLine(`KIM ${RLO}nateM${"\u202C"}`)).toBe("KIM nateM");
    expect(cleanLine(`${LRI}KIM${PDI} Ma${ZWSP}ju${ZWJ}${BOM}`)).toBe("KIM Maju");
    expect(cleanLine("KIM\u0000 Maju\u0007\u0085\u009B")).toBe("KIM Maju ");
    expect(cleanLine("Film\u00ADku\u200E\u200F\u061C")).toBe("Filmku");
  });
  it("makes one line with single spaces, in NFC, keeping letters of every script and emoji", () => {
    expect(cleanLine("Kisah\n\tdari  Desa\r\nDagen")).toBe("Kisah dari Desa Dagen");
    expect(cleanLine("Cafe\u0301")).toBe("Caf\u00e9");
    expect(cleanLine("ꦱꦼꦤꦶ 🎬 Ngayogyakarta")).toBe("ꦱꦼꦤꦶ 🎬 Ngayogyakarta");
  });
});

describe("cleanText (free text)", () => {
  it("keeps line breaks and tabs, removes the rest", () => {
    expect(cleanText(`Baris satu\r\nBaris\tdua\u0000${RLO}\u2028tiga`)).toBe("Baris satu\nBaris\tdua\ntiga");
  });
});

describe("schemas that take names and titles", () => {
  it("store the visible text only", () => {
    const registration = registerKimSchema.safeParse({
      name: `Pak ${RLO}Manteb`,
      email: "pak@layar.test",
      phone: "",
      position: `Ketua${ZWSP}`,
      kimName: `${LRI}KIM Manteb${PDI}\u0000`,
      villageCode: "33.13.08.2001",
      password: "kata-sandi-panjang",
      confirm: "kata-sandi-panjang",
    });
    expect(registration.success && registration.data).toMatchObject({ name: "Pak Manteb", position: "Ketua", kimName: "KIM Manteb" });
    expect(titleSchema.parse(`  Festival ${RLO}Karanganyar 2027 `)).toBe("Festival Karanganyar 2027");
  });
  it("count the length after cleaning: invisible characters cannot fill a required field", () => {
    expect(titleSchema.safeParse(`${ZWSP.repeat(10)}`).success).toBe(false);
  });
  it("clean a film's title, crew and synopsis", () => {
    const parsed = filmDetailsSchema.safeParse({
      filmId: "8d7f8f6e-1d7a-4d59-9a53-1f0d3a6b7c11",
      title: `Sawah${RLO} Kami`,
      synopsis: `Kisah petani\u0000 muda di lereng Lawu yang menanam padi.\nBaris kedua${BOM}.`,
      categoryId: "",
      language: "Bahasa Jawa",
      declaredDurationSeconds: "300",
      crew: [{ name: `Sri${ZWJ} Wahyuni`, role: "Sutradara" }],
      originalityDeclared: true,
      publicationConsent: true,
    });
    expect(parsed.success && parsed.data).toMatchObject({
      title: "Sawah Kami",
      synopsis: "Kisah petani muda di lereng Lawu yang menanam padi.\nBaris kedua.",
      crew: [{ name: "Sri Wahyuni", role: "Sutradara" }],
    });
  });
  it("clean a search query", () => {
    expect(parseArchiveQueryStrict(new URLSearchParams({ q: `Manteb${RLO}` })).q).toBe("Manteb");
  });
});

describe("NUL in an address", () => {
  it("is seen raw or percent-encoded, and only there", () => {
    expect(hasNulByte("/arsip?q=%00")).toBe(true);
    expect(hasNulByte("/festival/a%00b")).toBe(true);
    expect(hasNulByte("/x\u0000")).toBe(true);
    expect(hasNulByte("/arsip?q=100%25")).toBe(false);
    expect(hasNulByte("/arsip?q=%2500")).toBe(false);
  });

  it("gets a 400 with a sentence from a JSON route before the handler runs, in the reader's language", async () => {
    let ran = false;
    const route = jsonRoute(async () => {
      ran = true;
      return Response.json({});
    });
    const answer = await route(new Request("http://layar.test/api/v1/editions/%00"), undefined as never);
    expect(answer.status).toBe(400);
    expect(await answer.json()).toEqual({ error: "Alamat berisi karakter yang tidak diizinkan." });
    const english = await route(new Request("http://layar.test/api/v1/arsip?q=%00", { headers: { cookie: "NEXT_LOCALE=en" } }), undefined as never);
    expect(await english.json()).toEqual({ error: "The address contains a character that is not allowed." });
    expect(ran).toBe(false);
  });

  it("gets a 400 from the proxy on every page", async () => {
    for (const url of ["http://layar.test/festival/%00", "http://layar.test/arsip?q=%00", "http://layar.test/kim/film/%00"]) {
      const answer = await proxy(new NextRequest(url));
      expect(answer.status, url).toBe(400);
      expect(await answer.text()).toBe("Alamat berisi karakter yang tidak diizinkan.");
    }
  });
});

describe("text the database refuses", () => {
  it("is a 422 with a sentence, however the driver wraps the error", async () => {
    const refused = Object.assign(new Error("Failed query"), { cause: Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: "22021" }) });
    expect(isUnstorableText(refused)).toBe(true);
    expect(isUnstorableText(new Error("other"))).toBe(false);
    const answer = toErrorResponse(refused);
    expect(answer.status).toBe(422);
    expect((await answer.json()).error).toMatch(/^Isian berisi karakter yang tidak diizinkan/);
  });
});
