import { describe, expect, it } from "vitest";
import { z } from "zod";
import { runFormAction } from "@/lib/actions/form-state";
import type { EditionRules, VideoProbe } from "@/lib/db/schema";
import { entriesOpen } from "@/lib/editions/submission-window";
import { AppError, forbidden, notFound, toErrorResponse } from "@/lib/errors";
import { translateFieldErrors, translateMessage } from "@/lib/i18n/translate-message";
import { rankFilms } from "@/lib/results/rank";
import { checkFileSize, checkVideoAgainstRules } from "@/lib/video/check-video-against-rules";

const en = (text: string) => translateMessage(text, "en");

const rules: EditionRules = {
  maxDurationSeconds: 300,
  minHeight: 720,
  containers: ["mp4", "mov", "mkv"],
  videoCodecs: ["h264", "hevc"],
  maxFileBytes: 2 * 1024 ** 3,
  filmsPerKim: 2,
  uploadGraceMinutes: 60,
  subtitles: "bahasa_daerah",
  eligibleKims: "semua",
};
const probe: VideoProbe = { container: "avi", videoCodec: "vp9", width: 1280, height: 540, durationSeconds: 372 };

describe("translateMessage", () => {
  it("translates a known message exactly", () => {
    expect(en("Periksa isian yang ditandai.")).toBe("Please check the highlighted fields.");
    expect(en(notFound().userMessage)).toBe("Not found.");
    expect(en(forbidden().userMessage)).toBe("You are not allowed to do this.");
  });

  it("matches templates and carries the values over", () => {
    expect(en("Nilai Sinematografi harus antara 1 dan 10.")).toBe("The score for Sinematografi must be between 1 and 10.");
    expect(en('Penghargaan "Film Favorit" sudah diberikan di festival ini. Hapus dulu bila ingin memindahkannya.')).toBe(
      'The award "Film Favorit" has already been given in this festival. Remove it first if you want to move it.',
    );
    expect(en("Pendaftaran Anda ditolak: Foto KTP buram.")).toBe("Your registration was rejected: Foto KTP buram.");
    expect(en("Pendaftaran Anda ditolak.")).toBe("Your registration was rejected.");
    // A value stops at a sentence end; the organiser's own second sentence stays as written.
    expect(en("Pendaftaran Anda ditolak: Foto KTP buram. Unggah ulang.")).toBe("Your registration was rejected: Foto KTP buram. Unggah ulang.");
  });

  it("converts durations, sizes and lists of choices inside the video check's messages", () => {
    expect(checkVideoAgainstRules(probe, rules).map(en)).toEqual([
      "The AVI format is not accepted. Use MP4, MOV, or MKV.",
      "The VP9 video codec is not accepted. Use H.264 or H.265.",
      "The film's resolution is 1280×540 (540p), below the 720p minimum. Re-export at 1280×720 or more.",
      "The film runs 6 min 12 s, over the 5 min limit.",
    ]);
    expect(en(checkFileSize(2.15 * 1024 ** 3, rules) ?? "")).toBe("The file is 2.2 GB, over the 2 GB limit. Re-export at a lower bitrate.");
  });

  it("translates a stored reason that joins several problems, sentence by sentence", () => {
    const joined = [...checkVideoAgainstRules(probe, rules).slice(2), "Catatan panitia: hubungi kami."].join(" ");
    expect(en(joined)).toBe(
      "The film's resolution is 1280×540 (540p), below the 720p minimum. Re-export at 1280×720 or more. " +
        "The film runs 6 min 12 s, over the 5 min limit. Catatan panitia: hubungi kami.",
    );
  });

  it("reads WIB dates in a message", () => {
    const edition = { status: "pendaftaran", submissionOpensAt: new Date("2026-06-12T07:00:00Z"), submissionClosesAt: new Date("2026-07-01T00:00:00Z"), rules: null };
    const closed = entriesOpen(edition, new Date("2026-06-01T00:00:00Z"));
    expect(closed.open).toBe(false);
    expect(en(closed.open ? "" : closed.reason)).toBe("Film entries open on 12 June 2026 at 14:00 WIB.");
  });

  it("translates the ranking problems nested in a refused seal, keeping film ids and categories apart", () => {
    const ranking = rankFilms({
      method: "mean",
      criteria: [{ id: "cerita", weight: 1, min: 0, max: 10 }],
      films: [
        { id: "F-1", category: "Fiksi" },
        { id: "F-2", category: "Fiksi" },
      ],
      sheets: [
        { judgeId: "J-1", filmId: "F-1", scores: { cerita: 8 } },
        { judgeId: "J-1", filmId: "F-2", scores: { cerita: 8 } },
        { judgeId: "J-2", filmId: "F-2", scores: { cerita: 11, gaya: 3 } },
      ],
    });
    const refused = `Hasil belum bisa disegel: ${ranking.problems.join(" ")}`;
    expect(en(refused)).toBe(
      "The results cannot be sealed yet: Judge J-2's score sheet for film F-2 is ignored: the score for criterion cerita (11) is outside 0–10; a score for unknown criterion gaya. " +
        "Films F-1 and F-2 (category Fiksi) are still tied at place 1 (score 80.00): add a tie-break criterion or record a jury decision.",
    );
  });

  it("returns text it does not know unchanged", () => {
    expect(en("Pesan yang belum ada di katalog.")).toBe("Pesan yang belum ada di katalog.");
    expect(en("")).toBe("");
  });

  it("leaves Indonesian as it is for the Indonesian locale", () => {
    expect(translateMessage("Periksa isian yang ditandai.", "id")).toBe("Periksa isian yang ditandai.");
    expect(translateMessage("Nilai Sinematografi harus antara 1 dan 10.", "id")).toBe("Nilai Sinematografi harus antara 1 dan 10.");
    const fieldErrors = { email: ["Masukkan alamat email yang benar."] };
    expect(translateFieldErrors(fieldErrors, "id")).toBe(fieldErrors);
    expect(translateFieldErrors(fieldErrors, "en")).toEqual({ email: ["Enter a valid email address."] });
  });
});

describe("the edges", () => {
  it("answers a JSON error in the asked language", async () => {
    const parsed = z.object({ password: z.string().min(10, "Kata sandi minimal 10 karakter.") }).safeParse({ password: "pendek" });
    const english = toErrorResponse(parsed.error, en, "en");
    expect(english.status).toBe(422);
    expect(english.headers.get("content-language")).toBe("en");
    expect(await english.json()).toEqual({ error: "Invalid input.", fieldErrors: { password: ["The password needs at least 10 characters."] } });
    expect(await toErrorResponse(parsed.error).json()).toEqual({ error: "Masukan tidak valid.", fieldErrors: { password: ["Kata sandi minimal 10 karakter."] } });
  });

  it("keeps Indonesian for a form action outside a request (no cookie to read)", async () => {
    const state = await runFormAction({}, async () => {
      throw new AppError("conflict", { userMessage: "Babak final sudah dibuat untuk festival ini." });
    });
    expect(state.message).toBe("Babak final sudah dibuat untuk festival ini.");
  });
});
