import { describe, expect, it } from "vitest";
import { wordPrefixQuery } from "@/lib/public/text-search";

describe("wordPrefixQuery", () => {
  it("asks for every word by its start, lower-cased", () => {
    expect(wordPrefixQuery("Sawah")).toBe("sawah:*");
    expect(wordPrefixQuery("  sawah   HIJAU ")).toBe("sawah:* & hijau:*");
  });

  it("keeps only letters and digits, so nothing typed is query syntax", () => {
    expect(wordPrefixQuery("air & !desa | (2024):*")).toBe("air:* & desa:* & 2024:*");
    expect(wordPrefixQuery("gotong-royong")).toBe("gotong:* & royong:*");
    expect(wordPrefixQuery("'; drop table films; --")).toBe("drop:* & table:* & films:*");
  });

  it("is null when there is no word to look for", () => {
    expect(wordPrefixQuery("")).toBeNull();
    expect(wordPrefixQuery(" &|!:* ")).toBeNull();
  });

  it("reads letters of any script and full-width forms", () => {
    expect(wordPrefixQuery("Café Ｋｉｍ")).toBe("café:* & kim:*");
  });

  it("asks once per word and for at most eight", () => {
    expect(wordPrefixQuery("desa desa Desa")).toBe("desa:*");
    expect(wordPrefixQuery("a b c d e f g h i j")?.split(" & ")).toHaveLength(8);
  });
});
