import { eq } from "drizzle-orm";
import type { SessionUser } from "@/lib/auth/authenticate";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { kimGroups } from "@/lib/db/schema";
import { forbidden, notFound } from "@/lib/errors";
import type { StorageDriver } from "@/lib/storage";
import { logoFromForm, withNewLogo } from "./kim-logo";
import { ownProfileSchema, withRows } from "./registry-schemas";

/**
 * An active member of a KIM: the only one who edits its public profile. A pending account
 * (waiting to join, users.status pending) has no KIM yet and cannot act.
 */
export function ownKimMember(actor: SessionUser): SessionUser & { kimId: string } {
  if (actor.role !== "kim" || actor.status !== "active" || !actor.kimId) throw forbidden();
  return actor as SessionUser & { kimId: string };
}

/** The member's own KIM, as the profile page shows it. */
export async function ownKim(db: Db, actor: SessionUser) {
  const member = ownKimMember(actor);
  const [kim] = await db.select().from(kimGroups).where(eq(kimGroups.id, member.kimId));
  if (!kim) throw notFound();
  return kim;
}

/**
 * The public face a KIM's members keep themselves: description, social links and logo,
 * applied at once (the organiser reads the audit log). The KIM is always the member's own:
 * no id comes from the form.
 */
export async function updateOwnProfile(db: Db, actor: SessionUser, input: Record<string, unknown>, upload: { storage?: StorageDriver; logo?: File | null } = {}, now = new Date()): Promise<{ slug: string }> {
  const member = ownKimMember(actor);
  const data = ownProfileSchema.parse(withRows(input));
  const logo = await logoFromForm(upload.logo);
  const kim = await ownKim(db, member);
  return withNewLogo(upload.storage, kim.id, logo, kim.logoKey, (logoKey) =>
    db.transaction(async (tx) => {
      await tx
        .update(kimGroups)
        .set({ description: data.description ?? null, socialLinks: data.social, ...(logoKey ? { logoKey } : {}), updatedAt: now })
        .where(eq(kimGroups.id, kim.id));
      await recordAudit(tx, {
        actorId: member.id,
        action: "kim.profile",
        entityType: "kim",
        entityId: kim.id,
        data: { before: { description: kim.description, socialLinks: kim.socialLinks }, logo: !!logoKey },
      });
      return { slug: kim.slug };
    }),
  );
}
