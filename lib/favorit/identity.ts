import crypto from "node:crypto";

// Who a voter is, reduced to one comparable string, and the network a request came from.
// Only hashes of these leave this file for the database (docs/decisions/0036).

const gmailDomains = new Set(["gmail.com", "googlemail.com"]);

/**
 * One mailbox, one identity: lower case, trimmed; a "+tag" after the local part is dropped
 * everywhere (Gmail, Outlook, Yahoo, Fastmail deliver it to the same box), and Gmail's dots are
 * dropped too (googlemail.com is gmail.com). Null when it is not an email address.
 */
export function normaliseEmail(input: string): string | null {
  const value = input.trim().toLowerCase();
  // The local part as a browser's type="email" accepts it (no <, >, (, ), quotes or spaces).
  const match = value.match(/^([a-z0-9.!#$%&'*+/=?^_`{|}~-]+)@([a-z0-9-]+(?:\.[a-z0-9-]+)+)$/);
  if (!match || value.length > 254) return null;
  let [, local, domain] = match;
  local = local.split("+")[0];
  if (gmailDomains.has(domain)) {
    local = local.replace(/\./g, "");
    domain = "gmail.com";
  }
  if (!local) return null;
  return `${local}@${domain}`;
}

/** The domain of an email address (kept with a vote for the fraud report). */
export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf("@") + 1).toLowerCase();
}

/** An Indonesian mobile number as 62…: "0812-3456-789", "+62 812 3456 789" → "628123456789". Null otherwise. */
export function normalisePhone(input: string): string | null {
  let digits = input.replace(/[\s().-]/g, "");
  if (digits.startsWith("+")) digits = digits.slice(1);
  if (!/^\d+$/.test(digits)) return null;
  if (digits.startsWith("0")) digits = `62${digits.slice(1)}`;
  if (digits.startsWith("8")) digits = `62${digits}`;
  return /^628\d{7,11}$/.test(digits) ? digits : null;
}

/**
 * The network of a client address: the /24 of an IPv4 address ("203.0.113.0/24"), the /48 of
 * an IPv6 one ("2001:db8:1::/48"). Many phones share a carrier's network, so this groups, it
 * does not identify. "unknown" stays "unknown".
 */
export function networkOf(address: string): string {
  const value = address.trim().toLowerCase();
  const v4 = value.match(/^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  if (value.includes(":")) {
    const groups = expandIpv6(value);
    if (groups) return `${groups.slice(0, 3).map((g) => g.replace(/^0+(?=.)/, "")).join(":")}::/48`;
  }
  return "unknown";
}

function expandIpv6(value: string): string[] | null {
  const bare = value.split("%")[0];
  if (!/^[0-9a-f:]+$/.test(bare)) return null;
  const halves = bare.split("::");
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(":") : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const missing = 8 - head.length - tail.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return null;
  const groups = [...head, ...Array(missing).fill("0"), ...tail];
  return groups.every((g) => /^[0-9a-f]{1,4}$/.test(g)) ? groups : null;
}

/** The voter as stored: a hash of the channel and normalised identity, salted with the edition. */
export function identityHash(editionId: string, channel: string, identity: string): string {
  return crypto.createHash("sha256").update(`favorit|${editionId}|${channel}|${identity}`).digest("hex");
}

/** A 6-digit code, uniformly drawn ("000123" included). */
export function generateCode(): string {
  return crypto.randomInt(0, 1_000_000).toString().padStart(6, "0");
}

/** The code as stored: hashed with its row's id, so equal codes of two rows differ. */
export function codeHash(codeId: string, code: string): string {
  return crypto.createHash("sha256").update(`favorit-code|${codeId}|${code}`).digest("hex");
}

/** What a person typed as the code: digits only, spaces and dashes ignored; null unless six digits. */
export function readCode(input: string): string | null {
  const digits = input.replace(/[\s-]/g, "");
  return /^\d{6}$/.test(digits) ? digits : null;
}

/** Compares two hex hashes in constant time. */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}
