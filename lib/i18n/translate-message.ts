import { errorCatalogue } from "./error-catalogue";

/**
 * Domain messages (AppError user messages, zod messages, stored video-check problems) are
 * written in Indonesian where they are raised. For an English-locale reader they are translated
 * here, at the edges (runFormAction, jsonRoute, the pages that show stored messages), from the
 * catalogue in error-catalogue.ts: exact texts, and templates whose {values} are carried over.
 * Text the catalogue does not know is returned unchanged (tests/unit/translate-message-coverage
 * keeps lib/ from growing untranslated messages).
 */
export function translateMessage(text: string, locale: string): string {
  if (locale !== "en" || !text) return text;
  return translateWhole(text) ?? translateSentences(text);
}

/** Every message of a fieldErrors record, for forms and JSON answers. */
export function translateFieldErrors(fieldErrors: Record<string, string[]> | undefined, locale: string): Record<string, string[]> | undefined {
  if (!fieldErrors || locale !== "en") return fieldErrors;
  return Object.fromEntries(Object.entries(fieldErrors).map(([field, messages]) => [field, messages.map((m) => translateMessage(m, locale))]));
}

// How a captured value is carried into English. Plain values (names, numbers, codes, an
// organiser's own words) are copied as they are.
type Kind = "text" | "message" | "list" | "number" | "duration" | "bytes" | "choices" | "ids" | "date" | "media";

// What a value may look like. Only a {x:message} value may hold several sentences: a plain
// value stops at a sentence end, so in a stored reason that joins problems ("... minimal
// 1280×720. Durasi film ...") one message's last value does not swallow the next message.
// Film ids never hold brackets or end in a space, so in "Film {ids:ids}{where:message} masih
// seri" the category note " (kategori X)" is not taken as an id.
const oneSentence = "(?:(?![.!?] )[\\s\\S])*?";
const valuePattern: Partial<Record<Kind, string>> = { message: "[\\s\\S]*?", ids: "[^()]*[^() ]" };

type Template = { pattern: RegExp; kinds: Kind[]; names: string[]; english: string; literalLength: number };

const placeholder = /\{(\w+)(?::(\w+))?\}/g;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function compile(indonesian: string, english: string): Template {
  const names: string[] = [];
  const kinds: Kind[] = [];
  let source = "";
  let last = 0;
  for (const match of indonesian.matchAll(placeholder)) {
    const kind = (match[2] as Kind | undefined) ?? "text";
    source += `${escape(indonesian.slice(last, match.index))}(${valuePattern[kind] ?? oneSentence})`;
    names.push(match[1]);
    kinds.push(kind);
    last = match.index + match[0].length;
  }
  source += escape(indonesian.slice(last));
  return { pattern: new RegExp(`^${source}$`), kinds, names, english, literalLength: indonesian.replace(placeholder, "").length };
}

const exact = new Map<string, string>();
// Most specific first: "Berkas ini bukan video (terdeteksi: {x}). {y}" before "Berkas ini bukan video. {y}".
const templates: Template[] = [];
for (const [indonesian, english] of Object.entries(errorCatalogue)) {
  if (/\{\w+(?::\w+)?\}/.test(indonesian)) templates.push(compile(indonesian, english));
  else exact.set(indonesian, english);
}
templates.sort((a, b) => b.literalLength - a.literalLength);

function translateWhole(text: string): string | undefined {
  const found = exact.get(text);
  if (found !== undefined) return found;
  for (const template of templates) {
    const match = template.pattern.exec(text);
    if (!match) continue;
    const values = new Map(template.names.map((name, i) => [name, carry(match[i + 1], template.kinds[i])]));
    return template.english.replace(/\{(\w+)\}/g, (whole, name: string) => values.get(name) ?? whole);
  }
  return undefined;
}

/**
 * Stored text can be several messages joined by spaces (a film's status reason lists every
 * problem of its video). Translate the longest known run of sentences at each point; a sentence
 * nobody knows stays as it is.
 */
function translateSentences(text: string): string {
  const sentences = text.split(/(?<=[.!?]) +(?=\S)/);
  if (sentences.length < 2) return text;
  const out: string[] = [];
  for (let i = 0; i < sentences.length; ) {
    let end = sentences.length;
    let translated: string | undefined;
    for (; end > i; end--) {
      translated = translateWhole(sentences.slice(i, end).join(" "));
      if (translated !== undefined) break;
    }
    if (translated === undefined) {
      out.push(sentences[i]);
      i += 1;
    } else {
      out.push(translated);
      i = end;
    }
  }
  return out.join(" ");
}

const months: Record<string, string> = {
  Januari: "January", Februari: "February", Maret: "March", April: "April", Mei: "May", Juni: "June",
  Juli: "July", Agustus: "August", September: "September", Oktober: "October", November: "November", Desember: "December",
};

// lib/video/label-media.ts names what a file turned out to be: "gambar PNG", "arsip ZIP".
const mediaWords: Record<string, string> = { gambar: "image", foto: "photo", dokumen: "document", arsip: "archive", program: "program", audio: "audio" };

function carry(value: string, kind: Kind): string {
  switch (kind) {
    case "text":
      return value;
    case "message":
      return translateWhole(value) ?? translateSentences(value);
    case "list":
      return value.split("; ").map((item) => translateWhole(item) ?? item).join("; ");
    case "number": // "80,00"
      return value.replace(/(\d),(\d)/g, "$1.$2");
    case "duration": // "1 jam 6 menit 12 detik" (lib/format/duration.ts)
      return value.replace(/(\d+) jam/g, "$1 h").replace(/(\d+) menit/g, "$1 min").replace(/(\d+) detik/g, "$1 s");
    case "bytes": // "1,6 MB" (lib/format/bytes.ts)
      return value.replace(/(\d),(\d)/g, "$1.$2").replace(/ byte$/, " bytes");
    case "choices": // "A, B, atau C" (listChoices)
      return value.replace(/,? atau /g, (sep) => (sep.startsWith(",") ? ", or " : " or "));
    case "ids": // "A, B, dan C" (rank.ts listIds)
      return value.replace(/,? dan /g, (sep) => (sep.startsWith(",") ? ", and " : " and "));
    case "date": // "12 Juni 2026 pukul 14.00 WIB" (formatWib)
      return value.replace(/\p{L}+/gu, (word) => months[word] ?? word).replace(" pukul ", " at ").replace(/(\d{2})\.(\d{2})/, "$1:$2");
    case "media": {
      if (value === "teks biasa") return "plain text";
      const [word, ...rest] = value.split(" ");
      return mediaWords[word] && rest.length ? `${rest.join(" ")} ${mediaWords[word]}` : value;
    }
  }
}
