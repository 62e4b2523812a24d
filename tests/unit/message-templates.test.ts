import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { defaultTemplates, editableKinds, kindPlaceholders, messageKinds, reminderFooter, sampleValues } from "@/lib/messages/kinds";
import { parseTemplate, placeholdersIn, renderTemplate, renderText, unknownPlaceholders } from "@/lib/messages/render";
import { whatsappLink as waChatLink, whatsappNumber as waNumber } from "@/lib/kim/whatsapp";

const thrown = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return error as AppError;
  }
  throw new Error("did not throw");
};

describe("default templates", () => {
  it("exist for every kind in both languages and use only their kind's placeholders", () => {
    for (const kind of messageKinds) {
      for (const locale of ["id", "en"] as const) {
        const { subject, body } = defaultTemplates[kind][locale];
        expect(subject.length, `${kind} ${locale}`).toBeGreaterThan(3);
        expect(unknownPlaceholders(kind, subject), `${kind} ${locale}`).toEqual([]);
        expect(unknownPlaceholders(kind, body), `${kind} ${locale}`).toEqual([]);
      }
    }
  });
  it("say the reason where there is one", () => {
    for (const kind of ["kim_rejected", "video_refused", "screening_failed", "sheet_reopened"] as const) {
      expect(kindPlaceholders[kind]).toContain("alasan");
      expect(defaultTemplates[kind].id.body).toContain("{alasan}");
      expect(defaultTemplates[kind].en.body).toContain("{alasan}");
    }
  });
  it("leave the broadcast out of the editable kinds", () => {
    expect(editableKinds).not.toContain("broadcast");
    expect(editableKinds).toHaveLength(messageKinds.length - 1);
  });
  it("end every reminder with how to turn reminders off", () => {
    expect(reminderFooter.id("https://layar.test/akun/pesan")).toContain("mematikannya, buka https://layar.test/akun/pesan");
    expect(reminderFooter.en("https://layar.test/akun/pesan")).toContain("turn them off, go to https://layar.test/akun/pesan");
  });
});

describe("rendering", () => {
  it("fills placeholders with the values as plain text", () => {
    expect(renderText("Halo {nama}, {kim}!", { nama: "Siti", kim: "KIM Maju" })).toBe("Halo Siti, KIM Maju!");
    expect(renderText("Halo {nama}", { nama: "<script>alert(1)</script>" })).toBe("Halo <script>alert(1)</script>");
  });
  it("leaves a placeholder without a value empty and text without braces alone", () => {
    expect(renderText("Alasan: {alasan}.", {})).toBe("Alasan: .");
    expect(renderText("Harga {100} dan { spasi }", {})).toBe("Harga  dan { spasi }");
  });
  it("keeps a subject on one line and strips invisible characters from values", () => {
    const out = renderTemplate({ subject: "Film {film}", body: "{alasan}" }, { film: "Judul\nbaris dua\u202E", alasan: "satu\r\ndua\u200B" });
    expect(out.subject).toBe("Film Judul baris dua");
    expect(out.body).toBe("satu\ndua");
  });
  it("renders the sample values into every default", () => {
    const out = renderTemplate(defaultTemplates.deadline_reminder.id, sampleValues.id);
    expect(out.subject).toBe("Pengingat: pendaftaran Festival Film KIM Karanganyar 2026 ditutup 30 Juni 2026 23.59 WIB");
    expect(out.body).not.toMatch(/\{\w+\}/);
  });
});

describe("placeholders and validation", () => {
  it("lists the placeholders a text uses, once each", () => {
    expect(placeholdersIn("{nama} {kim} {nama} {tautan}")).toEqual(["nama", "kim", "tautan"]);
  });
  it("knows which placeholders a kind does not fill", () => {
    expect(unknownPlaceholders("kim_approved", "Halo {nama}, {festival} {alasan}")).toEqual(["festival", "alasan"]);
    expect(unknownPlaceholders("sheet_reopened", "{kim}")).toEqual(["kim"]);
  });
  it("accepts a template with known placeholders and makes its subject one line", () => {
    expect(parseTemplate({ kind: "kim_approved", locale: "en", subject: "Welcome\n{kim}", body: "Hello {nama}, see {tautan}." })).toEqual({
      kind: "kim_approved",
      locale: "en",
      subject: "Welcome {kim}",
      body: "Hello {nama}, see {tautan}.",
    });
  });
  it("refuses an unknown placeholder next to its field, naming the ones allowed", () => {
    const error = thrown(() => parseTemplate({ kind: "kim_approved", locale: "id", subject: "Untuk {nma}", body: "Halo {nama}, {festival}." }));
    expect(error).toBeInstanceOf(AppError);
    expect(error.fieldErrors?.subject).toEqual(["Penanda tidak dikenal: {nma}. Yang bisa dipakai: {nama}, {kim}, {tautan}."]);
    expect(error.fieldErrors?.body?.[0]).toContain("{festival}");
  });
  it("refuses an empty or too long text, an unknown kind and language", () => {
    expect(() => parseTemplate({ kind: "kim_approved", locale: "id", subject: "", body: "Halo {nama} selamat." })).toThrow();
    expect(() => parseTemplate({ kind: "kim_approved", locale: "id", subject: "Judul", body: "x".repeat(5001) })).toThrow();
    expect(() => parseTemplate({ kind: "apa", locale: "id", subject: "Judul", body: "Halo {nama} selamat." })).toThrow();
    expect(() => parseTemplate({ kind: "kim_approved", locale: "jv", subject: "Judul", body: "Halo {nama} selamat." })).toThrow();
  });
});

describe("WhatsApp links as the messages pages use them (lib/kim/whatsapp.ts)", () => {
  it("normalises Indonesian numbers to 62…", () => {
    expect(waNumber("0812-3456-7890")).toBe("6281234567890");
    expect(waNumber("+62 812 3456 7890")).toBe("6281234567890");
    expect(waNumber("812 3456 7890")).toBe("6281234567890");
    expect(waNumber("(0271) 495 039")).toBe("62271495039");
    expect(waNumber("0062 812 3456 7890")).toBe("6281234567890");
  });
  it("gives nothing for a missing or impossible number", () => {
    expect(waNumber(null)).toBeNull();
    expect(waNumber("")).toBeNull();
    expect(waNumber("12345")).toBeNull();
    expect(waNumber("bukan nomor")).toBeNull();
    expect(waChatLink(undefined, "Halo")).toBeNull();
  });
  it("writes the message into the link, encoded", () => {
    expect(waChatLink("0812 3456 7890", "Halo Siti & KIM?\nBaris dua")).toBe("https://wa.me/6281234567890?text=Halo%20Siti%20%26%20KIM%3F%0ABaris%20dua");
  });
});
