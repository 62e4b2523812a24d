import { sql, type SQL } from "drizzle-orm";
import type { DbLike } from "@/lib/db/client";

/**
 * The database as plain SQL sees it, so the dump and the restore work the same on PGlite and on
 * a PostgreSQL server, for every table the migrations made, without a list to keep up to date.
 * Each row is PostgreSQL's own JSON of it (`row_to_json`): timestamps with their offset,
 * numerics exact, JSON columns as JSON; `json_populate_recordset` reads it back.
 */

export type TableInfo = { name: string; primaryKey: string[] };

async function rows<T>(db: DbLike, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Every table of the application's schema (public), with its primary key columns. */
export async function listTables(db: DbLike): Promise<TableInfo[]> {
  const tables = await rows<{ name: string }>(
    db,
    sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const keys = await rows<{ table: string; column: string }>(
    db,
    sql`select c.relname as "table", a.attname as "column"
        from pg_index i
        join pg_class c on c.oid = i.indrelid
        join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
        join lateral unnest(i.indkey) with ordinality as k(attnum, position) on true
        join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
        where i.indisprimary
        order by c.relname, k.position`,
  );
  return tables.map(({ name }) => ({ name, primaryKey: keys.filter((k) => k.table === name).map((k) => k.column) }));
}

/**
 * The tables in an order in which every foreign key points to a table already filled. A table
 * that points to itself (regions, parent first) is filled in its primary key order, one
 * statement per batch: PostgreSQL checks a foreign key at the end of each statement.
 */
export async function insertionOrder(db: DbLike, tables: string[]): Promise<string[]> {
  const links = await rows<{ child: string; parent: string }>(
    db,
    sql`select child.relname as child, parent.relname as parent
        from pg_constraint f
        join pg_class child on child.oid = f.conrelid
        join pg_class parent on parent.oid = f.confrelid
        join pg_namespace n on n.oid = child.relnamespace and n.nspname = 'public'
        where f.contype = 'f'`,
  );
  const order: string[] = [];
  const placed = new Set<string>();
  let left = [...tables];
  while (left.length) {
    const ready = left.filter((t) => links.every((l) => l.child !== t || l.parent === t || placed.has(l.parent) || !tables.includes(l.parent)));
    if (!ready.length) throw new Error(`Urutan pemulihan tidak dapat ditentukan (kunci asing melingkar di ${left.join(", ")}).`);
    for (const t of ready) {
      order.push(t);
      placed.add(t);
    }
    left = left.filter((t) => !placed.has(t));
  }
  return order;
}

/** One page of a table as JSON text, one row per string, in primary key order. */
export async function tablePage(db: DbLike, table: TableInfo, offset: number, limit: number): Promise<string[]> {
  const order = table.primaryKey.length ? table.primaryKey.map(quoteIdent).join(", ") : "row_to_json(t)::text";
  const page = await rows<{ row: string }>(
    db,
    sql.raw(`select row_to_json(t)::text as row from ${quoteIdent(table.name)} as t order by ${order} limit ${Number(limit)} offset ${Number(offset)}`),
  );
  return page.map((r) => r.row);
}

/**
 * Inserts rows given as JSON text (from `tablePage`) in one statement, naming only `columns`
 * (those the backup and this database both have): a column added by a later migration gets its
 * default, not a NULL.
 */
export async function insertRows(db: DbLike, table: string, jsonRows: string[], columns: string[]): Promise<void> {
  if (!jsonRows.length) return;
  const name = quoteIdent(table);
  const list = columns.map(quoteIdent).join(", ");
  await db.execute(sql`insert into ${sql.raw(name)} (${sql.raw(list)}) select ${sql.raw(list)} from json_populate_recordset(null::${sql.raw(name)}, ${`[${jsonRows.join(",")}]`}::json)`);
}

/** The columns of each table of the application's schema. */
export async function tableColumns(db: DbLike): Promise<Map<string, string[]>> {
  const found = await rows<{ table: string; column: string }>(
    db,
    sql`select table_name as "table", column_name as "column" from information_schema.columns where table_schema = 'public' order by ordinal_position`,
  );
  const columns = new Map<string, string[]>();
  for (const { table, column } of found) columns.set(table, [...(columns.get(table) ?? []), column]);
  return columns;
}

export async function rowCount(db: DbLike, table: string): Promise<number> {
  const [{ n }] = await rows<{ n: number | string }>(db, sql.raw(`select count(*)::int as n from ${quoteIdent(table)}`));
  return Number(n);
}

/** Moves every serial column's sequence past the largest value restored (login_attempts, audit_log). */
export async function resetSequences(db: DbLike): Promise<void> {
  const serials = await rows<{ table: string; column: string }>(
    db,
    sql`select table_name as "table", column_name as "column" from information_schema.columns
        where table_schema = 'public' and column_default like 'nextval(%'`,
  );
  for (const { table, column } of serials) {
    const t = quoteIdent(table);
    const c = quoteIdent(column);
    await db.execute(
      sql.raw(`select setval(pg_get_serial_sequence('${t.replace(/'/g, "''")}', '${column.replace(/'/g, "''")}'), coalesce(max(${c}), 0) + 1, false) from ${t}`),
    );
  }
}
