import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The audit viewer shows each action in words (components/admin/audit-entry.tsx, actionLabel);
// an action written in lib/ without a label would show as its code. This reads every
// `action: "area.verb"` literal in lib/ and asks both languages for its label.

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sources(full) : /\.tsx?$/.test(e.name) ? [full] : [];
  });
}

const written = new Set<string>();
for (const file of sources(path.resolve("lib"))) {
  for (const match of fs.readFileSync(file, "utf8").matchAll(/action: "([a-z_]+(?:\.[a-z_]+)+)"/g)) written.add(match[1]);
}

describe.each(["id", "en"])("audit labels in %s", (locale) => {
  const labels = JSON.parse(fs.readFileSync(path.resolve("messages", locale, "audit.json"), "utf8")).actions as Record<string, string>;
  it("finds the actions lib/ writes", () => {
    expect(written.size).toBeGreaterThan(20);
  });
  it("has words for every action lib/ writes", () => {
    const missing = [...written].filter((action) => !labels[action.replace(/[.-]/g, "_")]).sort();
    expect(missing).toEqual([]);
  });
});
