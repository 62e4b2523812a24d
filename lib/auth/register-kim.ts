import { and, desc, eq, like } from "drizzle-orm";
import { z } from "zod";
import { emailSchema } from "./email";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db, Tx } from "@/lib/db/client";
import { kimGroups, kimRegistrations, regions, users } from "@/lib/db/schema";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { slugify } from "@/lib/kim/slug";
import type { SessionUser } from "./authenticate";
import { hashPassword, passwordSchema } from "./password";
import { nameText, plainText } from "@/lib/text/sanitise";

const villageCode = z.string().regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, "Pilih desa/kelurahan dari daftar.");

export const registerKimSchema = z
  .object({
    name: nameText().trim().min(2, "Tulis nama Anda.").max(120),
    email: emailSchema,
    phone: z.string().trim().regex(/^\+?[0-9 -]{8,20}$/, "Nomor HP hanya angka, 8-20 digit.").optional().or(z.literal("")),
    position: nameText().trim().min(2, "Tulis jabatan Anda di KIM (mis. Ketua).").max(60),
    kimName: nameText().trim().min(3, "Tulis nama KIM.").max(120),
    villageCode,
    password: passwordSchema,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "Konfirmasi kata sandi tidak sama." });

/** Creates a pending KIM account; it can sign in but act only once its regency approves it. */
export async function registerKim(db: Db, input: unknown): Promise<{ userId: string }> {
  const data = registerKimSchema.parse(input);
  const [village] = await db.select().from(regions).where(and(eq(regions.code, data.villageCode), eq(regions.level, "desa")));
  if (!village) throw new AppError("invalid", { userMessage: "Desa/kelurahan tidak dikenal.", fieldErrors: { villageCode: ["Pilih desa/kelurahan dari daftar."] } });
  const regencyCode = data.villageCode.slice(0, 5);
  const passwordHash = await hashPassword(data.password);

  return db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, data.email));
    if (taken) {
      throw new AppError("conflict", { userMessage: "Email ini sudah terdaftar. Masuk atau atur ulang kata sandi.", fieldErrors: { email: ["Email ini sudah terdaftar."] } });
    }
    // A KIM already in the registry (same name, same village) is joined rather than duplicated.
    const [existing] = await tx
      .select({ id: kimGroups.id })
      .from(kimGroups)
      .where(and(eq(kimGroups.villageCode, data.villageCode), eq(kimGroups.name, data.kimName)));
    const [user] = await tx
      .insert(users)
      .values({ email: data.email, name: data.name, passwordHash, role: "kim", status: "pending", regionCode: regencyCode, phone: data.phone || null })
      .returning({ id: users.id });
    await tx.insert(kimRegistrations).values({
      userId: user.id,
      kimName: data.kimName,
      villageCode: data.villageCode,
      regencyCode,
      existingKimId: existing?.id ?? null,
      position: data.position,
    });
    await recordAudit(tx, { actorId: user.id, action: "kim.register", entityType: "user", entityId: user.id, data: { kimName: data.kimName, villageCode: data.villageCode } });
    return { userId: user.id };
  });
}

/** Pending registrations an organiser may decide: only those inside their region. */
export async function listPendingRegistrations(db: Db, actor: SessionUser) {
  if (actor.role !== "organiser" || !actor.regionCode) throw forbidden();
  return db
    .select({
      id: kimRegistrations.id,
      kimName: kimRegistrations.kimName,
      villageCode: kimRegistrations.villageCode,
      villageName: regions.name,
      position: kimRegistrations.position,
      existingKimId: kimRegistrations.existingKimId,
      createdAt: kimRegistrations.createdAt,
      userName: users.name,
      email: users.email,
      phone: users.phone,
    })
    .from(kimRegistrations)
    .innerJoin(users, eq(users.id, kimRegistrations.userId))
    .innerJoin(regions, eq(regions.code, kimRegistrations.villageCode))
    .where(and(eq(kimRegistrations.status, "pending"), like(kimRegistrations.villageCode, `${actor.regionCode}.%`)))
    .orderBy(desc(kimRegistrations.createdAt));
}

export const decideRegistrationSchema = z.discriminatedUnion("decision", [
  z.object({ registrationId: z.uuid(), decision: z.literal("approve") }),
  z.object({ registrationId: z.uuid(), decision: z.literal("reject"), reason: plainText().trim().min(5, "Tulis alasan penolakan (minimal 5 karakter) agar KIM tahu apa yang harus diperbaiki.").max(500) }),
]);

export async function decideRegistration(db: Db, actor: SessionUser, input: unknown): Promise<void> {
  if (actor.role !== "organiser" || !actor.regionCode) throw forbidden();
  const data = decideRegistrationSchema.parse(input);
  await db.transaction(async (tx) => {
    // The scope is part of the lookup: another region's registration is simply not found.
    const [reg] = await tx
      .select()
      .from(kimRegistrations)
      .where(and(eq(kimRegistrations.id, data.registrationId), eq(kimRegistrations.status, "pending"), like(kimRegistrations.villageCode, `${actor.regionCode}.%`)));
    if (!reg) throw notFound();
    const now = new Date();
    if (data.decision === "reject") {
      await tx.update(kimRegistrations).set({ status: "rejected", reason: data.reason, decidedBy: actor.id, decidedAt: now }).where(eq(kimRegistrations.id, reg.id));
      await tx.update(users).set({ status: "rejected", statusReason: data.reason }).where(eq(users.id, reg.userId));
    } else {
      const kimId = reg.existingKimId ?? (await createKimFromRegistration(tx, reg));
      await tx.update(kimRegistrations).set({ status: "approved", decidedBy: actor.id, decidedAt: now, existingKimId: kimId }).where(eq(kimRegistrations.id, reg.id));
      await tx.update(users).set({ status: "active", kimId }).where(eq(users.id, reg.userId));
    }
    await recordAudit(tx, { actorId: actor.id, action: `kim.registration.${data.decision}`, entityType: "kim_registration", entityId: reg.id, data: data.decision === "reject" ? { reason: data.reason } : undefined });
  });
}

async function createKimFromRegistration(tx: Tx, reg: typeof kimRegistrations.$inferSelect): Promise<string> {
  const [village] = await tx.select({ name: regions.name }).from(regions).where(eq(regions.code, reg.villageCode));
  const [kim] = await tx
    .insert(kimGroups)
    .values({
      slug: `${slugify(reg.kimName, village?.name ?? "")}-${reg.id.slice(0, 6)}`,
      name: reg.kimName,
      villageCode: reg.villageCode,
      districtCode: reg.villageCode.slice(0, 8),
      regencyCode: reg.regencyCode,
    })
    .returning({ id: kimGroups.id });
  return kim.id;
}
