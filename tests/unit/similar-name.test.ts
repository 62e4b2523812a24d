import { describe, expect, it } from "vitest";
import { editDistance, normaliseKimName, sameKimName, similarKimName } from "@/lib/kim/similar-name";

describe("KIM names", () => {
  it("are the same KIM regardless of case, spacing, punctuation, accents and the words of 'KIM' itself", () => {
    expect(normaliseKimName("  KIM  Dagen-Maju! ")).toBe("dagen maju");
    for (const name of ["KIM Dagen Maju", "kim dagen maju", "Dagen Maju", "KIM  DAGEN   MAJU", "Kelompok Informasi Masyarakat Dagen Maju", "KIM Dagén Maju"]) {
      expect(sameKimName("KIM Dagen Maju", name), name).toBe(true);
    }
    expect(sameKimName("KIM Dagen Maju", "KIM Dagen Makmur")).toBe(false);
    // A name made only of the generic words matches nothing.
    expect(sameKimName("KIM", "kim")).toBe(false);
  });

  it("are close when a letter or two differ, words run together, or one name holds the other", () => {
    for (const name of ["KIM Dagen Majoe", "KIM Dagen Maj", "KIM DagenMaju", "KIM Dagen", "KIM Dagen Maju Jaya", "KIM Dagem Maju"]) {
      expect(similarKimName("KIM Dagen Maju", name), name).toBe(true);
    }
    // Old spelling (oe, dj, tj) reads as today's.
    expect(similarKimName("KIM Tunas Jaya", "KIM Toenas Djaja")).toBe(true);
    for (const name of ["KIM Sinar Pagi", "KIM Tunas Harapan", "KIM Maju Makmur Sentosa", "KIM"]) {
      expect(similarKimName("KIM Dagen Maju", name), name).toBe(false);
    }
  });

  it("edit distance is Levenshtein's, cut off above the limit", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("abc", "abc")).toBe(0);
    expect(editDistance("kitten", "sitting", 1)).toBe(2);
  });
});
