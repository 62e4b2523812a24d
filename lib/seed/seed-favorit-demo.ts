import { and, asc, eq, inArray } from "drizzle-orm";
import type { Tx } from "@/lib/db/client";
import { favoritNominees, favoritPhases, favoritVotes, films } from "@/lib/db/schema";
import { nominableStatuses } from "@/lib/favorit/admin";
import { identityHash } from "@/lib/favorit/identity";

/**
 * The demo's favorit vote (docs/decisions/0036): on the Jawa Tengah sample edition that is
 * being judged, four of its films are nominees and the public window is open from two days
 * ago for twelve more days, so a visitor of the demo can vote (the code arrives in the
 * outbox, or over SMTP when set). A few votes from "contoh" addresses show the fraud report.
 */
export async function seedFavoritDemo(tx: Tx, input: { editionId: string; organiserId: string; now: Date }) {
  const { editionId, organiserId, now } = input;
  const day = 86_400_000;
  const candidates = await tx
    .select({ id: films.id, categoryId: films.categoryId, title: films.title })
    .from(films)
    .where(and(eq(films.editionId, editionId), inArray(films.status, [...nominableStatuses]), eq(films.publicationConsent, true)))
    .orderBy(asc(films.code));
  // Four films of different titles (the sample films repeat a few titles, and a ballot of two
  // "Jejak di Lereng" would confuse a visitor).
  const nominees = candidates.filter((f, i) => candidates.findIndex((g) => g.title === f.title) === i).slice(0, 4);
  if (nominees.length < 2) return;
  await tx.insert(favoritPhases).values({ editionId, opensAt: new Date(now.getTime() - 2 * day), closesAt: new Date(now.getTime() + 12 * day), createdBy: organiserId });
  await tx.insert(favoritNominees).values(nominees.map((f, i) => ({ editionId, filmId: f.id, categoryId: f.categoryId, position: i })));
  // Seven sample voters, from two documentation networks (RFC 5737), over the last two days.
  const votes = Array.from({ length: 7 }, (_, i) => {
    const film = nominees[i % 3 === 0 ? 0 : i % nominees.length];
    return {
      editionId,
      categoryKey: film.categoryId ?? "",
      filmId: film.id,
      voterHash: identityHash(editionId, "email", `pemilih${i + 1}@contoh.id`),
      channel: "email",
      emailDomain: "contoh.id",
      network: i % 2 ? "192.0.2.0/24" : "198.51.100.0/24",
      votedAt: new Date(now.getTime() - (2 * day * (i + 1)) / 8),
    };
  });
  await tx.insert(favoritVotes).values(votes);
}
