import { describe, expect, it } from "vitest";
import { entriesOpen, uploadMayContinue } from "@/lib/editions/submission-window";

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
