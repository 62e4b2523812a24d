import { eq } from "drizzle-orm";
import { z } from "zod";
import { emailSchema } from "./email";
import type { Db } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { verifyAgainstDummy, verifyPassword } from "./password";
import { loginBlockedFor, recordLoginAttempt, type LoginLimits } from "./rate-limit";

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
 * Checks email and password with the rate limit applied first. A pending KIM may
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

  const waitMinutes = await loginBlockedFor(db, email, ip, now, limits);
  if (waitMinutes > 0) {
    throw new AppError("rate_limited", {
      userMessage: `Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam ${waitMinutes} menit.`,
    });
  }

  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  const ok = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
  await recordLoginAttempt(db, email, ip, ok, now);
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
