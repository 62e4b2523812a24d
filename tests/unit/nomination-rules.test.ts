import { describe, expect, it } from "vitest";
import { defaultRules } from "@/lib/editions/defaults";
import { kimMayEnter } from "@/lib/films/entry-eligibility";
import { editionIntake, filmRuleProblems, mapCategory, nominationWindow, promotedMediaLocked, quotaProblem, takesDirectEntries, takesNominations } from "@/lib/nominations/rules";
import { promotedLine } from "@/lib/nominations/public";

const probe = { container: "mp4", videoCodec: "h264", width: 1280, height: 720, durationSeconds: 240 };
const film = { language: "Bahasa Indonesia", video: { probe, sizeBytes: 100_000_000 }, hasSubtitle: false };

describe("the intake of an edition", () => {
  it("reads a missing intake as direct entries only", () => {
    expect(editionIntake(null).mode).toBe("langsung");
    expect(takesNominations({ level: "provinsi", intake: null })).toBe(false);
    expect(takesNominations({ level: "provinsi", intake: { mode: "keduanya", quotaKind: "peringkat", quotaPerRegency: 3 } })).toBe(true);
    expect(takesNominations({ level: "kabupaten", intake: { mode: "nominasi", quotaKind: "peringkat", quotaPerRegency: 3 } })).toBe(false);
  });

  it("refuses direct entries only in a nominations-only edition, with the reason", () => {
    expect(takesDirectEntries({ mode: "keduanya", quotaKind: "peringkat", quotaPerRegency: 3 })).toBe(true);
    const refused = kimMayEnter({ regionCode: "33", rules: null, intake: { mode: "nominasi", quotaKind: "pilihan", quotaPerRegency: 2 } }, { regencyCode: "33.13", status: "aktif" });
    expect(refused).toEqual({ ok: false, why: "intake", reason: expect.stringContaining("hanya menerima film kiriman (nominasi)") });
  });
});

describe("the quota", () => {
  const peringkat = { mode: "nominasi" as const, quotaKind: "peringkat" as const, quotaPerRegency: 3 };
  const pilihan = { mode: "nominasi" as const, quotaKind: "pilihan" as const, quotaPerRegency: 2 };
  it("peringkat: takes ranks 1 to N and refuses the rest and the unranked", () => {
    expect(quotaProblem(peringkat, { rank: 1 }, 0)).toBeNull();
    expect(quotaProblem(peringkat, { rank: 3 }, 2)).toBeNull();
    expect(quotaProblem(peringkat, { rank: 4 }, 0)).toBe("Festival provinsi hanya menerima film peringkat 1–3 dari hasil kabupaten/kota; film ini tidak termasuk.");
    expect(quotaProblem(peringkat, { rank: null }, 0)).not.toBeNull();
  });
  it("pilihan: any film, up to N standing nominations", () => {
    expect(quotaProblem(pilihan, { rank: null }, 1)).toBeNull();
    expect(quotaProblem(pilihan, { rank: 1 }, 2)).toBe("Kuota 2 film per kabupaten/kota sudah terpakai.");
  });
});

describe("the provincial rules against a film", () => {
  it("passes a film within the rules", () => {
    expect(filmRuleProblems({ ...defaultRules, subtitles: "opsional" }, film)).toEqual([]);
  });
  it("names each broken rule in the video check's words", () => {
    const problems = filmRuleProblems(
      { ...defaultRules, maxDurationSeconds: 180, minHeight: 1080, containers: ["mov"], subtitles: "semua" },
      film,
    );
    expect(problems).toEqual([
      "Format MP4 tidak diterima. Gunakan MOV.",
      "Resolusi film 1280×720 (720p), kurang dari minimal 1080p. Ekspor ulang minimal 1920×1080.",
      "Durasi film 4 menit, melebihi batas 3 menit.",
      "Aturan festival provinsi meminta subtitle untuk film ini, tetapi film ini tidak punya berkas subtitle.",
    ]);
  });
  it("refuses a film without an accepted video", () => {
    expect(filmRuleProblems(defaultRules, { ...film, video: null })).toEqual(["Film ini tidak punya video yang lolos pemeriksaan."]);
  });
});

describe("the window, categories and the path", () => {
  it("is open while the provincial edition takes entries, closed from its close", () => {
    const edition = { status: "pendaftaran", submissionClosesAt: new Date("2026-12-31T16:59:00Z") };
    expect(nominationWindow(edition, new Date("2026-12-01T00:00:00Z")).open).toBe(true);
    expect(nominationWindow(edition, new Date("2026-12-31T17:00:00Z"))).toEqual({ open: false, reason: expect.stringMatching(/^Nominasi sudah ditutup 31 Desember 2026/) });
    expect(nominationWindow({ ...edition, status: "penjurian" }, new Date("2026-12-01T00:00:00Z")).open).toBe(false);
  });
  it("maps a category by name, else the province's first", () => {
    const target = [
      { id: "a", name: "Dokumenter" },
      { id: "b", name: "Fiksi" },
    ];
    expect(mapCategory(" fiksi ", target)).toBe("b");
    expect(mapCategory("Animasi", target)).toBe("a");
    expect(mapCategory("Fiksi", [])).toBeNull();
  });
  it("locks a promoted copy's media and writes its path", () => {
    expect(promotedMediaLocked({ promotedFromFilmId: null })).toBeNull();
    expect(promotedMediaLocked({ promotedFromFilmId: "x" })?.reason).toMatch(/tidak bisa diganti/);
    expect(promotedLine({ editionTitle: "Festival Film KIM Kabupaten Karanganyar 2025", editionSlug: "x", placement: "Juara II" })).toBe("dari Festival Film KIM Kabupaten Karanganyar 2025 (Juara II)");
  });
});
