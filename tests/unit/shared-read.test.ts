import { describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { forgetSharedReads, sharedRead } from "@/lib/public/shared-read";

const db = () => ({}) as Db;

describe("sharedRead", () => {
  it("reads once for requests within the period, again after it", async () => {
    const handle = db();
    let clock = 0;
    let reads = 0;
    const load = async () => ++reads;
    expect(await sharedRead(handle, "k", load, 1000, () => clock)).toBe(1);
    clock = 999;
    expect(await sharedRead(handle, "k", load, 1000, () => clock)).toBe(1);
    clock = 1000;
    expect(await sharedRead(handle, "k", load, 1000, () => clock)).toBe(2);
  });

  it("runs a query that runs on each then (a drizzle query) once for every request of the period", async () => {
    const handle = db();
    let runs = 0;
    const query = { then: <R>(resolve: (rows: number[]) => R) => Promise.resolve(resolve([++runs])) } as PromiseLike<number[]>;
    expect(await sharedRead(handle, "k", () => query)).toEqual([1]);
    expect(await sharedRead(handle, "k", () => query)).toEqual([1]);
    expect(runs).toBe(1);
  });

  it("lets requests that arrive during a read wait for it", async () => {
    const handle = db();
    let reads = 0;
    const load = () => new Promise<number>((resolve) => setTimeout(() => resolve(++reads), 5));
    expect(await Promise.all([sharedRead(handle, "k", load), sharedRead(handle, "k", load), sharedRead(handle, "k", load)])).toEqual([1, 1, 1]);
  });

  it("keeps each database and key apart", async () => {
    const [a, b] = [db(), db()];
    expect(await sharedRead(a, "k", async () => "a")).toBe("a");
    expect(await sharedRead(b, "k", async () => "b")).toBe("b");
    expect(await sharedRead(a, "other", async () => "other")).toBe("other");
    expect(await sharedRead(a, "k", async () => "again")).toBe("a");
  });

  it("does not keep a read that failed", async () => {
    const handle = db();
    await expect(sharedRead(handle, "k", async () => Promise.reject(new Error("database down")))).rejects.toThrow("database down");
    expect(await sharedRead(handle, "k", async () => "recovered")).toBe("recovered");
  });

  it("reads again after forgetSharedReads (an organiser published)", async () => {
    const handle = db();
    expect(await sharedRead(handle, "k", async () => "before")).toBe("before");
    forgetSharedReads();
    expect(await sharedRead(handle, "k", async () => "after")).toBe("after");
  });
});

describe("sharedRead's bound", () => {
  it("keeps at most 500 keys per database, dropping the oldest", async () => {
    const handle = db();
    for (let i = 0; i < 501; i++) await sharedRead(handle, `q${i}`, async () => i);
    expect(await sharedRead(handle, "q500", async () => -1)).toBe(500);
    expect(await sharedRead(handle, "q1", async () => -1)).toBe(1);
    expect(await sharedRead(handle, "q0", async () => -1)).toBe(-1);
  });
});
