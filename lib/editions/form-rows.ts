import { z } from "zod";

/**
 * Row editing without JavaScript: a form sends `rows.0.name`, `rows.0.delete`, `rows.1.name`…
 * for the existing rows and a few empty ones. This reads them back as one object per row, in
 * index order, so errors keep the row's field names (`rows.2.weight`).
 */
export function formRows(input: unknown, prefix = "rows"): Record<string, string>[] {
  const rows: Record<string, string>[] = [];
  for (const [key, value] of Object.entries((input ?? {}) as Record<string, unknown>)) {
    const match = new RegExp(`^${prefix}\\.(\\d{1,3})\\.(\\w+)$`).exec(key);
    if (!match || typeof value !== "string") continue;
    (rows[Number(match[1])] ??= {})[match[2]] = value;
  }
  return Array.from(rows, (row) => row ?? {});
}

export type ParsedRow<T> = { index: number; id: string | null; remove: boolean; position: number; values: T | null };

/**
 * Each row validated on its own; a new row left blank is skipped, an existing row marked
 * "hapus" is removed, two kept rows may not share a name. Problems throw one ZodError with
 * every row's field paths.
 */
export function parseRows<T>(
  rows: Record<string, string>[],
  schema: z.ZodType<T>,
  isBlank: (row: Record<string, string>) => boolean,
  sameName: { message: string },
  prefix = "rows",
): ParsedRow<T>[] {
  const issues: z.core.$ZodIssue[] = [];
  const out: ParsedRow<T>[] = [];
  const names = new Set<string>();
  rows.forEach((row, index) => {
    const id = row.id?.trim() || null;
    if (!id && isBlank(row)) return;
    const position = Number(row.position);
    const remove = row.delete === "on";
    if (remove && id) return void out.push({ index, id, remove, position: 0, values: null });
    if (remove) return;
    const name = row.name?.trim().toLowerCase();
    if (name && names.has(name)) issues.push({ code: "custom", path: [prefix, index, "name"], message: sameName.message, input: undefined });
    if (name) names.add(name);
    const parsed = schema.safeParse(row);
    if (!parsed.success) {
      issues.push(...parsed.error.issues.map((issue) => ({ ...issue, path: [prefix, index, ...issue.path] })));
      return;
    }
    out.push({ index, id, remove: false, position: Number.isFinite(position) && row.position?.trim() ? position : index + 1, values: parsed.data });
  });
  if (issues.length) throw new z.ZodError(issues);
  return out;
}
