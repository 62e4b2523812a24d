import net from "node:net";
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { decideRegistration, registerKim } from "@/lib/auth/register-kim";
import { films, outgoingMessages, users } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { resetEnvForTests } from "@/lib/env";
import { messagesQueue, rowsOf, runningBoss, stopBoss } from "@/lib/jobs/boss";
import { startJobWorkers, type JobWorkers } from "@/lib/jobs/worker";
import { getPreferences, listMessages, listTemplates, previewBroadcast, resetTemplate, savePreferences, saveTemplate, sendBroadcast } from "@/lib/messages/admin";
import { createFilmForKim } from "@/lib/films/entry-actions";
import { decideScreening } from "@/lib/judging/screening";
import { sendingMark } from "@/lib/messages/deliver";
import { notifyKimRegistered, sendDeadlineReminders } from "@/lib/messages/events";
import { dispatchMessages, queueMessage, queueMessageRows, resendUnqueuedMessages } from "@/lib/messages/queue";
import { createEdition, createFilm, createKim, createUser } from "@/lib/seed/factories";
import { deadlineExtensions } from "@/lib/db/schema";
import { createTestDatabase } from "../setup/database";
import { messagesSettled } from "../setup/messages";
import { createTestRegions } from "../setup/regions";
import { mailText, startSmtpServer } from "../setup/smtp";

// Messages through the real pg-boss queue on the test database and a real SMTP server on loopback.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let workers: JobWorkers;
type User = Awaited<ReturnType<typeof createUser>>;
let karanganyar: User, wonogiri: User, jateng: User;

const mailsTo = (email: string) => smtp.inbox.filter((m) => m.to.includes(email)).map((m) => mailText(m.raw));
const rejection = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AppError);
const rowsTo = (email: string) => handle.db.select().from(outgoingMessages).where(eq(outgoingMessages.toEmail, email));

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`waited for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function useSmtp(url: string) {
  process.env.SMTP_URL = url;
  resetEnvForTests();
}

/** A loopback port nothing listens on: connecting is refused at once. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  smtp = await startSmtpServer();
  useSmtp(smtp.url);
  karanganyar = await createUser(handle.db, { email: "admin.kra@layar.test", name: "Panitia Karanganyar", role: "organiser", regionCode: "33.13", phone: "0812 1111 2222" });
  wonogiri = await createUser(handle.db, { email: "admin.wng@layar.test", role: "organiser", regionCode: "33.12" });
  jateng = await createUser(handle.db, { email: "admin.jtg@layar.test", role: "organiser", regionCode: "33" });
  workers = await startJobWorkers({ concurrency: 0, handle, pollMs: 50, reminders: false, sweepEveryMs: 3_600_000 });
});
afterAll(async () => {
  await workers?.stop(2_000);
  await stopBoss();
  delete process.env.SMTP_URL;
  resetEnvForTests();
  await smtp.stop();
  await handle.drop();
});

const form = (over: Record<string, string> = {}) => ({
  name: "Agus Santoso",
  email: "agus@layar.test",
  phone: "0812 3456 7890",
  position: "Ketua",
  kimName: "KIM Dagen Maju",
  villageCode: "33.13.11.2004",
  password: "rahasia-kim-123",
  confirm: "rahasia-kim-123",
  ...over,
});

describe("registration messages", () => {
  it("a registration mails the regency's organiser once (not another regency's), and the decision reaches the applicant", async () => {
    const outcome = await registerKim(handle.db, form());
    if (outcome.outcome !== "registered") throw new Error("not registered");
    await messagesSettled(handle.db);
    const toOrganiser = mailsTo(karanganyar.email).filter((m) => m.includes("Pendaftaran KIM baru: KIM Dagen Maju"));
    expect(toOrganiser).toHaveLength(1);
    expect(toOrganiser[0]).toContain("Agus Santoso baru saja mendaftarkan KIM Dagen Maju");
    expect(toOrganiser[0]).toContain("/admin/pendaftaran");
    expect(mailsTo(wonogiri.email)).toEqual([]);
    // The same event again adds nothing.
    await notifyKimRegistered(handle.db, { id: outcome.registrationId, regencyCode: "33.13", kimName: "KIM Dagen Maju", applicant: "Agus Santoso" });
    await messagesSettled(handle.db);
    expect(mailsTo(karanganyar.email).filter((m) => m.includes("Pendaftaran KIM baru: KIM Dagen Maju"))).toHaveLength(1);
    const [row] = await rowsTo(karanganyar.email);
    expect(row).toMatchObject({ status: "terkirim", attempts: 1, kind: "kim_registered", regionCode: "33.13" });
    expect(row.sentAt).toBeInstanceOf(Date);

    await decideRegistration(handle.db, karanganyar, { registrationId: outcome.registrationId, decision: "reject", reason: "Nama KIM belum sesuai SK desa." });
    await messagesSettled(handle.db);
    const toApplicant = mailsTo("agus@layar.test").filter((m) => m.includes("ditolak"));
    expect(toApplicant).toHaveLength(1);
    expect(toApplicant[0]).toContain("Alasan: Nama KIM belum sesuai SK desa.");
  });
});

describe("delivery", () => {
  it("retries after the mail server failed and sends once", async () => {
    const kim = await createKim(handle.db, { name: "KIM Coba Ulang", districtCode: "33.13.08" });
    const person = await createUser(handle.db, { email: "ulang@layar.test", role: "kim", regionCode: "33.13", kimId: kim.id });
    useSmtp(`smtp://127.0.0.1:${await closedPort()}`);
    try {
      const id = await queueMessage(handle.db, { kind: "kim_approved", dedupeKey: "test:retry", recipient: { userId: person.id }, values: { kim: "KIM Coba Ulang", tautan: "http://layar.test/masuk" }, regionCode: "33.13" });
      expect(id).toBeTruthy();
      const failed = await waitFor("the first attempt's failure", async () => {
        const [row] = await rowsTo(person.email);
        return row.attempts === 1 && row.lastError && row.lastError !== sendingMark ? row : null;
      });
      expect(failed.status).toBe("antre");
      // pg-boss records the failed attempt just after the handler has written the error; on a
      // loaded machine the job is still 'active' for a moment.
      const job = await waitFor("the job waiting for its retry", async () => {
        const [row] = rowsOf<{ state: string }>(await handle.db.execute(sql`select state::text as state from pgboss.job where name = ${messagesQueue} and id = ${id}`));
        return row?.state === "active" ? null : row;
      });
      expect(job.state).toBe("retry");
    } finally {
      useSmtp(smtp.url);
    }
    // Not waiting out pg-boss's back-off.
    await handle.db.execute(sql`update pgboss.job set start_after = now() - interval '1 second' where name = ${messagesQueue} and state = 'retry'`);
    workers.wake();
    await messagesSettled(handle.db);
    expect(mailsTo(person.email)).toHaveLength(1);
    const [row] = await rowsTo(person.email);
    expect(row).toMatchObject({ status: "terkirim", attempts: 2, lastError: null });
  });

  it("a retry after a send whose recording failed does not send again", async () => {
    const person = await createUser(handle.db, { email: "sekali@layar.test", role: "judge", regionCode: "33.13" });
    const [id] = await queueMessageRows(handle.db, [{ kind: "sheet_reopened", dedupeKey: "test:sent-once", recipient: { userId: person.id }, values: { festival: "F", film: "K-1", alasan: "Cek lagi", tautan: "x" }, regionCode: "33.13" }]);
    // What an attempt leaves when the mail went out but the status update did not.
    await handle.db.update(outgoingMessages).set({ lastError: sendingMark, attempts: 1 }).where(eq(outgoingMessages.id, id));
    await dispatchMessages([id]);
    await messagesSettled(handle.db);
    expect(mailsTo(person.email)).toEqual([]);
    const [row] = await rowsTo(person.email);
    expect(row).toMatchObject({ status: "terkirim", attempts: 1, lastError: null });
  });

  it("the sweep queues a message without a job and settles one whose job ended without settling it", async () => {
    const person = await createUser(handle.db, { email: "sapu@layar.test", role: "judge", regionCode: "33.13" });
    const values = { festival: "F", film: "K-2", alasan: "Cek", tautan: "x" };
    const [waiting, halfSent, lost] = await queueMessageRows(handle.db, [
      { kind: "sheet_reopened", dedupeKey: "test:sweep-1", recipient: { userId: person.id }, values, regionCode: "33.13" },
      { kind: "sheet_reopened", dedupeKey: "test:sweep-2", recipient: { userId: person.id }, values, regionCode: "33.13" },
      { kind: "sheet_reopened", dedupeKey: "test:sweep-3", recipient: { userId: person.id }, values, regionCode: "33.13" },
    ]);
    // Jobs that failed for good (a worker killed on the last attempt): one had begun sending.
    await handle.db.update(outgoingMessages).set({ lastError: sendingMark, attempts: 8 }).where(eq(outgoingMessages.id, halfSent));
    await handle.db.update(outgoingMessages).set({ lastError: "connect ETIMEDOUT", attempts: 8 }).where(eq(outgoingMessages.id, lost));
    for (const id of [halfSent, lost]) await handle.db.execute(sql`insert into pgboss.job (name, id, state, data) values (${messagesQueue}, ${id}, 'failed', '{}'::jsonb)`);
    expect(await resendUnqueuedMessages(handle.db, await runningBoss()!)).toBe(1);
    await messagesSettled(handle.db);
    const rows = await handle.db.select().from(outgoingMessages).where(inArray(outgoingMessages.id, [waiting, halfSent, lost]));
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(waiting)).toMatchObject({ status: "terkirim", attempts: 1 });
    expect(byId.get(halfSent)).toMatchObject({ status: "terkirim", lastError: null });
    expect(byId.get(lost)).toMatchObject({ status: "gagal", lastError: "connect ETIMEDOUT" });
    expect(mailsTo(person.email)).toHaveLength(1);
  });

  it("a KIM contact without an email is recorded as gagal, with the WhatsApp link for the organiser", async () => {
    const kim = await createKim(handle.db, { name: "KIM Tanpa Email", districtCode: "33.13.08", contactName: "Pak Darto", contactPhone: "0813-2222-3333" });
    await queueMessage(handle.db, { kind: "broadcast", dedupeKey: "test:no-email", recipient: { kimId: kim.id }, regionCode: "33.13", template: { subject: "Rapat", body: "Halo {nama}, rapat Senin." } });
    const list = await listMessages(handle.db, karanganyar, { status: "gagal" });
    const row = list.rows.find((r) => r.toName === "Pak Darto");
    expect(row).toMatchObject({ status: "gagal", lastError: "no_email" });
    expect(row?.whatsapp).toBe(`https://wa.me/6281322223333?text=${encodeURIComponent("Rapat\n\nHalo Pak Darto, rapat Senin.")}`);
  });
});

describe("deadline reminders", () => {
  it("go once, 7 days and 1 day before the close, to the KIM with an unfinished entry; not with reminders off, a finished entry, or a later extension", async () => {
    const closes = new Date("2026-07-01T16:59:00Z");
    const edition = await createEdition(handle.db, { title: "Festival Pengingat", regionCode: "33.13", status: "pendaftaran", submissionOpensAt: new Date("2026-05-01T00:00:00Z"), submissionClosesAt: closes });
    const make = async (name: string, email: string, status: "draf" | "diunggah", over: Partial<typeof users.$inferInsert> = {}) => {
      const kim = await createKim(handle.db, { name, districtCode: "33.13.08" });
      const user = await createUser(handle.db, { email, role: "kim", regionCode: "33.13", kimId: kim.id, ...over });
      await createFilm(handle.db, { editionId: edition.id, kimId: kim.id, title: `Film ${name}`, code: `R-${email.slice(0, 4)}`, status });
      return { kim, user };
    };
    const unfinished = await make("KIM Belum Selesai", "belum@layar.test", "draf");
    await make("KIM Tanpa Pengingat", "diam@layar.test", "draf", { remindersOff: true });
    await make("KIM Sudah Selesai", "selesai@layar.test", "diunggah");
    const extended = await make("KIM Diperpanjang", "panjang@layar.test", "draf");
    await handle.db.insert(deadlineExtensions).values({ editionId: edition.id, kimId: extended.kim.id, closesAt: new Date(closes.getTime() + 10 * 86_400_000), reason: "Listrik padam di desa.", createdBy: karanganyar.id });
    const english = await make("KIM English", "english@layar.test", "draf", { locale: "en" });

    const sixDaysBefore = new Date(closes.getTime() - 6 * 86_400_000);
    await sendDeadlineReminders(handle.db, sixDaysBefore);
    await sendDeadlineReminders(handle.db, new Date(sixDaysBefore.getTime() + 3_600_000));
    await messagesSettled(handle.db);
    const first = mailsTo(unfinished.user.email);
    expect(first).toHaveLength(1);
    expect(first[0]).toContain("Pengingat: pendaftaran Festival Pengingat");
    expect(first[0]).toContain("/akun/pesan");
    expect(mailsTo("diam@layar.test")).toEqual([]);
    expect(mailsTo("selesai@layar.test")).toEqual([]);
    expect(mailsTo("panjang@layar.test")).toEqual([]);
    const [inEnglish] = mailsTo(english.user.email);
    expect(inEnglish).toContain("Reminder: entries for Festival Pengingat");
    expect(inEnglish).toContain("To turn them off");

    const lastDay = new Date(closes.getTime() - 12 * 3_600_000);
    await sendDeadlineReminders(handle.db, lastDay);
    await sendDeadlineReminders(handle.db, new Date(lastDay.getTime() + 60_000));
    await messagesSettled(handle.db);
    expect(mailsTo(unfinished.user.email)).toHaveLength(2);
    expect(mailsTo("diam@layar.test")).toEqual([]);
    // The extended KIM's own close is still 10 days away.
    expect(mailsTo("panjang@layar.test")).toEqual([]);
  });
});

describe("broadcast", () => {
  it("previews the count and the first message, then sends once however often it is submitted", async () => {
    const a = await createKim(handle.db, { name: "KIM Siaran A", districtCode: "33.13.11", villageCode: "33.13.11.2004" });
    const b = await createKim(handle.db, { name: "KIM Siaran B", districtCode: "33.13.08", contactEmail: "kontak.b@layar.test", contactName: "Bu Kontak" });
    await createKim(handle.db, { name: "KIM Wonogiri", districtCode: "33.12.01", contactEmail: "wng.kim@layar.test" });
    await createUser(handle.db, { email: "siaran.a@layar.test", name: "Anggota A", role: "kim", regionCode: "33.13", kimId: a.id });
    const input = { subject: "Rapat koordinasi", body: "Halo {nama} dari {kim}, rapat Senin pukul 09.00 WIB.", audience: "wilayah", token: crypto.randomUUID() };
    const preview = await previewBroadcast(handle.db, karanganyar, input);
    expect(preview.count).toBeGreaterThanOrEqual(2);
    expect(preview.first?.subject).toBe("Rapat koordinasi");
    expect(preview.first?.body).toMatch(/^Halo .+ dari .+, rapat Senin/);

    const sent = await sendBroadcast(handle.db, karanganyar, input);
    const again = await sendBroadcast(handle.db, karanganyar, input);
    expect(sent.queued).toBe(preview.count);
    expect(again.queued).toBe(0);
    await messagesSettled(handle.db);
    const toA = mailsTo("siaran.a@layar.test");
    expect(toA).toHaveLength(1);
    expect(toA[0]).toContain("Halo Anggota A dari KIM Siaran A, rapat Senin");
    expect(mailsTo("kontak.b@layar.test")).toHaveLength(1);
    expect(mailsTo("kontak.b@layar.test")[0]).toContain("Halo Bu Kontak dari KIM Siaran B");
    expect(mailsTo("wng.kim@layar.test")).toEqual([]);
    expect(b.id).toBeTruthy();

    const bad = await rejection(sendBroadcast(handle.db, karanganyar, { ...input, token: crypto.randomUUID(), body: "Halo {nma}, rapat." }));
    expect(bad?.fieldErrors?.body?.[0]).toContain("{nma}");
  });
});

describe("templates", () => {
  it("each organiser's own text per language, the province's as fallback, validated, reset to default", async () => {
    const bad = await rejection(saveTemplate(handle.db, karanganyar, { kind: "kim_approved", locale: "id", subject: "Disetujui {kim}", body: "Halo {nama}, {festival} menunggu." }));
    expect(bad?.fieldErrors?.body?.[0]).toContain("Penanda tidak dikenal: {festival}");
    await saveTemplate(handle.db, karanganyar, { kind: "kim_approved", locale: "id", subject: "Selamat, {kim} resmi terdaftar", body: "Halo {nama}, {kim} sudah disetujui Diskominfo Karanganyar. Masuk: {tautan}" });
    await saveTemplate(handle.db, jateng, { kind: "kim_approved", locale: "en", subject: "Welcome {kim} (Central Java)", body: "Hello {nama}, {kim} is approved by the province. {tautan}" });

    const approve = async (email: string, kimName: string, locale: "id" | "en") => {
      const outcome = await registerKim(handle.db, form({ email, kimName }));
      if (outcome.outcome !== "registered") throw new Error("not registered");
      await handle.db.update(users).set({ locale }).where(eq(users.id, outcome.userId));
      await decideRegistration(handle.db, karanganyar, { registrationId: outcome.registrationId, decision: "approve" });
    };
    await approve("resmi@layar.test", "KIM Resmi Satu", "id");
    await approve("official@layar.test", "KIM Resmi Dua", "en");
    await messagesSettled(handle.db);
    expect(mailsTo("resmi@layar.test").find((m) => m.includes("Selamat, KIM Resmi Satu resmi terdaftar"))).toContain("disetujui Diskominfo Karanganyar");
    expect(mailsTo("official@layar.test").find((m) => m.includes("Welcome KIM Resmi Dua (Central Java)"))).toContain("approved by the province");

    const listed = await listTemplates(handle.db, karanganyar);
    const approved = listed.find((t) => t.kind === "kim_approved")!;
    expect(approved.locales.map((l) => l.source)).toEqual(["region", "province"]);
    expect(approved.locales[0].preview.subject).toBe("Selamat, KIM Dagen Maju resmi terdaftar");
    expect((await listTemplates(handle.db, wonogiri)).find((t) => t.kind === "kim_approved")!.locales.map((l) => l.source)).toEqual(["default", "province"]);

    await resetTemplate(handle.db, karanganyar, { kind: "kim_approved", locale: "id" });
    expect((await listTemplates(handle.db, karanganyar)).find((t) => t.kind === "kim_approved")!.locales[0].source).toBe("default");
  });
});

describe("events and preferences", () => {
  it("an entry made for a KIM and its kurasi outcome reach the KIM's member, with the reason", async () => {
    const kim = await createKim(handle.db, { name: "KIM Karya", districtCode: "33.13.11", villageCode: "33.13.11.2004" });
    await createUser(handle.db, { email: "karya@layar.test", role: "kim", regionCode: "33.13", kimId: kim.id });
    const edition = await createEdition(handle.db, { title: "Festival Karya", regionCode: "33.13", status: "pendaftaran", submissionOpensAt: new Date(Date.now() - 86_400_000), submissionClosesAt: new Date(Date.now() + 20 * 86_400_000) });
    const { filmId } = await createFilmForKim(handle.db, karanganyar, { editionSlug: edition.slug, kimId: kim.id, confirmSlot: "on" });
    await messagesSettled(handle.db);
    const received = mailsTo("karya@layar.test");
    expect(received).toHaveLength(1);
    expect(received[0]).toContain("Karya KIM Karya untuk Festival Karya sudah tercatat");

    await handle.db.update(films).set({ status: "diunggah", title: "Sungai Kami" }).where(eq(films.id, filmId));
    await decideScreening(handle.db, karanganyar, edition.slug, { filmId, eligible: "tidak", reason: "Tema tidak sesuai ketentuan festival." });
    await messagesSettled(handle.db);
    const outcome = mailsTo("karya@layar.test").find((m) => m.includes("Tidak lolos kurasi: Sungai Kami"));
    expect(outcome).toContain("Alasan: Tema tidak sesuai ketentuan festival.");
  });

  it("a person chooses the language of their mail and turns reminders off", async () => {
    const kim = await createKim(handle.db, { name: "KIM Pilihan", districtCode: "33.13.08" });
    const person = await createUser(handle.db, { email: "pilihan@layar.test", role: "kim", regionCode: "33.13", kimId: kim.id });
    const session = { id: person.id, email: person.email, name: person.name, role: "kim" as const, status: "active" as const, regionCode: "33.13", kimId: kim.id };
    expect(await getPreferences(handle.db, session)).toEqual({ locale: "id", remindersOff: false });
    await savePreferences(handle.db, session, { locale: "en" });
    expect(await getPreferences(handle.db, session)).toEqual({ locale: "en", remindersOff: true });
    await savePreferences(handle.db, session, { locale: "en", reminders: "on" });
    expect(await getPreferences(handle.db, session)).toEqual({ locale: "en", remindersOff: false });
    await expect(savePreferences(handle.db, session, { locale: "jv", reminders: "on" })).rejects.toThrow();
  });
});

describe("scope", () => {
  it("another region's organiser sees none of these messages; the organiser sees theirs, paged and filtered", async () => {
    const other = await listMessages(handle.db, wonogiri, {});
    expect(other.total).toBe(0);
    const own = await listMessages(handle.db, karanganyar, {});
    expect(own.total).toBeGreaterThan(5);
    expect(own.rows.every((r) => r.kind)).toBe(true);
    const reminders = await listMessages(handle.db, karanganyar, { kind: "deadline_reminder", status: "terkirim" });
    expect(reminders.rows.every((r) => r.kind === "deadline_reminder" && r.status === "terkirim")).toBe(true);
    expect(reminders.total).toBeGreaterThan(0);
    const kimUser = await createUser(handle.db, { email: "bukan.panitia@layar.test", role: "kim", regionCode: "33.13", kimId: (await createKim(handle.db, { name: "KIM X", districtCode: "33.13.08" })).id });
    await expect(listMessages(handle.db, kimUser, {})).rejects.toThrow(AppError);
    const [countRow] = await handle.db.select().from(outgoingMessages).where(and(eq(outgoingMessages.regionCode, "33.12")));
    expect(countRow).toBeUndefined();
  });
});
