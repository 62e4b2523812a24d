/** A copy of `value` without `keys`: how internal fields (ids, raw status) stay out of public answers. */
export function omit<T extends object, K extends keyof T>(value: T, ...keys: K[]): Omit<T, K> {
  const copy = { ...value };
  for (const key of keys) delete copy[key];
  return copy;
}
