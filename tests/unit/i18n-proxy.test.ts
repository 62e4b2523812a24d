import { describe, expect, it } from "vitest";
import { hasSessionCookie } from "@/components/layout/session-hint";
import { internalPath, isRoleArea } from "@/proxy";

describe("proxy: locale rewrite targets", () => {
  it("maps public paths under the locale unchanged, the home page to the locale root", () => {
    expect(internalPath("/", "")).toBe("");
    expect(internalPath("/festival/abc", "")).toBe("/festival/abc");
    expect(internalPath("/wilayah/33.13", "")).toBe("/wilayah/33.13");
    expect(internalPath("/arsip", "")).toBe("/arsip");
  });

  it("sends a filtered archive to the per-request page, and gives the internal page no URL of its own", () => {
    expect(internalPath("/arsip", "?q=manteb")).toBe("/arsip/saring");
    expect(internalPath("/arsip", "?")).toBe("/arsip");
    expect(internalPath("/arsip/saring", "")).toBe("/_internal/arsip/saring");
    expect(internalPath("/arsip/saring/x", "?q=1")).toBe("/_internal/arsip/saring/x");
    expect(internalPath("/arsip/saringan", "")).toBe("/arsip/saringan");
  });
});

describe("proxy: role areas", () => {
  it("matches the role areas exactly as before the locale rewrite", () => {
    for (const p of ["/admin", "/admin/juri", "/juri", "/juri/nilai/1", "/akun/sandi", "/kim", "/kim/film", "/kim/film/123"]) expect(isRoleArea(p), p).toBe(true);
    for (const p of ["/", "/kim/kim-manteb", "/kim/filmku", "/administrasi", "/arsip", "/masuk", "/juriku"]) expect(isRoleArea(p), p).toBe(false);
  });
});

describe("session hint", () => {
  it("sees next-auth's session cookie whole or split into chunks, and nothing else", () => {
    expect(hasSessionCookie(["next-auth.session-token"])).toBe(true);
    expect(hasSessionCookie(["__Secure-next-auth.session-token.0", "__Secure-next-auth.session-token.1"])).toBe(true);
    expect(hasSessionCookie(["next-auth.csrf-token", "NEXT_LOCALE", "layar_masuk"])).toBe(false);
  });
});
