import { describe, expect, test } from "vitest";
import { httpSignIn } from "./helpers";

// Failed sign-ins are counted in the database for 15 minutes, so this account is
// used by no other test.
const account = "juri.karanganyar@layar.test";

describe("sign-in rate limit", () => {
  test("after 5 failures even the right password is refused, with a message saying why", async () => {
    for (let attempt = 1; attempt <= 5; attempt++) {
      const result = await httpSignIn(account, `salah-${attempt}`);
      expect(result.ok, `attempt ${attempt} with a wrong password signed in`).toBe(false);
      expect(result.error).toBe("Email atau kata sandi salah.");
    }

    const blocked = await httpSignIn(account);
    expect(blocked.ok).toBe(false);
    expect(blocked.cookie).not.toMatch(/session-token/);
    expect(blocked.error).toMatch(/Terlalu banyak percobaan/);
    expect(blocked.error).toMatch(/\d+ menit/);
  });

  test("the limit is per account: another account on the same machine still signs in", async () => {
    const other = await httpSignIn("juri.wonogiri@layar.test");
    expect(other.error).toBeNull();
    expect(other.ok).toBe(true);
  });
});
