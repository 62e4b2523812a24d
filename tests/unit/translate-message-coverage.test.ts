import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { errorCatalogue } from "@/lib/i18n/error-catalogue";

/**
 * Every user-facing Indonesian message written in lib/ must have an English entry in
 * lib/i18n/error-catalogue.ts, or English readers silently get Indonesian. A message is a
 * string or template literal (and the + and ?: around it) that is:
 *   - a userMessage / message / error / reason / problem / statusReason property, or a variable
 *     of one of those names,
 *   - an element of a fieldErrors array (or of errors[...] = [...], problems: [...], or of an
 *     array handed to one of the helpers below),
 *   - an argument of a zod call (z.string().min(10, "..."), nameText().min(2, "...")), or of the helpers that build an
 *     AppError or a check problem (refuse, invalid, rejectUpload, problems.push, rank.ts's
 *     block/note/fail/whole),
 *   - returned by a server action (lib/actions) or a video check (lib/video).
 * Values in ${...} are compared as "{}": the catalogue's "{name}" and "{name:kind}" match any.
 * A conditional inside a template counts once per branch.
 */

// Where lib/ writes Indonesian that is not a message of a request: what is printed in the documents
// (Indonesian by law; the documents' settings form and download refusals are messages and are
// scanned), demo data, mails (sent to a person, not shown in their browser's locale), and the
// assignment planner's shortfall reasons, which the penjurian page lays out itself; and errors for
// whoever runs the server (settings, external tools, the `npm run admin` commands' own lines).
const notRequestMessages = [/^lib\/admin\//, /^lib\/documents\/(berita-acara|piagam|rekap|pdf-kit|terbilang|winansi|labels|letterhead)\.ts$/, /^lib\/seed\//, /^lib\/mail\//, /^lib\/db\//, /^lib\/judging\/assign\.ts$/, /^lib\/env\.ts$/, /^lib\/video\/run-tool\.ts$/];

const zodRoots = new Set(["z", "nameText", "plainText"]);
const messageProperties = new Set(["userMessage", "message", "error", "reason", "problem", "statusReason"]);
const messageHelpers = new Set(["refuse", "invalid", "block", "note", "fail", "whole", "rejectUpload", "translateMessage"]);
const messageLists = new Set(["problems", "faults"]);

const sentence = /\p{L}{2,} \p{L}/u;

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? files(full) : e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") ? [full] : [];
  });
}

/** The texts an expression can produce, with every non-literal value as "{}". */
function shapes(node: ts.Node): string[] {
  if (ts.isParenthesizedExpression(node)) return shapes(node.expression);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isConditionalExpression(node)) return [...shapes(node.whenTrue), ...shapes(node.whenFalse)];
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) return cross(shapes(node.left), shapes(node.right));
  if (ts.isTemplateExpression(node)) {
    let out = [node.head.text];
    for (const span of node.templateSpans) {
      const inner = ts.isConditionalExpression(span.expression) ? shapes(span.expression) : ["{}"];
      out = cross(cross(out, inner), [span.literal.text]);
    }
    return out;
  }
  return ["{}"];
}
const cross = (a: string[], b: string[]) => a.flatMap((x) => b.map((y) => x + y));

/** From a literal up to the whole message expression it is part of. */
function messageRoot(node: ts.Node): ts.Node {
  let current = node;
  for (;;) {
    const parent = current.parent;
    if (ts.isParenthesizedExpression(parent) || ts.isTemplateSpan(parent) || ts.isTemplateExpression(parent)) current = parent;
    else if (ts.isConditionalExpression(parent) && parent.condition !== current) current = parent;
    else if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.PlusToken) current = parent;
    else return current;
  }
}

const calleeName = (call: ts.CallExpression) => (ts.isIdentifier(call.expression) ? call.expression.text : ts.isPropertyAccessExpression(call.expression) ? call.expression.name.text : "");

function rootIdentifier(node: ts.Expression): string {
  if (ts.isIdentifier(node)) return node.text;
  if (ts.isPropertyAccessExpression(node)) return rootIdentifier(node.expression);
  if (ts.isCallExpression(node)) return rootIdentifier(node.expression);
  return "";
}

const propertyName = (node: ts.Node) => (ts.isPropertyAssignment(node) ? node.name.getText() : "");

function isMessage(root: ts.Node, file: string): boolean {
  const parent = root.parent;
  if (ts.isPropertyAssignment(parent)) return messageProperties.has(propertyName(parent));
  // const userMessage = "…", held to be thrown or handed to zod a line later.
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name) && messageProperties.has(parent.name.text)) return true;
  if (ts.isArrayLiteralExpression(parent)) {
    const holder = parent.parent;
    if (messageLists.has(propertyName(holder))) return true;
    if (ts.isCallExpression(holder) && messageHelpers.has(calleeName(holder))) return true;
    if (ts.isPropertyAssignment(holder) && propertyName(holder.parent.parent) === "fieldErrors") return true;
    return ts.isBinaryExpression(holder) && ts.isElementAccessExpression(holder.left) && /errors$/i.test(holder.left.expression.getText());
  }
  if (ts.isCallExpression(parent) && parent.arguments.includes(root as ts.Expression)) {
    // z.string()…, and the zod string helpers of lib/text/sanitise.ts (nameText()…, plainText()…).
    if (zodRoots.has(rootIdentifier(parent.expression))) return true;
    const name = calleeName(parent);
    if (messageHelpers.has(name)) return true;
    return name === "push" && ts.isPropertyAccessExpression(parent.expression) && messageLists.has(parent.expression.expression.getText());
  }
  const returned = ts.isReturnStatement(parent) || ts.isArrowFunction(parent) || ts.isVariableDeclaration(parent);
  return returned && /^lib\/(actions|video)\//.test(file);
}

/** Every user-facing message shape in lib/, with where it is written. */
function domainMessages(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of files("lib").map((f) => f.split(path.sep).join("/"))) {
    if (notRequestMessages.some((rule) => rule.test(file))) continue;
    const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    const seen = new Set<ts.Node>();
    const visit = (node: ts.Node) => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
        const root = messageRoot(node);
        if (!seen.has(root) && isMessage(root, file)) {
          seen.add(root);
          const line = source.getLineAndCharacterOfPosition(root.getStart()).line + 1;
          for (const shape of shapes(root)) if (sentence.test(shape)) found.set(shape, `${file}:${line}`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

const catalogueShapes = new Set(Object.keys(errorCatalogue).map((key) => key.replace(/\{\w+(?::\w+)?\}/g, "{}")));

describe("English for domain messages", () => {
  const messages = domainMessages();

  it("finds the messages lib/ writes (the scan itself works)", () => {
    expect(messages.get("Nilai {} harus antara {} dan {}.")).toMatch(/^lib\/judging\/score-sheet\.ts:\d+$/);
    expect(messages.get("Periksa isian yang ditandai.")).toMatch(/^lib\/(actions\/form-state|documents\/document-settings)\.ts:\d+$/);
    expect(messages.get("Kata sandi minimal 10 karakter.")).toMatch(/^lib\/auth\/password\.ts:\d+$/);
    expect(messages.get("Pendaftaran Anda ditolak.")).toBeDefined();
    expect(messages.get("Pendaftaran Anda ditolak: {}")).toBeDefined();
    expect(messages.size).toBeGreaterThan(150);
  });

  it("has an English entry for every one of them", () => {
    const missing = [...messages].filter(([shape]) => !catalogueShapes.has(shape)).map(([shape, where]) => `${where}  ${shape}`);
    expect(missing, "add these to lib/i18n/error-catalogue.ts").toEqual([]);
  });

  it("keeps no entry nothing in lib/ writes any more", () => {
    const known = new Set(messages.keys());
    const stale = [...catalogueShapes].filter((shape) => !known.has(shape) && !fragments.has(shape));
    expect(stale).toEqual([]);
  });

  it("writes every placeholder of an entry in its English text", () => {
    for (const [indonesian, english] of Object.entries(errorCatalogue)) {
      const names = (text: string) => [...text.matchAll(/\{(\w+)(?::\w+)?\}/g)].map((m) => m[1]).sort();
      expect(names(english), indonesian).toEqual(names(indonesian));
    }
  });
});

// Pieces the catalogue translates inside bigger messages ({x:message}) that the scan does not
// see as messages of their own.
// (rank.ts: a sheet's faults, a decision's fault, a bad setting, a tie's category).
const fragments = new Set([
  "nilai tidak terbaca",
  "ada film yang tercantum dua kali",
  "keputusan harus menyangkut minimal dua film",
  "film {} tidak dikenal",
  "urutan harus memuat setiap film tepat satu kali",
  "alasan keputusan belum diisi",
  "{} (tercatat {}); dipakai {}.",
  " (kategori {})",
]);
