import { describe, expect, it } from "vitest";
import { homePathFor, organiserCovers, regionWithin } from "@/lib/auth/scope";
import { safeReturnPath } from "@/lib/auth/safe-return";

describe("regionWithin", () => {
  it.each([
    ["33", "33", true],
    ["33", "33.13", true],
    ["33", "33.13.08.2001", true],
    ["33.13", "33.13.08", true],
    ["33.13", "33.12", false],
    ["33.13", "33", false],
    ["33", "34.04", false],
    // "33.1" must not cover "33.13": codes are compared by whole segments
    ["33.1", "33.13", false],
    [null, "33.13", false],
    ["33", null, false],
  ])("scope %s covers %s: %s", (scope, code, expected) => {
    expect(regionWithin(scope, code)).toBe(expected);
  });
});

describe("organiserCovers", () => {
  it("applies only to organisers", () => {
    expect(organiserCovers({ role: "organiser", regionCode: "33" }, "33.13")).toBe(true);
    expect(organiserCovers({ role: "judge", regionCode: "33" }, "33.13")).toBe(false);
    expect(organiserCovers({ role: "kim", regionCode: "33.13" }, "33.13")).toBe(false);
  });
  it("a regency organiser does not cover the neighbouring regency or the province", () => {
    const actor = { role: "organiser" as const, regionCode: "33.13" };
    expect(organiserCovers(actor, "33.12")).toBe(false);
    expect(organiserCovers(actor, "33")).toBe(false);
  });
});

describe("homePathFor", () => {
  it("sends each role to its dashboard", () => {
    expect(homePathFor("organiser")).toBe("/admin");
    expect(homePathFor("judge")).toBe("/juri");
    expect(homePathFor("kim")).toBe("/kim");
  });
});

describe("safeReturnPath", () => {
  it("keeps same-site paths", () => {
    expect(safeReturnPath("/admin/juri")).toBe("/admin/juri");
  });
  it.each(["//evil.example/x", "https://evil.example", "/\\evil.example", "javascript:alert(1)", "", null, undefined])(
    "refuses %s and falls back",
    (value) => {
      expect(safeReturnPath(value)).toBe("/dasbor");
    },
  );
});

describe("clientAddress", () => {
  it("takes the address the trusted proxy appended, not what the client sent", async () => {
    const { clientAddress } = await import("@/lib/auth/client-address");
    expect(clientAddress("6.6.6.6, 203.0.113.9", 1)).toBe("203.0.113.9");
    expect(clientAddress("6.6.6.6, 203.0.113.9, 10.0.0.2", 2)).toBe("203.0.113.9");
    expect(clientAddress("203.0.113.9", 0)).toBe("203.0.113.9");
    expect(clientAddress("1.1.1.1, 2.2.2.2", 0)).toBe("2.2.2.2");
    expect(clientAddress("203.0.113.9", 3)).toBe("203.0.113.9");
    expect(clientAddress(undefined, 1)).toBe("unknown");
  });
});
