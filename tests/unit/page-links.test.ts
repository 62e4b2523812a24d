import { describe, expect, it } from "vitest";
import { pageParam } from "@/components/layout/page-links";

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
