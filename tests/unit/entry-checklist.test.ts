import { describe, expect, it } from "vitest";
import { entryChecklist } from "@/lib/films/entry-checklist";

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
});
