import { describe, expect, it } from "vitest";
import { effectiveClose, entriesOpen, organiserMayEnter, uploadMayContinue } from "@/lib/editions/submission-window";

const edition = {
  status: "pendaftaran",
  submissionOpensAt: new Date("2026-11-01T00:00:00+07:00"),
  submissionClosesAt: new Date("2026-12-31T23:59:00+07:00"),
  rules: { uploadGraceMinutes: 60 },
};
const at = (iso: string) => new Date(iso);

describe("entriesOpen", () => {
  it("is open between the opening and the close, in WIB", () => {
    expect(entriesOpen(edition, at("2026-12-31T23:58:59+07:00"))).toEqual({ open: true });
  });
  it("is closed from the closing minute on, and says when it closed in WIB", () => {
    const result = entriesOpen(edition, at("2026-12-31T16:59:00Z"));
    expect(result).toEqual({ open: false, reason: "Pendaftaran film sudah ditutup 31 Desember 2026 pukul 23.59 WIB." });
  });
  it("is not open yet before the opening", () => {
    expect(entriesOpen(edition, at("2026-10-31T23:00:00+07:00"))).toMatchObject({ open: false, reason: expect.stringContaining("baru dibuka 1 November 2026") });
  });
  it("is closed for an edition in judging whatever the dates say", () => {
    expect(entriesOpen({ ...edition, status: "penjurian" }, at("2026-12-01T00:00:00+07:00"))).toMatchObject({ open: false });
  });
});

describe("uploadMayContinue", () => {
  const started = at("2026-12-31T23:50:00+07:00");
  it("lets an upload that started before the close finish within the grace period", () => {
    expect(uploadMayContinue(edition, started, at("2027-01-01T00:58:00+07:00"))).toEqual({ ok: true });
  });
  it("stops it once the grace period is over", () => {
    expect(uploadMayContinue(edition, started, at("2027-01-01T01:00:00+07:00"))).toMatchObject({ ok: false, reason: expect.stringContaining("1 Januari 2027 pukul 00.59 WIB") });
  });
  it("gives no grace to an upload started after the close", () => {
    expect(uploadMayContinue(edition, at("2027-01-01T00:00:00+07:00"), at("2027-01-01T00:01:00+07:00"))).toMatchObject({ ok: false });
  });
});

describe("a KIM's own deadline (an extension)", () => {
  const extendedTo = at("2027-01-07T23:59:00+07:00");
  it("keeps entries open for that KIM until its own close, and names that close", () => {
    expect(entriesOpen(edition, at("2027-01-03T10:00:00+07:00"), extendedTo)).toEqual({ open: true });
    expect(entriesOpen(edition, at("2027-01-08T00:00:00+07:00"), extendedTo)).toEqual({ open: false, reason: "Pendaftaran film sudah ditutup 7 Januari 2027 pukul 23.59 WIB." });
    expect(effectiveClose(edition, extendedTo)).toEqual(extendedTo);
  });
  it("never brings the close forward", () => {
    expect(effectiveClose(edition, at("2026-12-01T00:00:00+07:00"))).toEqual(edition.submissionClosesAt);
  });
  it("counts for nothing once the edition left pendaftaran", () => {
    expect(entriesOpen({ ...edition, status: "penjurian" }, at("2027-01-03T10:00:00+07:00"), extendedTo)).toMatchObject({ open: false });
    expect(uploadMayContinue({ ...edition, status: "penjurian" }, at("2027-01-03T10:00:00+07:00"), at("2027-01-03T10:05:00+07:00"), extendedTo)).toMatchObject({ ok: false });
  });
  it("gives the grace period after the KIM's own close", () => {
    expect(uploadMayContinue(edition, at("2027-01-07T23:50:00+07:00"), at("2027-01-08T00:58:00+07:00"), extendedTo)).toEqual({ ok: true });
    expect(uploadMayContinue(edition, at("2027-01-07T23:50:00+07:00"), at("2027-01-08T01:00:00+07:00"), extendedTo)).toMatchObject({ ok: false });
  });
});

describe("organiserMayEnter", () => {
  it("allows an organiser's entry for a KIM while the edition takes entries, whatever the date, and never later", () => {
    expect(organiserMayEnter({ status: "pendaftaran" })).toEqual({ open: true });
    for (const status of ["draf", "penjurian", "disegel", "diumumkan"]) expect(organiserMayEnter({ status })).toMatchObject({ open: false });
  });
});

