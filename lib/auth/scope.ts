import type { SessionUser } from "./authenticate";

export type Role = SessionUser["role"];

/** True when `code` is the organiser's region or lies inside it (33 covers 33.13 and 33.13.08). */
export function regionWithin(scope: string | null, code: string | null | undefined): boolean {
  if (!scope || !code) return false;
  return code === scope || code.startsWith(`${scope}.`);
}

export function organiserCovers(actor: Pick<SessionUser, "role" | "regionCode">, regionCode: string | null | undefined): boolean {
  return actor.role === "organiser" && regionWithin(actor.regionCode, regionCode);
}

/** Where each role lands after signing in. */
export function homePathFor(role: Role): string {
  return role === "organiser" ? "/admin" : role === "judge" ? "/juri" : "/kim";
}
