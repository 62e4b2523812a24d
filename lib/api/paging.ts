import { z } from "zod";
import { AppError } from "@/lib/errors";

/** `?limit=`: a whole number 1..max, `fallback` when absent; one message for every way it is wrong. */
export function limitParam(max: number, fallback: number) {
  const message = `Parameter limit berupa angka 1 sampai ${max}.`;
  return z.coerce.number({ error: message }).int(message).min(1, message).max(max, message).default(fallback);
}

/** `?cursor=`: the nextCursor of the previous page, bounded in length. */
export const cursorParam = z.string().max(600, "Parameter cursor terlalu panjang. Pakai nilai nextCursor dari halaman sebelumnya.").optional();

/** A keyset page's cursor: the last row's sort key, opaque to the caller (base64url JSON). */
export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

/**
 * A keyset page from `limit + 1` rows read after the cursor: the first `limit`, and the next
 * page's cursor (the last row's sort key) when there was one more; null on the last page.
 */
export function keysetPage<T>(rows: T[], limit: number, key: (row: T) => unknown[]): { page: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { page, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(key(last)) : null };
}

/** The sort key back from a cursor, in `shape`; one that does not decode is a 422 saying what to send. */
export function decodeCursor<T>(cursor: string, shape: z.ZodType<T>): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    parsed = undefined;
  }
  const result = shape.safeParse(parsed);
  if (!result.success) {
    const userMessage = "Parameter cursor tidak dikenal. Pakai nilai nextCursor dari halaman sebelumnya, atau hapus untuk halaman pertama.";
    throw new AppError("invalid", { userMessage, fieldErrors: { cursor: [userMessage] } });
  }
  return result.data;
}
