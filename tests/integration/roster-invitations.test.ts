import { and, eq } from "drizzle-orm";
import { createElement, type ComponentProps } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AcceptInvitationForm } from "@/components/judging/accept-invitation-form";
import { acceptInvitation, findInvitation, invitationForPage, inviteJudge } from "@/lib/auth/invite-judge";
import { auditLog, editionJudges, judgeInvitations, users } from "@/lib/db/schema";
import { resetEnvForTests } from "@/lib/env";
import { editionRoster, resendEditionInvitation, revokeEditionInvitation } from "@/lib/judging/roster";
import { createEdition, createKim, createUser } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";
import { mailText, startSmtpServer } from "../setup/smtp";
import type { SessionUser } from "@/lib/auth/authenticate";

// The invitations half of an edition's judges roster: each invitation with where it
// stands, resend (new link, old one dead, mailed again) and revoke.

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
type User = Awaited<ReturnType<typeof createUser>>;
let organiser: User, provinceOrganiser: User, otherOrganiser: User, kimMember: User, judge: User;
let editionId: string, otherEditionId: string;
const slug = "festival-karanganyar-uji-roster";
const day = 86_400_000;
const password = { password: "juri-rahasia-1", confirm: "juri-rahasia-1" };

const tokenOf = (link: string) => link.split("/undangan/")[1];
const actor = (u: User): SessionUser => ({ id: u.id, email: u.email, name: u.name, role: u.role, status: u.status, regionCode: u.regionCode, kimId: u.kimId });
const invitationRow = async (email: string) => (await handle.db.select().from(judgeInvitations).where(and(eq(judgeInvitations.email, email), eq(judgeInvitations.editionId, editionId))))[0];

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  organiser = await createUser(handle.db, { email: "admin.kra@layar.test", name: "Admin Karanganyar", role: "organiser", regionCode: "33.13" });
  provinceOrganiser = await createUser(handle.db, { email: "admin.jtg@layar.test", name: "Admin Jawa Tengah", role: "organiser", regionCode: "33" });
  otherOrganiser = await createUser(handle.db, { email: "admin.diy@layar.test", role: "organiser", regionCode: "34" });
  const kim = await createKim(handle.db, { name: "KIM Uji", districtCode: "33.13.08" });
  kimMember = await createUser(handle.db, { email: "kim@layar.test", role: "kim", regionCode: "33.13", kimId: kim.id });
  judge = await createUser(handle.db, { email: "juri.lama@layar.test", name: "Juri Lama", role: "judge", regionCode: "33.72" });
  editionId = (await createEdition(handle.db, { slug, title: "Festival Karanganyar Uji", regionCode: "33.13", status: "pendaftaran" })).id;
  otherEditionId = (await createEdition(handle.db, { title: "Festival Lain Uji", regionCode: "33.13" })).id;
});
afterAll(() => handle.drop());

describe("the roster's invitations", () => {
  it("lists every invitation of the edition with its status: sent, accepted, expired, revoked", async () => {
    const now = new Date();
    await inviteJudge(handle.db, organiser, { name: "Sinta Terbuka", email: "terbuka@layar.test", regencyCode: "33.12", editionId });
    const accepted = await inviteJudge(handle.db, organiser, { name: "Dewi Diterima", email: "diterima@layar.test", regencyCode: "33.72", editionId });
    await inviteJudge(handle.db, organiser, { name: "Eko Lewat", email: "lewat@layar.test", regencyCode: "33.12", editionId }, new Date(now.getTime() - 15 * day));
    await inviteJudge(handle.db, organiser, { name: "Rudi Ditarik", email: "ditarik@layar.test", regencyCode: "33.12", editionId });
    // Invitations of another edition, or for no edition, are not this roster's.
    await inviteJudge(handle.db, organiser, { name: "Lain", email: "lain@layar.test", regencyCode: "33.12", editionId: otherEditionId });
    await inviteJudge(handle.db, organiser, { name: "Umum", email: "umum@layar.test", regencyCode: "33.12" });

    await acceptInvitation(handle.db, { token: tokenOf(accepted.link), ...password });
    await revokeEditionInvitation(handle.db, organiser, slug, { invitation: (await invitationRow("ditarik@layar.test")).tokenHash });

    const roster = await editionRoster(handle.db, organiser, slug);
    expect(Object.fromEntries(roster.invitations.map((i) => [i.email, i.status]))).toEqual({
      "terbuka@layar.test": "sent",
      "diterima@layar.test": "accepted",
      "lewat@layar.test": "expired",
      "ditarik@layar.test": "revoked",
    });
    expect(roster.invitations.find((i) => i.status === "sent")).toMatchObject({ name: "Sinta Terbuka", regionName: "Kabupaten Wonogiri" });
    // The accepted judge is on the roster itself, with a home regency and a join date.
    expect(roster.judges).toEqual([expect.objectContaining({ name: "Dewi Diterima", email: "diterima@layar.test", regionName: "Kota Surakarta", leftAt: null, categories: [], cap: null })]);
    expect(roster.judges[0].joinedAt).toBeInstanceOf(Date);
  });

  it("resend mails a new link over SMTP; the old link stops working, the new one works for 14 days", async () => {
    const smtp = await startSmtpServer();
    process.env.SMTP_URL = smtp.url;
    resetEnvForTests();
    try {
      const first = await inviteJudge(handle.db, organiser, { name: "Bagus Ulang", email: "ulang@layar.test", regencyCode: "33.12", editionId });
      const before = await invitationRow("ulang@layar.test");
      const sentAt = new Date(Date.now() + 60_000);
      const second = await resendEditionInvitation(handle.db, organiser, slug, { invitation: before.tokenHash }, sentAt);
      expect(second.mail.delivered).toBe("smtp");
      expect(second.link).not.toBe(first.link);

      expect(smtp.inbox.map((m) => m.to[0])).toEqual(["ulang@layar.test", "ulang@layar.test"]);
      const resent = mailText(smtp.inbox[1].raw);
      expect(resent).toContain(second.link);
      expect(resent).not.toContain(first.link);
      expect(resent).toContain("Festival Karanganyar Uji");

      expect(await findInvitation(handle.db, tokenOf(first.link))).toBeNull();
      await expect(acceptInvitation(handle.db, { token: tokenOf(first.link), ...password })).rejects.toThrow(/sudah dipakai atau kedaluwarsa/);
      const after = await invitationRow("ulang@layar.test");
      expect(after.expiresAt.getTime()).toBe(sentAt.getTime() + 14 * day);
      // Still one invitation on the roster, open again.
      expect((await editionRoster(handle.db, organiser, slug)).invitations.filter((i) => i.email === "ulang@layar.test").map((i) => i.status)).toEqual(["sent"]);

      await acceptInvitation(handle.db, { token: tokenOf(second.link), ...password });
      expect((await editionRoster(handle.db, organiser, slug)).judges.map((j) => j.email)).toContain("ulang@layar.test");
      const [audit] = await handle.db.select().from(auditLog).where(eq(auditLog.action, "judge.invite_resend"));
      expect(audit).toMatchObject({ actorId: organiser.id, editionId });
    } finally {
      delete process.env.SMTP_URL;
      resetEnvForTests();
      await smtp.stop();
    }
  });

  it("resend opens an expired invitation again; an accepted one cannot be resent", async () => {
    const expired = await invitationRow("lewat@layar.test");
    const { link } = await resendEditionInvitation(handle.db, organiser, slug, { invitation: expired.tokenHash });
    expect(await findInvitation(handle.db, tokenOf(link))).toMatchObject({ email: "lewat@layar.test" });
    const accepted = await invitationRow("diterima@layar.test");
    await expect(resendEditionInvitation(handle.db, organiser, slug, { invitation: accepted.tokenHash })).rejects.toMatchObject({ code: "conflict", userMessage: "Undangan ini sudah diterima; juri sudah tergabung." });
    expect(await invitationRow("diterima@layar.test")).toEqual(accepted);
  });

  it("revoke: an open invitation stops working at once, and the acceptance page no longer offers it", async () => {
    const invitation = await inviteJudge(handle.db, organiser, { name: "Tari Batal", email: "batal@layar.test", regencyCode: "33.12", editionId });
    const row = await invitationRow("batal@layar.test");
    await revokeEditionInvitation(handle.db, organiser, slug, { invitation: row.tokenHash });
    expect((await invitationRow("batal@layar.test")).revokedAt).toBeInstanceOf(Date);
    expect(await findInvitation(handle.db, tokenOf(invitation.link))).toBeNull();
    expect(await invitationForPage(handle.db, tokenOf(invitation.link))).toBeNull();
    await expect(acceptInvitation(handle.db, { token: tokenOf(invitation.link), ...password })).rejects.toMatchObject({ code: "invalid" });
    expect(await handle.db.select().from(users).where(eq(users.email, "batal@layar.test"))).toEqual([]);
    // Revoking twice says what happened.
    await expect(revokeEditionInvitation(handle.db, organiser, slug, { invitation: row.tokenHash })).rejects.toMatchObject({ userMessage: "Undangan ini sudah ditarik." });
    const [audit] = await handle.db.select().from(auditLog).where(eq(auditLog.action, "judge.invite_revoke"));
    expect(audit).toMatchObject({ actorId: organiser.id, editionId });
  });

  it("one open invitation per email and edition, and no second invitation for a judge already in it", async () => {
    await expect(inviteJudge(handle.db, organiser, { name: "Sinta Lagi", email: "terbuka@layar.test", regencyCode: "33.12", editionId })).rejects.toMatchObject({
      fieldErrors: { email: ["Undangan untuk email ini masih berlaku. Kirim ulang dari daftar undangan bila perlu."] },
    });
    await expect(inviteJudge(handle.db, organiser, { name: "Dewi Lagi", email: "diterima@layar.test", regencyCode: "33.72", editionId })).rejects.toMatchObject({
      fieldErrors: { email: ["Juri ini sudah tergabung di festival ini."] },
    });
    expect((await handle.db.select().from(judgeInvitations).where(eq(judgeInvitations.email, "terbuka@layar.test"))).length).toBe(1);
  });

  it("an organiser of another region gets not found, a KIM or a judge is forbidden; a province organiser covers the regency", async () => {
    const open = await invitationRow("terbuka@layar.test");
    const input = { invitation: open.tokenHash };
    // One call at a time: a rejection made before its `expect` awaits it is an unhandled one.
    for (const call of [() => editionRoster(handle.db, otherOrganiser, slug), () => resendEditionInvitation(handle.db, otherOrganiser, slug, input), () => revokeEditionInvitation(handle.db, otherOrganiser, slug, input)]) {
      await expect(call()).rejects.toMatchObject({ code: "not_found" });
    }
    for (const who of [kimMember, judge]) {
      await expect(editionRoster(handle.db, who, slug)).rejects.toMatchObject({ code: "forbidden" });
      await expect(revokeEditionInvitation(handle.db, who, slug, input)).rejects.toMatchObject({ code: "forbidden" });
      await expect(resendEditionInvitation(handle.db, who, slug, input)).rejects.toMatchObject({ code: "forbidden" });
    }
    await expect(revokeEditionInvitation(handle.db, { ...actor(organiser), status: "disabled" }, slug, input)).rejects.toMatchObject({ code: "forbidden" });
    expect(await invitationRow("terbuka@layar.test")).toEqual(open);
    // An invitation of another edition cannot be reached through this edition's roster.
    const [foreign] = await handle.db.select().from(judgeInvitations).where(eq(judgeInvitations.editionId, otherEditionId));
    await expect(revokeEditionInvitation(handle.db, organiser, slug, { invitation: foreign.tokenHash })).rejects.toMatchObject({ code: "not_found" });
    expect((await editionRoster(handle.db, provinceOrganiser, slug)).invitations.length).toBeGreaterThan(3);
  });
});

describe("the invitation page (/undangan/{token})", () => {
  const messages = () => {
    const all = JSON.parse(fs.readFileSync("messages/id.json", "utf8"));
    all.juriRoster = JSON.parse(fs.readFileSync("messages/id/juriRoster.json", "utf8"));
    return all;
  };
  const form = (existingJudge: boolean) =>
    renderToStaticMarkup(
      createElement(
        NextIntlClientProvider,
        { locale: "id", messages: messages(), timeZone: "Asia/Jakarta" } as ComponentProps<typeof NextIntlClientProvider>,
        createElement(AcceptInvitationForm, { token: "t".repeat(32), existingJudge }),
      ),
    );

  it("an existing judge accepts (joins the edition, no password asked); a new judge creates an account", async () => {
    const existing = await inviteJudge(handle.db, organiser, { name: "Juri Lama", email: "juri.lama@layar.test", regencyCode: "33.72", editionId });
    const fresh = await inviteJudge(handle.db, organiser, { name: "Juri Baru", email: "juri.baru@layar.test", regencyCode: "33.12", editionId });
    expect(await invitationForPage(handle.db, tokenOf(existing.link))).toMatchObject({ existingJudge: true, editionTitle: "Festival Karanganyar Uji" });
    expect(await invitationForPage(handle.db, tokenOf(fresh.link))).toMatchObject({ existingJudge: false, editionTitle: "Festival Karanganyar Uji" });

    const join = form(true);
    expect(join).toContain(">Terima undangan</button>");
    expect(join).not.toContain("Buat akun juri");
    expect(join).not.toContain('type="password"');
    const create = form(false);
    expect(create).toContain(">Buat akun juri</button>");
    expect(create.match(/type="password"/g)).toHaveLength(2);

    await acceptInvitation(handle.db, { token: tokenOf(existing.link) });
    expect(await handle.db.select().from(editionJudges).where(and(eq(editionJudges.editionId, editionId), eq(editionJudges.userId, judge.id)))).toHaveLength(1);
  });

  it("the mail tells an existing judge to accept, not to create an account", async () => {
    const smtp = await startSmtpServer();
    process.env.SMTP_URL = smtp.url;
    resetEnvForTests();
    try {
      await inviteJudge(handle.db, organiser, { name: "Juri Lama", email: "juri.lama@layar.test", regencyCode: "33.72", editionId: otherEditionId });
      const text = mailText(smtp.inbox[0].raw);
      expect(text).toMatch(/untuk menerima undangan/);
      expect(text).not.toMatch(/membuat akun/);
    } finally {
      delete process.env.SMTP_URL;
      resetEnvForTests();
      await smtp.stop();
    }
  });
});
