import { describe, expect, it } from "vitest";
import type { EditionRules, VideoProbe } from "@/lib/db/schema";
import { checkFileSize, checkVideoAgainstRules } from "@/lib/video/check-video-against-rules";

const rules: EditionRules = {
  maxDurationSeconds: 300,
  minHeight: 720,
  containers: ["mp4", "mov"],
  videoCodecs: ["h264", "hevc"],
  maxFileBytes: 2 * 1024 ** 3,
  filmsPerKim: 2,
  uploadGraceMinutes: 60,
  subtitles: "bahasa_daerah",
  eligibleKims: "semua",
};
const film = (facts: Partial<VideoProbe> = {}): VideoProbe => ({
  container: "mp4",
  videoCodec: "h264",
  audioCodec: "aac",
  width: 1920,
  height: 1080,
  durationSeconds: 240,
  ...facts,
});

describe("checkVideoAgainstRules", () => {
  it("passes a film that meets every rule", () => {
    expect(checkVideoAgainstRules(film(), rules)).toEqual([]);
    expect(checkVideoAgainstRules(film({ container: "mov", videoCodec: "hevc" }), rules)).toEqual([]);
  });

  describe("resolution: the short side must reach minHeight", () => {
    it.each<[number, number]>([[1280, 720], [720, 1280], [3840, 2160], [1080, 1920]])("%s×%s passes", (width, height) => {
      expect(checkVideoAgainstRules(film({ width, height }), rules)).toEqual([]);
    });
    it("refuses 640×360 and says what to export", () => {
      expect(checkVideoAgainstRules(film({ width: 640, height: 360 }), rules)).toEqual([
        "Resolusi film 640×360 (360p), kurang dari minimal 720p. Ekspor ulang minimal 1280×720.",
      ]);
    });
    it("suggests a portrait frame for a portrait film one pixel short", () => {
      expect(checkVideoAgainstRules(film({ width: 719, height: 1280 }), rules)).toEqual([
        "Resolusi film 719×1280 (719p), kurang dari minimal 720p. Ekspor ulang minimal 720×1280.",
      ]);
    });
    it("follows the edition's minimum (1080p, and 480p with an even 854 width)", () => {
      expect(checkVideoAgainstRules(film({ width: 1280, height: 720 }), { ...rules, minHeight: 1080 })).toEqual([
        "Resolusi film 1280×720 (720p), kurang dari minimal 1080p. Ekspor ulang minimal 1920×1080.",
      ]);
      expect(checkVideoAgainstRules(film({ width: 426, height: 240 }), { ...rules, minHeight: 480 })).toEqual([
        "Resolusi film 426×240 (240p), kurang dari minimal 480p. Ekspor ulang minimal 854×480.",
      ]);
    });
  });

  describe("duration: up to half a second over the limit passes (container rounding)", () => {
    it.each([299, 300, 300.4, 300.5])("%s s passes a 5-minute limit", (durationSeconds) => {
      expect(checkVideoAgainstRules(film({ durationSeconds }), rules)).toEqual([]);
    });
    it("refuses 300.51 s and shows it as a whole second over", () => {
      expect(checkVideoAgainstRules(film({ durationSeconds: 300.51 }), rules)).toEqual([
        "Durasi film 5 menit 1 detik, melebihi batas 5 menit.",
      ]);
    });
    it("refuses 6 min 12 s", () => {
      expect(checkVideoAgainstRules(film({ durationSeconds: 372 }), rules)).toEqual([
        "Durasi film 6 menit 12 detik, melebihi batas 5 menit.",
      ]);
    });
    it("names a limit in hours and minutes", () => {
      expect(checkVideoAgainstRules(film({ durationSeconds: 3725 }), { ...rules, maxDurationSeconds: 3720 })).toEqual([
        "Durasi film 1 jam 2 menit 5 detik, melebihi batas 1 jam 2 menit.",
      ]);
    });
  });

  describe("format", () => {
    it.each<[string, string]>([
      ["mkv", "MKV"],
      ["webm", "WebM"],
      ["avi", "AVI"],
      ["ts", "MPEG-TS"],
      ["flv", "FLV"],
    ])("refuses %s", (container, label) => {
      expect(checkVideoAgainstRules(film({ container }), rules)).toEqual([
        `Format ${label} tidak diterima. Gunakan MP4 atau MOV.`,
      ]);
    });
    it("lists three or more accepted formats with commas", () => {
      expect(checkVideoAgainstRules(film({ container: "avi" }), { ...rules, containers: ["mp4", "mov", "mkv"] })).toEqual([
        "Format AVI tidak diterima. Gunakan MP4, MOV, atau MKV.",
      ]);
    });
    it("reads rules typed by hand in any case or common spelling", () => {
      expect(checkVideoAgainstRules(film({ container: "mov" }), { ...rules, containers: ["MP4", "QuickTime"] })).toEqual([]);
    });
    it("treats an empty list as no restriction", () => {
      expect(checkVideoAgainstRules(film({ container: "mkv" }), { ...rules, containers: [] })).toEqual([]);
    });
  });

  describe("video codec", () => {
    it.each<[string, string]>([
      ["vp9", "VP9"],
      ["av1", "AV1"],
      ["prores", "ProRes"],
      ["mpeg4", "MPEG-4 Part 2"],
      ["wmv3", "WMV"],
    ])("refuses %s", (videoCodec, label) => {
      expect(checkVideoAgainstRules(film({ videoCodec }), rules)).toEqual([
        `Kodek video ${label} tidak diterima. Gunakan H.264 atau H.265.`,
      ]);
    });
    it("accepts H.265 when the rules call it h265", () => {
      expect(checkVideoAgainstRules(film({ videoCodec: "hevc" }), { ...rules, videoCodecs: ["H264", "h265"] })).toEqual([]);
    });
  });

  it("lists every problem at once, in a fixed order", () => {
    const bad = film({ container: "webm", videoCodec: "vp9", width: 640, height: 360, durationSeconds: 372 });
    expect(checkVideoAgainstRules(bad, rules)).toEqual([
      "Format WebM tidak diterima. Gunakan MP4 atau MOV.",
      "Kodek video VP9 tidak diterima. Gunakan H.264 atau H.265.",
      "Resolusi film 640×360 (360p), kurang dari minimal 720p. Ekspor ulang minimal 1280×720.",
      "Durasi film 6 menit 12 detik, melebihi batas 5 menit.",
    ]);
  });
});

describe("checkFileSize", () => {
  it("passes a file at the limit", () => {
    expect(checkFileSize(2 * 1024 ** 3, rules)).toBeUndefined();
  });
  it("refuses one byte over, showing a size larger than the limit", () => {
    expect(checkFileSize(2 * 1024 ** 3 + 1, rules)).toBe(
      "Ukuran berkas 2,1 GB, melebihi batas 2 GB. Ekspor ulang dengan bitrate lebih rendah.",
    );
  });
});
