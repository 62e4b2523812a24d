import { and, eq, gt, isNull } from "drizzle-orm";
import { z } from "zod";
import { emailSchema } from "./email";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db, DbLike } from "@/lib/db/client";
import { editionJudges, editions, judgeInvitations, regions, users } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { sendMail, type MailResult } from "@/lib/mail/send-mail";
import type { SessionUser } from "./authenticate";
import { hashPassword, passwordSchema } from "./password";
import { organiserCovers } from "./scope";
import { hashToken, newToken } from "./tokens";
import { nameText } from "@/lib/text/sanitise";

const INVITATION_VALID_DAYS = 14;
const validUntil = (now: Date) => new Date(now.getTime() + INVITATION_VALID_DAYS * 86_400_000);

export const inviteJudgeSchema = z.object({
  name: nameText().trim().min(2, "Tulis nama juri.").max(120),
  email: emailSchema,
  regencyCode: z.string().regex(/^\d{2}\.\d{2}$/, "Pilih kabupaten/kota asal juri."),
  editionId: z.uuid().optional().or(z.literal("").transform(() => undefined)),
});

export type Invitation = { link: string; mail: MailResult };
type InvitationRow = typeof judgeInvitations.$inferSelect;

/** Where an invitation stands, in the words the roster shows: an open link, used, past its 14 days, or withdrawn. */
export type InvitationStatus = "sent" | "accepted" | "expired" | "revoked";

export function invitationStatus(row: Pick<InvitationRow, "acceptedAt" | "revokedAt" | "expiresAt">, now = new Date()): InvitationStatus {
  if (row.acceptedAt) return "accepted";
  if (row.revokedAt) return "revoked";
  return row.expiresAt <= now ? "expired" : "sent";
}

/** An invitation is open while it is neither used, withdrawn nor expired: the one rule every reader of a token applies. */
const isOpen = (tokenHash: string, now: Date) =>
  and(eq(judgeInvitations.tokenHash, tokenHash), isNull(judgeInvitations.acceptedAt), isNull(judgeInvitations.revokedAt), gt(judgeInvitations.expiresAt, now));

/** The account an email already has, if any (an existing judge joins without a new password). */
async function accountOf(db: DbLike, email: string) {
  const [user] = await db.select({ id: users.id, role: users.role }).from(users).where(eq(users.email, email));
  return user ?? null;
}

/** An organiser invites a judge; the link goes by email and can be copied for WhatsApp. */
export async function inviteJudge(db: Db, actor: SessionUser, input: unknown, now = new Date()): Promise<Invitation> {
  if (actor.role !== "organiser") throw forbidden();
  const data = inviteJudgeSchema.parse(input);
  const [regency] = await db.select().from(regions).where(and(eq(regions.code, data.regencyCode), eq(regions.level, "kabupaten")));
  if (!regency) throw new AppError("invalid", { userMessage: "Kabupaten/kota tidak dikenal.", fieldErrors: { regencyCode: ["Pilih kabupaten/kota dari daftar."] } });
  let editionTitle: string | null = null;
  if (data.editionId) {
    const [edition] = await db.select({ title: editions.title, regionCode: editions.regionCode }).from(editions).where(eq(editions.id, data.editionId));
    if (!edition || !organiserCovers(actor, edition.regionCode)) throw forbidden();
    editionTitle = edition.title;
  }
  const account = await accountOf(db, data.email);
  if (account && account.role !== "judge") {
    throw new AppError("conflict", { userMessage: "Periksa email juri.", fieldErrors: { email: ["Email ini dipakai akun panitia atau KIM. Juri perlu email lain."] } });
  }
  if (data.editionId) await refuseDuplicate(db, data.editionId, data.email, account?.id ?? null, now);
  const { token, hash } = newToken();
  await db.insert(judgeInvitations).values({
    tokenHash: hash,
    editionId: data.editionId ?? null,
    email: data.email,
    name: data.name,
    regencyCode: data.regencyCode,
    createdBy: actor.id,
    createdAt: now,
    expiresAt: validUntil(now),
  });
  await recordAudit(db, { actorId: actor.id, action: "judge.invite", entityType: "judge_invitation", entityId: hash.slice(0, 16), editionId: data.editionId ?? null, data: { email: data.email, editionId: data.editionId } });
  return mailInvitation(actor, { name: data.name, email: data.email, editionTitle, existingJudge: account !== null }, token);
}

/** One judge, one open invitation per edition: a second one would leave two working links. */
async function refuseDuplicate(db: Db, editionId: string, email: string, userId: string | null, now: Date) {
  if (userId) {
    const [member] = await db
      .select({ leftAt: editionJudges.leftAt })
      .from(editionJudges)
      .where(and(eq(editionJudges.editionId, editionId), eq(editionJudges.userId, userId), isNull(editionJudges.leftAt)));
    if (member) throw new AppError("conflict", { userMessage: "Periksa email juri.", fieldErrors: { email: ["Juri ini sudah tergabung di festival ini."] } });
  }
  const [open] = await db
    .select({ tokenHash: judgeInvitations.tokenHash })
    .from(judgeInvitations)
    .where(and(eq(judgeInvitations.editionId, editionId), eq(judgeInvitations.email, email), isNull(judgeInvitations.acceptedAt), isNull(judgeInvitations.revokedAt), gt(judgeInvitations.expiresAt, now)));
  if (open) {
    throw new AppError("conflict", { userMessage: "Periksa email juri.", fieldErrors: { email: ["Undangan untuk email ini masih berlaku. Kirim ulang dari daftar undangan bila perlu."] } });
  }
}

async function mailInvitation(actor: SessionUser, to: { name: string; email: string; editionTitle: string | null; existingJudge: boolean }, token: string): Promise<Invitation> {
  const link = `${env().publicUrl}/undangan/${token}`;
  const festival = to.editionTitle ? `juri ${to.editionTitle}` : "juri festival film pendek KIM";
  const mail = await sendMail({
    to: to.email,
    subject: to.editionTitle ? `Undangan menjadi juri: ${to.editionTitle}` : "Undangan menjadi juri di Layar",
    text: [
      `Yth. ${to.name},`,
      "",
      `${actor.name} mengundang Anda menjadi ${festival} di Layar.`,
      to.existingJudge
        ? `Anda sudah punya akun juri. Buka tautan ini dalam ${INVITATION_VALID_DAYS} hari untuk menerima undangan (kata sandi Anda tidak berubah):`
        : `Buka tautan ini dalam ${INVITATION_VALID_DAYS} hari untuk membuat akun juri Anda:`,
      link,
    ].join("\n"),
  });
  return { link, mail };
}

export const invitationRefSchema = z.object({ invitation: z.string().regex(/^[0-9a-f]{64}$/, "Undangan tidak dikenal.") });

/**
 * Sends an invitation again with a new link: the old token stops working at once (its hash
 * is replaced), the new one is valid for 14 days from now. Only an invitation of the given
 * edition that has not been accepted; a withdrawn one is opened again.
 */
export async function reissueInvitation(db: Db, actor: SessionUser, editionId: string, input: unknown, now = new Date()): Promise<Invitation> {
  const { invitation } = invitationRefSchema.parse(input);
  const { token, hash } = newToken();
  const [row] = await db
    .update(judgeInvitations)
    .set({ tokenHash: hash, expiresAt: validUntil(now), revokedAt: null })
    .where(and(eq(judgeInvitations.tokenHash, invitation), eq(judgeInvitations.editionId, editionId), isNull(judgeInvitations.acceptedAt)))
    .returning();
  if (!row) throw await missingInvitation(db, editionId, invitation);
  const [edition] = await db.select({ title: editions.title }).from(editions).where(eq(editions.id, editionId));
  await recordAudit(db, { actorId: actor.id, action: "judge.invite_resend", entityType: "judge_invitation", entityId: hash.slice(0, 16), editionId, data: { email: row.email, previous: invitation.slice(0, 16) } });
  const account = await accountOf(db, row.email);
  return mailInvitation(actor, { name: row.name, email: row.email, editionTitle: edition?.title ?? null, existingJudge: account?.role === "judge" }, token);
}

/** Withdraws an open invitation of the edition: its link stops working at once. */
export async function revokeInvitation(db: Db, actor: SessionUser, editionId: string, input: unknown, now = new Date()) {
  const { invitation } = invitationRefSchema.parse(input);
  const [row] = await db
    .update(judgeInvitations)
    .set({ revokedAt: now })
    .where(and(eq(judgeInvitations.tokenHash, invitation), eq(judgeInvitations.editionId, editionId), isNull(judgeInvitations.acceptedAt), isNull(judgeInvitations.revokedAt)))
    .returning();
  if (!row) throw await missingInvitation(db, editionId, invitation);
  await recordAudit(db, { actorId: actor.id, action: "judge.invite_revoke", entityType: "judge_invitation", entityId: invitation.slice(0, 16), editionId, data: { email: row.email } });
}

/** Why an invitation of the edition could not be changed: it was accepted or withdrawn already, or it is not there. */
async function missingInvitation(db: Db, editionId: string, tokenHash: string): Promise<AppError> {
  const [row] = await db.select().from(judgeInvitations).where(and(eq(judgeInvitations.tokenHash, tokenHash), eq(judgeInvitations.editionId, editionId)));
  if (!row) return notFound();
  if (row.acceptedAt) return new AppError("conflict", { userMessage: "Undangan ini sudah diterima; juri sudah tergabung." });
  return new AppError("conflict", { userMessage: "Undangan ini sudah ditarik." });
}

/** Looks up an open invitation by its token, for the acceptance page. */
export async function findInvitation(db: Db, token: string, now = new Date()) {
  const [row] = await db.select().from(judgeInvitations).where(isOpen(hashToken(token), now));
  return row ?? null;
}

/** What the acceptance page shows: the invitation, the edition it is for, and whether the email already has a judge account. */
export async function invitationForPage(db: Db, token: string, now = new Date()) {
  const invitation = await findInvitation(db, token, now);
  if (!invitation) return null;
  const [edition] = invitation.editionId ? await db.select({ title: editions.title }).from(editions).where(eq(editions.id, invitation.editionId)) : [];
  return { invitation, editionTitle: edition?.title ?? null, existingJudge: await invitationForExistingJudge(db, invitation) };
}

export const acceptInvitationSchema = z
  .object({ token: z.string().min(10).max(100), password: passwordSchema, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "Konfirmasi kata sandi tidak sama." });

/** Whether the invited email already has a judge account (it then joins without a new password). */
export async function invitationForExistingJudge(db: Db, invitation: { email: string }): Promise<boolean> {
  return (await accountOf(db, invitation.email))?.role === "judge";
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
    const [invitation] = await tx.update(judgeInvitations).set({ acceptedAt: now }).where(isOpen(hashToken(data.token), now)).returning();
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
      // A judge who had left the edition and is invited again comes back.
      await tx
        .insert(editionJudges)
        .values({ editionId: invitation.editionId, userId })
        .onConflictDoUpdate({ target: [editionJudges.editionId, editionJudges.userId], set: { leftAt: null } });
    }
    await recordAudit(tx, { actorId: userId, action: "judge.accept_invitation", entityType: "user", entityId: userId, editionId: invitation.editionId, data: { editionId: invitation.editionId } });
    return { userId };
  });
}
