import { and, asc, eq, inArray, isNotNull } from "drizzle-orm";
import type { Tx } from "@/lib/db/client";
import { editions, filmNominations, films, judgeAssignments, judgingRounds, kimGroups, placements, users } from "@/lib/db/schema";
import { newToken } from "@/lib/auth/tokens";
import { promoteFilm } from "@/lib/nominations/nominate";

type Edition = typeof editions.$inferSelect;

/**
 * The demo's regency → province path (issue 15, docs/decisions/0035): the Jawa Tengah sample
 * edition takes nominations and direct entries (top 3 of each regency's published ranking),
 * and Karanganyar's published Juara I–III are nominated into it and confirmed: promoted
 * copies with new JTG codes and media rows on the same stored files, judged like the rest
 * (assigned to judges from outside Karanganyar, the home-regency rule).
 */
export async function seedNominationDemo(tx: Tx, o: { target: Edition; source: Edition; organiserId: string; judges: string[] }) {
  const now = new Date();
  await tx.update(editions).set({ intake: { mode: "keduanya", quotaKind: "peringkat", quotaPerRegency: 3 } }).where(eq(editions.id, o.target.id));
  const podium = await tx
    .select({ filmId: placements.filmId, kimId: placements.kimId, placement: placements.placement, rank: placements.rank })
    .from(placements)
    .where(and(eq(placements.editionId, o.source.id), isNotNull(placements.filmId), inArray(placements.placement, ["Juara I", "Juara II", "Juara III"])))
    .orderBy(asc(placements.rank));
  const [round] = await tx.select().from(judgingRounds).where(and(eq(judgingRounds.editionId, o.target.id), eq(judgingRounds.kind, "penilaian"))).limit(1);
  const judgeRows = await tx.select({ id: users.id, regionCode: users.regionCode }).from(users).where(inArray(users.id, o.judges));
  const prefix = `JTG${String(o.target.year ?? now.getFullYear()).slice(2)}`;
  for (const p of podium) {
    const [nomination] = await tx
      .insert(filmNominations)
      .values({
        sourceFilmId: p.filmId!,
        sourceEditionId: o.source.id,
        targetEditionId: o.target.id,
        kimId: p.kimId,
        regionCode: o.source.regionCode,
        sourcePlacement: p.placement,
        sourceRank: p.rank,
        status: "dikonfirmasi",
        tokenHash: newToken().hash,
        nominatedBy: o.organiserId,
        decidedAt: now,
      })
      .returning();
    const promoted = await promoteFilm(tx, nomination, o.target, null, now, prefix);
    // Judged like the edition's other sample films (seedJudgedEdition): in judging, not yet scored.
    await tx.update(films).set({ status: "dinilai" }).where(eq(films.id, promoted.filmId));
    const [kim] = await tx.select({ regencyCode: kimGroups.regencyCode }).from(kimGroups).where(eq(kimGroups.id, p.kimId));
    if (!round) continue;
    const eligible = judgeRows.filter((j) => j.regionCode !== kim.regencyCode).slice(0, 2);
    if (eligible.length) await tx.insert(judgeAssignments).values(eligible.map((j) => ({ roundId: round.id, filmId: promoted.filmId, judgeId: j.id, createdBy: o.organiserId })));
  }
}
