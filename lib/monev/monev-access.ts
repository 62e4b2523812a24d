import { and, eq } from "drizzle-orm";
import type { SessionUser } from "@/lib/auth/authenticate";
import type { DbLike } from "@/lib/db/client";
import { monevRounds } from "@/lib/db/schema";
import { AppError, notFound } from "@/lib/errors";

import { inRegion } from "@/lib/kim/in-region";

export { inRegion };

export function requireOrganiser(actor: SessionUser): string {
  if (actor.role !== "organiser" || actor.status !== "active" || !actor.regionCode) throw notFound();
  return actor.regionCode;
}

/** A Monev the organiser's region covers; another region's (or a KIM's, a judge's) asking gets not-found. */
export async function organiserMonev(db: DbLike, actor: SessionUser, monevId: string) {
  const scope = requireOrganiser(actor);
  if (!/^[0-9a-f-]{36}$/i.test(monevId)) throw notFound();
  const [round] = await db.select().from(monevRounds).where(and(eq(monevRounds.id, monevId), inRegion(monevRounds.regionCode, scope)));
  if (!round) throw notFound();
  return round;
}

export const monevClosed = () => new AppError("conflict", { userMessage: "Monev ini sudah selesai; nilai dan keputusannya tidak bisa diubah lagi." });
