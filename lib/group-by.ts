/**
 * Items grouped by a key, in their first-seen order: one pass, for joining rows read apart
 * (Map.groupBy does the same from Node.js 21; the second CI line still runs 20).
 */
export function groupBy<T, K>(items: Iterable<T>, key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
