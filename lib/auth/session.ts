import { eq } from "drizzle-orm";
import { getServerSession } from "next-auth";
import { getDb } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import type { SessionUser } from "./authenticate";
import { authOptions } from "./options";
import type { Role } from "./scope";

export type Actor = SessionUser & { passwordChangedAt: Date | null };

/**
 * The signed-in user as the database knows them now (not as the token remembers):
 * an approval, a rejection or a disabled account takes effect on the next request.
 */
export async function getActor(): Promise<Actor | null> {
  const session = await getServerSession(authOptions());
  const claims = session?.user as { id?: string; issuedAt?: number } | undefined;
  if (!claims?.id) return null;
  const [user] = await getDb().select().from(users).where(eq(users.id, claims.id)).limit(1);
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
  const actor = await getActor();
  if (!actor) throw new AppError("unauthenticated", { userMessage: "Silakan masuk terlebih dahulu." });
  if (!roles.includes(actor.role)) throw new AppError("forbidden", { userMessage: "Anda tidak berhak membuka halaman ini." });
  if (actor.status !== "active") {
    throw new AppError("forbidden", { userMessage: "Akun Anda masih menunggu persetujuan Diskominfo." });
  }
  return actor;
}
