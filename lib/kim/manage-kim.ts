import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { SessionUser } from "@/lib/auth/authenticate";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { kimBoardMembers, kimChangeRequests, kimGroups, regions, users } from "@/lib/db/schema";
import type { StorageDriver } from "@/lib/storage";
import { logoFromForm, withNewLogo } from "./kim-logo";
import { kimForOrganiser, asRegistryOrganiser, placeOfVillage } from "./kim-scope";
import { kimStatusHistoryOf, recordKimStatus, todayWib } from "./kim-status";
import { kimRecordSchema, kimStatusSchema, withRows, type KimRecordInput } from "./registry-schemas";
import { slugify } from "./slug";

// The organiser's side of the KIM registry: add, edit and mark a KIM aktif / tidak aktif.
// Every function takes the acting user and finds the KIM through the organiser's region
// (lib/kim/kim-scope.ts), so another region's KIM is "not found". Every change is audited.

const village = alias(regions, "village");
const district = alias(regions, "district");
const regency = alias(regions, "regency");

/** The columns the record form writes (board members are their own rows). */
function recordColumns(data: KimRecordInput) {
  return {
    name: data.name,
    address: data.address ?? null,
    contactName: data.contactName ?? null,
    contactPhone: data.contactPhone ?? null,
    contactEmail: data.contactEmail ?? null,
    foundedOn: data.foundedOn ?? null,
    // The public pages still show the founding year; the date is the registry's detail.
    foundedYear: data.foundedOn ? Number(data.foundedOn.slice(0, 4)) : null,
    skNumber: data.skNumber ?? null,
    skDate: data.skDate ?? null,
    description: data.description ?? null,
    socialLinks: data.social,
  };
}

/** A new logo chosen on the form, and where to keep it. */
export type LogoUpload = { storage?: StorageDriver; logo?: File | null };

/** Adds a KIM in the organiser's region; it starts aktif from today (its first history row). */
export async function createKimRecord(db: Db, actor: SessionUser, input: Record<string, unknown>, upload: LogoUpload = {}, now = new Date()): Promise<{ id: string }> {
  const organiser = asRegistryOrganiser(actor);
  const data = kimRecordSchema.parse(withRows(input));
  const logo = await logoFromForm(upload.logo);
  const place = await placeOfVillage(db, organiser.regionCode, data.villageCode);
  const id = randomUUID();
  return withNewLogo(upload.storage, id, logo, null, (logoKey) => db.transaction(async (tx) => {
    const [kim] = await tx
      .insert(kimGroups)
      .values({
        ...recordColumns(data),
        id,
        logoKey: logoKey ?? null,
        slug: `${slugify(data.name, place.villageName)}-${randomUUID().slice(0, 6)}`,
        villageCode: place.villageCode,
        districtCode: place.districtCode,
        regencyCode: place.regencyCode,
        status: "aktif",
        updatedAt: now,
      })
      .returning({ id: kimGroups.id, slug: kimGroups.slug });
    if (data.board.length) await tx.insert(kimBoardMembers).values(data.board.map((b) => ({ kimId: kim.id, name: b.name, position: b.position })));
    await recordKimStatus(tx, kim.id, { status: "aktif", fromDate: todayWib(now), source: "organiser", decidedBy: organiser.id });
    await recordAudit(tx, { actorId: organiser.id, action: "kim.create", entityType: "kim", entityId: kim.id, data: { name: data.name, slug: kim.slug, villageCode: place.villageCode, logo: !!logoKey } });
    return { id: kim.id };
  }));
}

/** Saves the record form over a KIM in scope; the slug never changes (links stay valid). */
export async function updateKimRecord(db: Db, actor: SessionUser, kimId: string, input: Record<string, unknown>, upload: LogoUpload = {}, now = new Date()): Promise<void> {
  const organiser = asRegistryOrganiser(actor);
  const before = await kimForOrganiser(db, organiser, kimId);
  const data = kimRecordSchema.parse(withRows(input));
  const logo = await logoFromForm(upload.logo);
  const place = await placeOfVillage(db, organiser.regionCode, data.villageCode);
  const columns = { ...recordColumns(data), villageCode: place.villageCode, districtCode: place.districtCode, regencyCode: place.regencyCode };
  const changed = Object.keys(columns).filter((k) => JSON.stringify(before[k as keyof typeof before] ?? null) !== JSON.stringify(columns[k as keyof typeof columns] ?? null));
  if (logo) changed.push("logoKey");
  await withNewLogo(upload.storage, before.id, logo, before.logoKey, (logoKey) => db.transaction(async (tx) => {
    await tx.update(kimGroups).set({ ...columns, ...(logoKey ? { logoKey } : {}), updatedAt: now }).where(eq(kimGroups.id, before.id));
    const oldBoard = await tx.select({ name: kimBoardMembers.name, position: kimBoardMembers.position }).from(kimBoardMembers).where(eq(kimBoardMembers.kimId, before.id));
    const boardChanged = JSON.stringify(oldBoard) !== JSON.stringify(data.board.map((b) => ({ name: b.name, position: b.position })));
    if (boardChanged) {
      await tx.delete(kimBoardMembers).where(eq(kimBoardMembers.kimId, before.id));
      if (data.board.length) await tx.insert(kimBoardMembers).values(data.board.map((b) => ({ kimId: before.id, name: b.name, position: b.position })));
      changed.push("board");
    }
    await recordAudit(tx, {
      actorId: organiser.id,
      action: "kim.update",
      entityType: "kim",
      entityId: before.id,
      data: { changed, before: Object.fromEntries(changed.filter((k) => k in before).map((k) => [k, before[k as keyof typeof before]])) },
    });
  }));
}

/** Marks a KIM aktif or tidak aktif from a day on, with a reason (history source "organiser"). */
export async function setKimStatus(db: Db, actor: SessionUser, input: Record<string, unknown>): Promise<void> {
  const organiser = asRegistryOrganiser(actor);
  const data = kimStatusSchema.parse(input);
  const kim = await kimForOrganiser(db, organiser, data.kimId);
  await db.transaction(async (tx) => {
    await recordKimStatus(tx, kim.id, { status: data.status, fromDate: data.fromDate, reason: data.reason ?? null, source: "organiser", decidedBy: organiser.id });
    await recordAudit(tx, { actorId: organiser.id, action: "kim.status", entityType: "kim", entityId: kim.id, data: { status: data.status, fromDate: data.fromDate, reason: data.reason ?? null, before: kim.status } });
  });
}

/** Everything the KIM's admin page shows: the record, its place, board, history, pending requests, members. */
export async function getKimRecord(db: Db, actor: SessionUser, kimId: string) {
  const organiser = asRegistryOrganiser(actor);
  const kim = await kimForOrganiser(db, organiser, kimId);
  const [[place], board, history, requests, members] = await Promise.all([
    db
      .select({ villageName: village.name, districtName: district.name, regencyName: regency.name })
      .from(kimGroups)
      .leftJoin(village, eq(village.code, kimGroups.villageCode))
      .innerJoin(district, eq(district.code, kimGroups.districtCode))
      .innerJoin(regency, eq(regency.code, kimGroups.regencyCode))
      .where(eq(kimGroups.id, kim.id)),
    db.select({ name: kimBoardMembers.name, position: kimBoardMembers.position }).from(kimBoardMembers).where(eq(kimBoardMembers.kimId, kim.id)),
    kimStatusHistoryOf(db, kim.id),
    pendingRequestsOf(db, kim.id),
    db.select({ name: users.name, email: users.email, phone: users.phone, status: users.status }).from(users).where(and(eq(users.kimId, kim.id), eq(users.role, "kim"))).orderBy(users.name),
  ]);
  return { kim, place, board, history, requests, members };
}

const requestedVillage = alias(regions, "requested_village");

/** A KIM's change requests that wait for the organiser, oldest first. */
export async function pendingRequestsOf(db: Db, kimId: string) {
  return db
    .select({
      id: kimChangeRequests.id,
      name: kimChangeRequests.name,
      villageCode: kimChangeRequests.villageCode,
      villageName: requestedVillage.name,
      note: kimChangeRequests.note,
      requestedBy: users.name,
      createdAt: kimChangeRequests.createdAt,
    })
    .from(kimChangeRequests)
    .leftJoin(requestedVillage, eq(requestedVillage.code, kimChangeRequests.villageCode))
    .leftJoin(users, eq(users.id, kimChangeRequests.requestedBy))
    .where(and(eq(kimChangeRequests.kimId, kimId), eq(kimChangeRequests.status, "pending")))
    .orderBy(kimChangeRequests.createdAt);
}

