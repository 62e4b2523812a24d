import { and, eq, gt, isNull } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { organiserInvitations, regions, users } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { formatWib } from "@/lib/format/dates";
import { sendMail } from "@/lib/mail/send-mail";
import type { SessionUser } from "./authenticate";
import { emailSchema } from "./email";
import { organiserNameSchema, organiserRegion, organiserScope, refuseUsedEmail, regionCodeSchema, withinScope } from "./organiser-accounts";
import { hashPassword, passwordSchema } from "./password";
import { regionWithin } from "./scope";
import { hashToken, newToken } from "./tokens";

/**
 * An organiser invites another organiser for their own region or a regency inside it: a
 * hashed single-use token valid 14 days (as judge invitations), mailed and shown to copy for
 * WhatsApp. The invited person chooses their password at /undangan-panitia/<token>.
 */

const INVITATION_VALID_DAYS = 14;

/** 0812-3456-7890, +62 812 3456 7890, 812 3456 7890 -> 6281234567890 (the form wa.me links take). */
export function whatsappNumber(value: string): string {
  const digits = value.replace(/[\s().-]/g, "").replace(/^\+/, "");
  return digits.startsWith("0") ? `62${digits.slice(1)}` : digits.startsWith("8") ? `62${digits}` : digits;
}

export const inviteOrganiserSchema = z.object({
  name: organiserNameSchema,
  email: emailSchema,
  phone: z
    .string()
    .trim()
    .transform(whatsappNumber)
    .pipe(z.string().regex(/^$|^[1-9]\d{7,14}$/, "Nomor WhatsApp hanya angka, mis. 0812 3456 7890."))
    .optional()
    .transform((v) => v || null),
  regionCode: regionCodeSchema,
});

export type OrganiserInvitationResult = { link: string; whatsapp: string; mailed: "smtp" | "outbox" | "failed"; expiresAt: Date };

/** The wa.me link that opens WhatsApp with the invitation written out, to that number when known. */
export function whatsappLink(phone: string | null, text: string): string {
  return `https://wa.me/${phone ?? ""}?text=${encodeURIComponent(text)}`;
}

async function mailInvitation(invitation: { email: string; name: string; phone: string | null }, inviterName: string, regionName: string, token: string, expiresAt: Date) {
  const link = `${env().publicUrl}/undangan-panitia/${token}`;
  let mailed: OrganiserInvitationResult["mailed"];
  try {
    mailed = (
      await sendMail({
        to: invitation.email,
        subject: "Undangan menjadi panitia di Layar",
        text: [
          `Yth. ${invitation.name},`,
          "",
          `${inviterName} mengundang Anda menjadi panitia festival film pendek KIM untuk ${regionName} di Layar.`,
          `Buka tautan ini untuk membuat akun dan kata sandi Anda (berlaku sampai ${formatWib(expiresAt)}, sekali pakai):`,
          link,
        ].join("\n"),
      })
    ).delivered;
  } catch (error) {
    // The invitation stands: the organiser still has the link to pass on by WhatsApp.
    console.warn("Undangan panitia: email tidak terkirim", error);
    mailed = "failed";
  }
  const whatsapp = whatsappLink(invitation.phone, `Undangan panitia Layar untuk ${regionName}: ${link}`);
  return { link, whatsapp, mailed, expiresAt };
}

async function refuseOpenInvitation(db: Db, email: string, now: Date) {
  const [open] = await db
    .select({ email: organiserInvitations.email })
    .from(organiserInvitations)
    .where(and(eq(organiserInvitations.email, email), isNull(organiserInvitations.acceptedAt), isNull(organiserInvitations.revokedAt), gt(organiserInvitations.expiresAt, now)));
  if (open) {
    throw new AppError("conflict", {
      userMessage: "Email ini sudah punya undangan panitia yang masih berlaku.",
      fieldErrors: { email: ["Email ini sudah punya undangan yang masih berlaku; kirim ulang dari daftar bila perlu."] },
    });
  }
}

export async function inviteOrganiser(db: Db, actor: SessionUser, input: unknown, now = new Date()): Promise<OrganiserInvitationResult> {
  const scope = organiserScope(actor);
  const data = inviteOrganiserSchema.parse(input);
  const region = await organiserRegion(db, data.regionCode);
  if (!regionWithin(scope, region.code)) {
    throw new AppError("forbidden", {
      userMessage: "Wilayah ini di luar wewenang Anda.",
      fieldErrors: { regionCode: ["Anda hanya bisa mengundang panitia untuk wilayah Anda atau kabupaten/kota di dalamnya."] },
    });
  }
  await refuseUsedEmail(db, data.email);
  await refuseOpenInvitation(db, data.email, now);
  const { token, hash } = newToken();
  const expiresAt = new Date(now.getTime() + INVITATION_VALID_DAYS * 86_400_000);
  await db.insert(organiserInvitations).values({ tokenHash: hash, email: data.email, name: data.name, phone: data.phone, regionCode: region.code, createdBy: actor.id, createdAt: now, expiresAt });
  await recordAudit(db, { actorId: actor.id, action: "organiser.invite", entityType: "organiser_invitation", entityId: hash.slice(0, 16), data: { email: data.email, regionCode: region.code } });
  return mailInvitation(data, actor.name, region.name, token, expiresAt);
}

const invitationIdSchema = z.object({ invitationId: z.string().regex(/^[0-9a-f]{64}$/, "Undangan tidak dikenal.") });
const notInScope = () => new AppError("not_found", { userMessage: "Undangan tidak ditemukan di wilayah Anda, atau sudah diterima atau dicabut." });

/** A new link for an unaccepted, unrevoked invitation (open or expired): the old link stops working. */
export async function resendOrganiserInvitation(db: Db, actor: SessionUser, input: unknown, now = new Date()): Promise<OrganiserInvitationResult> {
  const scope = organiserScope(actor);
  const { invitationId } = invitationIdSchema.parse(input);
  const { token, hash } = newToken();
  const expiresAt = new Date(now.getTime() + INVITATION_VALID_DAYS * 86_400_000);
  const updated = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(organiserInvitations)
      .set({ tokenHash: hash, expiresAt })
      .where(
        and(
          eq(organiserInvitations.tokenHash, invitationId),
          isNull(organiserInvitations.acceptedAt),
          isNull(organiserInvitations.revokedAt),
          withinScope(organiserInvitations.regionCode, scope),
        ),
      )
      .returning();
    if (!row) throw notInScope();
    await refuseUsedEmail(tx, row.email);
    await recordAudit(tx, { actorId: actor.id, action: "organiser.invite_resend", entityType: "organiser_invitation", entityId: hash.slice(0, 16), data: { email: row.email, previous: invitationId.slice(0, 16) } });
    return row;
  });
  const region = await organiserRegion(db, updated.regionCode);
  return mailInvitation(updated, actor.name, region.name, token, expiresAt);
}

/** Withdraws an invitation that was not accepted yet; its link stops working. */
export async function revokeOrganiserInvitation(db: Db, actor: SessionUser, input: unknown, now = new Date()): Promise<{ email: string }> {
  const scope = organiserScope(actor);
  const { invitationId } = invitationIdSchema.parse(input);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(organiserInvitations)
      .set({ revokedAt: now })
      .where(
        and(
          eq(organiserInvitations.tokenHash, invitationId),
          isNull(organiserInvitations.acceptedAt),
          isNull(organiserInvitations.revokedAt),
          withinScope(organiserInvitations.regionCode, scope),
        ),
      )
      .returning({ email: organiserInvitations.email });
    if (!row) throw notInScope();
    await recordAudit(tx, { actorId: actor.id, action: "organiser.invite_revoke", entityType: "organiser_invitation", entityId: invitationId.slice(0, 16), data: { email: row.email } });
    return row;
  });
}

export type OrganiserInvitationPage =
  | { state: "open"; name: string; email: string; regionName: string; inviterName: string; expiresAt: Date }
  | { state: "expired"; expiresAt: Date }
  | { state: "revoked" | "accepted" | "unknown" };

/** What an invitation link is now, for its page: the form, or why it no longer works. */
export async function organiserInvitationPage(db: Db, token: string, now = new Date()): Promise<OrganiserInvitationPage> {
  if (token.length < 10 || token.length > 100) return { state: "unknown" };
  const [row] = await db
    .select({
      name: organiserInvitations.name,
      email: organiserInvitations.email,
      expiresAt: organiserInvitations.expiresAt,
      acceptedAt: organiserInvitations.acceptedAt,
      revokedAt: organiserInvitations.revokedAt,
      regionName: regions.name,
      inviterName: users.name,
    })
    .from(organiserInvitations)
    .innerJoin(regions, eq(regions.code, organiserInvitations.regionCode))
    .innerJoin(users, eq(users.id, organiserInvitations.createdBy))
    .where(eq(organiserInvitations.tokenHash, hashToken(token)));
  if (!row) return { state: "unknown" };
  if (row.acceptedAt) return { state: "accepted" };
  if (row.revokedAt) return { state: "revoked" };
  if (row.expiresAt <= now) return { state: "expired", expiresAt: row.expiresAt };
  return { state: "open", name: row.name, email: row.email, regionName: row.regionName, inviterName: row.inviterName, expiresAt: row.expiresAt };
}

export const acceptOrganiserInvitationSchema = z
  .object({ token: z.string().min(10).max(100), password: passwordSchema, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "Konfirmasi kata sandi tidak sama." });

/** Creates the organiser's account from an open invitation and spends the link. */
export async function acceptOrganiserInvitation(db: Db, input: unknown, now = new Date()): Promise<{ userId: string }> {
  const data = acceptOrganiserInvitationSchema.parse(input);
  const passwordHash = await hashPassword(data.password);
  return db.transaction(async (tx) => {
    const [invitation] = await tx
      .update(organiserInvitations)
      .set({ acceptedAt: now })
      .where(
        and(
          eq(organiserInvitations.tokenHash, hashToken(data.token)),
          isNull(organiserInvitations.acceptedAt),
          isNull(organiserInvitations.revokedAt),
          gt(organiserInvitations.expiresAt, now),
        ),
      )
      .returning();
    if (!invitation) throw new AppError("invalid", { userMessage: "Undangan panitia ini sudah dipakai, dicabut, atau kedaluwarsa. Minta undangan baru kepada panitia yang mengundang Anda." });
    await refuseUsedEmail(tx, invitation.email);
    const [user] = await tx
      .insert(users)
      .values({ email: invitation.email, name: invitation.name, phone: invitation.phone, passwordHash, role: "organiser", status: "active", regionCode: invitation.regionCode })
      .returning({ id: users.id });
    await tx.update(organiserInvitations).set({ acceptedUserId: user.id }).where(eq(organiserInvitations.tokenHash, invitation.tokenHash));
    await recordAudit(tx, { actorId: user.id, action: "organiser.accept_invitation", entityType: "user", entityId: user.id, data: { regionCode: invitation.regionCode, invitedBy: invitation.createdBy } });
    return { userId: user.id };
  });
}
