/**
 * When two KIM names in one village name the same group. Registrants write the name by hand
 * ("KIM Dagen Maju", "kim dagen maju", "Dagen Maju", "KIM Dagen Majoe"), so comparison ignores
 * case, accents, punctuation and the words of "Kelompok Informasi Masyarakat" itself.
 *
 * - `sameKimName`: the names are equal once normalised. A registration naming such a KIM is a
 *   request to join it (it needs a member's consent, lib/kim/join-requests.ts).
 * - `similarKimName`: close but not equal (a typo or two, old spelling, or one name inside the
 *   other). A new KIM with such a name is flagged to the organiser, who decides whether it is a
 *   duplicate.
 */

const genericWords = new Set(["kim", "kelompok", "informasi", "masyarakat"]);

export function normaliseKimName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .split(" ")
    .filter((word) => word && !genericWords.has(word))
    .join(" ");
}

export function sameKimName(a: string, b: string): boolean {
  const na = normaliseKimName(a);
  return na !== "" && na === normaliseKimName(b);
}

export function similarKimName(a: string, b: string): boolean {
  const na = normaliseKimName(a);
  const nb = normaliseKimName(b);
  if (!na || !nb) return false;
  if (na === nb) return true;
  const ca = oldSpelling(na.replace(/ /g, ""));
  const cb = oldSpelling(nb.replace(/ /g, ""));
  if (ca === cb) return true;
  // One name inside the other, as whole words ("Dagen" and "Dagen Maju").
  const wa = na.split(" ");
  const wb = nb.split(" ");
  const [shorter, longer] = wa.length <= wb.length ? [wa, wb] : [wb, wa];
  if (shorter.every((w) => longer.includes(w))) return true;
  // A typo or two: one edit per five letters of the shorter name, at least one.
  const allowed = Math.max(1, Math.floor(Math.min(ca.length, cb.length) / 5));
  return editDistance(ca, cb, allowed) <= allowed;
}

/** Pre-1972 spelling still used in names ("Majoe", "Djaja", "Tjahaja") read as today's. */
function oldSpelling(name: string): string {
  return name.replace(/oe/g, "u").replace(/dj/g, "j").replace(/tj/g, "c");
}

/** Levenshtein distance, stopping early once every path exceeds `limit` (returns limit + 1). */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      best = Math.min(best, current[j]);
    }
    if (best > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length];
}
