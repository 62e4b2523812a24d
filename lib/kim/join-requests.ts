import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/authenticate";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { kimGroups, kimRegistrations, users } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { forbidden, notFound } from "@/lib/errors";
import { sendMail } from "@/lib/mail/send-mail";
import { plainText } from "@/lib/text/sanitise";
import { activeMembers } from "./kim-dossier";

/**
 * A registration that names a KIM already in the registry is a request to join it. The
 * account stays pending, with no KIM linked (so it reads none of the KIM's films, jury
 * comments or certificates), until one of the KIM's active members agrees on /kim, or,
 * for a KIM without an active member, the organiser approves on /admin/pendaftaran
 * (lib/auth/register-kim.ts). The KIM's active members are mailed when the request arrives.
 */

function isActiveMember(actor: SessionUser): actor is SessionUser & { kimId: string } {
  return actor.role === "kim" && actor.status === "active" && !!actor.kimId;
}

/** Open requests to join the actor's own KIM, newest first. */
export async function listJoinRequests(db: Db, actor: SessionUser) {
  if (!isActiveMember(actor)) throw forbidden();
  return db
    .select({
      id: kimRegistrations.id,
      name: users.name,
      email: users.email,
      phone: users.phone,
      position: kimRegistrations.position,
      createdAt: kimRegistrations.createdAt,
    })
    .from(kimRegistrations)
    .innerJoin(users, eq(users.id, kimRegistrations.userId))
    .where(and(eq(kimRegistrations.existingKimId, actor.kimId), eq(kimRegistrations.status, "pending")))
    .orderBy(desc(kimRegistrations.createdAt));
}

export const decideJoinSchema = z.discriminatedUnion("decision", [
  z.object({ registrationId: z.uuid(), decision: z.literal("approve") }),
  z.object({
    registrationId: z.uuid(),
    decision: z.literal("reject"),
    reason: plainText().trim().min(5, "Tulis alasan menolak (minimal 5 karakter); pendaftar akan membacanya.").max(500, "Alasan paling panjang 500 karakter."),
  }),
]);

/**
 * An active member lets a new account into their KIM, or refuses it with a reason the
 * applicant reads when signing in. Only requests to join the member's own KIM are found;
 * the status moves from pending in the same statement, so two members deciding at once
 * (or a double click) decide once.
 */
export async function decideJoinRequest(db: Db, actor: SessionUser, input: unknown, now = new Date()): Promise<{ name: string }> {
  if (!isActiveMember(actor)) throw forbidden();
  const data = decideJoinSchema.parse(input);
  return db.transaction(async (tx) => {
    const [reg] = await tx
      .update(kimRegistrations)
      .set({ status: data.decision === "approve" ? "approved" : "rejected", reason: data.decision === "reject" ? data.reason : null, decidedBy: actor.id, decidedAt: now })
      .where(and(eq(kimRegistrations.id, data.registrationId), eq(kimRegistrations.existingKimId, actor.kimId), eq(kimRegistrations.status, "pending")))
      .returning({ id: kimRegistrations.id, userId: kimRegistrations.userId });
    if (!reg) throw notFound();
    const [user] = await tx
      .update(users)
      .set(data.decision === "approve" ? { status: "active", kimId: actor.kimId } : { status: "rejected", statusReason: data.reason })
      .where(and(eq(users.id, reg.userId), eq(users.status, "pending")))
      .returning({ name: users.name });
    if (!user) throw notFound();
    await recordAudit(tx, {
      actorId: actor.id,
      action: `kim.join.${data.decision}`,
      entityType: "kim_registration",
      entityId: reg.id,
      data: { kimId: actor.kimId, ...(data.decision === "reject" ? { reason: data.reason } : {}) },
    });
    return { name: user.name };
  });
}

/** Tells every active member of the KIM that someone asks to join, and how to answer. */
export async function mailJoinRequest(db: Db, kimId: string, applicant: { name: string; email: string; position: string }): Promise<number> {
  const [kim] = await db.select({ name: kimGroups.name }).from(kimGroups).where(eq(kimGroups.id, kimId));
  const members = await activeMembers(db, [kimId]);
  for (const member of members) {
    await sendMail({
      to: member.email,
      subject: `Permintaan bergabung dengan ${kim.name}`,
      text: [
        `Halo ${member.name},`,
        "",
        `${applicant.name} (${applicant.email}, ${applicant.position}) mendaftar di Layar sebagai pengurus ${kim.name} dan meminta bergabung dengan akun KIM Anda.`,
        "Akun itu belum bisa melihat film, komentar juri, maupun piagam KIM Anda sampai salah satu anggota aktif menyetujuinya.",
        "",
        `Setujui atau tolak di dasbor KIM: ${env().publicUrl}/kim`,
        "Jika Anda tidak mengenal orang ini, tolak permintaannya.",
      ].join("\n"),
    });
  }
  return members.length;
}

/** A pending account's own registration: whether it waits for a KIM's members or the organiser. */
export async function ownPendingRegistration(db: Db, actor: SessionUser) {
  if (actor.role !== "kim" || actor.status !== "pending") return null;
  const [row] = await db
    .select({ kimName: kimRegistrations.kimName, joinsKimId: kimRegistrations.existingKimId })
    .from(kimRegistrations)
    .where(and(eq(kimRegistrations.userId, actor.id), eq(kimRegistrations.status, "pending")));
  return row ?? null;
}
