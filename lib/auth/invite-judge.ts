import { and, eq, gt, isNull } from "drizzle-orm";
import { z } from "zod";
import { emailSchema } from "./email";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { editionJudges, editions, judgeInvitations, regions, users } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { AppError, forbidden } from "@/lib/errors";
import { sendMail, type MailResult } from "@/lib/mail/send-mail";
import type { SessionUser } from "./authenticate";
import { hashPassword, passwordSchema } from "./password";
import { organiserCovers } from "./scope";
import { hashToken, newToken } from "./tokens";

const INVITATION_VALID_DAYS = 14;

export const inviteJudgeSchema = z.object({
  name: z.string().trim().min(2, "Tulis nama juri.").max(120),
  email: emailSchema,
  regencyCode: z.string().regex(/^\d{2}\.\d{2}$/, "Pilih kabupaten/kota asal juri."),
  editionId: z.uuid().optional().or(z.literal("").transform(() => undefined)),
});

export type Invitation = { link: string; mail: MailResult };

/** An organiser invites a judge; the link goes by email and can be copied for WhatsApp. */
export async function inviteJudge(db: Db, actor: SessionUser, input: unknown, now = new Date()): Promise<Invitation> {
  if (actor.role !== "organiser") throw forbidden();
  const data = inviteJudgeSchema.parse(input);
  const [regency] = await db.select().from(regions).where(and(eq(regions.code, data.regencyCode), eq(regions.level, "kabupaten")));
  if (!regency) throw new AppError("invalid", { userMessage: "Kabupaten/kota tidak dikenal.", fieldErrors: { regencyCode: ["Pilih kabupaten/kota dari daftar."] } });
  if (data.editionId) {
    const [edition] = await db.select({ regionCode: editions.regionCode }).from(editions).where(eq(editions.id, data.editionId));
    if (!edition || !organiserCovers(actor, edition.regionCode)) throw forbidden();
  }
  const { token, hash } = newToken();
  await db.insert(judgeInvitations).values({
    tokenHash: hash,
    editionId: data.editionId ?? null,
    email: data.email,
    name: data.name,
    regencyCode: data.regencyCode,
    createdBy: actor.id,
    expiresAt: new Date(now.getTime() + INVITATION_VALID_DAYS * 86_400_000),
  });
  await recordAudit(db, { actorId: actor.id, action: "judge.invite", entityType: "judge_invitation", entityId: hash.slice(0, 16), data: { email: data.email, editionId: data.editionId } });
  const link = `${env().publicUrl}/undangan/${token}`;
  const mail = await sendMail({
    to: data.email,
    subject: "Undangan menjadi juri di Layar",
    text: [
      `Yth. ${data.name},`,
      "",
      `${actor.name} mengundang Anda menjadi juri festival film pendek KIM di Layar.`,
      `Buka tautan ini dalam ${INVITATION_VALID_DAYS} hari untuk membuat akun juri Anda:`,
      link,
    ].join("\n"),
  });
  return { link, mail };
}

/** Looks up an open invitation by its token, for the acceptance page. */
export async function findInvitation(db: Db, token: string, now = new Date()) {
  const [row] = await db
    .select()
    .from(judgeInvitations)
    .where(and(eq(judgeInvitations.tokenHash, hashToken(token)), isNull(judgeInvitations.acceptedAt), gt(judgeInvitations.expiresAt, now)));
  return row ?? null;
}

export const acceptInvitationSchema = z
  .object({ token: z.string().min(10).max(100), password: passwordSchema, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "Konfirmasi kata sandi tidak sama." });

/** Whether the invited email already has a judge account (it then joins without a new password). */
export async function invitationForExistingJudge(db: Db, invitation: { email: string }): Promise<boolean> {
  const [user] = await db.select({ role: users.role }).from(users).where(eq(users.email, invitation.email));
  return user?.role === "judge";
}

/** Creates the judge's account (or, for an existing judge, joins the edition) and spends the link. */
export async function acceptInvitation(db: Db, input: unknown, now = new Date()): Promise<{ userId: string }> {
  const token = z.object({ token: z.string().min(10).max(100) }).parse(input).token;
  const open = await findInvitation(db, token, now);
  // An existing judge only joins the edition: their password stays as it is.
  const joining = open ? await invitationForExistingJudge(db, open) : false;
  const data = joining ? { token, password: "" } : acceptInvitationSchema.parse(input);
  const passwordHash = joining ? "" : await hashPassword(data.password);
  return db.transaction(async (tx) => {
    const [invitation] = await tx
      .update(judgeInvitations)
      .set({ acceptedAt: now })
      .where(and(eq(judgeInvitations.tokenHash, hashToken(data.token)), isNull(judgeInvitations.acceptedAt), gt(judgeInvitations.expiresAt, now)))
      .returning();
    if (!invitation) throw new AppError("invalid", { userMessage: "Undangan sudah dipakai atau kedaluwarsa. Minta undangan baru kepada panitia." });
    const [existing] = await tx.select().from(users).where(eq(users.email, invitation.email));
    if (existing && existing.role !== "judge") {
      throw new AppError("conflict", { userMessage: "Email ini sudah dipakai akun lain yang bukan juri. Hubungi panitia." });
    }
    const userId =
      existing?.id ??
      (
        await tx
          .insert(users)
          .values({ email: invitation.email, name: invitation.name, passwordHash, role: "judge", status: "active", regionCode: invitation.regencyCode })
          .returning({ id: users.id })
      )[0].id;
    await tx.update(judgeInvitations).set({ acceptedUserId: userId }).where(eq(judgeInvitations.tokenHash, invitation.tokenHash));
    if (invitation.editionId) {
      await tx.insert(editionJudges).values({ editionId: invitation.editionId, userId }).onConflictDoNothing();
    }
    await recordAudit(tx, { actorId: userId, action: "judge.accept_invitation", entityType: "user", entityId: userId, data: { editionId: invitation.editionId } });
    return { userId };
  });
}
