import { encode } from "next-auth/jwt";
import { afterEach, describe, expect, it, vi } from "vitest";
import { sessionClaimsFromCookies } from "@/lib/auth/session";
import { authSecret } from "@/lib/auth/secret";

const uid = "6f1c1f0e-8a47-4a53-9d3e-2d6f0c1b2a10";
const cookieFor = async (maxAge: number) =>
  `theme=gelap; next-auth.session-token=${await encode({ token: { uid, iat: Math.floor(Date.now() / 1000) }, secret: authSecret(), maxAge })}`;

afterEach(() => {
  vi.useRealTimers();
});

describe("sessionClaimsFromCookies (the media and upload routes' session)", () => {
  it("reads the signed-in user from the session cookie, again and again", async () => {
    const cookie = await cookieFor(3600);
    for (let i = 0; i < 3; i++) expect((await sessionClaimsFromCookies(cookie))?.id).toBe(uid);
  });

  it("refuses a cookie that was tampered with, and no cookie at all", async () => {
    const cookie = await cookieFor(3600);
    const tampered = cookie.slice(0, -6) + (cookie.endsWith("AAAAAA") ? "BBBBBB" : "AAAAAA");
    expect(await sessionClaimsFromCookies(tampered)).toBeNull();
    expect(await sessionClaimsFromCookies(null)).toBeNull();
    expect(await sessionClaimsFromCookies("next-auth.session-token=")).toBeNull();
  });

  it("stops accepting a token once it expires, even one it has just read", async () => {
    vi.useFakeTimers({ now: new Date("2026-12-01T10:00:00+07:00"), toFake: ["Date"] });
    const cookie = await cookieFor(30); // expires in 30 s: sooner than the minute a token is remembered
    expect((await sessionClaimsFromCookies(cookie))?.id).toBe(uid);
    vi.setSystemTime(new Date("2026-12-01T10:00:20+07:00"));
    expect((await sessionClaimsFromCookies(cookie))?.id).toBe(uid);
    // next-auth allows 15 s of clock skew past the expiry; after that the token is refused.
    vi.setSystemTime(new Date("2026-12-01T10:00:46+07:00"));
    expect(await sessionClaimsFromCookies(cookie)).toBeNull();
  });
});
