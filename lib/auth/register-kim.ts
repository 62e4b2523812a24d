import { and, desc, eq, inArray, like, or } from "drizzle-orm";
import { z } from "zod";
import { emailSchema } from "./email";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db, Tx } from "@/lib/db/client";
import { kimGroups, kimRegistrations, regions, users } from "@/lib/db/schema";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { env } from "@/lib/env";
import { activeMembers, kimDossier, type KimDossier } from "@/lib/kim/kim-dossier";
import { mailJoinRequest } from "@/lib/kim/join-requests";
import { sameKimName, similarKimName } from "@/lib/kim/similar-name";
import { recordKimStatus, todayWib } from "@/lib/kim/kim-status";
import { slugify } from "@/lib/kim/slug";
import { sendMail } from "@/lib/mail/send-mail";
import { notifyKimRegistered, notifyRegistrationDecided } from "@/lib/messages/events";
import { notifySafely } from "@/lib/messages/queue";
import type { SessionUser } from "./authenticate";
import { hashPassword, passwordSchema } from "./password";
import { consumeRequest, type ScopedLimit } from "./request-limit";
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

export type RegistrationLimits = { perAddress: ScopedLimit; perEmail: ScopedLimit };

/**
 * Registrations per client address (a Diskominfo workshop may register a whole regency's KIMs
 * from one office network, hence 30) and per email (each one sends a mail to that address).
 */
export const registrationLimits: RegistrationLimits = {
  perAddress: { scope: "register:address", max: 30, windowMinutes: 60 },
  perEmail: { scope: "register:email", max: 3, windowMinutes: 60 },
};

export type RegistrationOutcome = { outcome: "registered"; userId: string; registrationId: string; joinsKimId: string | null } | { outcome: "email_in_use" };

/**
 * Creates a pending KIM account; it can sign in but act only once its regency approves it, or,
 * when it names a KIM already in the registry, once one of that KIM's active members agrees
 * (lib/kim/join-requests.ts). A used email gets the same answer as a new one and nothing is
 * stored: the owner of that account is told by email instead, so the form does not reveal
 * which emails have accounts (docs/decisions/0019).
 */
export async function registerKim(db: Db, input: unknown, options: { ip?: string; now?: Date; limits?: RegistrationLimits } = {}): Promise<RegistrationOutcome> {
  const data = registerKimSchema.parse(input);
  const now = options.now ?? new Date();
  const limits = options.limits ?? registrationLimits;
  // Counted before any work, whatever the outcome, so the limit is the same for every email.
  const waits = [await consumeRequest(db, limits.perAddress, options.ip ?? "unknown", now), await consumeRequest(db, limits.perEmail, data.email, now)];
  const wait = Math.max(...waits);
  if (wait > 0) throw new AppError("rate_limited", { userMessage: `Terlalu banyak pendaftaran dalam waktu singkat. Coba lagi dalam ${wait} menit.` });
  const [village] = await db.select().from(regions).where(and(eq(regions.code, data.villageCode), eq(regions.level, "desa")));
  if (!village) throw new AppError("invalid", { userMessage: "Desa/kelurahan tidak dikenal.", fieldErrors: { villageCode: ["Pilih desa/kelurahan dari daftar."] } });
  const regencyCode = data.villageCode.slice(0, 5);
  // Hashed whether or not the email is free, so both answers take as long.
  const passwordHash = await hashPassword(data.password);

  const outcome = await db.transaction(async (tx): Promise<RegistrationOutcome> => {
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, data.email));
    if (taken) return { outcome: "email_in_use" };
    // A KIM already in the registry under the same name (case, spacing and "KIM" aside) is
    // asked to be joined rather than duplicated; joining needs a member's consent.
    const inVillage = await tx.select({ id: kimGroups.id, name: kimGroups.name }).from(kimGroups).where(eq(kimGroups.villageCode, data.villageCode));
    const existing = inVillage.find((k) => sameKimName(k.name, data.kimName));
    const [user] = await tx
      .insert(users)
      .values({ email: data.email, name: data.name, passwordHash, role: "kim", status: "pending", regionCode: regencyCode, phone: data.phone || null })
      .returning({ id: users.id });
    const [registration] = await tx
      .insert(kimRegistrations)
      .values({ userId: user.id, kimName: data.kimName, villageCode: data.villageCode, regencyCode, existingKimId: existing?.id ?? null, position: data.position })
      .returning({ id: kimRegistrations.id });
    await recordAudit(tx, { actorId: user.id, action: "kim.register", entityType: "user", entityId: user.id, data: { kimName: data.kimName, villageCode: data.villageCode, joinsKimId: existing?.id ?? null } });
    return { outcome: "registered", userId: user.id, registrationId: registration.id, joinsKimId: existing?.id ?? null };
  });

  await notify(async () => {
    if (outcome.outcome === "email_in_use") return mailEmailInUse(data.email);
    await mailRegistrationReceived(data.email, data.name, data.kimName, outcome.joinsKimId !== null);
    if (outcome.joinsKimId) await mailJoinRequest(db, outcome.joinsKimId, { name: data.name, email: data.email, position: data.position });
  });
  // The regency's organisers are told through the message queue (lib/messages), once per registration.
  if (outcome.outcome === "registered") {
    const registrationId = outcome.registrationId;
    await notifySafely("registration", () => notifyKimRegistered(db, { id: registrationId, regencyCode, kimName: data.kimName, applicant: data.name }));
  }
  return outcome;
}

/** The registration is stored whatever the mail server does; a failed mail is logged, not shown. */
async function notify(send: () => Promise<unknown>): Promise<void> {
  try {
    await send();
  } catch (error) {
    console.error("registration mail failed", error);
  }
}

async function mailEmailInUse(email: string) {
  const base = env().publicUrl;
  await sendMail({
    to: email,
    subject: "Pendaftaran KIM dengan email Anda",
    text: [
      "Halo,",
      "",
      "Seseorang baru saja mendaftarkan KIM di Layar dengan alamat email ini, padahal email ini sudah punya akun Layar. Tidak ada akun baru yang dibuat dan akun Anda tidak berubah.",
      "",
      `Jika itu Anda, masuk di ${base}/masuk, atau atur ulang kata sandi di ${base}/lupa-sandi.`,
      "Jika bukan Anda, abaikan email ini.",
    ].join("\n"),
  });
}

async function mailRegistrationReceived(email: string, name: string, kimName: string, joins: boolean) {
  await sendMail({
    to: email,
    subject: "Pendaftaran KIM diterima",
    text: [
      `Halo ${name},`,
      "",
      joins
        ? `Pendaftaran Anda sebagai pengurus ${kimName} sudah kami terima. KIM ini sudah terdaftar di Layar, jadi akun Anda tersambung ke KIM itu setelah salah satu anggota aktifnya menyetujui (atau Diskominfo, bila KIM itu belum punya anggota aktif).`
        : `Pendaftaran ${kimName} sudah kami terima. Diskominfo kabupaten/kota Anda akan memeriksanya; setelah disetujui, KIM Anda bisa mengirim film.`,
      "",
      `Anda bisa masuk sekarang untuk melihat statusnya: ${env().publicUrl}/masuk`,
    ].join("\n"),
  });
}

/**
 * Pending registrations an organiser may decide: only those inside their region. Each says
 * what deciding it means: a request to join an existing KIM (waiting for its members when it
 * has active ones; otherwise with the KIM's members, films and awards, for the organiser to
 * judge), or a new KIM, with any KIM of a close name in the same village (or in the same
 * district with no village recorded) flagged as a possible duplicate.
 */
export async function listPendingRegistrations(db: Db, actor: SessionUser) {
  if (actor.role !== "organiser" || !actor.regionCode) throw forbidden();
  const rows = await db
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
  if (rows.length === 0) return [];

  const joinIds = [...new Set(rows.map((r) => r.existingKimId).filter((id): id is string => !!id))];
  const members = await activeMembers(db, joinIds);
  const dossiers = new Map<string, KimDossier>();
  for (const kimId of joinIds) {
    if (members.some((m) => m.kimId === kimId)) continue;
    const dossier = await kimDossier(db, actor, kimId);
    if (dossier) dossiers.set(kimId, dossier);
  }
  const villages = [...new Set(rows.filter((r) => !r.existingKimId).map((r) => r.villageCode))];
  const nearby = villages.length
    ? await db
        .select({ id: kimGroups.id, name: kimGroups.name, slug: kimGroups.slug, villageCode: kimGroups.villageCode, districtCode: kimGroups.districtCode })
        .from(kimGroups)
        .where(or(inArray(kimGroups.villageCode, villages), inArray(kimGroups.districtCode, villages.map((v) => v.slice(0, 8)))))
    : [];

  return rows.map((r) => {
    if (r.existingKimId) {
      const activeCount = members.filter((m) => m.kimId === r.existingKimId).length;
      return { ...r, join: { activeMembers: activeCount, dossier: dossiers.get(r.existingKimId) ?? null }, similar: [] };
    }
    const similar = nearby
      .filter((k) => (k.villageCode === r.villageCode || (k.villageCode === null && k.districtCode === r.villageCode.slice(0, 8))) && similarKimName(k.name, r.kimName))
      .map((k) => ({ name: k.name, slug: k.slug }));
    return { ...r, join: null, similar };
  });
}

export type PendingRegistration = Awaited<ReturnType<typeof listPendingRegistrations>>[number];

export const decideRegistrationSchema = z.discriminatedUnion("decision", [
  z.object({ registrationId: z.uuid(), decision: z.literal("approve") }),
  z.object({ registrationId: z.uuid(), decision: z.literal("reject"), reason: plainText().trim().min(5, "Tulis alasan penolakan (minimal 5 karakter) agar KIM tahu apa yang harus diperbaiki.").max(500) }),
]);

export async function decideRegistration(db: Db, actor: SessionUser, input: unknown): Promise<void> {
  if (actor.role !== "organiser" || !actor.regionCode) throw forbidden();
  const data = decideRegistrationSchema.parse(input);
  const decided = await db.transaction(async (tx) => {
    // The scope is part of the lookup: another region's registration is simply not found.
    const [reg] = await tx
      .select()
      .from(kimRegistrations)
      .where(and(eq(kimRegistrations.id, data.registrationId), eq(kimRegistrations.status, "pending"), like(kimRegistrations.villageCode, `${actor.regionCode}.%`)))
      .for("update");
    if (!reg) throw notFound();
    // Joining a KIM that has active members is theirs to allow (lib/kim/join-requests.ts);
    // the organiser decides only for a KIM nobody active can speak for.
    if (data.decision === "approve" && reg.existingKimId && (await activeMembers(tx, [reg.existingKimId])).length > 0) {
      throw new AppError("conflict", { userMessage: "KIM ini punya anggota aktif: merekalah yang menyetujui permintaan bergabung, dari dasbor KIM mereka. Anda tetap bisa menolaknya." });
    }
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
    return reg;
  });
  await notifySafely("registration decision", () =>
    notifyRegistrationDecided(db, {
      registrationId: decided.id,
      userId: decided.userId,
      kimName: decided.kimName,
      regencyCode: decided.regencyCode,
      approved: data.decision === "approve",
      reason: data.decision === "reject" ? data.reason : null,
      decidedBy: actor.id,
    }),
  );
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
  await recordKimStatus(tx, kim.id, { status: "aktif", fromDate: todayWib(), source: "pendaftaran" });
  return kim.id;
}
