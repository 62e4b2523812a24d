import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError, toErrorResponse } from "@/lib/errors";
import { newFilmCode } from "@/lib/films/film-code";
import { formatDateWib, formatWib } from "@/lib/format/dates";
import { slugify } from "@/lib/kim/slug";
import { ancestorCodes, regionCodePattern } from "@/lib/regions/get-region";
import { rankPlacement } from "@/lib/seed/demo-placements";
import { toLocale } from "@/lib/i18n/locales";

describe("formatWib", () => {
  it("shows the time in Jakarta whatever the server zone (UTC 17:30 is 00:30 WIB next day)", () => {
    expect(formatWib(new Date("2026-01-31T17:30:00Z"))).toBe("1 Februari 2026 pukul 00.30 WIB");
    expect(formatDateWib(new Date("2026-01-31T17:30:00Z"))).toBe("1 Februari 2026");
  });
  it("writes English month names for the English locale", () => {
    expect(formatDateWib(new Date("2026-01-31T17:30:00Z"), "en")).toBe("1 February 2026");
  });
  it("shows a dash for a missing date", () => {
    expect(formatWib(null)).toBe("—");
  });
});

describe("regions", () => {
  it("lists ancestor codes top first", () => {
    expect(ancestorCodes("33.13.11.2004")).toEqual(["33", "33.13", "33.13.11"]);
    expect(ancestorCodes("33")).toEqual([]);
  });
  it.each(["33", "33.13", "33.13.08", "33.13.11.2004"])("accepts the code %s", (code) => {
    expect(regionCodePattern.test(code)).toBe(true);
  });
  it.each(["3", "33.1", "33.13.8", "33.13.08.20", "x", "33.13;drop", "../33"])("refuses %s", (code) => {
    expect(regionCodePattern.test(code)).toBe(false);
  });
});

describe("slugify", () => {
  it("makes readable, URL-safe slugs", () => {
    expect(slugify("KIM Manteb", "Karangpandan")).toBe("kim-manteb-karangpandan");
    expect(slugify("KIM Sêrayu <script>")).toBe("kim-serayu-script");
  });
});

describe("newFilmCode", () => {
  it("is random, carries only the edition prefix, and avoids look-alike characters", () => {
    const codes = new Set(Array.from({ length: 200 }, () => newFilmCode("JTG26")));
    expect(codes.size).toBe(200);
    for (const code of codes) expect(code).toMatch(/^JTG26-[2-9A-HJKMNP-Z]{5}$/);
  });
});

describe("toErrorResponse", () => {
  it("answers an AppError with its status and user message", async () => {
    const res = toErrorResponse(new AppError("not_found", { userMessage: "Tidak ada.", message: "row 42 missing in table x" }));
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: "Tidak ada." });
  });
  it("answers invalid input with 422 and the field messages", async () => {
    const parsed = z.object({ regency: z.string().min(3, "Kode terlalu pendek.") }).safeParse({ regency: "3" });
    const res = toErrorResponse(parsed.error);
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ fieldErrors: { regency: ["Kode terlalu pendek."] } });
  });
  it("never shows internals of an unexpected error", async () => {
    const original = console.error;
    console.error = () => {};
    try {
      const res = toErrorResponse(new Error("connection to 10.0.0.5 refused at Pool.connect (/srv/app/node_modules/pg)"));
      const text = await res.text();
      expect(res.status).toBe(500);
      expect(text).not.toMatch(/10\.0\.0\.5|node_modules|Pool/);
    } finally {
      console.error = original;
    }
  });
});

describe("rankPlacement (demo seed)", () => {
  it("orders by mean total and hands out the six placements", () => {
    const films = Array.from({ length: 7 }, (_, i) => ({ filmId: `f${i}`, kimId: `k${i}`, totals: [60 + i, 62 + i] }));
    const ranked = rankPlacement(films);
    expect(ranked.map((r) => r.filmId)).toEqual(["f6", "f5", "f4", "f3", "f2", "f1"]);
    expect(ranked[0]).toMatchObject({ placement: "Juara I", rank: 1, score: 67 });
    expect(ranked[5].placement).toBe("Juara Harapan III");
  });
});

describe("toLocale", () => {
  it("falls back to Indonesian", () => {
    expect(toLocale("en")).toBe("en");
    expect(toLocale("fr")).toBe("id");
    expect(toLocale(undefined)).toBe("id");
  });
});

describe("endOfDayWib", () => {
  it("is 23.59 WIB of the day in Jakarta, even when UTC is still on the previous day", async () => {
    const { endOfDayWib } = await import("@/lib/seed/seed-demo");
    expect(endOfDayWib(new Date("2026-11-28T18:00:00Z")).toISOString()).toBe("2026-11-29T16:59:00.000Z");
    expect(endOfDayWib(new Date("2026-11-28T01:00:00Z")).toISOString()).toBe("2026-11-28T16:59:00.000Z");
  });
});
