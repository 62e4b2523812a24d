import { and, count, eq, gt } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { loginAttempts } from "@/lib/db/schema";
import { env } from "@/lib/env";

export type LoginLimits = { perAccount: number; perIp: number; windowMinutes: number };

export function loginLimits(): LoginLimits {
  const e = env();
  return {
    perAccount: e.LOGIN_MAX_FAILURES_PER_ACCOUNT,
    perIp: e.LOGIN_MAX_FAILURES_PER_IP,
    windowMinutes: e.LOGIN_WINDOW_MINUTES,
  };
}

/**
 * Failed sign-ins are counted in the database (not in memory) so the limit
 * holds across app instances. Returns the minutes to wait, or 0 when allowed.
 */
export async function loginBlockedFor(db: Db, email: string, ip: string, now: Date, limits = loginLimits()): Promise<number> {
  const since = new Date(now.getTime() - limits.windowMinutes * 60_000);
  const failures = (where: ReturnType<typeof eq>) =>
    db
      .select({ n: count() })
      .from(loginAttempts)
      .where(and(where, eq(loginAttempts.succeeded, false), gt(loginAttempts.at, since)));
  const [[byAccount], [byIp]] = await Promise.all([failures(eq(loginAttempts.email, email)), failures(eq(loginAttempts.ip, ip))]);
  return byAccount.n >= limits.perAccount || byIp.n >= limits.perIp ? limits.windowMinutes : 0;
}

export async function recordLoginAttempt(db: Db, email: string, ip: string, succeeded: boolean, now: Date): Promise<void> {
  await db.insert(loginAttempts).values({ email, ip, succeeded, at: now });
}
