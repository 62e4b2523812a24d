import { z } from "zod";
import { HARD_MAX_BYTES } from "@/lib/uploads/upload-access";
import { nameText, plainText } from "@/lib/text/sanitise";

/**
 * The limits of an edition's settings, written once and shared by the settings forms (strings
 * from FormData) and the edition JSON format (typed values, lib/editions/edition-format.ts), so
 * a file is refused for exactly what the form would refuse, with the same words.
 */

export const containerChoices = ["mp4", "mov", "mkv", "webm"] as const;
export const codecChoices = ["h264", "hevc", "vp9", "av1"] as const;
export const minHeightChoices = [360, 480, 720, 1080] as const;
export const subtitleChoices = ["opsional", "bahasa_daerah", "semua"] as const;
export const eligibleChoices = ["aktif", "semua"] as const;
/** Slugs that name a page under /admin/festival/ instead of an edition. */
export const reservedSlugs = new Set(["baru"]);

export const MIN_DURATION_SECONDS = 10;
export const MAX_DURATION_SECONDS = 3 * 3600;
export const MIN_FILE_BYTES = 1024 ** 2;
export const MAX_GRACE_MINUTES = 24 * 60;
/** An edition's storage budget: from 100 MB (a few short films) to 1 PB. */
export const MIN_STORAGE_BUDGET_BYTES = 100 * 1024 ** 2;
export const MAX_STORAGE_BUDGET_BYTES = 1024 ** 5;

// ---------- shared rules: each takes the base number (a form's coerced one or JSON's) ----------

export const rules = {
  year: (n: z.ZodNumber) => n.int({ message: "Tahun harus bilangan bulat." }).min(2000, { message: "Tahun paling awal 2000." }).max(2100, { message: "Tahun paling akhir 2100." }),
  grace: (n: z.ZodNumber) => n.int({ message: "Masa tenggang dalam menit bulat." }).min(0, { message: "Masa tenggang 0 sampai 1.440 menit (24 jam)." }).max(MAX_GRACE_MINUTES, { message: "Masa tenggang 0 sampai 1.440 menit (24 jam)." }),
  filmsPerKim: (n: z.ZodNumber) => n.int({ message: "Jumlah film harus bilangan bulat." }).min(1, { message: "Minimal 1 film per KIM." }).max(10, { message: "Paling banyak 10 film per KIM." }),
  judgesPerFilm: (n: z.ZodNumber) => n.int({ message: "Jumlah juri harus bilangan bulat." }).min(1, { message: "Minimal 1 juri per film." }).max(15, { message: "Paling banyak 15 juri per film." }),
  placements: (n: z.ZodNumber) => n.int({ message: "Jumlah juara harus bilangan bulat." }).min(0, { message: "Jumlah juara 0 sampai 3." }).max(3, { message: "Jumlah juara 0 sampai 3." }),
  weight: (n: z.ZodNumber) => n.gt(0, { message: "Bobot harus lebih dari 0." }).max(1000, { message: "Bobot paling besar 1.000." }),
  minScore: (n: z.ZodNumber) => n.min(0, { message: "Nilai terendah tidak boleh negatif." }).max(1000, { message: "Nilai terendah paling besar 1.000." }),
  maxScore: (n: z.ZodNumber) => n.gt(0, { message: "Nilai tertinggi harus lebih dari 0." }).max(1000, { message: "Nilai tertinggi paling besar 1.000." }),
  durationSeconds: (n: z.ZodNumber) =>
    n.int({ message: "Durasi dalam detik bulat." }).min(MIN_DURATION_SECONDS, { message: "Durasi maksimal harus antara 10 detik dan 3 jam." }).max(MAX_DURATION_SECONDS, { message: "Durasi maksimal harus antara 10 detik dan 3 jam." }),
  storageBudgetBytes: (n: z.ZodNumber) =>
    n
      .int({ message: "Kuota penyimpanan dalam byte bulat." })
      .min(MIN_STORAGE_BUDGET_BYTES, { message: "Kuota penyimpanan harus antara 100 MB dan 1 PB." })
      .max(MAX_STORAGE_BUDGET_BYTES, { message: "Kuota penyimpanan harus antara 100 MB dan 1 PB." }),
  fileBytes: (n: z.ZodNumber) =>
    n.int({ message: "Ukuran dalam byte bulat." }).min(MIN_FILE_BYTES, { message: "Ukuran berkas maksimal harus antara 1 MB dan 8 GB." }).max(HARD_MAX_BYTES, { message: "Ukuran berkas maksimal harus antara 1 MB dan 8 GB." }),
};

export const titleSchema = nameText({ message: "Tulis judul edisi." }).trim().min(5, { message: "Judul minimal 5 karakter." }).max(150, { message: "Judul paling panjang 150 karakter." });

/** Lower-case letters, digits and single hyphens; the URL of the edition. */
export const slugSchema = z
  .string({ message: "Tulis slug." })
  .trim()
  .toLowerCase()
  .min(3, { message: "Slug minimal 3 karakter." })
  .max(80, { message: "Slug paling panjang 80 karakter." })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Slug hanya boleh berisi huruf kecil a-z, angka, dan tanda hubung (tidak di awal atau akhir).")
  .refine((slug) => !reservedSlugs.has(slug), "Slug ini dipakai sistem; pilih yang lain.");

export const categoryNameSchema = nameText({ message: "Tulis nama kategori." }).trim().min(2, { message: "Nama kategori minimal 2 karakter." }).max(80, { message: "Nama kategori paling panjang 80 karakter." });
export const criterionNameSchema = nameText({ message: "Tulis nama kriteria." }).trim().min(2, { message: "Nama kriteria minimal 2 karakter." }).max(120, { message: "Nama kriteria paling panjang 120 karakter." });

const limitedText = (max: number, params: { message: string }) => plainText().trim().max(max, params);
const limitedLine = (max: number, params: { message: string }) => nameText().trim().max(max, params);
export const texts = {
  theme: limitedLine(150, { message: "Tema paling panjang 150 karakter." }),
  description: limitedText(3000, { message: "Deskripsi paling panjang 3.000 karakter." }),
  rulesText: limitedText(5000, { message: "Ketentuan tambahan paling panjang 5.000 karakter." }),
  categoryDescription: limitedText(500, { message: "Keterangan kategori paling panjang 500 karakter." }),
  criterionDescription: limitedText(1000, { message: "Keterangan kriteria paling panjang 1.000 karakter." }),
  signatoryName: limitedLine(120, { message: "Nama penanda tangan paling panjang 120 karakter." }),
  signatoryPosition: limitedLine(150, { message: "Jabatan penanda tangan paling panjang 150 karakter." }),
  signatoryNip: z.string().trim().regex(/^[0-9 ]{0,30}$/, { message: "NIP hanya angka (boleh dengan spasi), paling banyak 30 karakter." }),
  beritaAcaraNumber: limitedLine(100, { message: "Nomor berita acara paling panjang 100 karakter." }),
};

// ---------- dates ----------

export type EditionDates = { submissionOpensAt: Date | null; submissionClosesAt: Date | null; judgingClosesAt: Date | null; announceAt: Date | null };
export const dateFields = ["submissionOpensAt", "submissionClosesAt", "judgingClosesAt", "announceAt"] as const;

/** open < close ≤ judging close ≤ announcement; each pair is compared when both are set. */
export function checkDateOrder(dates: EditionDates, ctx: z.RefinementCtx, prefix: (string | number)[] = []) {
  const { submissionOpensAt: open, submissionClosesAt: close, judgingClosesAt: judging, announceAt: announce } = dates;
  if (open && close && close <= open) ctx.addIssue({ code: "custom", path: [...prefix, "submissionClosesAt"], message: "Penutupan pendaftaran harus setelah pembukaan." });
  if (close && judging && judging < close) ctx.addIssue({ code: "custom", path: [...prefix, "judgingClosesAt"], message: "Penutupan penilaian tidak boleh sebelum penutupan pendaftaran." });
  if (judging && announce && announce < judging) ctx.addIssue({ code: "custom", path: [...prefix, "announceAt"], message: "Pengumuman tidak boleh sebelum penutupan penilaian." });
}

/** A datetime-local value ("2027-01-20T23:59") read as WIB. */
export function fromWibInput(value: string): Date {
  return new Date(`${value.slice(0, 16)}:00+07:00`);
}

/** The datetime-local value, in WIB, of a date ("" for none). */
export function toWibInput(date: Date | null | undefined): string {
  if (!date) return "";
  return new Date(date.getTime() + 7 * 3_600_000).toISOString().slice(0, 16);
}

/** "2027-01-20T23:59:00+07:00": the edition format's way of writing a date. */
export function toWibIso(date: Date | null | undefined): string | null {
  if (!date) return null;
  return `${new Date(date.getTime() + 7 * 3_600_000).toISOString().slice(0, 19)}+07:00`;
}

// ---------- form helpers (FormData gives strings; a missing input gives undefined) ----------

/** A number typed into a form: "12,5" is 12.5; blank is missing. */
export const formNumber = (params: { message: string }, rule: (n: z.ZodNumber) => z.ZodNumber = (n) => n) =>
  z.preprocess((v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.trim().replace(",", "."))) : v), rule(z.number(params)));

/** A checkbox sends "on" when ticked and nothing when not. */
export const formCheckbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

export const formWibDate = z
  .string()
  .trim()
  .optional()
  .refine((v) => !v || (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(v) && !Number.isNaN(fromWibInput(v).getTime())), "Isi tanggal dan jam yang benar.")
  .transform((v) => (v ? fromWibInput(v) : null));

/** Optional free text: blank is null. */
export const formText = (schema: z.ZodString) => schema.optional().transform((v) => (v ? v : null));

export const identityFormSchema = z.object({
  title: titleSchema,
  theme: formText(texts.theme),
  description: formText(texts.description),
  year: formNumber({ message: "Tulis tahun dengan angka." }, rules.year),
  regionCode: z.string().trim().optional(),
  slug: z.string().trim().optional(),
});

export const datesFormSchema = z
  .object({
    submissionOpensAt: formWibDate,
    submissionClosesAt: formWibDate,
    judgingClosesAt: formWibDate,
    announceAt: formWibDate,
    uploadGraceMinutes: formNumber({ message: "Tulis masa tenggang dalam menit." }, rules.grace),
  })
  .superRefine((dates, ctx) => checkDateOrder(dates, ctx));

export const confirmSchema = z.object({ confirm: z.literal("on", "Centang kotak konfirmasi dulu.") });

/**
 * Problems found after parsing (a slug in use, a row that cannot go), reported like zod's own:
 * next to their fields, with the form's usual "check the marked fields" above.
 */
export function fieldProblems(errors: Record<string, string[]>): z.ZodError {
  return new z.ZodError(Object.entries(errors).flatMap(([field, messages]) => messages.map((message) => ({ code: "custom" as const, path: field.split("."), message, input: undefined }))));
}

export const invalid = (field: string, message: string) => fieldProblems({ [field]: [message] });
