import { and, eq } from "drizzle-orm";
import type { DbLike } from "@/lib/db/client";
import { editions, judgingRounds } from "@/lib/db/schema";
import { formatWib } from "@/lib/format/dates";

export type RoundKind = "kurasi" | "penilaian" | "final";

/** The edition's round of a kind, created the first time it is needed. */
export async function ensureRound(db: DbLike, editionId: string, kind: RoundKind) {
  const [existing] = await db.select().from(judgingRounds).where(and(eq(judgingRounds.editionId, editionId), eq(judgingRounds.kind, kind)));
  if (existing) return existing;
  const [created] = await db.insert(judgingRounds).values({ editionId, kind }).onConflictDoNothing().returning();
  if (created) return created;
  const [raced] = await db.select().from(judgingRounds).where(and(eq(judgingRounds.editionId, editionId), eq(judgingRounds.kind, kind)));
  return raced;
}

/**
 * The round judges are scoring now and results come from: the final round once an
 * organiser has started one on a shortlist, else the scoring round.
 */
export async function activeRound(db: DbLike, editionId: string) {
  const [final] = await db.select().from(judgingRounds).where(and(eq(judgingRounds.editionId, editionId), eq(judgingRounds.kind, "final")));
  return final ?? ensureRound(db, editionId, "penilaian");
}

type Edition = Pick<typeof editions.$inferSelect, "status" | "judgingClosesAt">;
type Round = Pick<typeof judgingRounds.$inferSelect, "closedAt" | "closesAt">;

/**
 * Whether judges may still change scores: the edition is in judging, the round is
 * not closed, and the judging close (the round's own, else the edition's) has not
 * passed. An organiser extends judging by moving that date.
 */
export function scoringOpen(edition: Edition, round: Round, now: Date): { open: true } | { open: false; reason: string } {
  if (edition.status !== "penjurian") return { open: false, reason: "Festival ini tidak sedang dalam masa penilaian." };
  if (round.closedAt) return { open: false, reason: "Babak penilaian ini sudah ditutup." };
  const closes = round.closesAt ?? edition.judgingClosesAt;
  if (closes && now >= closes) return { open: false, reason: `Masa penilaian berakhir ${formatWib(closes)}. Hubungi panitia bila perlu perpanjangan.` };
  return { open: true };
}
