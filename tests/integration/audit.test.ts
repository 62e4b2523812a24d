import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "@/lib/audit/record-audit";
import { auditLog } from "@/lib/db/schema";
import { createTestDatabase } from "../setup/database";

let handle: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.drop());

describe("audit log", () => {
  it("appends entries and refuses to change or remove them", async () => {
    await recordAudit(handle.db, { actorId: null, action: "edition.seal", entityType: "edition", entityId: "e1", data: { reason: "selesai" } });
    const [entry] = await handle.db.select().from(auditLog);
    expect(entry).toMatchObject({ action: "edition.seal", entityId: "e1", data: { reason: "selesai" } });
    await expect(handle.db.update(auditLog).set({ action: "edition.unseal" })).rejects.toThrow();
    await expect(handle.db.delete(auditLog)).rejects.toThrow();
    expect(await handle.db.select().from(auditLog)).toEqual([entry]);
  });
});
