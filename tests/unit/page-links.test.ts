import { describe, expect, it } from "vitest";
import { pageParam, pageSlice } from "@/components/layout/page-links";

describe("pageParam", () => {
  it("reads a page number within the pages there are", () => {
    expect(pageParam("3", 5)).toBe(3);
    expect(pageParam(["2", "4"], 5)).toBe(2);
  });

  it("lands a hand-edited link on a real page", () => {
    expect(pageParam(undefined, 5)).toBe(1);
    expect(pageParam("0", 5)).toBe(1);
    expect(pageParam("-2", 5)).toBe(1);
    expect(pageParam("1.5", 5)).toBe(1);
    expect(pageParam("dua", 5)).toBe(1);
    expect(pageParam("99", 5)).toBe(5);
    expect(pageParam("3", 0)).toBe(1);
  });
});

describe("pageSlice", () => {
  const items = Array.from({ length: 120 }, (_, i) => i + 1);

  it("gives the asked page's items and how many pages there are", () => {
    expect(pageSlice(items, 50, "3")).toEqual({ page: 3, pages: 3, shown: items.slice(100) });
    expect(pageSlice(items, 50, undefined).shown).toEqual(items.slice(0, 50));
  });

  it("keeps one empty page for an empty list, and lands past the end on the last page", () => {
    expect(pageSlice([], 50, "2")).toEqual({ page: 1, pages: 1, shown: [] });
    expect(pageSlice(items, 50, "9").page).toBe(3);
  });
});
