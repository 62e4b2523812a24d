import { sql, type AnyColumn, type SQL } from "drizzle-orm";

/**
 * Search by word prefixes on PostgreSQL's full-text index (the 'simple' configuration: no
 * stemming, so Indonesian words match as written; docs/decisions/0039). "sawah hij" finds
 * titles with a word starting "sawah" and one starting "hij". Only letters and digits reach
 * the query, so nothing typed can change its syntax. Null when the text has no word at all.
 */
export function wordPrefixQuery(text: string): string | null {
  const words = text
    .normalize("NFKC")
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu);
  if (!words) return null;
  return [...new Set(words)].slice(0, 8).map((w) => `${w}:*`).join(" & ");
}

/** `column` has every word of `query` (a wordPrefixQuery), through the column's GIN index on to_tsvector('simple', column). */
export function hasWords(column: AnyColumn, query: string): SQL {
  return sql`to_tsvector('simple', ${column}) @@ to_tsquery('simple', ${query})`;
}
