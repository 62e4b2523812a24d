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
  it("keeps same-site paths, with their query and fragment", () => {
    expect(safeReturnPath("/admin/juri")).toBe("/admin/juri");
    expect(safeReturnPath("/arsip?q=film&tahun=2025#hasil")).toBe("/arsip?q=film&tahun=2025#hasil");
    expect(safeReturnPath("/wilayah/33.13")).toBe("/wilayah/33.13");
  });
  it.each([
    "//evil.example/x",
    "https://evil.example",
    "/\\evil.example",
    "\\evil.example",
    "javascript:alert(1)",
    // /masuk?kembali=/%09/evil.example/x: the query is decoded to a tab, which a browser drops
    "/\t/evil.example/x",
    "/\n/evil.example/x",
    "/\r\n/evil.example/x",
    "/\t\\evil.example",
    "/\\/evil.example",
    "/.//evil.example/x",
    "/x/..//evil.example",
    "/%2e//evil.example",
    "",
    null,
    undefined,
  ])("refuses %j and falls back", (value) => {
    expect(safeReturnPath(value)).toBe("/dasbor");
  });
  it("never returns a path a browser would resolve to another host", () => {
    const tricky = ["/%09/evil.example/x", "/%0A/evil.example", "/%5C/evil.example", "/a/%2F%2Fevil.example", "/?//evil.example", "/#//evil.example"];
    for (const value of tricky) {
      const result = safeReturnPath(value);
      expect(new URL(result, "https://layar.example").origin, value).toBe("https://layar.example");
    }
  });
});

describe("clientAddress", () => {
  it("uses the socket address by default and ignores a client-written X-Forwarded-For", async () => {
    const { clientAddress } = await import("@/lib/auth/client-address");
    expect(clientAddress("6.6.6.6", 0, "203.0.113.9")).toBe("203.0.113.9");
    expect(clientAddress("1.1.1.1, 2.2.2.2", 0, "::ffff:198.51.100.4")).toBe("198.51.100.4");
    expect(clientAddress(undefined, 0, undefined)).toBe("unknown");
  });
  it("with trusted proxies, takes the address the nearest trusted proxy appended", async () => {
    const { clientAddress } = await import("@/lib/auth/client-address");
    expect(clientAddress("6.6.6.6, 203.0.113.9", 1, "10.0.0.2")).toBe("203.0.113.9");
    expect(clientAddress("6.6.6.6, 203.0.113.9, 10.0.0.2", 2, "10.0.0.3")).toBe("203.0.113.9");
    expect(clientAddress("203.0.113.9", 3, "10.0.0.2")).toBe("203.0.113.9");
    expect(clientAddress(undefined, 1, "10.0.0.2")).toBe("10.0.0.2");
  });
  it("reads the socket header server.mjs sets, from a Headers object or a plain record", async () => {
    const { clientAddressFromHeaders, socketAddressHeader } = await import("@/lib/auth/client-address");
    expect(clientAddressFromHeaders(new Headers({ "x-forwarded-for": "6.6.6.6", [socketAddressHeader]: "203.0.113.9" }), 0)).toBe("203.0.113.9");
    expect(clientAddressFromHeaders({ "x-forwarded-for": "6.6.6.6", [socketAddressHeader]: "203.0.113.9" }, 0)).toBe("203.0.113.9");
  });
});
