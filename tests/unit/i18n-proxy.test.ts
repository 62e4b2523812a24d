import { describe, expect, it } from "vitest";
import { hasSessionCookie } from "@/components/layout/session-hint";
import { isInternalPath, isRoleArea } from "@/proxy";

describe("proxy: the filtered archive's internal path", () => {
  it("is recognised (and sent back to /arsip), other archive paths are not", () => {
    expect(isInternalPath("/arsip/saring")).toBe(true);
    expect(isInternalPath("/arsip/saring/x")).toBe(true);
    expect(isInternalPath("/arsip")).toBe(false);
    expect(isInternalPath("/arsip/saringan")).toBe(false);
  });
});

describe("proxy: role areas", () => {
  it("matches the role areas exactly as before the locale rewrite", () => {
    for (const p of ["/admin", "/admin/juri", "/juri", "/juri/nilai/1", "/akun/sandi", "/kim", "/kim/film", "/kim/film/123", "/kim/kirim/festival-2027"]) expect(isRoleArea(p), p).toBe(true);
    for (const p of ["/", "/kim/kim-manteb", "/kim/filmku", "/kim/kirimi", "/administrasi", "/arsip", "/masuk", "/juriku"]) expect(isRoleArea(p), p).toBe(false);
  });
});

describe("session hint", () => {
  it("sees next-auth's session cookie whole or split into chunks, and nothing else", () => {
    expect(hasSessionCookie(["next-auth.session-token"])).toBe(true);
    expect(hasSessionCookie(["__Secure-next-auth.session-token.0", "__Secure-next-auth.session-token.1"])).toBe(true);
    expect(hasSessionCookie(["next-auth.csrf-token", "NEXT_LOCALE", "layar_masuk"])).toBe(false);
  });
});
