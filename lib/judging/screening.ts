import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { films, screeningDecisions } from "@/lib/db/schema";
import type { SessionUser } from "@/lib/auth/authenticate";
import { AppError, notFound } from "@/lib/errors";
import { organiserEdition } from "./assignment-plan";
import { plainText } from "@/lib/text/sanitise";
import { notifyScreening } from "@/lib/messages/events";
import { notifySafely } from "@/lib/messages/queue";

export const screeningSchema = z.discriminatedUnion("eligible", [
  z.object({ filmId: z.uuid(), eligible: z.literal("ya") }),
  z.object({ filmId: z.uuid(), eligible: z.literal("tidak"), reason: plainText().trim().min(5, "Tulis alasan yang akan dibaca KIM (minimal 5 karakter).").max(500) }),
]);

/**
 * Kurasi: the organiser marks an uploaded film eligible or not. A film marked not
 * eligible leaves judging, and its KIM reads the reason on its dashboard.
 */
export async function decideScreening(db: Db, actor: SessionUser, slug: string, input: unknown) {
  const edition = await organiserEdition(db, actor, slug);
  const data = screeningSchema.parse(input);
  const eligible = data.eligible === "ya";
  const reason = data.eligible === "tidak" ? data.reason : null;
  const filmId = await db.transaction(async (tx) => {
    const [film] = await tx
      .update(films)
      .set({ status: eligible ? "lolos_kurasi" : "tidak_lolos_kurasi", statusReason: reason, updatedAt: new Date() })
      .where(and(eq(films.id, data.filmId), eq(films.editionId, edition.id), inArray(films.status, ["diunggah", "lolos_kurasi", "tidak_lolos_kurasi"])))
      .returning({ id: films.id });
    if (!film) {
      const [exists] = await tx.select({ id: films.id }).from(films).where(and(eq(films.id, data.filmId), eq(films.editionId, edition.id)));
      if (!exists) throw notFound();
      throw new AppError("conflict", { userMessage: "Hanya film yang videonya sudah lolos pemeriksaan yang bisa dikurasi." });
    }
    await tx
      .insert(screeningDecisions)
      .values({ filmId: film.id, eligible, reason, decidedBy: actor.id })
      .onConflictDoUpdate({ target: screeningDecisions.filmId, set: { eligible, reason, decidedBy: actor.id, decidedAt: new Date() } });
    await recordAudit(tx, { actorId: actor.id, action: eligible ? "screening.eligible" : "screening.not_eligible", entityType: "film", entityId: film.id, data: reason ? { reason } : undefined });
    return film.id;
  });
  await notifySafely("screening", () => notifyScreening(db, filmId, { eligible, reason, decidedBy: actor.id }));
}
