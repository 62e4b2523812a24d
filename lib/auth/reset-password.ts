import { and, count, eq, gt, isNull } from "drizzle-orm";
import { z } from "zod";
import { emailSchema } from "./email";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db, DbLike } from "@/lib/db/client";
import { passwordResetTokens, users } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { sendMail } from "@/lib/mail/send-mail";
import { hashPassword, passwordSchema, verifyPassword } from "./password";
import { checkRequestLimit } from "./request-limit";
import { endAllSessions } from "./session";
import { hashToken, newToken } from "./tokens";

const RESET_VALID_MINUTES = 60;
/** A first password (an account made by `npm run admin`): a day, since an operator passes it on by hand. */
export const SETUP_VALID_MINUTES = 24 * 60;

export type PasswordTokenPurpose = "reset" | "setup";

/**
 * When the password is set (changed, reset, first set) or the account is disabled: every
 * session of the account ends (each copy of each cookie), and every password link not yet
 * used stops working, so a link mailed before the change cannot undo it.
 */
export async function endSessionsAndLinks(db: DbLike, userId: string, now: Date): Promise<void> {
  await endAllSessions(db, userId, now);
  await db
    .update(passwordResetTokens)
    .set({ usedAt: now })
    .where(and(eq(passwordResetTokens.userId, userId), isNull(passwordResetTokens.usedAt)));
}

/**
 * One single-use link to set an account's password: only the token's hash is stored. Every
 * password link is made here (a forgotten password, an account's first password), so they
 * share the rules: hashed, single use, refused after `validMinutes`. A new first-password link
 * replaces the earlier unused ones (the operator's latest link is the one that works).
 */
export async function createPasswordToken(
  db: DbLike,
  userId: string,
  options: { purpose: PasswordTokenPurpose; validMinutes: number; now?: Date },
): Promise<{ token: string; link: string; expiresAt: Date }> {
  const now = options.now ?? new Date();
  const { token, hash } = newToken();
  const expiresAt = new Date(now.getTime() + options.validMinutes * 60_000);
  if (options.purpose === "setup") {
    await db
      .delete(passwordResetTokens)
      .where(and(eq(passwordResetTokens.userId, userId), eq(passwordResetTokens.purpose, "setup"), isNull(passwordResetTokens.usedAt)));
  }
  await db.insert(passwordResetTokens).values({ tokenHash: hash, userId, purpose: options.purpose, createdAt: now, expiresAt });
  return { token, link: `${env().publicUrl}/atur-ulang-sandi/${token}`, expiresAt };
}

export type PasswordTokenState =
  | { state: "open"; purpose: PasswordTokenPurpose; email: string; name: string; expiresAt: Date }
  | { state: "used" | "expired"; purpose: PasswordTokenPurpose }
  | { state: "unknown" };

/** What a password link is now, for its page: the form, or why it no longer works. */
export async function passwordTokenState(db: Db, token: string, now = new Date()): Promise<PasswordTokenState> {
  if (token.length < 10 || token.length > 100) return { state: "unknown" };
  const [row] = await db
    .select({ purpose: passwordResetTokens.purpose, expiresAt: passwordResetTokens.expiresAt, usedAt: passwordResetTokens.usedAt, email: users.email, name: users.name })
    .from(passwordResetTokens)
    .innerJoin(users, eq(users.id, passwordResetTokens.userId))
    .where(eq(passwordResetTokens.tokenHash, hashToken(token)));
  if (!row) return { state: "unknown" };
  const purpose = row.purpose === "setup" ? "setup" : "reset";
  if (row.usedAt) return { state: "used", purpose };
  if (row.expiresAt <= now) return { state: "expired", purpose };
  return { state: "open", purpose, email: row.email, name: row.name, expiresAt: row.expiresAt };
}

export const requestResetSchema = z.object({
  email: emailSchema,
});

/** Reset requests one client address may make in a window, whatever the accounts asked for. */
export const RESET_REQUESTS_PER_ADDRESS = { limit: 5, windowMinutes: 15 };

/**
 * Sends a reset link when the account exists. The caller always shows the same
 * answer, so the form does not reveal which emails have accounts. One address may ask a
 * few times in a window (counted whether or not the account exists, so the limit says
 * nothing about accounts either); an account gets at most three links an hour.
 */
export async function requestPasswordReset(db: Db, input: unknown, now = new Date(), address?: string): Promise<void> {
  const { email } = requestResetSchema.parse(input);
  // The form's action always passes the client's address; callers outside a request have none.
  const wait = address === undefined ? 0 : await checkRequestLimit(db, { kind: "reset-request", key: address, ...RESET_REQUESTS_PER_ADDRESS }, now);
  if (wait > 0) {
    throw new AppError("rate_limited", { userMessage: `Terlalu banyak permintaan atur ulang kata sandi dari jaringan ini. Coba lagi dalam ${wait} menit.` });
  }
  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  if (!user || user.status === "disabled" || user.status === "rejected") return;
  // At most three links an hour per account, so the form cannot be used to flood an inbox.
  const [{ n }] = await db
    .select({ n: count() })
    .from(passwordResetTokens)
    .where(and(eq(passwordResetTokens.userId, user.id), gt(passwordResetTokens.createdAt, new Date(now.getTime() - 3_600_000))));
  if (n >= 3) return;
  const { link } = await createPasswordToken(db, user.id, { purpose: "reset", validMinutes: RESET_VALID_MINUTES, now });
  await sendMail({
    to: user.email,
    subject: "Atur ulang kata sandi Layar",
    text: [
      `Halo ${user.name},`,
      "",
      "Seseorang (semoga Anda) meminta untuk mengatur ulang kata sandi akun Layar Anda.",
      `Buka tautan ini dalam ${RESET_VALID_MINUTES} menit untuk membuat kata sandi baru:`,
      link,
      "",
      "Jika Anda tidak memintanya, abaikan email ini; kata sandi Anda tidak berubah.",
    ].join("\n"),
  });
}

export const resetPasswordSchema = z
  .object({ token: z.string().min(10).max(100), password: passwordSchema, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "Konfirmasi kata sandi tidak sama." });

export async function resetPassword(db: Db, input: unknown, now = new Date()): Promise<void> {
  const { token, password } = resetPasswordSchema.parse(input);
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(passwordResetTokens)
      .set({ usedAt: now })
      .where(
        and(
          eq(passwordResetTokens.tokenHash, hashToken(token)),
          isNull(passwordResetTokens.usedAt),
          gt(passwordResetTokens.expiresAt, now),
        ),
      )
      .returning();
    if (!row) {
      const [spent] = await tx.select({ purpose: passwordResetTokens.purpose }).from(passwordResetTokens).where(eq(passwordResetTokens.tokenHash, hashToken(token)));
      throw new AppError("invalid", {
        userMessage:
          spent?.purpose === "setup"
            ? "Tautan pembuatan kata sandi sudah dipakai atau kedaluwarsa. Minta tautan baru kepada pengelola Layar."
            : "Tautan atur ulang sudah dipakai atau kedaluwarsa. Minta tautan baru.",
      });
    }
    await tx.update(users).set({ passwordHash, passwordChangedAt: now }).where(eq(users.id, row.userId));
    await endSessionsAndLinks(tx, row.userId, now);
    await recordAudit(tx, { actorId: row.userId, action: row.purpose === "setup" ? "password.setup" : "password.reset", entityType: "user", entityId: row.userId });
  });
}

export const changePasswordSchema = z
  .object({ current: z.string().min(1, "Masukkan kata sandi saat ini."), password: passwordSchema, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "Konfirmasi kata sandi tidak sama." });

export async function changePassword(db: Db, userId: string, input: unknown, now = new Date()): Promise<void> {
  const { current, password } = changePasswordSchema.parse(input);
  const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user) throw new AppError("not_found", { userMessage: "Akun tidak ditemukan." });
  if (!(await verifyPassword(user.passwordHash, current))) {
    throw new AppError("invalid", { userMessage: "Kata sandi saat ini salah.", fieldErrors: { current: ["Kata sandi saat ini salah."] } });
  }
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordChangedAt: now }).where(eq(users.id, userId));
    await endSessionsAndLinks(tx, userId, now);
    await recordAudit(tx, { actorId: userId, action: "password.change", entityType: "user", entityId: userId });
  });
}
