import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { jsonPath, parseEditionFile } from "@/lib/editions/edition-format";
import { formRows } from "@/lib/editions/form-rows";
import { fromWibInput, toWibInput, toWibIso } from "@/lib/editions/edition-schemas";

const docExample = () => {
  const doc = fs.readFileSync("docs/edition-format.md", "utf8");
  return /## Example\s+```json\n([\s\S]*?)```/.exec(doc)![1];
};

describe("the edition file", () => {
  it("reads the example in docs/edition-format.md", () => {
    const file = parseEditionFile(docExample());
    expect(file).toMatchObject({ slug: "festival-film-kim-karanganyar-2027", level: "kabupaten", rules: { maxFileBytes: 2 * 1024 ** 3 }, judging: { tieBreak: ["Kesesuaian tema", "Ide dan kreativitas"] } });
    expect(file.dates.submissionClosesAt).toEqual(new Date("2027-02-01T16:59:00Z"));
  });

  it("skips npm's banner before the JSON, and a byte-order mark", () => {
    const banner = "\n> layar@0.1.0 admin\n> tsx scripts/admin.ts export-edition festival\n\n";
    expect(parseEditionFile(banner + docExample()).slug).toBe("festival-film-kim-karanganyar-2027");
    expect(parseEditionFile(`\uFEFF${docExample()}`).slug).toBe("festival-film-kim-karanganyar-2027");
  });

  it("writes JSON paths the way a person reads them", () => {
    expect(jsonPath(["rubric", 2, "weight"])).toBe("rubric[2].weight");
    expect(jsonPath(["judging", "tieBreak", 0])).toBe("judging.tieBreak[0]");
    expect(jsonPath([])).toBe("(berkas)");
  });

  it("names every unknown key on its own", () => {
    const file = JSON.parse(docExample());
    file.rules.warna = "merah";
    file.categories[0].urutan = 1;
    expect(() => parseEditionFile(JSON.stringify(file))).toThrow(expect.objectContaining({
      fieldErrors: { file: ["Berkas tidak sesuai format di rules.warna: Kolom ini tidak dikenal.", "Berkas tidak sesuai format di categories[0].urutan: Kolom ini tidak dikenal."] },
    }));
  });
});

describe("form pieces", () => {
  it("reads row fields back as rows, in index order, ignoring other fields", () => {
    expect(formRows({ edition: "x", "rows.1.name": "B", "rows.0.name": "A", "rows.0.delete": "on", "rows.x.name": "?", "rows.3.weight": "2" })).toEqual([{ name: "A", delete: "on" }, { name: "B" }, {}, { weight: "2" }]);
  });

  it("reads datetime-local as WIB and writes it back", () => {
    const date = fromWibInput("2027-01-20T23:59");
    expect(date.toISOString()).toBe("2027-01-20T16:59:00.000Z");
    expect(toWibInput(date)).toBe("2027-01-20T23:59");
    expect(toWibIso(date)).toBe("2027-01-20T23:59:00+07:00");
    expect(toWibInput(null)).toBe("");
  });
});
