import { and, count, desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { SessionUser } from "@/lib/auth/authenticate";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { kimChangeRequests, kimGroups, regions } from "@/lib/db/schema";
import { AppError, notFound } from "@/lib/errors";
import { asRegistryOrganiser, kimInScope, placeOfVillage } from "./kim-scope";
import { ownKimMember } from "./own-profile";
import { changeRequestSchema, decideChangeSchema } from "./registry-schemas";

// A KIM's members may not rename or move their KIM themselves: they ask, the organiser of
// the region decides (the name and place are what certificates and results carry).

/** How many name/desa change requests wait for this organiser (its region's KIMs only). */
export async function countPendingKimChanges(db: Db, actor: SessionUser): Promise<number> {
  const organiser = asRegistryOrganiser(actor);
  const [row] = await db
    .select({ n: count() })
    .from(kimChangeRequests)
    .innerJoin(kimGroups, eq(kimGroups.id, kimChangeRequests.kimId))
    .where(and(eq(kimChangeRequests.status, "pending"), kimInScope(organiser)));
  return row?.n ?? 0;
}

/** A member asks to change the KIM's name and/or desa (within the KIM's regency). One open request at a time. */
export async function requestKimChange(db: Db, actor: SessionUser, input: Record<string, unknown>): Promise<{ id: string }> {
  const member = ownKimMember(actor);
  const data = changeRequestSchema.parse(input);
  const [kim] = await db.select().from(kimGroups).where(eq(kimGroups.id, member.kimId));
  if (!kim) throw notFound();
  if (data.villageCode) await placeOfVillage(db, kim.regencyCode, data.villageCode);
  const name = data.name && data.name !== kim.name ? data.name : null;
  const villageCode = data.villageCode && data.villageCode !== kim.villageCode ? data.villageCode : null;
  if (!name && !villageCode) throw new AppError("invalid", { userMessage: "Nama dan desa itu sudah tercatat untuk KIM Anda.", fieldErrors: { name: ["Nama dan desa itu sudah tercatat untuk KIM Anda."] } });
  return db.transaction(async (tx) => {
    const [open] = await tx.select({ id: kimChangeRequests.id }).from(kimChangeRequests).where(and(eq(kimChangeRequests.kimId, kim.id), eq(kimChangeRequests.status, "pending")));
    if (open) throw new AppError("conflict", { userMessage: "Masih ada permintaan perubahan yang menunggu keputusan Diskominfo." });
    const [row] = await tx.insert(kimChangeRequests).values({ kimId: kim.id, requestedBy: member.id, name, villageCode, note: data.note ?? null }).returning({ id: kimChangeRequests.id });
    await recordAudit(tx, { actorId: member.id, action: "kim.change.request", entityType: "kim", entityId: kim.id, data: { requestId: row.id, name, villageCode } });
    return row;
  });
}

const requestedVillage = alias(regions, "requested_village");

/** The member's view: the KIM's latest requests (pending first in the page), with the decision. */
export async function ownChangeRequests(db: Db, actor: SessionUser) {
  const member = ownKimMember(actor);
  return db
    .select({
      id: kimChangeRequests.id,
      name: kimChangeRequests.name,
      villageName: requestedVillage.name,
      status: kimChangeRequests.status,
      decisionReason: kimChangeRequests.decisionReason,
      createdAt: kimChangeRequests.createdAt,
      decidedAt: kimChangeRequests.decidedAt,
    })
    .from(kimChangeRequests)
    .leftJoin(requestedVillage, eq(requestedVillage.code, kimChangeRequests.villageCode))
    .where(eq(kimChangeRequests.kimId, member.kimId))
    .orderBy(desc(kimChangeRequests.createdAt))
    .limit(5);
}

/**
 * The organiser approves (the name and/or desa are applied; the slug stays, so links keep
 * working) or rejects with a reason the members read. Only a pending request of a KIM in
 * the organiser's region is found; its status moves from pending in the same statement,
 * so a double click decides once.
 */
export async function decideKimChange(db: Db, actor: SessionUser, input: Record<string, unknown>, now = new Date()): Promise<{ kimId: string }> {
  const organiser = asRegistryOrganiser(actor);
  const data = decideChangeSchema.parse(input);
  return db.transaction(async (tx) => {
    const [request] = await tx
      .select({ id: kimChangeRequests.id, kimId: kimChangeRequests.kimId, name: kimChangeRequests.name, villageCode: kimChangeRequests.villageCode, kimName: kimGroups.name, kimVillage: kimGroups.villageCode })
      .from(kimChangeRequests)
      .innerJoin(kimGroups, eq(kimGroups.id, kimChangeRequests.kimId))
      .where(and(eq(kimChangeRequests.id, data.requestId), eq(kimChangeRequests.status, "pending"), kimInScope(organiser)));
    if (!request) throw notFound();
    const place = data.decision === "approve" && request.villageCode ? await placeOfVillage(tx, organiser.regionCode, request.villageCode, "requestId") : null;
    const [decided] = await tx
      .update(kimChangeRequests)
      .set({ status: data.decision === "approve" ? "approved" : "rejected", decidedBy: organiser.id, decidedAt: now, decisionReason: data.decision === "reject" ? data.reason : null })
      .where(and(eq(kimChangeRequests.id, request.id), eq(kimChangeRequests.status, "pending")))
      .returning({ id: kimChangeRequests.id });
    if (!decided) throw notFound();
    if (data.decision === "approve") {
      await tx
        .update(kimGroups)
        .set({
          ...(request.name ? { name: request.name } : {}),
          ...(place ? { villageCode: place.villageCode, districtCode: place.districtCode, regencyCode: place.regencyCode } : {}),
          updatedAt: now,
        })
        .where(eq(kimGroups.id, request.kimId));
    }
    await recordAudit(tx, {
      actorId: organiser.id,
      action: `kim.change.${data.decision}`,
      entityType: "kim",
      entityId: request.kimId,
      data: { requestId: request.id, name: request.name, villageCode: request.villageCode, before: { name: request.kimName, villageCode: request.kimVillage }, ...(data.decision === "reject" ? { reason: data.reason } : {}) },
    });
    return { kimId: request.kimId };
  });
}
