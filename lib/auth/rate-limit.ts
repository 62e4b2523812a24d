import { and, count, eq, gt, max, min, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { loginAttempts, users } from "@/lib/db/schema";
import { env } from "@/lib/env";

/**
 * perAccount: failures one address may make on one account in the window (then that pair
 * waits); also the number of failures on an account, from anywhere, after which each
 * further try must wait a growing delay. perIp: failures one address may make over all
 * accounts in the window.
 */
export type LoginLimits = { perAccount: number; perIp: number; windowMinutes: number };

/** The longest an account-wide delay grows to: the owner never waits longer than this. */
export const MAX_ACCOUNT_DELAY_SECONDS = 180;
/**
 * Account-wide failures are counted over a day (or since the password was last set, if
 * later), so a guesser who waits out every delay stays at one try per
 * MAX_ACCOUNT_DELAY_SECONDS (480 a day) instead of the delays shrinking as failures leave
 * a 15-minute window.
 */
export const ACCOUNT_WINDOW_HOURS = 24;

export function loginLimits(): LoginLimits {
  const e = env();
  return {
    perAccount: e.LOGIN_MAX_FAILURES_PER_ACCOUNT,
    perIp: e.LOGIN_MAX_FAILURES_PER_IP,
    windowMinutes: e.LOGIN_WINDOW_MINUTES,
  };
}

/** Why a sign-in may not check a password now, and for how long. */
export type LoginBlock = { kind: "address" | "pair"; minutes: number } | { kind: "account"; seconds: number };

/**
 * The delay an account asks for after `failures` failed sign-ins from anywhere in the
 * last ACCOUNT_WINDOW_HOURS: none below the limit, then 2 s, 4 s, 8 s ... up to MAX_ACCOUNT_DELAY_SECONDS
 * after the latest failure. Slows a guesser spread over many addresses without locking
 * the owner out for the whole window; a password reset starts the count again.
 */
export function accountDelaySeconds(failures: number, limits: LoginLimits): number {
  if (failures < limits.perAccount) return 0;
  return Math.min(MAX_ACCOUNT_DELAY_SECONDS, 2 ** Math.min(20, failures - limits.perAccount + 1));
}

/**
 * Decides whether this sign-in may check a password and, when it may, counts it as a
 * failure at once (reserveLoginAttempt's row is marked succeeded afterwards if the
 * password was right). Deciding and counting happen in one transaction under advisory
 * locks on the address and on the account, so parallel tries see each other: 30 at once
 * get at most the limit of password checks. Failures are counted in the database, so the
 * limits hold across app instances.
 */
export async function reserveLoginAttempt(
  db: Db,
  email: string,
  ip: string,
  now: Date,
  limits = loginLimits(),
): Promise<{ attemptId: number } | { blocked: LoginBlock }> {
  const since = new Date(now.getTime() - limits.windowMinutes * 60_000);
  return db.transaction(async (tx) => {
    // Always the address first, then the account: two tries never wait on each other in a circle.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`login-ip|${ip}`}, 0))`);
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`login-account|${email}`}, 0))`);
    const failed = (...where: ReturnType<typeof eq>[]) =>
      tx
        .select({ n: count(), oldest: min(loginAttempts.at), latest: max(loginAttempts.at) })
        .from(loginAttempts)
        .where(and(...where, eq(loginAttempts.succeeded, false), gt(loginAttempts.at, since)));
    const minutesUntilFree = (oldest: Date | null) =>
      Math.max(1, Math.ceil(((oldest ? new Date(oldest).getTime() : now.getTime()) + limits.windowMinutes * 60_000 - now.getTime()) / 60_000));

    const [byIp] = await failed(eq(loginAttempts.ip, ip));
    if (byIp.n >= limits.perIp) return { blocked: { kind: "address", minutes: minutesUntilFree(byIp.oldest) } };
    const [byPair] = await failed(eq(loginAttempts.email, email), eq(loginAttempts.ip, ip));
    if (byPair.n >= limits.perAccount) return { blocked: { kind: "pair", minutes: minutesUntilFree(byPair.oldest) } };

    // Account-wide, only failures since the password was last set count: a reset lifts the delay.
    const [user] = await tx.select({ passwordChangedAt: users.passwordChangedAt }).from(users).where(eq(users.email, email)).limit(1);
    const day = new Date(now.getTime() - ACCOUNT_WINDOW_HOURS * 3_600_000);
    const from = user?.passwordChangedAt && user.passwordChangedAt > day ? user.passwordChangedAt : day;
    const [byAccount] = await tx
      .select({ n: count(), latest: max(loginAttempts.at) })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.email, email), eq(loginAttempts.succeeded, false), gt(loginAttempts.at, from)));
    const delay = accountDelaySeconds(byAccount.n, limits);
    if (delay > 0 && byAccount.latest) {
      const waitMs = new Date(byAccount.latest).getTime() + delay * 1000 - now.getTime();
      if (waitMs > 0) return { blocked: { kind: "account", seconds: Math.ceil(waitMs / 1000) } };
    }

    const [row] = await tx.insert(loginAttempts).values({ email, ip, succeeded: false, at: now }).returning({ id: loginAttempts.id });
    return { attemptId: row.id };
  });
}

/** The reserved attempt turned out to have the right password. */
export async function markLoginSucceeded(db: Db, attemptId: number): Promise<void> {
  await db.update(loginAttempts).set({ succeeded: true }).where(eq(loginAttempts.id, attemptId));
}
