import { describe, expect, it } from "vitest";
import type { VideoProbe } from "@/lib/db/schema";
import { defaultRules } from "@/lib/editions/defaults";
import { translateMessage } from "@/lib/i18n/translate-message";
import { HARD_MAX_BYTES, precheckVideoFile, uploadSizeProblem } from "@/lib/video/browser-check";
import { checkVideoAgainstRules } from "@/lib/video/check-video-against-rules";

// The uploader refuses in the browser, before a byte is sent, what it can already see
// is wrong: each refusal must read exactly as the server's would.

const rules = { ...defaultRules, maxDurationSeconds: 300, minHeight: 720, maxFileBytes: 2 * 1024 ** 3 };
const probe = (over: Partial<VideoProbe>): VideoProbe => ({ container: "mp4", videoCodec: "h264", width: 1280, height: 720, durationSeconds: 120, ...over });
const mb = 1024 ** 2;

describe("precheckVideoFile", () => {
  it("refuses a 640×360 film with the server's resolution message", () => {
    const facts = { sizeBytes: 40 * mb, width: 640, height: 360, durationSeconds: 120 };
    const server = checkVideoAgainstRules(probe({ width: 640, height: 360 }), rules);
    expect(precheckVideoFile(facts, rules)).toEqual(server);
    expect(server).toEqual(["Resolusi film 640×360 (360p), kurang dari minimal 720p. Ekspor ulang minimal 1280×720."]);
  });

  it("refuses a 6-minute film under a 5-minute rule with the server's duration message", () => {
    const facts = { sizeBytes: 40 * mb, width: 1280, height: 720, durationSeconds: 372 };
    expect(precheckVideoFile(facts, rules)).toEqual(checkVideoAgainstRules(probe({ durationSeconds: 372 }), rules));
    expect(precheckVideoFile(facts, rules)).toEqual(["Durasi film 6 menit 12 detik, melebihi batas 5 menit."]);
  });

  it("reads an upright phone film's short side, as the server does", () => {
    expect(precheckVideoFile({ sizeBytes: mb, width: 720, height: 1280, durationSeconds: 60 }, rules)).toEqual([]);
    expect(precheckVideoFile({ sizeBytes: mb, width: 360, height: 640, durationSeconds: 60 }, rules)).toEqual(checkVideoAgainstRules(probe({ width: 360, height: 640 }), rules));
  });

  it("refuses a file over the edition's maximum with the message the upload's start check gives", () => {
    const size = 2 * 1024 ** 3 + 200 * mb;
    expect(precheckVideoFile({ sizeBytes: size }, rules)).toEqual(["Ukuran berkas 2,2 GB melebihi batas 2 GB. Kompres atau ekspor ulang filmnya."]);
    expect(precheckVideoFile({ sizeBytes: size }, rules)).toEqual([uploadSizeProblem(size, rules.maxFileBytes)]);
  });

  it("never allows more than the hard ceiling, whatever the edition says", () => {
    expect(precheckVideoFile({ sizeBytes: HARD_MAX_BYTES + 1 }, { ...rules, maxFileBytes: 100 * 1024 ** 3 })[0]).toMatch(/melebihi batas 8 GB/);
  });

  it("lists every problem it can see at once, in the server's order", () => {
    const problems = precheckVideoFile({ sizeBytes: 3 * 1024 ** 3, width: 640, height: 360, durationSeconds: 372 }, rules);
    expect(problems).toHaveLength(3);
    expect(problems.slice(1)).toEqual(checkVideoAgainstRules(probe({ width: 640, height: 360, durationSeconds: 372 }), rules));
  });

  it("sends what it cannot read (a codec the browser lacks): only the size is judged", () => {
    expect(precheckVideoFile({ sizeBytes: 40 * mb }, rules)).toEqual([]);
    expect(precheckVideoFile({ sizeBytes: 40 * mb, width: null, height: null, durationSeconds: null }, rules)).toEqual([]);
  });

  it("leaves a film within a second of the limit to the server (the browser's duration may differ slightly)", () => {
    expect(precheckVideoFile({ sizeBytes: mb, width: 1280, height: 720, durationSeconds: 300.4 }, rules)).toEqual([]);
    expect(precheckVideoFile({ sizeBytes: mb, width: 1280, height: 720, durationSeconds: 301.2 }, rules)).toEqual([]);
    expect(precheckVideoFile({ sizeBytes: mb, width: 1280, height: 720, durationSeconds: 302 }, rules)).toEqual(["Durasi film 5 menit 2 detik, melebihi batas 5 menit."]);
  });

  it("reads in English for an English reader, as the server's refusals do", () => {
    const [message] = precheckVideoFile({ sizeBytes: mb, width: 640, height: 360 }, rules);
    expect(translateMessage(message, "en")).toBe("The film's resolution is 640×360 (360p), below the 720p minimum. Re-export at 1280×720 or more.");
  });
});
