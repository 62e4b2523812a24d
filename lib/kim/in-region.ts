import { eq, like, or, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";

/** `column` is the region `scope` or lies inside it (33 covers 33.13), as a where clause (lib/auth/scope.ts's regionWithin in SQL). */
export function inRegion(column: AnyPgColumn, scope: string): SQL {
  return or(eq(column, scope), like(column, `${scope}.%`))!;
}
