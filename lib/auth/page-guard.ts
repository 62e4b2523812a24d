import { forbidden, redirect } from "next/navigation";
import { getActor, type Actor } from "./session";
import type { Role } from "./scope";

/**
 * For server-rendered pages: not signed in -> the sign-in page (then back here);
 * wrong role -> 403 with no data. A pending KIM reaches only pages that allow it.
 */
export async function requirePageActor(roles: readonly Role[], from: string, options: { allowPending?: boolean } = {}): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect(`/masuk?kembali=${encodeURIComponent(from)}`);
  if (!roles.includes(actor.role)) forbidden();
  if (actor.status !== "active" && !options.allowPending) forbidden();
  return actor;
}
