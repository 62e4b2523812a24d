import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { editions, films, placements, users } from "@/lib/db/schema";
import { editionSettings } from "@/lib/editions/defaults";
import { env } from "@/lib/env";
import { sendMail } from "@/lib/mail/send-mail";

function outcome(film: { status: string; reason: string | null }, placement: string | undefined): string {
  if (film.status === "dikecualikan") return `tidak diperingkat: ${film.reason ?? "keputusan panitia"}`;
  return placement ?? "sudah dinilai (tidak mendapat juara kali ini)";
}

/** Tells every KIM with a film in the edition that results are out, and its own outcome. */
export async function notifyKimsOfResults(db: Db, editionId: string): Promise<number> {
  const [edition] = await db.select().from(editions).where(eq(editions.id, editionId));
  if (!edition) return 0;
  const entries = await db
    .select({ id: films.id, title: films.title, kimId: films.kimId, status: films.status, reason: films.statusReason })
    .from(films)
    .where(and(eq(films.editionId, editionId), inArray(films.status, ["juara", "dinilai", "dikecualikan"])));
  if (entries.length === 0) return 0;
  const placed = new Map((await db.select().from(placements).where(eq(placements.editionId, editionId))).map((p) => [p.filmId, p.placement]));
  const members = await db
    .select({ email: users.email, name: users.name, kimId: users.kimId })
    .from(users)
    .where(and(eq(users.role, "kim"), eq(users.status, "active"), inArray(users.kimId, [...new Set(entries.map((e) => e.kimId))])));
  for (const member of members) {
    const own = entries.filter((e) => e.kimId === member.kimId);
    await sendMail({
      to: member.email,
      subject: `Hasil diumumkan: ${edition.title}`,
      text: [
        `Halo ${member.name},`,
        "",
        `Hasil ${edition.title} sudah diumumkan.`,
        ...own.map((f) => `- ${f.title}: ${outcome(f, placed.get(f.id))}`),
        "",
        editionSettings(edition.settings).showJuryCommentsToKim ? "Komentar dewan juri untuk film Anda bisa dibaca di dasbor KIM." : "",
        `${env().publicUrl}/kim`,
      ].join("\n"),
    });
  }
  return members.length;
}
