/**
 * Grouping items into a map of lists, in the order the items come.
 *
 * Why: "get the list for this key, create it when missing, push" was written out as a loop in
 * nine places (indexes by zone, by vendor, by room...). One helper keeps the first-seen key
 * order and the item order, which the outputs depend on.
 */

/** Adds `item` to the list of `key` in `map`, creating the list on first use. */
export function pushTo<K, T>(map: Map<K, T[]>, key: K, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

/**
 * `items` grouped by `key`: keys in first-seen order, each list in item order. An item whose
 * key is undefined is left out.
 */
export function groupBy<T, K>(items: Iterable<T>, key: (item: T) => K | undefined): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k !== undefined) pushTo(groups, k, item);
  }
  return groups;
}
