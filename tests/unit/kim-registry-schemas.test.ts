import { describe, expect, it } from "vitest";
import { sniffImage } from "@/lib/kim/kim-logo";
import { changeRequestSchema, decideChangeSchema, formRows, kimRecordSchema, kimStatusSchema, mergeSchema, ownProfileSchema, withRows } from "@/lib/kim/registry-schemas";

const base = { name: "KIM Maju", villageCode: "33.13.08.2001" };
const errors = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

describe("formRows", () => {
  it("gathers indexed rows in order and leaves out blank ones", () => {
    const values = { "board.1.name": "Budi", "board.1.position": "Sekretaris", "board.0.name": "Sri", "board.0.position": "Ketua", "board.2.name": " ", "board.2.position": "", other: "x", "board.x.name": "no" };
    expect(formRows(values, "board", ["name", "position"] as const)).toEqual([
      { name: "Sri", position: "Ketua" },
      { name: "Budi", position: "Sekretaris" },
    ]);
  });
  it("keeps a half-filled row so its empty field is named", () => {
    const parsed = kimRecordSchema.safeParse(withRows({ ...base, "board.0.name": "Sri", "board.0.position": "" }));
    expect(errors(parsed)).toHaveProperty("board.0.position");
  });
});

describe("kimRecordSchema", () => {
  it("accepts a minimal record and turns empty fields into nothing", () => {
    const parsed = kimRecordSchema.parse(withRows({ ...base, address: "", contactPhone: " ", contactEmail: "" }));
    expect(parsed).toMatchObject({ name: "KIM Maju", board: [], social: [] });
    expect(parsed.address).toBeUndefined();
    expect(parsed.contactPhone).toBeUndefined();
  });
  it("cleans invisible characters from names and lower-cases the email", () => {
    const parsed = kimRecordSchema.parse({ ...base, name: "KIM\u200b Maju\u202e", contactEmail: "Sri@Contoh.ID" });
    expect(parsed.name).toBe("KIM Maju");
    expect(parsed.contactEmail).toBe("sri@contoh.id");
  });
  it("names each bad field in Indonesian", () => {
    const result = kimRecordSchema.safeParse(withRows({ name: "K", villageCode: "33.13", contactPhone: "telepon", contactEmail: "x@", foundedOn: "2999-01-01", skDate: "2024-02-30", "social.0.label": "IG", "social.0.url": "javascript:alert(1)" }));
    expect(errors(result)).toMatchObject({
      name: "Nama KIM minimal 3 karakter.",
      villageCode: "Pilih desa/kelurahan dari daftar.",
      contactPhone: "Nomor WhatsApp tidak dikenali. Tulis seperti 0812 3456 7890 atau +62 812 3456 7890.",
      contactEmail: "Masukkan alamat email yang benar.",
      foundedOn: "Tanggal berdiri tidak boleh di masa depan.",
      skDate: "Tanggal SK tidak valid.",
      "social.0.url": "Alamat tautan harus lengkap dan diawali https://.",
    });
  });
  it("takes at most 8 social links, https only, no credentials in the address", () => {
    const nine = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [[`social.${i}.label`, `L${i}`], [`social.${i}.url`, `https://contoh.id/${i}`]]).flat());
    expect(errors(ownProfileSchema.safeParse(withRows(nine)))).toHaveProperty("social");
    expect(errors(ownProfileSchema.safeParse(withRows({ "social.0.label": "A", "social.0.url": "http://contoh.id" })))).toHaveProperty("social.0.url");
    expect(errors(ownProfileSchema.safeParse(withRows({ "social.0.label": "A", "social.0.url": "https://user:pw@contoh.id" })))).toHaveProperty("social.0.url");
    expect(ownProfileSchema.parse(withRows({ "social.0.label": "YouTube", "social.0.url": "https://youtube.com/@kim" })).social).toHaveLength(1);
  });
  it("refuses an SK dated before the founding", () => {
    expect(errors(kimRecordSchema.safeParse({ ...base, foundedOn: "2020-01-01", skDate: "2019-01-01" }))).toHaveProperty("skDate");
  });
});

describe("status, merge and change requests", () => {
  const kimId = "2b1f8a7e-1c2d-4e5f-8a9b-0c1d2e3f4a5b";
  it("needs a reason for tidak aktif, none for aktif", () => {
    expect(errors(kimStatusSchema.safeParse({ kimId, status: "tidak_aktif", fromDate: "2026-01-01", reason: "" }))).toHaveProperty("reason");
    expect(kimStatusSchema.safeParse({ kimId, status: "aktif", fromDate: "2026-01-01" }).success).toBe(true);
    expect(errors(kimStatusSchema.safeParse({ kimId, status: "bubar", fromDate: "kemarin" }))).toMatchObject({ status: "Pilih status.", fromDate: "Tanggal status tidak valid." });
  });
  it("merges only with the confirmation ticked", () => {
    expect(errors(mergeSchema.safeParse({ keepId: kimId, duplicateId: kimId }))).toHaveProperty("confirm");
    expect(mergeSchema.safeParse({ keepId: kimId, duplicateId: kimId, confirm: "ya" }).success).toBe(true);
  });
  it("a change request names a new name or desa; a rejection has a reason", () => {
    expect(errors(changeRequestSchema.safeParse({ name: "", villageCode: "" }))).toHaveProperty("name");
    expect(changeRequestSchema.safeParse({ villageCode: "33.13.08.2001" }).success).toBe(true);
    expect(errors(decideChangeSchema.safeParse({ requestId: kimId, decision: "reject", reason: "" }))).toHaveProperty("reason");
  });
});

describe("sniffImage", () => {
  it("knows PNG, JPEG and WebP by their first bytes, and nothing else", () => {
    expect(sniffImage(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe("png");
    expect(sniffImage(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe("jpeg");
    expect(sniffImage(new TextEncoder().encode("RIFF\0\0\0\0WEBPVP8 "))).toBe("webp");
    expect(sniffImage(new TextEncoder().encode("MZ\x90\0 this program"))).toBeNull();
    expect(sniffImage(new TextEncoder().encode("<svg xmlns="))).toBeNull();
    expect(sniffImage(new TextEncoder().encode("GIF89a"))).toBeNull();
  });
});
