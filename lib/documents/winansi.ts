/**
 * The standard PDF fonts (Helvetica, Times) only encode WinAnsi (Windows-1252). A KIM
 * may title its film with an emoji or in Javanese script; drawing that with pdf-lib
 * throws, so every text goes through toWinAnsi first: typographic punctuation becomes
 * its plain form, accented letters outside the set lose their accent, the rest is dropped.
 */

// Windows-1252's 0x80-0x9F block, by Unicode code point.
const CP1252_EXTRAS = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";

const REPLACEMENTS: [RegExp, string][] = [
  [/[\u2010-\u2015\u2212\u2E3A\u2E3B]/g, "-"], // hyphens, en and em dashes, minus sign
  [/[\u2018\u2019\u201A\u201B\u2032\u02BC]/g, "'"],
  [/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"'],
  [/\u2026/g, "..."],
  [/[\t\n\v\f\r\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]/g, " "],
  [/[\u00AD\u200B-\u200D\u2060\uFEFF]/g, ""], // soft hyphen and zero-width characters
];

// Latin letters whose stroke is part of the letter, so NFKD does not take it off.
const STROKED: Record<string, string> = { Đ: "D", đ: "d", Ł: "L", ł: "l", Ħ: "H", ħ: "h", ı: "i", Ŧ: "T", ŧ: "t", Ŋ: "N", ŋ: "n" };

function encodable(char: string): boolean {
  const code = char.codePointAt(0)!;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || CP1252_EXTRAS.includes(char);
}

/** `text` with only characters Helvetica can draw, on one line, spaces collapsed. */
export function toWinAnsi(text: string): string {
  let out = text.normalize("NFC");
  for (const [pattern, replacement] of REPLACEMENTS) out = out.replace(pattern, replacement);
  let kept = "";
  for (const char of out) {
    if (encodable(char)) kept += char;
    else if (STROKED[char]) kept += STROKED[char];
    else {
      // "ā" -> "a" + combining macron -> "a"; scripts without a Latin base vanish.
      for (const part of char.normalize("NFKD")) if (encodable(part)) kept += part;
    }
  }
  return kept.replace(/ {2,}/g, " ").trim();
}
