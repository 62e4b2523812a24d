import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/authenticate";
import { acceptInvitation, findInvitation, inviteJudge } from "@/lib/auth/invite-judge";
import { editionJudges, judgeInvitations, users } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { createEdition, createKim, createUser } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
type User = Awaited<ReturnType<typeof createUser>>;
let organiser: User, otherOrganiser: User, kimMember: User;
let editionId: string, foreignEditionId: string;

const tokenOf = (link: string) => link.split("/undangan/")[1];

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  organiser = await createUser(handle.db, { email: "admin.kra@layar.test", name: "Admin Karanganyar", role: "organiser", regionCode: "33.13" });
  otherOrganiser = await createUser(handle.db, { email: "admin.diy@layar.test", role: "organiser", regionCode: "34" });
  const kim = await createKim(handle.db, { name: "KIM Uji", districtCode: "33.13.08" });
  kimMember = await createUser(handle.db, { email: "kim@layar.test", role: "kim", regionCode: "33.13", kimId: kim.id });
  editionId = (await createEdition(handle.db, { title: "Festival Karanganyar 2026", regionCode: "33.13" })).id;
  foreignEditionId = (await createEdition(handle.db, { title: "Festival Sleman 2026", regionCode: "34.04" })).id;
});
afterAll(() => handle.drop());

describe("judge invitations", () => {
  it("an organiser invites; the judge sets a password and joins the edition with a home regency", async () => {
    const invitation = await inviteJudge(handle.db, organiser, { name: "Bagus", email: "bagus@layar.test", regencyCode: "33.12", editionId });
    expect(invitation.link).toMatch(/^http:\/\/layar\.test\/undangan\/[A-Za-z0-9_-]{20,}$/);
    expect(invitation.mail.delivered).toBe("outbox");
    expect(await findInvitation(handle.db, tokenOf(invitation.link))).toMatchObject({ email: "bagus@layar.test", regencyCode: "33.12" });

    const { userId } = await acceptInvitation(handle.db, { token: tokenOf(invitation.link), password: "juri-rahasia-1", confirm: "juri-rahasia-1" });
    const [user] = await handle.db.select().from(users).where(eq(users.id, userId));
    expect(user).toMatchObject({ role: "judge", status: "active", regionCode: "33.12", name: "Bagus" });
    expect(await handle.db.select().from(editionJudges).where(eq(editionJudges.userId, userId))).toHaveLength(1);
    await expect(authenticate(handle.db, { email: "bagus@layar.test", password: "juri-rahasia-1" }, "127.0.0.1")).resolves.toMatchObject({ role: "judge" });
  });

  it("a link works once", async () => {
    const invitation = await inviteJudge(handle.db, organiser, { name: "Sekali", email: "sekali@layar.test", regencyCode: "33.72" });
    await acceptInvitation(handle.db, { token: tokenOf(invitation.link), password: "juri-rahasia-1", confirm: "juri-rahasia-1" });
    expect(await findInvitation(handle.db, tokenOf(invitation.link))).toBeNull();
    await expect(acceptInvitation(handle.db, { token: tokenOf(invitation.link), password: "juri-rahasia-2", confirm: "juri-rahasia-2" })).rejects.toThrow(/sudah dipakai atau kedaluwarsa/);
    expect(await handle.db.select().from(users).where(eq(users.email, "sekali@layar.test"))).toHaveLength(1);
  });

  it("expires after 14 days", async () => {
    const sent = new Date("2026-01-01T00:00:00Z");
    const invitation = await inviteJudge(handle.db, organiser, { name: "Lambat", email: "lambat@layar.test", regencyCode: "33.72" }, sent);
    const late = new Date(sent.getTime() + 15 * 86_400_000);
    await expect(acceptInvitation(handle.db, { token: tokenOf(invitation.link), password: "juri-rahasia-1", confirm: "juri-rahasia-1" }, late)).rejects.toThrow(AppError);
  });

  it("only organisers invite, and only to editions in their region", async () => {
    await expect(inviteJudge(handle.db, kimMember, { name: "Budi", email: "x@layar.test", regencyCode: "33.12" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(inviteJudge(handle.db, organiser, { name: "Budi", email: "x@layar.test", regencyCode: "33.12", editionId: foreignEditionId })).rejects.toMatchObject({ code: "forbidden" });
    await expect(inviteJudge(handle.db, otherOrganiser, { name: "Budi", email: "x@layar.test", regencyCode: "33.12", editionId })).rejects.toMatchObject({ code: "forbidden" });
    expect(await handle.db.select().from(judgeInvitations).where(eq(judgeInvitations.email, "x@layar.test"))).toEqual([]);
  });

  it("refuses an unknown home regency with a field message", async () => {
    await expect(inviteJudge(handle.db, organiser, { name: "Yanti", email: "y@layar.test", regencyCode: "99.99" })).rejects.toMatchObject({ fieldErrors: { regencyCode: ["Pilih kabupaten/kota dari daftar."] } });
  });

  it("does not turn a KIM account into a judge", async () => {
    // Refused at once when the email already belongs to a KIM (or an organiser)...
    await expect(inviteJudge(handle.db, organiser, { name: "KIM", email: "kim@layar.test", regencyCode: "33.12" })).rejects.toMatchObject({
      code: "conflict",
      fieldErrors: { email: ["Email ini dipakai akun panitia atau KIM. Juri perlu email lain."] },
    });
    expect(await handle.db.select().from(judgeInvitations).where(eq(judgeInvitations.email, "kim@layar.test"))).toEqual([]);
    // ...and at acceptance, when the KIM account was made after the invitation.
    const invitation = await inviteJudge(handle.db, organiser, { name: "Nanti KIM", email: "nanti.kim@layar.test", regencyCode: "33.12" });
    const kim = await createKim(handle.db, { name: "KIM Belakangan", districtCode: "33.13.08" });
    await createUser(handle.db, { email: "nanti.kim@layar.test", role: "kim", regionCode: "33.13", kimId: kim.id });
    await expect(acceptInvitation(handle.db, { token: tokenOf(invitation.link), password: "juri-rahasia-1", confirm: "juri-rahasia-1" })).rejects.toMatchObject({ code: "conflict" });
    const [user] = await handle.db.select().from(users).where(eq(users.email, "nanti.kim@layar.test"));
    expect(user.role).toBe("kim");
    // The failed acceptance did not spend the link.
    expect(await findInvitation(handle.db, tokenOf(invitation.link))).not.toBeNull();
  });
});

describe("an existing judge invited to another edition", () => {
  it("joins it without a new password, and keeps the old one", async () => {
    const { acceptInvitation: accept, inviteJudge: invite } = await import("@/lib/auth/invite-judge");
    const second = (await createEdition(handle.db, { title: "Festival Karanganyar 2027", regionCode: "33.13" })).id;
    const invitation = await invite(handle.db, organiser, { name: "Bagus", email: "bagus@layar.test", regencyCode: "33.12", editionId: second });
    await accept(handle.db, { token: invitation.link.split("/undangan/")[1] });
    const joined = await handle.db.select().from(editionJudges).where(eq(editionJudges.editionId, second));
    expect(joined).toHaveLength(1);
    await expect(authenticate(handle.db, { email: "bagus@layar.test", password: "juri-rahasia-1" }, "127.0.0.9")).resolves.toMatchObject({ role: "judge" });
  });
});
