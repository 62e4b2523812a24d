import { describe, expect, it } from "vitest";
import { entryChecklist, statusWithAcceptedVideo } from "@/lib/films/entry-checklist";

const complete = {
  film: { title: "Nular", synopsis: "Sinopsis yang cukup panjang.", language: "Bahasa Indonesia", declaredDurationSeconds: 290, originalityDeclared: true, publicationConsent: true, status: "diunggah" },
  poster: {},
  subtitle: null,
  video: {},
  lastVideoAttempt: { status: "ok" },
};

describe("entryChecklist", () => {
  it("says everything is done for a complete entry", () => {
    expect(entryChecklist(complete)).toEqual(["done"]);
  });
  it("lists details, poster and video for a fresh draft", () => {
    expect(entryChecklist({ ...complete, film: { ...complete.film, synopsis: null, originalityDeclared: false }, poster: null, video: null, lastVideoAttempt: null })).toEqual(["details", "poster", "video"]);
  });
  it("says the video is being checked, or needs fixing after a rejection", () => {
    expect(entryChecklist({ ...complete, video: null, lastVideoAttempt: { status: "checking" } })).toEqual(["checking"]);
    expect(entryChecklist({ ...complete, video: null, lastVideoAttempt: { status: "rejected" } })).toEqual(["fix"]);
  });
  it("keeps an accepted video when a newer upload is rejected", () => {
    expect(entryChecklist({ ...complete, lastVideoAttempt: { status: "rejected" } })).toEqual(["done"]);
  });
  it("asks for Indonesian subtitles for a regional-language film", () => {
    expect(entryChecklist({ ...complete, film: { ...complete.film, language: "Bahasa Jawa" } })).toEqual(["subtitle"]);
    expect(entryChecklist({ ...complete, film: { ...complete.film, language: "Bahasa Jawa" }, subtitle: {} })).toEqual(["done"]);
  });
  it("follows the edition's subtitle rule", () => {
    const indonesian = complete;
    const javanese = { ...complete, film: { ...complete.film, language: "Bahasa Jawa" } };
    expect(entryChecklist(indonesian, { subtitles: "semua" })).toEqual(["subtitle"]);
    expect(entryChecklist(javanese, { subtitles: "opsional" })).toEqual(["done"]);
    expect(entryChecklist(javanese, { subtitles: "bahasa_daerah" })).toEqual(["subtitle"]);
    // Shown with the other steps, not only once everything else is done.
    expect(entryChecklist({ ...javanese, poster: null }, { subtitles: "bahasa_daerah" })).toEqual(["poster", "subtitle"]);
  });
});

describe("statusWithAcceptedVideo", () => {
  it("completes an entry only with the subtitle the rules ask for", () => {
    expect(statusWithAcceptedVideo({ subtitles: "bahasa_daerah" }, "Bahasa Jawa", false)).toEqual({
      status: "draf",
      statusReason: "Video diterima. Unggah subtitle Bahasa Indonesia (.srt atau .vtt) agar film lengkap dan bisa dinilai.",
    });
    expect(statusWithAcceptedVideo({ subtitles: "bahasa_daerah" }, "Bahasa Jawa", true)).toEqual({ status: "diunggah", statusReason: null });
    expect(statusWithAcceptedVideo({ subtitles: "bahasa_daerah" }, "Bahasa Indonesia", false)).toEqual({ status: "diunggah", statusReason: null });
    expect(statusWithAcceptedVideo({ subtitles: "semua" }, "Bahasa Indonesia", false).status).toBe("draf");
    expect(statusWithAcceptedVideo({ subtitles: "opsional" }, null, false).status).toBe("diunggah");
  });
});
