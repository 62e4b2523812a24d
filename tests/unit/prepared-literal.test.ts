import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openMemoryDatabase, type DbHandle } from "@/lib/db/client";
import { literal, preparedStatement } from "@/lib/db/prepared";

// The autosave's statements take a judge's comment as an SQL literal on the embedded
// database (EXECUTE of a prepared statement): whatever the comment holds, the database must
// read back exactly that text, never SQL.

let handle: DbHandle;
beforeAll(() => {
  handle = openMemoryDatabase();
});
afterAll(async () => {
  await handle?.close();
});

const tricky = [
  "biasa saja",
  "it's a quote ' and '' two",
  "$q$ ditutup lebih awal $q$; drop table users; --",
  "berakhir dengan $q",
  "$q",
  "$",
  "$$ dan $qq$ dan $qqq$",
  "garis\nbaru\tdan \\ garis miring \\' terbalik",
  "emoji 🎬 dan aksara ꦗꦮ",
  "",
];

describe("literal", () => {
  it("reads back as exactly the text it was made from", async () => {
    const client = (handle.db as unknown as { $client: { query: (sql: string) => Promise<{ rows: { v: string }[] }> } }).$client;
    for (const text of tricky) {
      const { rows } = await client.query(`select ${literal(text)}::text as v`);
      expect(rows[0].v).toBe(text);
    }
  });

  it("writes numbers and null as such, and refuses what is not a finite number", () => {
    expect(literal(42)).toBe("42");
    expect(literal(85.5)).toBe("85.5");
    expect(literal(null)).toBe("null");
    expect(() => literal(Number.NaN)).toThrow();
    expect(() => literal(Number.POSITIVE_INFINITY)).toThrow();
  });
});

describe("preparedStatement", () => {
  it("runs with the values it is given, many times, on one plan", async () => {
    const echo = preparedStatement<{ t: string; n: number | null; j: { a: string } }>("layar_test_echo", ["text", "integer", "jsonb"], "select $1 as t, $2 as n, $3 as j");
    for (const text of tricky) {
      const [row] = await echo(handle.db, [text, 7, JSON.stringify({ a: text })]);
      expect(row).toEqual({ t: text, n: 7, j: { a: text } });
    }
    expect((await echo(handle.db, ["x", null, "{}"]))[0].n).toBeNull();
  });
});
