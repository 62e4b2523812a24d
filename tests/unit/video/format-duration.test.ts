import { describe, expect, it } from "vitest";
import { formatBytes } from "@/lib/format/bytes";
import { formatDuration } from "@/lib/format/duration";

describe("formatDuration", () => {
  it.each<[number, string]>([
    [372, "6 menit 12 detik"],
    [45, "45 detik"],
    [3720, "1 jam 2 menit"],
    [300, "5 menit"],
    [3600, "1 jam"],
    [3605, "1 jam 5 detik"],
    [3725, "1 jam 2 menit 5 detik"],
    [59.6, "1 menit"], // rounded to the nearest second
    [300.4, "5 menit"],
    [300.51, "5 menit 1 detik"],
    [0.4, "0 detik"],
    [0, "0 detik"],
    [-3, "0 detik"],
    [Number.NaN, "0 detik"],
  ])("%s s -> %s", (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});

describe("formatBytes", () => {
  it.each<[number, string]>([
    [500, "500 byte"],
    [1024, "1 KB"],
    [1.55 * 1024 ** 2, "1,6 MB"],
    [2 * 1024 ** 3, "2 GB"],
    [2.25 * 1024 ** 3, "2,3 GB"],
  ])("%s -> %s", (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
  it("rounds up when asked, so a size just over a limit never reads equal to it", () => {
    expect(formatBytes(2 * 1024 ** 3 + 1, Math.ceil)).toBe("2,1 GB");
  });
});
