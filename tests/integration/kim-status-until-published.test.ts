import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getEdition } from "@/app/api/v1/editions/[slug]/route";
import { GET as getFilm } from "@/app/api/v1/films/[id]/route";
import { GET as getKim } from "@/app/api/v1/kim/[slug]/route";
import { GET as listKim } from "@/app/api/v1/kim/route";
import { GET as searchArchive } from "@/app/api/v1/arsip/route";
import { listOwnCertificates } from "@/lib/documents/own-certificates";
import { resetEnvForTests } from "@/lib/env";
import { getKimEntry } from "@/lib/films/kim-film";
import { listKimFilms } from "@/lib/films/list-kim-films";
import { getKimProfile } from "@/lib/public/get-kim-profile";
import { juryFeedback } from "@/lib/results/kim-feedback";
import { publishResults, sealResults } from "@/lib/results/edition-results";
import { createKim, createUser } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";
import { mailText, startSmtpServer } from "../setup/smtp";
import { actor, judgedEdition } from "./results-fixtures";

// Defect: after the seal, a KIM could tell its placed film from the others before publication
// ("Selesai" against "Sedang dinilai"). Every surface a KIM reads — its dashboard, each film's
// page, its mail, the public API and its public profile — must read the same for a placed and
// an unplaced film until the results are published, and the real outcome afterwards.

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
type User = Awaited<ReturnType<typeof createUser>>;
let organiser: User, member: User;
let kimSlug: string;
let placed: string, unplaced: string;
const slug = "status-netral";
const req = (path: string) => new Request(`http://layar.test${path}`);
const params = <T>(value: T) => ({ params: Promise.resolve(value) });

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  await createTestRegions(db);
  smtp = await startSmtpServer();
  process.env.SMTP_URL = smtp.url;
  resetEnvForTests();
  organiser = await createUser(db, { email: "kra@layar.test", role: "organiser", regionCode: "33.13" });
  const judgeA = await createUser(db, { email: "a@layar.test", role: "judge", regionCode: "33.72" });
  const judgeB = await createUser(db, { email: "b@layar.test", role: "judge", regionCode: "33.12" });
  const kim = await createKim(db, { name: "KIM Manteb", districtCode: "33.13.08" });
  kimSlug = kim.slug;
  member = await createUser(db, { email: "kim@layar.test", role: "kim", kimId: kim.id, regionCode: "33.13" });
  const setup = await judgedEdition(db, {
    slug,
    kimId: kim.id,
    judges: [judgeA, judgeB],
    settings: { placements: { juara: 1, harapan: 0 }, showJuryCommentsToKim: true },
    films: [
      { code: "N-1", title: "Film Unggul", sheets: [{ judge: judgeA, score: 90 }, { judge: judgeB, score: 88 }] },
      { code: "N-2", title: "Film Lain", sheets: [{ judge: judgeA, score: 60 }, { judge: judgeB, score: 62 }] },
    ],
  });
  placed = setup.films["N-1"];
  unplaced = setup.films["N-2"];
  expect(await sealResults(db, actor(organiser), slug)).toEqual({ placed: 1 });
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  resetEnvForTests();
  await smtp.stop();
  await handle.drop();
});

/** Everything a KIM member can read about one of its films, as plain data. */
async function whatTheKimSees(filmId: string) {
  const kimActor = actor(member);
  const dashboard = (await listKimFilms(handle.db, kimActor)).find((f) => f.id === filmId)!;
  const page = await getKimEntry(handle.db, kimActor, filmId);
  const film = await getFilm(req(`/api/v1/films/${filmId}`), params({ id: filmId }));
  return {
    dashboard: { status: dashboard.status, statusReason: dashboard.statusReason, placement: dashboard.placement, certificateCode: dashboard.certificateCode },
    page: page.shown,
    feedback: await juryFeedback(handle.db, kimActor, filmId),
    apiFilm: { status: film.status, body: await film.json() },
  };
}

/** The KIM-wide surfaces: its certificates, public profile, the directory, the archive and the edition. */
async function kimWide() {
  const edition = await (await getEdition(req(`/api/v1/editions/${slug}`), params({ slug }))).json();
  return {
    certificates: await listOwnCertificates(handle.db, actor(member)),
    profile: (await getKimProfile(handle.db, kimSlug))!.awards,
    apiProfile: (await (await getKim(req(`/api/v1/kim/${kimSlug}`), params({ slug: kimSlug }))).json()).awards,
    directory: await (await listKim(req("/api/v1/kim?regency=33.13"), undefined as never)).json(),
    archive: (await (await searchArchive(req(`/api/v1/arsip?kim=${kimSlug}`), undefined as never)).json()).total,
    editionResults: edition.results,
  };
}

describe("sealed, not yet published", () => {
  it("reads the same neutral status for the placed and the unplaced film on every KIM surface", async () => {
    const [first, second] = await Promise.all([whatTheKimSees(placed), whatTheKimSees(unplaced)]);
    expect(first).toEqual(second);
    expect(first).toEqual({
      dashboard: { status: "dinilai", statusReason: null, placement: null, certificateCode: null },
      page: { status: "dinilai", statusReason: null },
      feedback: null,
      apiFilm: { status: 404, body: { error: "Data tidak ditemukan." } },
    });
  });

  it("names no outcome anywhere the KIM can look, and sends the KIM no mail", async () => {
    expect(await kimWide()).toMatchObject({ certificates: [], profile: [], apiProfile: [], archive: 0, editionResults: null });
    expect(smtp.inbox.filter((m) => m.to.includes(member.email))).toEqual([]);
  });
});

describe("published", () => {
  it("shows each film's real outcome, and mails it", async () => {
    await publishResults(handle.db, actor(organiser), slug, {});
    const [first, second] = await Promise.all([whatTheKimSees(placed), whatTheKimSees(unplaced)]);
    expect(first.dashboard).toMatchObject({ status: "juara", placement: "Juara I", certificateCode: expect.any(String) });
    expect(first.page).toEqual({ status: "juara", statusReason: null });
    expect(first.apiFilm.status).toBe(200);
    expect(second.dashboard).toMatchObject({ status: "dinilai_selesai", placement: null });
    expect(second.page).toEqual({ status: "dinilai_selesai", statusReason: null });
    expect(second.apiFilm.status).toBe(404);
    expect(first.feedback).not.toBeNull();

    const wide = await kimWide();
    expect(wide.profile).not.toEqual([]);
    expect(wide.archive).toBe(1);
    const mail = smtp.inbox.find((m) => m.to.includes(member.email));
    expect(mailText(mail!.raw)).toMatch(/Film Unggul: Juara I/);
    expect(mailText(mail!.raw)).toMatch(/Film Lain: sudah dinilai/);
  });
});
