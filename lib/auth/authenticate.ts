import { eq } from "drizzle-orm";
import { z } from "zod";
import { emailSchema } from "./email";
import type { Db } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { verifyAgainstDummy, verifyPassword } from "./password";
import { markLoginSucceeded, reserveLoginAttempt, type LoginLimits } from "./rate-limit";

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Masukkan kata sandi.").max(200),
});

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  role: "organiser" | "judge" | "kim";
  status: "pending" | "active" | "rejected" | "disabled";
  regionCode: string | null;
  kimId: string | null;
};

/**
 * Checks email and password with the rate limits applied first (lib/auth/rate-limit.ts). A pending KIM may
 * sign in (it sees that it is waiting); a rejected or disabled account may not.
 */
export async function authenticate(
  db: Db,
  input: unknown,
  ip: string,
  now = new Date(),
  limits?: LoginLimits,
): Promise<SessionUser> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) throw new AppError("invalid", { userMessage: "Email atau kata sandi salah." });
  const { email, password } = parsed.data;

  const reserved = await reserveLoginAttempt(db, email, ip, now, limits);
  if ("blocked" in reserved) {
    const block = reserved.blocked;
    throw new AppError("rate_limited", {
      userMessage:
        block.kind === "account"
          ? `Terlalu banyak percobaan masuk yang gagal untuk akun ini. Coba lagi dalam ${block.seconds} detik, atau atur ulang kata sandi lewat "Lupa kata sandi?".`
          : `Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam ${block.minutes} menit.`,
    });
  }

  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  const ok = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
  if (ok) await markLoginSucceeded(db, reserved.attemptId);
  if (!user || !ok) throw new AppError("unauthenticated", { userMessage: "Email atau kata sandi salah." });

  if (user.status === "rejected") {
    throw new AppError("forbidden", {
      userMessage: `Pendaftaran Anda ditolak${user.statusReason ? `: ${user.statusReason}` : "."}`,
    });
  }
  if (user.status === "disabled") throw new AppError("forbidden", { userMessage: "Akun ini dinonaktifkan." });

  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    status: user.status,
    regionCode: user.regionCode,
    kimId: user.kimId,
  };
}
