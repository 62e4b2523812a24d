import type { DbLike } from "@/lib/db/client";
import { auditLog } from "@/lib/db/schema";

export type AuditEntry = {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  /** The edition the entry concerns; taken from entityId when the entity is an edition. */
  editionId?: string | null;
  data?: Record<string, unknown>;
};

/** Appends to the audit log (the table refuses updates and deletes). */
export async function recordAudit(db: DbLike, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actorId: entry.actorId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    editionId: entry.editionId ?? (entry.entityType === "edition" && isUuid(entry.entityId) ? entry.entityId : null),
    data: entry.data ?? null,
  });
}

const isUuid = (value: string | null | undefined): value is string => !!value && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
