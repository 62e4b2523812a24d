import { z } from "zod";
import { nameText, plainText } from "@/lib/text/sanitise";
import { whatsappNumber } from "./whatsapp";

// What the KIM registry's forms accept (/admin/kim, /kim/profil). Form fields arrive as
// strings; an empty field is "not given". Rows (board members, social links) come as
// `board.0.name`, `social.2.url`..., collected by `formRows`, so a field's error lands
// next to the field that caused it.

export const MAX_SOCIAL_LINKS = 8;
export const MAX_BOARD_MEMBERS = 30;

const empty = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(empty, schema.optional());

/** A real calendar day written YYYY-MM-DD (a date input's value). */
const isDay = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
/** Not after today in WIB (the registry's days are WIB days). */
const notFuture = (v: string) => v <= new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

export const kimNameSchema = nameText().trim().min(3, "Nama KIM minimal 3 karakter.").max(120, "Nama KIM paling panjang 120 karakter.");
export const villageCodeSchema = z.string().trim().regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, "Pilih desa/kelurahan dari daftar.");

export const phoneSchema = nameText()
  .trim()
  .max(30, "Nomor WhatsApp terlalu panjang.")
  .refine((v) => whatsappNumber(v) !== null, "Nomor WhatsApp tidak dikenali. Tulis seperti 0812 3456 7890 atau +62 812 3456 7890.");

export const socialLinkSchema = z.object({
  label: nameText().trim().min(1, "Tulis nama tautan, mis. Instagram.").max(40, "Nama tautan paling panjang 40 karakter."),
  url: z
    .string()
    .trim()
    .max(300, "Alamat tautan paling panjang 300 karakter.")
    .refine((v) => {
      try {
        const u = new URL(v);
        return u.protocol === "https:" && !!u.hostname && !u.username && !u.password;
      } catch {
        return false;
      }
    }, "Alamat tautan harus lengkap dan diawali https://."),
});

export const socialLinksSchema = z.array(socialLinkSchema).max(MAX_SOCIAL_LINKS, `Paling banyak ${MAX_SOCIAL_LINKS} tautan media sosial.`);

export const boardMemberSchema = z.object({
  name: nameText().trim().min(2, "Tulis nama pengurus.").max(120, "Nama pengurus paling panjang 120 karakter."),
  position: nameText().trim().min(2, "Tulis jabatan pengurus, mis. Ketua.").max(60, "Jabatan paling panjang 60 karakter."),
});

export const descriptionSchema = optional(plainText().trim().max(2000, "Deskripsi paling panjang 2.000 karakter."));

/** The organiser's record of a KIM (add and edit). */
export const kimRecordSchema = z
  .object({
    name: kimNameSchema,
    villageCode: villageCodeSchema,
    address: optional(plainText().trim().max(300, "Alamat paling panjang 300 karakter.")),
    contactName: optional(nameText().trim().max(120, "Nama narahubung paling panjang 120 karakter.")),
    contactPhone: optional(phoneSchema),
    contactEmail: optional(z.string().trim().toLowerCase().max(200, "Email terlalu panjang.").pipe(z.email("Masukkan alamat email yang benar."))),
    foundedOn: optional(z.string().trim().refine(isDay, "Tanggal berdiri tidak valid.").refine((v) => !isDay(v) || notFuture(v), "Tanggal berdiri tidak boleh di masa depan.")),
    skNumber: optional(nameText().trim().max(100, "Nomor SK paling panjang 100 karakter.")),
    skDate: optional(z.string().trim().refine(isDay, "Tanggal SK tidak valid.").refine((v) => !isDay(v) || notFuture(v), "Tanggal SK tidak boleh di masa depan.")),
    description: descriptionSchema,
    board: z.array(boardMemberSchema).max(MAX_BOARD_MEMBERS, `Paling banyak ${MAX_BOARD_MEMBERS} pengurus.`).default([]),
    social: socialLinksSchema.default([]),
  })
  .refine((v) => !v.skDate || !v.foundedOn || !isDay(v.skDate) || !isDay(v.foundedOn) || v.skDate >= v.foundedOn, { path: ["skDate"], message: "Tanggal SK tidak boleh sebelum tanggal berdiri." });

export type KimRecordInput = z.infer<typeof kimRecordSchema>;

/** What a KIM's own members change at once on /kim/profil. */
export const ownProfileSchema = z.object({
  description: descriptionSchema,
  social: socialLinksSchema.default([]),
});

export const kimStatusSchema = z
  .object({
    kimId: z.uuid("KIM tidak dikenal."),
    status: z.enum(["aktif", "tidak_aktif"], "Pilih status."),
    fromDate: z.string().trim().refine(isDay, "Tanggal status tidak valid.").refine((v) => !isDay(v) || notFuture(v), "Tanggal status tidak boleh di masa depan."),
    reason: optional(plainText().trim().max(500, "Alasan paling panjang 500 karakter.")),
  })
  .refine((v) => v.status !== "tidak_aktif" || (v.reason?.length ?? 0) >= 5, {
    path: ["reason"],
    message: "Tuliskan alasan KIM tidak aktif (minimal 5 karakter).",
    // Also when the date is wrong, so both fields say what is missing at once.
    when: (payload) => (payload.value as { status?: unknown }).status === "tidak_aktif",
  });

export const mergeSchema = z.object({
  keepId: z.uuid("KIM tidak dikenal."),
  duplicateId: z.uuid("Pilih KIM yang sama (duplikat) dari daftar."),
  confirm: z.literal("ya", "Centang konfirmasi bahwa kedua data adalah KIM yang sama."),
});

export const changeRequestSchema = z
  .object({
    name: optional(kimNameSchema),
    villageCode: optional(villageCodeSchema),
    note: optional(plainText().trim().max(500, "Catatan paling panjang 500 karakter.")),
  })
  .refine((v) => v.name || v.villageCode, { path: ["name"], message: "Tulis nama baru atau pilih desa baru." });

export const decideChangeSchema = z.discriminatedUnion("decision", [
  z.object({ requestId: z.uuid("Permintaan tidak dikenal."), decision: z.literal("approve") }),
  z.object({
    requestId: z.uuid("Permintaan tidak dikenal."),
    decision: z.literal("reject"),
    reason: plainText().trim().min(5, "Tulis alasan menolak (minimal 5 karakter).").max(500, "Alasan paling panjang 500 karakter."),
  }),
]);

/**
 * Indexed rows from flat form values: `board.0.name`, `board.0.position`, `board.1.name`...
 * → [{ name, position }, ...] in index order, leaving out rows whose fields are all empty
 * (a blank row a phone user added and did not fill). The form numbers its rows 0..n-1, so
 * an error's index names the row it belongs to (unless a blank row sits before it).
 */
export function formRows<K extends string>(values: Record<string, unknown>, prefix: string, fields: readonly K[]): Record<K, string>[] {
  const byIndex = new Map<number, Record<K, string>>();
  const pattern = new RegExp(`^${prefix}\\.(\\d{1,2})\\.(\\w+)$`);
  for (const [key, value] of Object.entries(values)) {
    const match = pattern.exec(key);
    if (!match || typeof value !== "string" || !fields.includes(match[2] as K)) continue;
    const index = Number(match[1]);
    const row = byIndex.get(index) ?? (Object.fromEntries(fields.map((f) => [f, ""])) as Record<K, string>);
    row[match[2] as K] = value;
    byIndex.set(index, row);
  }
  return [...byIndex.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, row]) => row)
    .filter((row) => fields.some((f) => row[f].trim() !== ""));
}

/** Form values with their row fields gathered (see formRows). */
export function withRows(values: Record<string, unknown>): Record<string, unknown> {
  return {
    ...values,
    board: Array.isArray(values.board) ? values.board : formRows(values, "board", ["name", "position"] as const),
    social: Array.isArray(values.social) ? values.social : formRows(values, "social", ["label", "url"] as const),
  };
}
