import { and, eq, isNull, lte, or } from "drizzle-orm";
import { cookies } from "next/headers";
import { decode } from "next-auth/jwt";
import { getDb, type Db, type DbLike } from "@/lib/db/client";
import { users, userSessions } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import type { SessionUser } from "./authenticate";
import { authSecret } from "./secret";
import type { Role } from "./scope";

export type Actor = SessionUser & { passwordChangedAt: Date | null };

/**
 * A session lasts at most this long from sign-in, however often its cookie is renewed
 * (next-auth re-issues the cookie on every /api/auth/session call; the row's expiry does
 * not move).
 */
export const SESSION_HOURS = 12;

/** The user id and the session row a session cookie names. */
export type SessionClaims = { id: string; sid?: string };

/** Thrown where next-auth renews a session whose row has ended: next-auth then deletes the cookie. */
export class SessionEnded extends Error {
  constructor() {
    super("session ended");
    this.name = "SessionEnded";
  }
}

/**
 * The signed-in user as the database knows them now (not as the token remembers): an
 * approval, a rejection, a disabled account, a sign-out or a password change takes effect
 * on the next request.
 */
export async function getActor(): Promise<Actor | null> {
  const store = await cookies();
  const claims = await claimsFromCookieMap(new Map(store.getAll().map((c) => [c.name, c.value] as const)));
  return claims ? loadActor(getDb(), claims) : null;
}

/**
 * The actor of a request that does not pass through next-auth's helpers (the tus
 * upload endpoint, plain route handlers): the session cookie's JWT, checked the same way.
 */
export async function actorFromCookies(cookieHeader: string | null, db: Db = getDb()): Promise<Actor | null> {
  const claims = await sessionClaimsFromCookies(cookieHeader);
  return claims ? loadActor(db, claims) : null;
}

/**
 * The user id and session id in a request's session cookie, verified and decrypted,
 * without a database read: for handlers that load the user and session rows in the same
 * query as their own data, then judge them with actorFromUserRow (the film media routes).
 */
export async function sessionClaimsFromCookies(cookieHeader: string | null): Promise<SessionClaims | null> {
  const map = new Map(
    (cookieHeader ?? "").split(/;\s*/).filter(Boolean).map((pair) => {
      const at = pair.indexOf("=");
      let value = pair.slice(at + 1);
      try {
        value = decodeURIComponent(value);
      } catch {
        // not percent-encoded: a JWT never needs it
      }
      return [pair.slice(0, at), value] as const;
    }),
  );
  return claimsFromCookieMap(map);
}

async function claimsFromCookieMap(cookieMap: Map<string, string>): Promise<SessionClaims | null> {
  for (const name of ["__Secure-next-auth.session-token", "next-auth.session-token"]) {
    // next-auth splits a large token into name.0, name.1, ...
    let token = cookieMap.get(name);
    if (!token) {
      const chunks = [...cookieMap.keys()].filter((k) => k.startsWith(`${name}.`)).sort((a, b) => Number(a.split(".").pop()) - Number(b.split(".").pop()));
      token = chunks.length ? chunks.map((k) => cookieMap.get(k)).join("") : undefined;
    }
    if (!token) continue;
    const remembered = decodedTokens.get(token);
    if (remembered && remembered.until > Date.now()) return remembered.claims;
    const claims = await decode({ token, secret: authSecret() }).catch(() => null);
    if (typeof claims?.uid === "string") {
      const found = { id: claims.uid, sid: typeof claims.sid === "string" ? claims.sid : undefined };
      remember(token, found, typeof claims.exp === "number" ? claims.exp * 1000 : Date.now());
      return found;
    }
  }
  return null;
}

// A player sends a ranged request every second or so, each with the same session cookie;
// decrypting it (key derivation and AES-GCM) cost a third of such a request. A token's
// claims never change, so a decrypted one is remembered for a minute, never past its own
// expiry. Only the decryption is saved: the user and session rows are still read and
// judged on every request (a sign-out, a disabled account or a password change takes
// effect at once).
const DECODED_TTL_MS = 60_000;
const decodedTokens = new Map<string, { claims: SessionClaims; until: number }>();
function remember(token: string, claims: SessionClaims, expiresAt: number) {
  if (decodedTokens.size >= 2000) decodedTokens.clear();
  decodedTokens.set(token, { claims, until: Math.min(Date.now() + DECODED_TTL_MS, expiresAt) });
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The actor of a session cookie's claims: the user row and the session row, read together. */
export async function loadActor(db: DbLike, claims: SessionClaims, now = new Date()): Promise<Actor | null> {
  if (!uuidPattern.test(claims.id) || !claims.sid || !uuidPattern.test(claims.sid)) return null;
  const [row] = await db
    .select({ user: users, session: { expiresAt: userSessions.expiresAt, endedAt: userSessions.endedAt } })
    .from(users)
    .innerJoin(userSessions, and(eq(userSessions.id, claims.sid), eq(userSessions.userId, users.id)))
    .where(eq(users.id, claims.id))
    .limit(1);
  return row ? actorFromUserRow(row.user, row.session, now) : null;
}

type UserRow = Pick<typeof users.$inferSelect, "id" | "email" | "name" | "role" | "status" | "regionCode" | "kimId" | "passwordChangedAt">;
export type SessionRow = { expiresAt: Date; endedAt: Date | null };

/**
 * The actor a session's user row stands for now, or null: no such session (signed out, or
 * ended by a password change, a reset or disabling), past its absolute lifetime, or an
 * account that is rejected or disabled.
 */
export function actorFromUserRow(user: UserRow | null | undefined, session: SessionRow | null | undefined, now = new Date()): Actor | null {
  if (!user || user.status === "rejected" || user.status === "disabled") return null;
  if (!session || session.endedAt || session.expiresAt.getTime() <= now.getTime()) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    status: user.status,
    regionCode: user.regionCode,
    kimId: user.kimId,
    passwordChangedAt: user.passwordChangedAt,
  };
}

/** A new session row at sign-in; the user's ended and expired rows are removed on the way. */
export async function startSession(db: DbLike, userId: string, now = new Date()): Promise<{ sid: string; expiresAt: Date }> {
  await db
    .delete(userSessions)
    .where(and(eq(userSessions.userId, userId), or(lte(userSessions.expiresAt, now), lte(userSessions.endedAt, now))));
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
  const [row] = await db.insert(userSessions).values({ userId, createdAt: now, expiresAt }).returning({ id: userSessions.id });
  return { sid: row.id, expiresAt };
}

/** Signing out: this session ends, on every device holding a copy of its cookie. */
export async function endSession(db: DbLike, sid: string, now = new Date()): Promise<void> {
  if (!uuidPattern.test(sid)) return;
  await db.update(userSessions).set({ endedAt: now }).where(and(eq(userSessions.id, sid), isNull(userSessions.endedAt)));
}

/** A password change or reset, or a disabled account: every session of the user ends. */
export async function endAllSessions(db: DbLike, userId: string, now = new Date()): Promise<void> {
  await db.update(userSessions).set({ endedAt: now }).where(and(eq(userSessions.userId, userId), isNull(userSessions.endedAt)));
}

/** For actions and route handlers: the actor, active, in one of `roles`, or an AppError. */
export async function requireActor(roles: readonly Role[]): Promise<Actor> {
  return checkActor(await getActor(), roles);
}

export function checkActor(actor: Actor | null, roles: readonly Role[]): Actor {
  if (!actor) throw new AppError("unauthenticated", { userMessage: "Silakan masuk terlebih dahulu." });
  if (!roles.includes(actor.role)) throw new AppError("forbidden", { userMessage: "Anda tidak berhak membuka halaman ini." });
  if (actor.status !== "active") {
    throw new AppError("forbidden", { userMessage: "Akun Anda masih menunggu persetujuan Diskominfo." });
  }
  return actor;
}
