import { describe, expect, it } from "vitest";
import { allPosterSizeKeys, chooseWidths, parsePosterSizeQuery, posterSizeKey, posterSizes, posterSrcSet, posterVersion } from "@/lib/films/poster-sizes";

const filmId = "0b6f3c1e-8a7d-4c1e-9f2a-1234567890ab";
const mediaId = "9f3e2d1c-0000-4000-8000-00000000abcd";

describe("the widths a frame gets", () => {
  it.each([
    // [frame width in CSS px, cropped 2:3 frame?, 1x, 2x]
    [48, true, 48, 96], // the KIM profile's awards
    [64, true, 64, 128], // winners, archive, region pages
    [160, true, 160, 320], // the film page without a video
    [180, false, 180, 360], // the KIM's and the judge's preview
  ])("a %i px frame (crop %s) gets %i for 1x and %i for 2x", (display, crop, x1, x2) => {
    expect(chooseWidths(display, crop)).toEqual({ x1, x2 });
  });

  it("never sends more than twice the displayed pixels, nor less than them when a listed size is big enough", () => {
    for (const crop of [true, false]) {
      const listed = posterSizes.filter((s) => s.crop === crop).map((s) => s.width as number);
      for (let display = 24; display <= 400; display += 1) {
        for (const [density, chosen] of [[1, chooseWidths(display, crop).x1], [2, chooseWidths(display, crop).x2]] as const) {
          const target = display * density;
          if (listed.some((w) => w >= target && w <= 2 * target)) expect(chosen).toBeGreaterThanOrEqual(target);
          if (listed.some((w) => w <= 2 * target)) expect(chosen).toBeLessThanOrEqual(2 * target);
        }
      }
    }
  });

  it("writes a srcset of the poster's versioned size URLs with x descriptors", () => {
    expect(posterSrcSet(filmId, "9f3e2d1c", 64, true, "avif")).toBe(`/api/films/${filmId}/poster?w=64&f=avif&v=9f3e2d1c 1x, /api/films/${filmId}/poster?w=128&f=avif&v=9f3e2d1c 2x`);
  });
});

describe("a size request", () => {
  const parse = (query: string) => parsePosterSizeQuery(new URLSearchParams(query));

  it("is the poster itself without w and f, a listed size with them", () => {
    expect(parse("")).toBeNull();
    expect(parse("unduh=1")).toBeNull();
    expect(parse("w=128&f=webp&v=9f3e2d1c")).toEqual({ width: 128, format: "webp", version: "9f3e2d1c" });
    expect(parse("w=48&f=jpeg")).toEqual({ width: 48, format: "jpeg", version: undefined });
  });

  it.each(["w=100&f=webp", "w=1e2&f=webp", "w=128&f=png", "w=128", "f=avif", "w=-64&f=webp", "w=128&f=webp&v=../../x"])("refuses %s", (query) => {
    expect(parse(query)).toBe("invalid");
  });
});

describe("where sizes are kept", () => {
  it("next to the poster, named by the poster's media id, one per width and format", () => {
    expect(posterSizeKey(`films/${filmId}/poster.jpg`, mediaId, 128, "jpeg")).toBe(`films/${filmId}/poster-${mediaId}-w128.jpg`);
    const keys = allPosterSizeKeys(`films/${filmId}/poster.jpg`, mediaId);
    expect(new Set(keys).size).toBe(posterSizes.length * 3);
    expect(posterVersion(mediaId)).toBe("9f3e2d1c");
  });
});
