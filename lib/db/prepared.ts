import type { Db } from "./client";

// A statement planned once per database connection, for the few requests that come by the
// hundred (the score sheet's autosave). The embedded database plans every query anew, and
// for a short statement planning costs more than running it (docs/decisions/0023).
// PGlite: PREPARE once, then EXECUTE with the values written as literals: strings
// dollar-quoted with a tag that does not occur in them (no escaping at all), numbers only
// when finite. PostgreSQL: a named statement of node-postgres (prepared per connection).
// lib/films/media-access.ts does the same for the media routes.

export type Value = string | number | null;

type PgliteLike = { exec: (query: string) => Promise<{ rows: unknown[] }[]>; query: (query: string) => Promise<unknown> };
type PoolLike = { query: (config: { name: string; text: string; values: unknown[] }) => Promise<{ rows: unknown[] }> };

/** A value as an SQL literal that cannot end early, whatever it holds. */
export function literal(value: Value): string {
  if (value === null) return "null";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error("literal: not a finite number");
    return String(value);
  }
  let tag = "q";
  while (value.includes(`$${tag}$`) || value.endsWith(`$${tag}`)) tag += "q";
  return `$${tag}$${value}$${tag}$`;
}

/** `text` uses $1, $2, ... for the values; `types` are their SQL types, in order. */
export function preparedStatement<Row>(name: string, types: string[], text: string): (db: Db, values: Value[]) => Promise<Row[]> {
  const preparedOn = new WeakMap<object, Promise<unknown>>();
  return async (db, values) => {
    const client = (db as unknown as { $client?: unknown }).$client;
    if (client && typeof (client as PgliteLike).exec === "function") {
      const pglite = client as PgliteLike;
      let ready = preparedOn.get(pglite);
      if (!ready) {
        ready = pglite.query(`prepare ${name} (${types.join(", ")}) as ${text}`).catch((error: unknown) => {
          // Already prepared by an earlier copy of this module (a dev reload): the same text.
          if ((error as { code?: string }).code !== "42P05") {
            preparedOn.delete(pglite);
            throw error;
          }
        });
        preparedOn.set(pglite, ready);
      }
      await ready;
      const results = await pglite.exec(`execute ${name} (${values.map(literal).join(", ")})`);
      return (results[results.length - 1]?.rows ?? []) as Row[];
    }
    if (client && typeof (client as PoolLike).query === "function") {
      const { rows } = await (client as PoolLike).query({ name, text, values });
      return rows as Row[];
    }
    throw new Error(`${name}: unknown database client`);
  };
}
