import type { KeyValue, ListOptions, ListResult } from './types.js';

/** Applies `after`/`limit` paging to keys already sorted and filtered by prefix. */
export function listSorted(
  keys: string[],
  load: (key: string) => KeyValue,
  revision: number,
  opts: ListOptions,
): ListResult {
  let start = 0;
  if (opts.after !== undefined) {
    // binary search for the first key > after
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keys[mid]! <= opts.after) lo = mid + 1;
      else hi = mid;
    }
    start = lo;
  }
  const end = opts.limit ? Math.min(keys.length, start + opts.limit) : keys.length;
  const kvs = keys.slice(start, end).map(load);
  return { kvs, revision, more: end < keys.length, remaining: keys.length - end };
}
