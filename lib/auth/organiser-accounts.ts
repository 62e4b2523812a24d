import { and, asc, eq, isNull, like, ne, or, type AnyColumn, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db, DbLike } from "@/lib/db/client";
import { organiserInvitations, regions, users } from "@/lib/db/schema";
import { AppError, forbidden } from "@/lib/errors";
import type { SessionUser } from "./authenticate";
import { emailSchema } from "./email";
import { createPasswordToken, endSessionsAndLinks, SETUP_VALID_MINUTES } from "./reset-password";
import { nameText, plainText } from "@/lib/text/sanitise";

/**
 * Organiser accounts: the first one (made by `npm run admin -- create-organiser`), the list an
 * organiser sees of the organisers in their region, and disabling. Invitations are in
 * invite-organiser.ts. An organiser acts on accounts in their own region or inside it
 * (organiserCovers in scope.ts), never on their own account; the rule is in each `where`.
 */

/** Stored instead of a hash until the owner sets a password: no argon2 hash starts with "!". */
export const UNUSABLE_PASSWORD = "!belum-ada-kata-sandi";

/** A Kemendagri code's shape: 33, 33.13, 33.13.11, 33.13.11.2004. */
export const regionCodeSchema = z
  .string("Tulis kode wilayah, mis. 33 atau 33.13.")
  .trim()
  .regex(/^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/, "Kode wilayah berupa angka Kemendagri, mis. 33 (provinsi) atau 33.13 (kabupaten/kota).");

export const organiserNameSchema = nameText("Tulis nama panitia.").trim().min(2, "Tulis nama panitia.").max(120, "Nama paling panjang 120 karakter.");

export type OrganiserRegion = { code: string; name: string; level: "provinsi" | "kabupaten" };

/** The region an organiser may run: a province or a regency/city, never a district or village. */
export async function organiserRegion(db: DbLike, code: string): Promise<OrganiserRegion> {
  const [row] = await db.select({ code: regions.code, name: regions.name, level: regions.level }).from(regions).where(eq(regions.code, code));
  if (!row) {
    // No regions at all is a server not set up, not a wrong code.
    const [any] = await db.select({ code: regions.code }).from(regions).limit(1);
    if (!any) throw new Error("Tabel wilayah masih kosong. Jalankan dulu: npm run db:migrate");
    throw new AppError("invalid", {
      userMessage: `Kode wilayah ${code} tidak dikenal. Pakai kode Kemendagri provinsi (mis. 33) atau kabupaten/kota (mis. 33.13).`,
      fieldErrors: { regionCode: ["Pilih wilayah dari daftar."] },
    });
  }
  if (row.level === "kecamatan" || row.level === "desa") {
    throw new AppError("invalid", {
      userMessage: `${row.code} adalah ${row.level === "desa" ? "desa/kelurahan" : "kecamatan"} ${row.name}; pilih kode provinsi atau kabupaten/kota (mis. 33 atau 33.13).`,
      fieldErrors: { regionCode: ["Pilih wilayah dari daftar."] },
    });
  }
  return { code: row.code, name: row.name, level: row.level };
}

/** `column` is `scope` or lies inside it: the organiser scope as a where clause. */
export function withinScope(column: AnyColumn, scope: string): SQL {
  return or(eq(column, scope), like(column, `${scope}.%`)) as SQL;
}

/** Refuses anyone but an active organiser with a region. */
export function organiserScope(actor: SessionUser): string {
  if (actor.role !== "organiser" || actor.status !== "active" || !actor.regionCode) throw forbidden();
  return actor.regionCode;
}

/** The regions an organiser may invite for: their own, and the regencies inside a province. */
export async function invitableRegions(db: Db, actor: SessionUser): Promise<OrganiserRegion[]> {
  const scope = organiserScope(actor);
  const rows = await db
    .select({ code: regions.code, name: regions.name, level: regions.level })
    .from(regions)
    .where(or(eq(regions.code, scope), and(eq(regions.parentCode, scope), eq(regions.level, "kabupaten"))))
    .orderBy(asc(regions.code));
  return rows.filter((r): r is OrganiserRegion => r.level === "provinsi" || r.level === "kabupaten");
}

export const createOrganiserSchema = z.object({ email: emailSchema, name: organiserNameSchema, regionCode: regionCodeSchema });

/** An email that already has an account: refused before anything is written. */
export async function refuseUsedEmail(db: DbLike, email: string): Promise<void> {
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (existing) {
    throw new AppError("conflict", {
      userMessage: `Email ${email} sudah dipakai akun lain.`,
      fieldErrors: { email: ["Email ini sudah punya akun Layar."] },
    });
  }
}

/**
 * The first organiser of a fresh install (or any organiser, by the server's operator): an
 * active account with no usable password, and a one-time link to set it (24 hours, the password
 * reset mechanism with purpose "setup").
 */
export async function createOrganiserAccount(db: Db, input: unknown, now = new Date()) {
  const data = createOrganiserSchema.parse(input);
  return db.transaction(async (tx) => {
    const region = await organiserRegion(tx, data.regionCode);
    await refuseUsedEmail(tx, data.email);
    const [user] = await tx
      .insert(users)
      .values({ email: data.email, name: data.name, passwordHash: UNUSABLE_PASSWORD, role: "organiser", status: "active", regionCode: region.code })
      .returning({ id: users.id, email: users.email, name: users.name });
    const link = await createPasswordToken(tx, user.id, { purpose: "setup", validMinutes: SETUP_VALID_MINUTES, now });
    await recordAudit(tx, { actorId: null, action: "organiser.create", entityType: "user", entityId: user.id, data: { via: "cli", email: data.email, regionCode: region.code } });
    return { user, region, ...link };
  });
}

/** A fresh first-password link for an existing account (the operator's way out of an expired link). */
export async function newSetupLink(db: Db, input: unknown, now = new Date()) {
  const { email } = z.object({ email: emailSchema }).parse(input);
  return db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id, email: users.email, name: users.name, role: users.role, status: users.status }).from(users).where(eq(users.email, email));
    if (!user) throw new AppError("not_found", { userMessage: `Tidak ada akun dengan email ${email}.` });
    if (user.status === "disabled" || user.status === "rejected") {
      throw new AppError("invalid", { userMessage: `Akun ${email} tidak aktif (${user.status === "disabled" ? "dinonaktifkan" : "pendaftarannya ditolak"}); tautan kata sandi tidak dibuat.` });
    }
    const link = await createPasswordToken(tx, user.id, { purpose: "setup", validMinutes: SETUP_VALID_MINUTES, now });
    await recordAudit(tx, { actorId: null, action: "password.setup_link", entityType: "user", entityId: user.id, data: { via: "cli" } });
    return { user, ...link };
  });
}

export type OrganiserAccountRow = {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  regionCode: string | null;
  regionName: string;
  status: "pending" | "active" | "rejected" | "disabled";
  statusReason: string | null;
  createdAt: Date;
  passwordSet: boolean;
  invitedBy: string | null;
  isSelf: boolean;
};

export type OrganiserInvitationRow = {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  regionCode: string;
  regionName: string;
  state: "open" | "expired" | "revoked";
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  invitedBy: string;
};

/** The organisers and unaccepted invitations in the actor's region and inside it. */
export async function listOrganisers(db: Db, actor: SessionUser, now = new Date()): Promise<{ accounts: OrganiserAccountRow[]; invitations: OrganiserInvitationRow[] }> {
  const scope = organiserScope(actor);
  const inviter = alias(users, "inviter");
  const accounts = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      phone: users.phone,
      regionCode: users.regionCode,
      regionName: regions.name,
      status: users.status,
      statusReason: users.statusReason,
      createdAt: users.createdAt,
      passwordHash: users.passwordHash,
      invitedBy: inviter.name,
    })
    .from(users)
    .innerJoin(regions, eq(regions.code, users.regionCode))
    .leftJoin(organiserInvitations, eq(organiserInvitations.acceptedUserId, users.id))
    .leftJoin(inviter, eq(inviter.id, organiserInvitations.createdBy))
    .where(and(eq(users.role, "organiser"), withinScope(users.regionCode, scope)))
    .orderBy(asc(users.regionCode), asc(users.name));
  const invitations = await db
    .select({
      id: organiserInvitations.tokenHash,
      name: organiserInvitations.name,
      email: organiserInvitations.email,
      phone: organiserInvitations.phone,
      regionCode: organiserInvitations.regionCode,
      regionName: regions.name,
      createdAt: organiserInvitations.createdAt,
      expiresAt: organiserInvitations.expiresAt,
      revokedAt: organiserInvitations.revokedAt,
      invitedBy: inviter.name,
    })
    .from(organiserInvitations)
    .innerJoin(regions, eq(regions.code, organiserInvitations.regionCode))
    .innerJoin(inviter, eq(inviter.id, organiserInvitations.createdBy))
    .where(and(isNull(organiserInvitations.acceptedAt), withinScope(organiserInvitations.regionCode, scope)))
    .orderBy(asc(organiserInvitations.revokedAt), asc(organiserInvitations.createdAt));
  const order = { open: 0, expired: 1, revoked: 2 } as const;
  return {
    accounts: accounts.map(({ passwordHash, ...a }) => ({ ...a, passwordSet: passwordHash !== UNUSABLE_PASSWORD, isSelf: a.id === actor.id })),
    invitations: invitations
      .map((i) => ({ ...i, state: (i.revokedAt ? "revoked" : i.expiresAt <= now ? "expired" : "open") as OrganiserInvitationRow["state"] }))
      .sort((a, b) => order[a.state] - order[b.state]),
  };
}

export const organiserStatusSchema = z.discriminatedUnion("status", [
  z.object({ userId: z.uuid("Akun tidak dikenal."), status: z.literal("disabled"), reason: plainText().trim().min(5, "Tulis alasan menonaktifkan (minimal 5 karakter).").max(500, "Alasan paling panjang 500 karakter.") }),
  z.object({ userId: z.uuid("Akun tidak dikenal."), status: z.literal("active") }),
]);

/**
 * Disables or re-enables an organiser account in the actor's region (never their own). A
 * disabled account's sessions end at once (their rows are ended, and every request re-reads
 * the user row, session.ts), and so do its unused password links.
 */
export async function setOrganiserStatus(db: Db, actor: SessionUser, input: unknown): Promise<{ name: string }> {
  const scope = organiserScope(actor);
  const data = organiserStatusSchema.parse(input);
  if (data.userId === actor.id) throw new AppError("forbidden", { userMessage: "Anda tidak bisa mengubah status akun Anda sendiri." });
  const reason = data.status === "disabled" ? data.reason : null;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ status: data.status, statusReason: reason })
      .where(
        and(
          eq(users.id, data.userId),
          ne(users.id, actor.id),
          eq(users.role, "organiser"),
          eq(users.status, data.status === "disabled" ? "active" : "disabled"),
          withinScope(users.regionCode, scope),
        ),
      )
      .returning({ id: users.id, name: users.name });
    if (!row) throw new AppError("not_found", { userMessage: "Akun panitia tidak ditemukan di wilayah Anda, atau statusnya sudah berubah." });
    // Its sessions and unused password links end now, and stay ended if it is enabled again.
    if (data.status === "disabled") await endSessionsAndLinks(tx, row.id, new Date());
    await recordAudit(tx, {
      actorId: actor.id,
      action: data.status === "disabled" ? "organiser.disable" : "organiser.enable",
      entityType: "user",
      entityId: row.id,
      data: reason ? { reason } : undefined,
    });
    return { name: row.name };
  });
}
