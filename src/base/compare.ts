/**
 * Comparators for sorting: strings by UTF-16 code units (what `<` does), never by locale.
 *
 * Why: output order must be the same on every machine, so sorting never uses localeCompare or
 * the process locale; and the three-way `a < b ? -1 : a > b ? 1 : 0` was written out again in
 * every file that sorted. `compareStrings` is that expression once; `compareBy` chains keys.
 */

/** -1, 0 or 1 as `a` sorts before, with or after `b` by code units (the order of `<`). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A comparator by string keys, the first that differs deciding: `compareBy((r) => r.rule, (r) => r.param)`. */
export function compareBy<T>(...keys: ((item: T) => string)[]): (a: T, b: T) => number {
  return (a, b) => {
    for (const key of keys) {
      const c = compareStrings(key(a), key(b));
      if (c !== 0) return c;
    }
    return 0;
  };
}

/** `[key, value]` entries sorted by key (for Object.entries and Map entries). */
export function byKey<V>(entries: Iterable<readonly [string, V]>): [string, V][] {
  return [...entries].map(([k, v]): [string, V] => [k, v]).sort(([a], [b]) => compareStrings(a, b));
}
