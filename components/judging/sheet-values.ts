// The score sheet's values as the inputs hold them (text), as the server takes
// them (numbers or null), the weighted total, and the copy kept on the device.
// Plain functions: no React, so they are easy to test and to reason about.

export type Criterion = { id: string; name: string; description: string | null; weight: number; minScore: number; maxScore: number };
export type InputValues = Record<string, { score: string; comment: string }>;
export type ServerValues = Record<string, { score: number | null; comment: string }>;

export function toInputValues(criteria: Criterion[], values: Record<string, { score: number | null; comment: string }>): InputValues {
  return Object.fromEntries(criteria.map((c) => [c.id, { score: values[c.id]?.score == null ? "" : String(values[c.id].score), comment: values[c.id]?.comment ?? "" }]));
}

/** A typed score: blank is null; a decimal comma is read as a point (85,5). */
export function parseScore(text: string): number | null {
  const trimmed = text.trim().replace(",", ".");
  if (trimmed === "") return null;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : null;
}

export function toServerValues(criteria: Criterion[], values: InputValues): ServerValues {
  return Object.fromEntries(criteria.map((c) => [c.id, { score: parseScore(values[c.id]?.score ?? ""), comment: values[c.id]?.comment ?? "" }]));
}

/**
 * total = 100 * sum(w_i * s_i / max_i) / sum(w_i), or null until every criterion
 * has a score within its range (a partial total would mislead).
 */
export function weightedTotal(criteria: Criterion[], values: InputValues): number | null {
  if (criteria.length === 0) return null;
  let sum = 0;
  let weights = 0;
  for (const c of criteria) {
    const s = parseScore(values[c.id]?.score ?? "");
    if (s === null || s < c.minScore || s > c.maxScore) return null;
    sum += (c.weight * s) / c.maxScore;
    weights += c.weight;
  }
  return weights > 0 ? (100 * sum) / weights : null;
}

/** A criterion's share of the whole rubric, in percent. */
export function weightShare(criteria: Criterion[], weight: number): number {
  const total = criteria.reduce((a, c) => a + c.weight, 0);
  return total > 0 ? (100 * weight) / total : 0;
}

/** Step of the score input: whole numbers on a wide range, halves on a narrow one (1–10). */
export function scoreStep(c: Pick<Criterion, "minScore" | "maxScore">): number {
  return c.maxScore - c.minScore > 20 ? 1 : 0.5;
}

// ----- the copy on the device -----

type Stored = { values: InputValues; changedAt: number };
const storageKey = (assignmentId: string) => `layar.lembar-nilai.${assignmentId}`;

/** Kept on every change, removed once the server has the same values. */
export function storeLocal(assignmentId: string, values: InputValues): void {
  try {
    localStorage.setItem(storageKey(assignmentId), JSON.stringify({ values, changedAt: Date.now() } satisfies Stored));
  } catch {
    // storage full or disabled: the server draft is still saved
  }
}

export function readLocal(assignmentId: string): Stored | null {
  try {
    const raw = localStorage.getItem(storageKey(assignmentId));
    const parsed = raw ? (JSON.parse(raw) as Stored) : null;
    return parsed && typeof parsed.changedAt === "number" && parsed.values && typeof parsed.values === "object" ? parsed : null;
  } catch {
    return null;
  }
}

export function clearLocal(assignmentId: string, ifUnchangedSince?: number): void {
  try {
    const current = readLocal(assignmentId);
    // A change typed while the save was on its way must stay until it is saved too.
    if (ifUnchangedSince !== undefined && current && current.changedAt > ifUnchangedSince) return;
    localStorage.removeItem(storageKey(assignmentId));
  } catch {
    // nothing to clean
  }
}

/** Values from the device that the server has not seen: only those changed after the server's last save. */
export function unsavedLocal(assignmentId: string, criteria: Criterion[], serverUpdatedAt: string | null): InputValues | null {
  const stored = readLocal(assignmentId);
  if (!stored) return null;
  if (serverUpdatedAt && stored.changedAt <= new Date(serverUpdatedAt).getTime()) return null;
  return Object.fromEntries(
    criteria.map((c) => {
      const v = stored.values[c.id];
      return [c.id, { score: typeof v?.score === "string" ? v.score : "", comment: typeof v?.comment === "string" ? v.comment : "" }];
    }),
  );
}
