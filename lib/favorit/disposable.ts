import fs from "node:fs";
import path from "node:path";

// The bundled list of throw-away email domains (disposable-domains.txt, next to this file):
// read once per process, never fetched from the network.

let domains: Set<string> | null = null;

function list(): Set<string> {
  if (!domains) {
    const file = path.join(/*turbopackIgnore: true*/ process.cwd(), "lib", "favorit", "disposable-domains.txt");
    const text = fs.readFileSync(file, "utf8");
    domains = new Set(
      text
        .split("\n")
        .map((line) => line.trim().toLowerCase())
        .filter((line) => line && !line.startsWith("#")),
    );
  }
  return domains;
}

/** Whether an email domain (or a domain it is a subdomain of) is a known disposable one. */
export function isDisposableDomain(domain: string): boolean {
  const parts = domain.trim().toLowerCase().replace(/\.$/, "").split(".");
  const known = list();
  for (let i = 0; i < parts.length - 1; i++) {
    if (known.has(parts.slice(i).join("."))) return true;
  }
  return false;
}

/** How many domains the bundled list holds (for the decision record's test). */
export const disposableDomainCount = () => list().size;
