import crypto from "node:crypto";
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { DbLike } from "@/lib/db/client";
import { certificates, films, judgeAssignments, scoreSheets } from "@/lib/db/schema";
import { activeRound } from "@/lib/judging/rounds";

/**
 * Participation certificates (piagam peserta) and judges' certificates, issued inside the
 * seal transaction and removed inside the unseal one (lib/results/edition-results.ts).
 *
 * - peserta: one per film whose status is `juara` or `dinilai` (every film that was judged,
 *   winners included: a winner receives both its placement's piagam and a participation one);
 * - juri: one per judge with at least one submitted sheet in the edition's active round (the
 *   jury the Berita Acara names).
 *
 * Idempotent: a second call keeps the codes already issued, adds the missing holders and drops
 * the holders that no longer qualify. A code is 12 random upper-case hex characters, like
 * placements.certificate_code; it verifies only once the results are public.
 */
export async function issueCertificates(tx: DbLike, editionId: string): Promise<void> {
  const round = await activeRound(tx, editionId);
  const [entrants, jury, issued] = await Promise.all([
    tx
      .select({ filmId: films.id, kimId: films.kimId })
      .from(films)
      .where(and(eq(films.editionId, editionId), inArray(films.status, ["juara", "dinilai"]))),
    tx
      .selectDistinct({ userId: judgeAssignments.judgeId })
      .from(judgeAssignments)
      .innerJoin(scoreSheets, eq(scoreSheets.assignmentId, judgeAssignments.id))
      .where(and(eq(judgeAssignments.roundId, round.id), isNull(judgeAssignments.removedAt), eq(scoreSheets.status, "submitted"))),
    tx.select().from(certificates).where(eq(certificates.editionId, editionId)),
  ]);

  const holderKey = (c: { kind: string; filmId?: string | null; userId?: string | null }) => (c.kind === "peserta" ? `peserta:${c.filmId}` : `juri:${c.userId}`);
  const wanted = new Map<string, typeof certificates.$inferInsert>();
  for (const e of entrants) wanted.set(holderKey({ kind: "peserta", filmId: e.filmId }), { code: newCode(), editionId, kind: "peserta", filmId: e.filmId, kimId: e.kimId });
  for (const j of jury) wanted.set(holderKey({ kind: "juri", userId: j.userId }), { code: newCode(), editionId, kind: "juri", userId: j.userId });

  const stale: string[] = [];
  for (const c of issued) {
    const key = holderKey(c);
    if (wanted.has(key)) wanted.delete(key);
    else stale.push(c.code);
  }
  if (stale.length) await tx.delete(certificates).where(inArray(certificates.code, stale));
  if (wanted.size) await tx.insert(certificates).values([...wanted.values()]);
}

/** Every participation and judge certificate of the edition, gone (the results were unsealed). */
export async function removeCertificates(tx: DbLike, editionId: string): Promise<void> {
  await tx.delete(certificates).where(eq(certificates.editionId, editionId));
}

function newCode(): string {
  return crypto.randomBytes(6).toString("hex").toUpperCase();
}
