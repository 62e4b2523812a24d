import { z } from "zod";

/** Trimmed and lower-cased before checking: phone keyboards often add a trailing space. */
export const emailSchema = z
  .string("Masukkan alamat email.")
  .trim()
  .toLowerCase()
  .max(200, "Email terlalu panjang.")
  .pipe(z.email("Masukkan alamat email yang benar."));
