import { eq } from "drizzle-orm";
import { getServerSession } from "next-auth";
import { decode } from "next-auth/jwt";
import { getDb, type Db } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import type { SessionUser } from "./authenticate";
import { authOptions } from "./options";
import { authSecret } from "./secret";
import type { Role } from "./scope";

export type Actor = SessionUser & { passwordChangedAt: Date | null };

/**
 * The signed-in user as the database knows them now (not as the token remembers):
 * an approval, a rejection or a disabled account takes effect on the next request.
 */
export async function getActor(): Promise<Actor | null> {
  const session = await getServerSession(authOptions());
  const claims = session?.user as { id?: string; issuedAt?: number } | undefined;
  return claims?.id ? loadActor(getDb(), { id: claims.id, issuedAt: claims.issuedAt }) : null;
}

/**
 * The actor of a request that does not pass through next-auth's helpers (the tus
 * upload endpoint, plain route handlers): the session cookie's JWT, checked the same way.
 */
export async function actorFromCookies(cookieHeader: string | null, db: Db = getDb()): Promise<Actor | null> {
  const claims = await sessionClaimsFromCookies(cookieHeader);
  return claims ? loadActor(db, claims) : null;
}

export type SessionClaims = { id: string; issuedAt?: number };

/**
 * The user id (and sign-in time) in a request's session cookie, verified and decrypted,
 * without a database read: for handlers that load the user row in the same query as
 * their own data, then judge it with actorFromUserRow (the film media routes).
 */
export async function sessionClaimsFromCookies(cookieHeader: string | null): Promise<SessionClaims | null> {
  const cookies = new Map(
    (cookieHeader ?? "").split(/;\s*/).filter(Boolean).map((pair) => {
      const at = pair.indexOf("=");
      return [pair.slice(0, at), decodeURIComponent(pair.slice(at + 1))] as const;
    }),
  );
  for (const name of ["__Secure-next-auth.session-token", "next-auth.session-token"]) {
    // next-auth splits a large token into name.0, name.1, ...
    let token = cookies.get(name);
    if (!token) {
      const chunks = [...cookies.keys()].filter((k) => k.startsWith(`${name}.`)).sort((a, b) => Number(a.split(".").pop()) - Number(b.split(".").pop()));
      token = chunks.length ? chunks.map((k) => cookies.get(k)).join("") : undefined;
    }
    if (!token) continue;
    const remembered = decodedTokens.get(token);
    if (remembered && remembered.until > Date.now()) return remembered.claims;
    const claims = await decode({ token, secret: authSecret() }).catch(() => null);
    if (typeof claims?.uid === "string") {
      const found = { id: claims.uid, issuedAt: typeof claims.iat === "number" ? claims.iat : undefined };
      remember(token, found, typeof claims.exp === "number" ? claims.exp * 1000 : Date.now());
      return found;
    }
  }
  return null;
}

// A player sends a ranged request every second or so, each with the same session cookie;
// decrypting it (key derivation and AES-GCM) cost a third of such a request. A token's
// claims never change, so a decrypted one is remembered for a minute, never past its own
// expiry. Only the decryption is saved: the user row is still read and judged on every
// request (a disabled account or a password change takes effect at once).
const DECODED_TTL_MS = 60_000;
const decodedTokens = new Map<string, { claims: SessionClaims; until: number }>();
function remember(token: string, claims: SessionClaims, expiresAt: number) {
  if (decodedTokens.size >= 2000) decodedTokens.clear();
  decodedTokens.set(token, { claims, until: Math.min(Date.now() + DECODED_TTL_MS, expiresAt) });
}

async function loadActor(db: Db, claims: SessionClaims): Promise<Actor | null> {
  const [user] = await db.select().from(users).where(eq(users.id, claims.id)).limit(1);
  return actorFromUserRow(user, claims);
}

type UserRow = Pick<typeof users.$inferSelect, "id" | "email" | "name" | "role" | "status" | "regionCode" | "kimId" | "passwordChangedAt">;

/** The actor a session's user row stands for now, or null (rejected, disabled, or signed in before a password change). */
export function actorFromUserRow(user: UserRow | null | undefined, claims: SessionClaims): Actor | null {
  if (!user || user.status === "rejected" || user.status === "disabled") return null;
  // A password change or reset ends every session signed in before it.
  if (user.passwordChangedAt && claims.issuedAt && user.passwordChangedAt.getTime() > claims.issuedAt * 1000 + 1000) return null;
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
