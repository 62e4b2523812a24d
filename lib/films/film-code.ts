import crypto from "node:crypto";

// No 0/O, 1/I/L: the code is read aloud and typed by judges and organisers.
const alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/**
 * A neutral code shown to judges instead of anything that names the KIM: random,
 * so it reveals neither the entry order nor the region.
 */
export function newFilmCode(prefix: string): string {
  const bytes = crypto.randomBytes(5);
  const body = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
  return `${prefix}-${body}`;
}
